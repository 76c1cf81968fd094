from django.db import migrations


def fill(apps, schema_editor):
    from cases.services.visit_months import visit_months_rebuild

    visit_months_rebuild(apps)


def empty(apps, schema_editor):
    apps.get_model("cases", "VisitMonth").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("cases", "0016_visit_month")]

    operations = [migrations.RunPython(fill, empty)]
