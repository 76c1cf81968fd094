"""The referral and episode figures read from an index alone (issue 13): a programme's referrals of a
period with the columns the referral figures count by; its episodes by end date with the columns of
"ended" and "active at month end". The (provider, status) index goes: (provider, status, client)
begins with it."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0018_served_month_counting_index"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="referral",
            index=models.Index(
                fields=["programme", "submitted_at", "status", "provider", "municipality", "episode", "decided_at"],
                name="referral_reporting_idx",
            ),
        ),
        migrations.RemoveIndex(model_name="referral", name="referral_provider_status_idx"),
        migrations.AddIndex(
            model_name="episode",
            index=models.Index(
                fields=["programme", "ended_on", "started_on", "contract", "end_reason", "id"],
                name="episode_reporting_idx",
            ),
        ),
    ]
