"""Each served month knows whether the person was a child in it and the person's previous month in the
programme and with the provider, so the reports count people by counting their first rows instead of
hashing them (issue 13). The rows are written again with the new columns."""

from django.db import migrations, models


def fill(apps, schema_editor):
    from cases.services.served import served_months_rebuild

    served_months_rebuild(apps)


class Migration(migrations.Migration):
    dependencies = [("cases", "0025_client_residence_index")]

    operations = [
        migrations.RemoveIndex(model_name="servedmonth", name="served_month_counting_idx"),
        migrations.RemoveIndex(model_name="servedmonth", name="served_month_client_idx"),
        migrations.AddField(
            model_name="servedmonth",
            name="child_in_month",
            field=models.BooleanField(default=False, verbose_name="under 18 on the month's first day"),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="servedmonth",
            name="previous_month",
            field=models.DateField(null=True, verbose_name="previous month served in the programme"),
        ),
        migrations.AddField(
            model_name="servedmonth",
            name="previous_month_with_provider",
            field=models.DateField(
                null=True, verbose_name="previous month served in the programme by the provider"
            ),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
