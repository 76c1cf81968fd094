"""The first-visit dates of the referrals there are, from their episodes' visits (0022 added the column)."""

from django.db import migrations


def fill(apps, schema_editor):
    from cases.services.visit_months import first_visits_rebuild

    first_visits_rebuild(apps)


def empty(apps, schema_editor):
    apps.get_model("cases", "Referral").objects.update(first_visit_on=None)


class Migration(migrations.Migration):
    dependencies = [("cases", "0022_referral_first_visit")]

    operations = [migrations.RunPython(fill, empty)]
