"""`ImportedClientRef` moves here from `reporting` with the visit import; its table was renamed by
`reporting.0002_importedclientref_to_cases`, so this changes the model state only."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0006_episode_contract_fill"),
        ("mentors", "0002_reference_data"),
        ("reporting", "0002_importedclientref_to_cases"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="ImportedClientRef",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="created")),
                        ("updated_at", models.DateTimeField(auto_now=True, verbose_name="updated")),
                        ("client_ref", models.CharField(max_length=100, verbose_name="provider's client ID")),
                        (
                            "client",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="imported_refs",
                                to="cases.client",
                                verbose_name="client",
                            ),
                        ),
                        (
                            "provider",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="+",
                                to="mentors.provider",
                                verbose_name="provider",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "imported client reference",
                        "verbose_name_plural": "imported client references",
                        "ordering": ["provider", "client_ref"],
                        "constraints": [
                            models.UniqueConstraint(
                                fields=("provider", "client_ref"), name="imported_client_ref_unique"
                            )
                        ],
                    },
                ),
            ],
        ),
    ]
