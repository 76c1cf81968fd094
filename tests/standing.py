"""The standing cast (STYLE.md 18): two municipalities, two providers, fund staff, a user with no role.

- `sw_a`: social worker of Rīga (municipality A); `sw_b`: of Daugavpils (municipality B).
- provider X (code X-NGO) holds the UA-MENTOR contract covering Rīga; provider Y (Y-NGO) the one
  covering Daugavpils. Each has a coordinator, a social worker and a mentor.
- `fund`: fund staff; `dpo`: the fund's data protection officer; `nobody`: an active user with no membership; `admin`: a superuser.

The fixtures in `tests/conftest.py` build its members one by one; `world()` builds all of them
at once, as the start of a world built once per module (the access matrix).
"""

import datetime
from dataclasses import dataclass

from mentors.models import FundStaff, ProviderStaff
from tests import factories as f


@dataclass
class ProviderCast:
    provider: object
    contract: object
    coordinator: object
    social_worker: object
    mentor: object


def provider_cast(code: str, municipality_code: str) -> ProviderCast:
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


def provider_x() -> ProviderCast:
    return provider_cast("X-NGO", "Rīga")


def provider_y() -> ProviderCast:
    return provider_cast("Y-NGO", "Daugavpils")


def sw_a():
    return f.MunicipalStaffFactory(
        user=f.UserFactory(username="riga-sw"), municipality=f.municipality("Rīga")
    ).user


def sw_b():
    return f.MunicipalStaffFactory(
        user=f.UserFactory(username="daugavpils-sw"), municipality=f.municipality("Daugavpils")
    ).user


def fund():
    return f.fund_user()


def dpo():
    return f.FundStaffFactory(
        user=f.UserFactory(username="data-protection"), kind=FundStaff.Kind.DATA_PROTECTION_OFFICER
    ).user


def nobody():
    return f.UserFactory(username="nobody")


def admin_user():
    return f.UserFactory(username="root-admin", is_staff=True, is_superuser=True)


def by_name(x: ProviderCast, y: ProviderCast, **users) -> dict:
    """Every member of the standing cast by name, for table-driven tests."""
    return {
        "sw_a": users["sw_a"],
        "sw_b": users["sw_b"],
        "coordinator_x": x.coordinator.user,
        "social_worker_x": x.social_worker.user,
        "mentor_x": x.mentor.user,
        "coordinator_y": y.coordinator.user,
        "social_worker_y": y.social_worker.user,
        "mentor_y": y.mentor.user,
        "fund": users["fund"],
        "dpo": users["dpo"],
        "nobody": users["nobody"],
        "admin": users["admin"],
    }


def world() -> dict:
    """The whole cast: `{"cast": <by name>, "provider_x": ..., "provider_y": ...}`."""
    x, y = provider_x(), provider_y()
    cast = by_name(
        x, y, sw_a=sw_a(), sw_b=sw_b(), fund=fund(), dpo=dpo(), nobody=nobody(), admin=admin_user()
    )
    return {"cast": cast, "provider_x": x, "provider_y": y}
