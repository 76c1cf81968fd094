"""The GDPR lifecycle (issue 10): consent withdrawal and household removal for those who edit clients
(mentors read only); the data protection desk, the subject-access download and erasure for the
administrator only (who answers data protection requests until the fund's DPO role exists)."""

from django.urls import reverse

from tests import factories as f
from tests.access.matrix import Row, only

EDIT_A = only(200, "sw_a", "coordinator_x", "social_worker_x")
EDITORS_A = ("sw_a", "coordinator_x", "social_worker_x")


def build(world):
    sw_a, sw_b = world["cast"]["sw_a"], world["cast"]["sw_b"]
    # A Rīga resident never served: the desk may erase her at once.
    person = f.ConsentedClientFactory(registered_by=sw_a, given_name="Marta", family_name="Lysenko")
    world["privacy_client"] = person
    # Registered in Daugavpils, then again in Rīga under the same personal code: a probable duplicate.
    f.ClientFactory(
        personal_code="325511-09090", residence_municipality=f.municipality("Daugavpils"), registered_by=sw_b
    )
    world["privacy_twin"] = f.ClientFactory(personal_code="325511-09090", registered_by=sw_a)


def _url(name, key="privacy_client"):
    return lambda w: reverse(f"cases:{name}", args=[w[key].pk])


ROWS = [
    Row("cases:consent_withdraw", _url("consent_withdraw", "client_a"), EDIT_A),
    Row(
        "cases:consent_withdraw",
        _url("consent_withdraw", "client_a2"),
        EDIT_A | only(403, "mentor_x"),
        label="mentor reads only",
    ),
    Row(
        "cases:consent_withdraw",
        _url("consent_withdraw", "client_a"),
        only(302, *EDITORS_A),
        method="post",
        data=lambda w: {"withdrawn_on": "2026-01-02", "how": "in_person"},
        label="recorded",
    ),
    Row(
        "cases:household_remove",
        _url("household_remove", "client_a2"),
        only(302, *EDITORS_A) | only(403, "mentor_x"),
        method="post",
    ),
    Row("cases:privacy_desk", lambda w: reverse("cases:privacy_desk"), only(200, "admin")),
    Row("cases:subject_access", _url("subject_access"), only(200, "admin")),
    Row("cases:client_erase", _url("client_erase"), only(200, "admin")),
    Row("cases:client_erase", _url("client_erase"), only(302, "admin"), method="post", label="erased"),
    Row("cases:client_merge", _url("client_merge", "privacy_twin"), only(302, "admin"), method="post"),
]
