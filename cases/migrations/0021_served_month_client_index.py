"""The people served since a programme started, counted along an index in client order (issue 13); and,
on PostgreSQL, statistics that tell the planner how a programme's months go together (without them it
guesses a third of the rows for a programme's whole life and hashes them all instead)."""

from django.db import migrations, models

STATISTICS = "served_month_programme_month_stats"


def create_statistics(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE STATISTICS IF NOT EXISTS {STATISTICS} (mcv, dependencies) "
            "ON programme_id, month FROM cases_servedmonth"
        )
        schema_editor.execute("ANALYZE cases_servedmonth")


def drop_statistics(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP STATISTICS IF EXISTS {STATISTICS}")


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0020_client_status_index"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="servedmonth",
            index=models.Index(fields=["programme", "client", "contract", "month"], name="served_month_client_idx"),
        ),
        migrations.RunPython(create_statistics, drop_statistics),
    ]
