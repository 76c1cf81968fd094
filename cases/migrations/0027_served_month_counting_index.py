"""The counting index again, with the served months' new columns, so the reports still read them from the
index alone (its own migration: on PostgreSQL an index cannot be built in the transaction that wrote
the rows, while their deferred foreign-key checks are pending)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("cases", "0026_served_month_first_rows")]

    operations = [
        migrations.AddIndex(
            model_name="servedmonth",
            index=models.Index(
                fields=[
                    "programme",
                    "month",
                    "client",
                    "contract",
                    "provider",
                    "citizenship",
                    "date_of_birth",
                    "first_started_on",
                    "child_in_month",
                    "previous_month",
                    "previous_month_with_provider",
                ],
                name="served_month_counting_idx",
            ),
        ),
    ]
