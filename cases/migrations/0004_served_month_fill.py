from django.db import migrations


def fill(apps, schema_editor):
    from cases.services.served import served_months_rebuild

    served_months_rebuild(apps)


def empty(apps, schema_editor):
    apps.get_model("cases", "ServedMonth").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("cases", "0003_served_month")]

    operations = [migrations.RunPython(fill, empty)]
