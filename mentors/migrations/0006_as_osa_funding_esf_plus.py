"""AS-OSA is funded by the European Social Fund Plus and the state budget (seed 003), not by PMIF
75 % / state 25 %, which funds the One-Stop Agency's own project. Existing databases still have the
PMIF shares: they become ESF+ 85 % / state 15 % (config.reference_data.FUNDING_SHARES, which new
databases load). Shares an administrator has already changed are left alone, both ways. Months
locked before keep the split they were approved with (0004 froze it)."""

from decimal import Decimal

from django.db import migrations

# The shares as they were and as they are now, written out: a migration keeps its history.
PMIF = {"PMIF": Decimal("75"), "STATE": Decimal("25")}
ESF_PLUS = {"ESF_PLUS": Decimal("85"), "STATE": Decimal("15")}


def _replace(apps, old, new):
    Programme = apps.get_model("mentors", "Programme")
    FundingShare = apps.get_model("mentors", "FundingShare")
    FundingSource = apps.get_model("mentors", "FundingSource")
    programme_id = Programme.objects.filter(code="AS-OSA").values_list("pk", flat=True).first()
    if programme_id is None:
        return
    shares = FundingShare.objects.filter(programme_id=programme_id)
    if dict(shares.values_list("source__code", "percent")) != old:
        return
    shares.delete()
    sources = dict(FundingSource.objects.filter(code__in=list(new)).values_list("code", "pk"))
    FundingShare.objects.bulk_create(
        FundingShare(programme_id=programme_id, source_id=sources[code], percent=percent)
        for code, percent in new.items()
    )


def to_esf_plus(apps, schema_editor):
    _replace(apps, PMIF, ESF_PLUS)


def to_pmif(apps, schema_editor):
    _replace(apps, ESF_PLUS, PMIF)


class Migration(migrations.Migration):
    dependencies = [("mentors", "0005_contract_month_payment_required")]

    operations = [migrations.RunPython(to_esf_plus, to_pmif)]
