"""Reporting: dashboards and exports (fund staff, coordinators of their own provider), referral figures
(also municipal social workers), payment statements (locking: fund staff only), press figures (fund),
the change and read log (the data protection officer only)."""

import datetime

from django.urls import reverse
from django.utils import timezone

from cases.rules.limits import add_months
from mentors.services import contract_month_lock
from reporting.forms import statement_key
from reporting.periods import month_start
from tests.access.matrix import Row, only

PERIOD = {"programme": "UA-MENTOR", "start": "2024-01", "end": "2024-06"}
FUND_AND_COORDINATORS = only(200, "fund", "coordinator_x", "coordinator_y")
WITH_MUNICIPAL = FUND_AND_COORDINATORS | only(200, "sw_a", "sw_b")
X_STATEMENT = only(200, "fund", "coordinator_x")


def build(world):
    contract = world["provider_x"].contract
    contract_month_lock(contract=contract, month=datetime.date(2024, 2, 1), by=world["cast"]["fund"])


def _waiting(world) -> str:
    """Provider X's month just ended, which waits for approval (its contract runs until 2027)."""
    last = add_months(month_start(timezone.localdate()), -1)
    return statement_key(world["provider_x"].contract.pk, last)


def _statement(name, month="2024-03", *extra):
    return lambda w: reverse(f"reporting:{name}", args=[w["provider_x"].contract.pk, month, *extra])


ROWS = [
    Row(
        "reporting:dashboard",
        lambda w: reverse("reporting:dashboard"),
        FUND_AND_COORDINATORS,
        data=lambda w: PERIOD,
    ),
    Row(
        "reporting:export",
        lambda w: reverse("reporting:export", args=["monthly", "xlsx"]),
        FUND_AND_COORDINATORS,
        data=lambda w: PERIOD,
    ),
    Row(
        "reporting:export",
        lambda w: reverse("reporting:export", args=["municipalities", "csv"]),
        WITH_MUNICIPAL,
        data=lambda w: PERIOD,
        label="municipalities",
    ),
    Row(
        "reporting:referrals", lambda w: reverse("reporting:referrals"), WITH_MUNICIPAL, data=lambda w: PERIOD
    ),
    Row(
        "reporting:statements",
        lambda w: reverse("reporting:statements"),
        FUND_AND_COORDINATORS,
        data=lambda w: PERIOD,
    ),
    Row(
        "reporting:statements_approve",
        lambda w: reverse("reporting:statements_approve"),
        only(200, "fund"),
        method="post",
        data=lambda w: {"months": [_waiting(w)]},
        label="asks first",
    ),
    Row(
        "reporting:statements_approve",
        lambda w: reverse("reporting:statements_approve"),
        only(302, "fund"),
        method="post",
        data=lambda w: {"months": [_waiting(w)], "confirmed": "1"},
        label="confirmed",
    ),
    Row(
        "reporting:statements_approve",
        lambda w: reverse("reporting:statements_approve"),
        only(400, "fund"),
        method="post",
        data=lambda w: {"months": ["0:2000-01"]},
        label="a month not waiting",
    ),
    Row("reporting:statement", _statement("statement"), X_STATEMENT),
    Row("reporting:statement_print", _statement("statement_print"), X_STATEMENT),
    Row("reporting:statement_print", _statement("statement_print", "2024-02"), X_STATEMENT, label="approved"),
    Row("reporting:statement_export", _statement("statement_export", "2024-03", "xlsx"), X_STATEMENT),
    Row(
        "reporting:statement_lock",
        _statement("statement_lock"),
        only(200, "fund") | only(403, "coordinator_x"),
        method="post",
        label="asks first",
    ),
    Row(
        "reporting:statement_lock",
        _statement("statement_lock"),
        only(302, "fund") | only(403, "coordinator_x"),
        method="post",
        data=lambda w: {"confirmed": "1"},
        label="confirmed",
    ),
    Row(
        "reporting:statement_unlock",
        _statement("statement_unlock", "2024-02"),
        only(200, "fund") | only(403, "coordinator_x"),
        method="post",
        data=lambda w: {"reason": "Correction"},
        label="asks first",
    ),
    Row(
        "reporting:statement_unlock",
        _statement("statement_unlock", "2024-02"),
        only(302, "fund") | only(403, "coordinator_x"),
        method="post",
        data=lambda w: {"reason": "Correction", "confirmed": "1"},
        label="confirmed",
    ),
    Row("reporting:press", lambda w: reverse("reporting:press"), only(200, "fund")),
    Row(
        "reporting:press_export", lambda w: reverse("reporting:press_export", args=["csv"]), only(200, "fund")
    ),
    Row("reporting:audit_log", lambda w: reverse("reporting:audit_log"), only(200, "dpo")),
    Row(
        "reporting:audit_log",
        lambda w: reverse("reporting:audit_log"),
        only(200, "dpo"),
        data=lambda w: {"person": "K-0000001", "kind": "reads", "start": "2024-01-01", "end": "9999-12-31"},
        label="filtered",
    ),
]
