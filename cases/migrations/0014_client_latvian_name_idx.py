"""The client list's default order as an index (issue 13): names in Latvian order, then the id, so that
a page of a coordinator's tens of thousands of people is read along the index instead of sorting them
all. On PostgreSQL only: SQLite's `lv-x-icu` collation is defined in Python on each connection."""

from django.db import migrations, models
from django.db.models.functions import Collate

from ._postgresql import AddIndexOnPostgreSQL


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0013_plan_goal_copied_from_fill"),
    ]

    operations = [
        AddIndexOnPostgreSQL(
            model_name="client",
            index=models.Index(
                Collate("family_name", "lv-x-icu"),
                Collate("given_name", "lv-x-icu"),
                models.F("id"),
                name="client_latvian_name_idx",
            ),
        ),
    ]
