"""Freeze the payment of every month locked before payments were kept, with the rules of today (the
clients served in the served-months table, the contract's rate, the programme's funding shares), so
that no locked month is left without one. Backwards: the payments are emptied again."""

from django.db import migrations

CHUNK = 2000


def fill(apps, schema_editor):
    from mentors.payments import payments_freeze

    ContractMonth = apps.get_model("mentors", "ContractMonth")
    ContractMonthShare = apps.get_model("mentors", "ContractMonthShare")
    locked = list(ContractMonth.objects.filter(status="locked", served__isnull=True).order_by("pk"))
    for first in range(0, len(locked), CHUNK):
        months = locked[first : first + CHUNK]
        shares = payments_freeze(months, apps=apps)
        ContractMonth.objects.bulk_update(months, ["served", "rate_eur", "payable_eur"])
        ContractMonthShare.objects.bulk_create(shares)


def empty(apps, schema_editor):
    apps.get_model("mentors", "ContractMonthShare").objects.all().delete()
    apps.get_model("mentors", "ContractMonth").objects.update(served=None, rate_eur=None, payable_eur=None)


class Migration(migrations.Migration):
    dependencies = [
        ("mentors", "0003_contract_month_payment"),
        # The served-months table the payments count.
        ("cases", "0004_served_month_fill"),
    ]

    operations = [migrations.RunPython(fill, empty)]
