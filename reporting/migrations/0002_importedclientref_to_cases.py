"""The visit import moved to `cases`, and with it the provider references it remembers: the table is
renamed to `cases_importedclientref` here, and `cases.0007_importedclientref` takes the model over."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("reporting", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[
                migrations.AlterModelTable(name="importedclientref", table="cases_importedclientref"),
            ],
            state_operations=[
                migrations.DeleteModel(name="ImportedClientRef"),
            ],
        ),
    ]
