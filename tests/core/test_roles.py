"""Roles come from memberships; a user with no membership has no role and sees nothing."""

import pytest

from cases.models import Client
from mentors.access import Role, role_for
from mentors.models import Contract, Provider


@pytest.mark.parametrize(
    ("who", "role"),
    [
        ("sw_a", Role.MUNICIPAL_SOCIAL_WORKER),
        ("coordinator_x", Role.COORDINATOR),
        ("social_worker_x", Role.PROVIDER_SOCIAL_WORKER),
        ("mentor_x", Role.MENTOR),
        ("fund", Role.FUND_STAFF),
        ("nobody", Role.NONE),
        ("admin", Role.ADMINISTRATOR),
    ],
)
def test_role_from_membership(cast, who, role):
    assert role_for(cast[who]).role == role


def test_anonymous_has_no_role(db):
    from django.contrib.auth.models import AnonymousUser

    assert role_for(AnonymousUser()).role == Role.NONE


def test_inactive_provider_staff_has_no_role(provider_x):
    staff = provider_x.mentor
    staff.is_active = False
    staff.save(update_fields=["is_active"])
    staff.user.refresh_from_db()
    assert role_for(staff.user).role == Role.NONE


def test_contracts_scoped_to_provider(cast, provider_x, provider_y):
    assert set(Contract.objects.for_user(cast["coordinator_x"])) == {provider_x.contract}
    assert set(Contract.objects.for_user(cast["mentor_y"])) == {provider_y.contract}
    assert set(Contract.objects.for_user(cast["fund"])) == {provider_x.contract, provider_y.contract}
    assert not Contract.objects.for_user(cast["nobody"]).exists()
    assert not Contract.objects.for_user(cast["sw_a"]).exists()
    assert not Provider.objects.for_user(cast["nobody"]).exists()


def test_nobody_and_fund_see_no_clients(cast):
    from tests.factories import ClientFactory

    ClientFactory()
    assert not Client.objects.for_user(cast["nobody"]).exists()
    assert not Client.objects.for_user(cast["fund"]).exists()
    assert Client.objects.for_user(cast["sw_a"]).count() == 1
