"""generate_demo_data builds DOMAIN.md's contract history exactly."""

import datetime
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command

from mentors.models import Contract, FundStaff, ProviderStaff
from municipalities.models import Municipality, MunicipalStaff


@pytest.mark.django_db
def test_organisations_only():
    call_command("generate_demo_data", clients=0, seed=3, verbosity=0)
    assert Contract.objects.count() == 10
    lsk = Contract.objects.get(provider__code="LSK")
    assert (lsk.programme.code, lsk.starts_on, lsk.terminated_on, lsk.rate_eur) == (
        "AS-ESF",
        datetime.date(2016, 11, 1),
        datetime.date(2022, 1, 31),
        Decimal("60.00"),
    )
    caritas = Contract.objects.get(provider__code="CARITAS", programme__code="AS-ESF")
    assert (caritas.starts_on, caritas.ends_on, caritas.monthly_capacity) == (
        datetime.date(2022, 2, 1),
        datetime.date(2023, 11, 30),
        360,
    )
    osa = Contract.objects.get(provider__code="OSA")
    assert (osa.rate_eur, osa.monthly_capacity, osa.value_eur) == (
        Decimal("55.00"),
        300,
        Decimal("750000.00"),
    )
    ua = Contract.objects.filter(programme__code="UA-MENTOR")
    assert ua.count() == 7
    # Every municipality is covered by exactly one UA-MENTOR contract.
    for municipality in Municipality.objects.all():
        assert ua.filter(municipalities=municipality).count() == 1, municipality.code
    assert ProviderStaff.objects.filter(provider__code="CARITAS", role="mentor").count() == 18 + 7
    assert ProviderStaff.objects.filter(provider__code="OSA", role="social_worker").count() == 5
    assert FundStaff.objects.exists()
    assert MunicipalStaff.objects.filter(municipality__code="Rīga").exists()


@pytest.mark.django_db
def test_refuses_a_non_empty_database_and_bad_arguments():
    call_command("generate_demo_data", clients=0, verbosity=0)
    with pytest.raises(CommandError):
        call_command("generate_demo_data", clients=0, verbosity=0)
    call_command("generate_demo_data", clients=0, if_empty=True, verbosity=0)
    assert Contract.objects.count() == 10
    with pytest.raises(CommandError):
        call_command("generate_demo_data", clients=-1, verbosity=0)
