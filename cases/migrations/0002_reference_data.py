"""Legal statuses, activities, plan goal areas and episode end reasons (DOMAIN.md stable codes)."""

from django.db import migrations

from config.reference_data import ACTIVITIES, END_REASONS, GOAL_AREAS, LEGAL_STATUSES

LANGS = ("lv", "uk", "ru", "en")
TABLES = {"LegalStatus": LEGAL_STATUSES, "Activity": ACTIVITIES, "GoalArea": GOAL_AREAS, "EndReason": END_REASONS}


def load(apps, schema_editor):
    for model_name, rows in TABLES.items():
        model = apps.get_model("cases", model_name)
        for order, row in enumerate(rows, start=1):
            values = {f"name_{lang}": row["name"][lang] for lang in LANGS}
            model.objects.create(code=row["code"], name=row["name"]["lv"], order=order, **values)


def unload(apps, schema_editor):
    for model_name in TABLES:
        apps.get_model("cases", model_name).objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("cases", "0001_initial")]
    operations = [migrations.RunPython(load, unload)]
