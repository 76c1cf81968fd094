"""The date of a referral's first visit, kept beside the visit months (issue 13): the referral figures
read the days to the first visit from their index instead of looking up the first visit of every
accepted referral's episode. Filled in 0023; the index, which holds it instead of the episode (only
that look-up read the episode there), is built again in 0024, after the fill, so that it is built
compact rather than grown by an update of every row."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0021_served_month_client_index"),
    ]

    operations = [
        migrations.AddField(
            model_name="referral",
            name="first_visit_on",
            field=models.DateField(editable=False, null=True, verbose_name="first visit on"),
        ),
        migrations.RemoveIndex(model_name="referral", name="referral_reporting_idx"),
    ]
