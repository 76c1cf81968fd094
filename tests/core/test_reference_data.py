"""A fresh database holds DOMAIN.md's reference data, in all three languages."""

import importlib

import pytest
from django.apps import apps as django_apps
from django.utils import translation

from cases.models import Activity, EndReason, GoalArea, LegalStatus
from mentors.models import FundingShare, FundingSource, Programme
from municipalities.models import AccommodationCentre, Municipality, SocialService


@pytest.mark.django_db
def test_municipalities_and_services():
    assert Municipality.objects.count() == 43
    assert Municipality.objects.filter(kind="city").count() == 7
    assert SocialService.objects.count() == 43
    assert set(Municipality.objects.values_list("region__code", flat=True)) == {
        "RIGA",
        "VIDZEME",
        "KURZEME",
        "ZEMGALE",
        "LATGALE",
    }
    assert AccommodationCentre.objects.get(code="MUCENIEKI").municipality.code == "Ropažu novads"
    assert AccommodationCentre.objects.get(code="LIEPNA").municipality.code == "Alūksnes novads"


@pytest.mark.django_db
def test_codes_in_domain_order():
    assert list(EndReason.objects.values_list("code", flat=True)) == [
        "plan_achieved",
        "limit_reached",
        "left_country",
        "declined",
        "transferred",
        "unreachable",
        "ineligible",
        "other",
    ]
    assert set(LegalStatus.objects.values_list("code", flat=True)) == {
        "ua_civilian",
        "asylum_seeker",
        "refugee",
        "alternative_status",
    }
    assert Activity.objects.count() == 19
    assert Activity.objects.first().code == "needs_assessment"
    assert GoalArea.objects.count() == 10


@pytest.mark.django_db
def test_programme_rules_are_data():
    ua = Programme.objects.get(code="UA-MENTOR")
    assert (ua.referred_by, ua.limit_unit, ua.limit_length, ua.limit_anchor) == (
        "municipality",
        "days",
        60,
        "episode_start",
    )
    esf = Programme.objects.get(code="AS-ESF")
    assert (esf.limit_unit, esf.limit_length, esf.limit_anchor) == ("months", 12, "status_granted")
    osa = Programme.objects.get(code="AS-OSA")
    assert (osa.limit_length, osa.extension_max_length, osa.target_clients) == (12, 24, 1140)
    assert sum(share.percent for share in ua.funding_shares.all()) == 100


def _shares(code: str) -> dict:
    return {
        source: int(percent)
        for source, percent in FundingShare.objects.filter(programme__code=code).values_list(
            "source__code", "percent"
        )
    }


@pytest.mark.django_db
def test_as_osa_is_funded_by_esf_plus_and_the_state_budget():
    """Seed 003: the One-Stop Agency's social worker and mentor service is ESF+ and state budget;
    PMIF 75 % / state 25 % funds the agency's own project."""
    assert _shares("AS-OSA") == {"ESF_PLUS": 85, "STATE": 15}
    assert _shares("UA-MENTOR") == _shares("AS-ESF") == {"ESF": 85, "STATE": 15}


@pytest.mark.django_db
def test_the_as_osa_funding_migration_changes_only_the_old_default_both_ways():
    migration = importlib.import_module("mentors.migrations.0006_as_osa_funding_esf_plus")
    osa = Programme.objects.get(code="AS-OSA")
    osa.funding_shares.all().delete()
    for code, percent in (("PMIF", 75), ("STATE", 25)):
        FundingShare.objects.create(
            programme=osa, source=FundingSource.objects.get(code=code), percent=percent
        )
    migration.to_esf_plus(django_apps, None)
    assert _shares("AS-OSA") == {"ESF_PLUS": 85, "STATE": 15}
    migration.to_pmif(django_apps, None)
    assert _shares("AS-OSA") == {"PMIF": 75, "STATE": 25}
    # Shares an administrator chose are theirs: neither direction touches them.
    FundingShare.objects.filter(programme=osa, source__code="PMIF").update(percent=70)
    FundingShare.objects.filter(programme=osa, source__code="STATE").update(percent=30)
    migration.to_esf_plus(django_apps, None)
    migration.to_pmif(django_apps, None)
    assert _shares("AS-OSA") == {"PMIF": 70, "STATE": 30}


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "expected"),
    [("lv", "Ropažu novads"), ("uk", "Ропазький край"), ("ru", "Ропажский край")],
)
def test_names_translated(language, expected):
    with translation.override(language):
        assert Municipality.objects.get(code="Ropažu novads").name == expected
