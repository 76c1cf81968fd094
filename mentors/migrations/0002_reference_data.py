"""Spoken languages, funding sources and the three programmes with their rules as data."""

import datetime
from decimal import Decimal

from django.db import migrations

from config.reference_data import FUNDING_SHARES, FUNDING_SOURCES, PROGRAMMES, SPOKEN_LANGUAGES

LANGS = ("lv", "uk", "ru", "en")

RULES = {
    "UA-MENTOR": {
        "referred_by": "municipality",
        "limit_unit": "days",
        "limit_length": 60,
        "limit_anchor": "episode_start",
        "extension_max_length": None,
        "plan_required": False,
        "social_worker_required": False,
        "target_clients": 7000,
        "starts_on": datetime.date(2022, 4, 1),
        "ends_on": None,
    },
    "AS-ESF": {
        "referred_by": "provider",
        "limit_unit": "months",
        "limit_length": 12,
        "limit_anchor": "status_granted",
        "extension_max_length": None,
        "plan_required": True,
        "social_worker_required": True,
        "target_clients": None,
        "starts_on": datetime.date(2016, 11, 1),
        "ends_on": datetime.date(2023, 11, 30),
    },
    "AS-OSA": {
        "referred_by": "provider",
        "limit_unit": "months",
        "limit_length": 12,
        "limit_anchor": "episode_start",
        "extension_max_length": 24,
        "plan_required": True,
        "social_worker_required": True,
        "target_clients": 1140,
        "starts_on": datetime.date(2023, 12, 1),
        "ends_on": None,
    },
}


def names(field, translations):
    values = {f"{field}_{lang}": translations[lang] for lang in LANGS}
    values[field] = translations["lv"]
    return values


def load(apps, schema_editor):
    SpokenLanguage = apps.get_model("mentors", "SpokenLanguage")
    FundingSource = apps.get_model("mentors", "FundingSource")
    Programme = apps.get_model("mentors", "Programme")
    FundingShare = apps.get_model("mentors", "FundingShare")
    for order, row in enumerate(SPOKEN_LANGUAGES, start=1):
        SpokenLanguage.objects.create(code=row["code"], order=order, **names("name", row["name"]))
    sources = {row["code"]: FundingSource.objects.create(code=row["code"], **names("name", row["name"])) for row in FUNDING_SOURCES}
    for row in PROGRAMMES:
        rules = RULES[row["code"]]
        shares = FUNDING_SHARES[row["code"]]
        programme = Programme.objects.create(
            code=row["code"], **names("name", row["name"]), **names("description", row["description"]), **rules
        )
        for source, percent in shares.items():
            FundingShare.objects.create(programme=programme, source=sources[source], percent=Decimal(percent))


def unload(apps, schema_editor):
    for model in ("FundingShare", "Programme", "FundingSource", "SpokenLanguage"):
        apps.get_model("mentors", model).objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("mentors", "0001_initial")]
    operations = [migrations.RunPython(load, unload)]
