"""The standing cast (STYLE.md 17): two municipalities, two providers, fund staff, a user with no role.

- `sw_a`: social worker of Rīga (municipality A); `sw_b`: of Daugavpils (municipality B).
- provider X (code X-NGO) holds the UA-MENTOR contract covering Rīga; provider Y (Y-NGO) the one
  covering Daugavpils. Each has a coordinator, a social worker and a mentor.
- `fund`: fund staff; `dpo`: the fund's data protection officer; `nobody`: an active user with no membership; `admin_user`: a superuser.
"""

import datetime
from dataclasses import dataclass

import pytest
from django.utils import translation

from mentors.models import FundStaff, ProviderStaff
from tests import factories as f


@pytest.fixture(autouse=True)
def source_language():
    """Outside a request, messages are compared in the source language (English), whatever the test
    before left active; every request still chooses its own language in the middleware."""
    with translation.override("en"):
        yield


@dataclass
class ProviderCast:
    provider: object
    contract: object
    coordinator: object
    social_worker: object
    mentor: object


def _provider_cast(code: str, municipality_code: str) -> ProviderCast:
    provider = f.ProviderFactory(code=code, name=f"Biedrība {code}")
    contract = f.ContractFactory(
        provider=provider,
        programme=f.programme("UA-MENTOR"),
        starts_on=datetime.date(2022, 5, 1),
        ends_on=datetime.date(2027, 12, 31),
        municipalities=[f.municipality(municipality_code)],
    )
    slug = code.lower()
    coordinator = f.ProviderStaffFactory(
        user=f.UserFactory(username=f"{slug}-coordinator"),
        provider=provider,
        role=ProviderStaff.Role.COORDINATOR,
    )
    social_worker = f.ProviderStaffFactory(
        user=f.UserFactory(username=f"{slug}-sw"), provider=provider, role=ProviderStaff.Role.SOCIAL_WORKER
    )
    mentor = f.ProviderStaffFactory(
        user=f.UserFactory(username=f"{slug}-mentor"),
        provider=provider,
        role=ProviderStaff.Role.MENTOR,
        languages=["uk", "ru", "lv"],
    )
    return ProviderCast(provider, contract, coordinator, social_worker, mentor)


@pytest.fixture
def provider_x(db) -> ProviderCast:
    return _provider_cast("X-NGO", "Rīga")


@pytest.fixture
def provider_y(db) -> ProviderCast:
    return _provider_cast("Y-NGO", "Daugavpils")


@pytest.fixture
def sw_a(db):
    return f.MunicipalStaffFactory(
        user=f.UserFactory(username="riga-sw"), municipality=f.municipality("Rīga")
    ).user


@pytest.fixture
def sw_b(db):
    return f.MunicipalStaffFactory(
        user=f.UserFactory(username="daugavpils-sw"), municipality=f.municipality("Daugavpils")
    ).user


@pytest.fixture
def fund(db):
    return f.FundStaffFactory(user=f.UserFactory(username="fund-staff")).user


@pytest.fixture
def dpo(db):
    return f.FundStaffFactory(
        user=f.UserFactory(username="data-protection"), kind=FundStaff.Kind.DATA_PROTECTION_OFFICER
    ).user


@pytest.fixture
def nobody(db):
    return f.UserFactory(username="nobody")


@pytest.fixture
def admin_user(db):
    return f.UserFactory(username="root-admin", is_staff=True, is_superuser=True)


@pytest.fixture
def cast(provider_x, provider_y, sw_a, sw_b, fund, dpo, nobody, admin_user):
    """Every member of the standing cast by name, for table-driven tests."""
    return {
        "sw_a": sw_a,
        "sw_b": sw_b,
        "coordinator_x": provider_x.coordinator.user,
        "social_worker_x": provider_x.social_worker.user,
        "mentor_x": provider_x.mentor.user,
        "coordinator_y": provider_y.coordinator.user,
        "social_worker_y": provider_y.social_worker.user,
        "mentor_y": provider_y.mentor.user,
        "fund": fund,
        "dpo": dpo,
        "nobody": nobody,
        "admin": admin_user,
    }
