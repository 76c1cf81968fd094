"""The client list sorted by legal status reads a page along an index (issue 13), as the default sort
by name does, instead of sorting the whole scope."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0019_reporting_indexes"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="client",
            index=models.Index(fields=["legal_status", "id"], name="client_status_idx"),
        ),
    ]
