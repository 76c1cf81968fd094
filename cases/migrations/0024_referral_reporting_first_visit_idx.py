"""The referral figures' covering index with the first visit's date instead of the episode (see 0022)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0023_referral_first_visit_fill"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="referral",
            index=models.Index(
                fields=["programme", "submitted_at", "status", "provider", "municipality", "decided_at", "first_visit_on"],
                name="referral_reporting_idx",
            ),
        ),
    ]
