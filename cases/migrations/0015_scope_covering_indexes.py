"""The client scope's arms read from an index alone (issue 13): the ids of a provider's and a
municipality's people, from their referrals and their episodes, collected for each page of the client
list (`mentors.access._client_arms`)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0014_client_latvian_name_idx"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="episode",
            index=models.Index(fields=["contract", "client"], name="episode_contract_client_idx"),
        ),
        migrations.AddIndex(
            model_name="referral",
            index=models.Index(fields=["provider", "status", "client"], name="referral_provider_client_idx"),
        ),
        migrations.AddIndex(
            model_name="referral",
            index=models.Index(fields=["municipality", "client"], name="referral_municipal_client_idx"),
        ),
    ]
