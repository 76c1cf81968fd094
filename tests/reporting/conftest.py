"""The Red Cross 2017 scenario of DOMAIN.md: 190 different persons served April–August, by month
69, 103, 111, 135 and 120, under the LSK AS-ESF contract (60 EUR per client-month, ESF 85 % / state 15 %).

Who is served when (client numbers 0–189):

- April 0–68, May 0–102, June 30–140, July 55–189, August 70–189 — one visit a month on the 5th;
  0–9 have a second visit in April (45 minutes), so a person is counted once however often seen.
- 180–189 are children with no episode of their own, in the households of 170–179 and present at
  their July and August family visits: a family visit counts for everyone present.
- 150–169 are children (born 2010); 140 turns 18 on 10 June 2017 (a child in June, not in July).
- 0–9 had an earlier AS-ESF episode (December 2016 – February 2017), so they are not new in April.
- Episodes start on the 3rd of the first month served; 0–19 end 31 May (left Latvia), 20–29 on 31 May
  (plan achieved), 30–54 on 15 June (time limit), 55–69 on 20 July (declined); the rest stay open.
- CARITAS also holds an AS-ESF contract (from 2022): it is in the report with zeros.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal

import pytest
from django.db import transaction

from cases.models import EndReason, Episode
from mentors.models import Contract
from tests import factories as f

D = datetime.date
APR, MAY, JUN, JUL, AUG = (D(2017, m, 1) for m in range(4, 9))
SERVED = {
    APR: range(0, 69),
    MAY: range(0, 103),
    JUN: range(30, 141),
    JUL: range(55, 190),
    AUG: range(70, 190),
}
FAMILY_ONLY = range(180, 190)
CHILDREN = range(150, 170)
TURNS_18_IN_JUNE = 140
EARLIER_EPISODE = range(0, 10)
ENDINGS = [
    (range(0, 20), D(2017, 5, 31), "left_country"),
    (range(20, 30), D(2017, 5, 31), "plan_achieved"),
    (range(30, 55), D(2017, 6, 15), "limit_reached"),
    (range(55, 70), D(2017, 7, 20), "declined"),
]


@dataclass
class Scenario:
    lsk: Contract
    caritas: Contract
    clients: list
    user: object  # LSK's mentor, who logged the visits


def _birth_date(n: int) -> datetime.date:
    if n in CHILDREN:
        return D(2010, 3, 1)
    if n in FAMILY_ONLY:
        return D(2012, 9, 1)
    if n == TURNS_18_IN_JUNE:
        return D(1999, 6, 10)
    return D(1985, 6, 15)


def end_reason(code: str) -> EndReason:
    return EndReason.objects.get(code=code)


def build_lsk_2017() -> Scenario:
    programme = f.programme("AS-ESF")
    lsk = f.ContractFactory(
        provider=f.ProviderFactory(code="LSK", name="Latvijas Sarkanais Krusts"),
        programme=programme,
        number="SIF/2016/AS-01",
        starts_on=D(2016, 11, 1),
        ends_on=D(2023, 11, 30),
        terminated_on=D(2022, 1, 31),
        rate_eur=Decimal("60.00"),
        monthly_capacity=120,
    )
    user = f.ProviderStaffFactory(user=f.UserFactory(username="lsk-mentor"), provider=lsk.provider).user
    caritas = f.ContractFactory(
        provider=f.ProviderFactory(code="CARITAS", name="Caritas Latvija"),
        programme=programme,
        number="SIF/2022/AS-02",
        starts_on=D(2022, 2, 1),
        ends_on=D(2023, 11, 30),
        rate_eur=Decimal("60.00"),
        monthly_capacity=360,
    )
    clients = [
        f.ClientFactory(
            given_name=f"Persona{n}",
            family_name="Testa",
            date_of_birth=_birth_date(n),
            citizenship=("SY", "AF", "IQ")[n % 3] if n not in FAMILY_ONLY else "SY",
            legal_status=f.legal_status("asylum_seeker"),
            registered_by_provider=lsk.provider,
        )
        for n in range(190)
    ]
    for n in range(170, 180):
        f.household(clients[n], clients[n + 10])
    for n in EARLIER_EPISODE:
        f.EpisodeFactory(
            client=clients[n],
            contract=lsk,
            started_on=D(2016, 12, 1),
            status=Episode.Status.ENDED,
            ended_on=D(2017, 2, 20),
            end_reason=end_reason("plan_achieved"),
        )
    episodes = {}
    for n in range(190):
        if n in FAMILY_ONLY:
            continue
        first_month = min(month for month, served in SERVED.items() if n in served)
        ending = next(((day, code) for numbers, day, code in ENDINGS if n in numbers), None)
        episodes[n] = f.EpisodeFactory(
            client=clients[n],
            contract=lsk,
            started_on=first_month.replace(day=3),
            **(
                {"status": Episode.Status.ENDED, "ended_on": ending[0], "end_reason": end_reason(ending[1])}
                if ending
                else {}
            ),
        )
    for month, served in SERVED.items():
        for n in served:
            if n in FAMILY_ONLY:
                continue
            family = [clients[n + 10]] if n in range(170, 180) and month in (JUL, AUG) else []
            f.VisitFactory(
                episode=episodes[n], visited_on=month.replace(day=5), attendees=family, logged_by=user
            )
            if month == APR and n in range(0, 10):
                f.VisitFactory(
                    episode=episodes[n], visited_on=D(2017, 4, 12), duration_minutes=45, logged_by=user
                )
    return Scenario(lsk=lsk, caritas=caritas, clients=clients, user=user)


@pytest.fixture(scope="module")
def lsk_2017(django_db_setup, django_db_blocker) -> Scenario:
    """Built once for the module inside a transaction that is rolled back after its last test; each
    test runs in a savepoint within it, as usual."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield build_lsk_2017()
        transaction.set_rollback(True)


# The figures the scenario must give, month by month (April–August 2017), as DOMAIN.md and the
# description above make them.
EXPECTED_MONTHS = {
    # month: served, new, active_end, children, visits, contact_minutes, ended by reason
    "2017-04": (69, 59, 69, 0, 79, 69 * 60 + 10 * 45, {}),
    "2017-05": (103, 34, 103, 0, 103, 103 * 60, {"left_country": 20, "plan_achieved": 10}),
    "2017-06": (111, 38, 86, 1, 111, 111 * 60, {"limit_reached": 25}),
    "2017-07": (135, 49, 110, 30, 125, 125 * 60, {"declined": 15}),
    "2017-08": (120, 10, 110, 30, 110, 110 * 60, {}),
}
EXPECTED_PERIOD = {"served": 190, "new": 180, "children": 31, "active_end": 110, "visits": 528}
PAYABLE = {month: Decimal(values[0] * 60) for month, values in EXPECTED_MONTHS.items()}
