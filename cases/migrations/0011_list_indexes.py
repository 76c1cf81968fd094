"""Indexes for the lists and the search (issue 13): a municipality's referrals by date, and a trigram
index on the client's name key for the search's LIKE '%…%' — with the pg_trgm extension, on PostgreSQL
only (SQLite has neither; there the search scans, as it always did)."""

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations, models

from ._postgresql import AddIndexOnPostgreSQL


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0010_visit_logged_by_date_idx"),
    ]

    operations = [
        TrigramExtension(),  # CREATE EXTENSION IF NOT EXISTS pg_trgm; nothing on other databases
        AddIndexOnPostgreSQL(
            model_name="client",
            index=GinIndex(fields=["name_key"], name="client_name_key_trgm_idx", opclasses=["gin_trgm_ops"]),
        ),
        migrations.AddIndex(
            model_name="referral",
            index=models.Index(fields=["municipality", "submitted_at"], name="referral_municipality_date_idx"),
        ),
    ]
