"""Clients and referrals (issue 3): municipal staff of the client's municipality and the provider the
client was referred to; mentors only their own clients, read-only; fund staff see no personal data."""

from django.urls import reverse

from cases.models import Referral
from tests import factories as f
from tests.access.matrix import Row, only

PROVIDER_SIDE = (
    "coordinator_x",
    "social_worker_x",
    "coordinator_y",
    "social_worker_y",
    "mentor_x",
    "mentor_y",
)
CLIENT_AREA = only(200, "sw_a", "sw_b", *PROVIDER_SIDE)
# Client A was referred by Rīga to provider X: Rīga's social worker and X's staff (not yet its mentor).
EDIT_A = only(200, "sw_a", "coordinator_x", "social_worker_x")


def build(world):
    cast, x, y = world["cast"], world["provider_x"], world["provider_y"]
    sw_a, sw_b = cast["sw_a"], cast["sw_b"]

    def referral(client, contract, filed_by, **kwargs):
        return f.ReferralFactory(client=client, contract=contract, filed_by=filed_by, **kwargs)

    client_a = f.ConsentedClientFactory(registered_by=sw_a, given_name="Olena", family_name="Bondarenko")
    world["client_a"] = client_a
    world["referral_a"] = referral(client_a, x.contract, sw_a)

    # Client A2: accepted by X, mentored by X's mentor.
    client_a2 = f.ConsentedClientFactory(registered_by=sw_a, given_name="Taras", family_name="Bondarenko")
    world["client_a2"] = client_a2
    world["referral_a2"] = referral(
        client_a2, x.contract, sw_a, status=Referral.Status.ACCEPTED, mentor=x.mentor
    )

    # Client A3: returned by X to Rīga.
    client_a3 = f.ConsentedClientFactory(registered_by=sw_a)
    world["referral_a3"] = referral(client_a3, x.contract, sw_a, status=Referral.Status.RETURNED)

    client_b = f.ConsentedClientFactory(
        registered_by=sw_b, residence_municipality=f.municipality("Daugavpils")
    )
    world["referral_b"] = referral(client_b, y.contract, sw_b)


def client_url(name, key="client_a"):
    return lambda w: reverse(f"cases:{name}", args=[w[key].pk])


def referral_url(name, key="referral_a"):
    return lambda w: reverse(f"cases:{name}", args=[w[key].pk])


ROWS = [
    Row("cases:client_list", lambda w: reverse("cases:client_list"), CLIENT_AREA),
    Row(
        "cases:client_register",
        lambda w: reverse("cases:client_register"),
        only(200, "sw_a", "sw_b", "coordinator_x", "social_worker_x", "coordinator_y", "social_worker_y")
        | only(403, "mentor_x", "mentor_y"),
    ),
    Row("cases:client_detail", client_url("client_detail"), EDIT_A),
    Row(
        "cases:client_detail",
        client_url("client_detail", "client_a2"),
        EDIT_A | only(200, "mentor_x"),
        label="own mentor",
    ),
    Row("cases:client_edit", client_url("client_edit"), EDIT_A),
    Row(
        "cases:client_edit",
        client_url("client_edit", "client_a2"),
        EDIT_A | only(403, "mentor_x"),
        label="mentor reads only",
    ),
    Row("cases:household_member_add", client_url("household_member_add"), EDIT_A),
    Row(
        "cases:household_link",
        client_url("household_link"),
        only(302, "sw_a", "coordinator_x", "social_worker_x"),
        method="post",
        data=lambda w: {"member": w["client_a2"].pk, "household_relation": "child"},
    ),
    Row("cases:consent_record", client_url("consent_record"), EDIT_A),
    Row(
        "cases:consent_record",
        client_url("consent_record", "client_a2"),
        EDIT_A | only(403, "mentor_x"),
        label="mentor reads only",
    ),
    Row("cases:legal_status_record", client_url("legal_status_record"), EDIT_A),
    Row(
        "cases:referral_create",
        client_url("referral_create"),
        only(200, "sw_a") | only(403, "coordinator_x", "social_worker_x"),
    ),
    Row(
        "cases:intake_episode_open",
        client_url("intake_episode_open"),
        only(200, "coordinator_x", "social_worker_x") | only(403, "sw_a"),
    ),
    Row("cases:referral_list", lambda w: reverse("cases:referral_list"), CLIENT_AREA),
    Row("cases:referral_detail", referral_url("referral_detail"), EDIT_A),
    Row(
        "cases:referral_detail",
        referral_url("referral_detail", "referral_a2"),
        EDIT_A | only(200, "mentor_x"),
        label="own mentor",
    ),
    Row(
        "cases:referral_accept",
        referral_url("referral_accept"),
        only(302, "coordinator_x") | only(403, "sw_a", "social_worker_x"),
        method="post",
        data=lambda w: {"accept-mentor": w["provider_x"].mentor.pk},
    ),
    Row(
        "cases:referral_return",
        referral_url("referral_return"),
        only(302, "coordinator_x") | only(403, "sw_a", "social_worker_x"),
        method="post",
        data=lambda w: {"return-reason": "No free mentor this month."},
    ),
    Row(
        "cases:referral_withdraw",
        referral_url("referral_withdraw"),
        only(200, "sw_a") | only(403, "coordinator_x", "social_worker_x"),
        method="post",
        label="asks first",
    ),
    Row(
        "cases:referral_withdraw",
        referral_url("referral_withdraw"),
        only(302, "sw_a") | only(403, "coordinator_x", "social_worker_x"),
        method="post",
        data=lambda w: {"confirmed": "1"},
        label="confirmed",
    ),
    Row(
        "cases:referral_resubmit",
        # A returned referral is the municipality's until re-sent: X's staff no longer see it (404).
        referral_url("referral_resubmit", "referral_a3"),
        only(302, "sw_a"),
        method="post",
        data=lambda w: {"resubmit-provider": w["provider_x"].provider.pk},
    ),
]
