"""The reports count served months from one index alone (issue 13): the programme's months with every
column the counts group and filter by, so PostgreSQL answers them with an index-only scan. It replaces
the (programme, month) index, which it begins with."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0017_visit_month_fill"),
        ("mentors", "0008_fund_staff_kind"),
    ]

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
                ],
                name="served_month_counting_idx",
            ),
        ),
        migrations.RemoveIndex(model_name="servedmonth", name="served_month_programme_idx"),
    ]
