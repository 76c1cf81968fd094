"""Planning regions, the 43 municipalities with their social services, and the accommodation centres."""

import datetime

from django.db import migrations

from config.reference_data import ACCOMMODATION_CENTRES, MUNICIPALITIES, REGIONS

LANGS = ("lv", "uk", "ru", "en")


def names(field, translations):
    values = {f"{field}_{lang}": translations[lang] for lang in LANGS}
    values[field] = translations["lv"]
    return values


def load(apps, schema_editor):
    PlanningRegion = apps.get_model("municipalities", "PlanningRegion")
    Municipality = apps.get_model("municipalities", "Municipality")
    SocialService = apps.get_model("municipalities", "SocialService")
    AccommodationCentre = apps.get_model("municipalities", "AccommodationCentre")
    regions = {}
    for row in REGIONS:
        regions[row["code"]] = PlanningRegion.objects.create(code=row["code"], **names("name", row["name"]))
    municipalities = {}
    for row in MUNICIPALITIES:
        municipality = Municipality.objects.create(
            code=row["code"], kind=row["kind"], region=regions[row["region"]], **names("name", row["name"])
        )
        municipalities[row["code"]] = municipality
        SocialService.objects.create(municipality=municipality, **names("name", row["service_name"]))
    opened = {"LIEPNA": datetime.date(2023, 9, 1)}
    for row in ACCOMMODATION_CENTRES:
        AccommodationCentre.objects.create(
            code=row["code"],
            municipality=municipalities[row["municipality"]],
            opened_on=opened.get(row["code"]),
            **names("name", row["name"]),
        )


def unload(apps, schema_editor):
    apps.get_model("municipalities", "AccommodationCentre").objects.all().delete()
    apps.get_model("municipalities", "SocialService").objects.all().delete()
    apps.get_model("municipalities", "Municipality").objects.all().delete()
    apps.get_model("municipalities", "PlanningRegion").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("municipalities", "0001_initial")]
    operations = [migrations.RunPython(load, unload)]
