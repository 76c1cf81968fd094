"""Referral figures per municipality (medians) and the press figures."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from cases.models import Episode, Referral
from reporting.periods import Period
from reporting.press import press_figures
from reporting.referral_figures import median_of_counts, referral_figures
from tests import factories as f
from tests.reporting.conftest import end_reason
from tests.reporting.spreadsheets import csv_rows

D = datetime.date


def _at(day: datetime.date, hour: int = 10) -> datetime.datetime:
    return datetime.datetime(day.year, day.month, day.day, hour, tzinfo=timezone.get_current_timezone())


def _accepted(contract, filed: datetime.date, accepted: datetime.date, first_visit: datetime.date | None):
    referral = f.ReferralFactory(
        contract=contract,
        status=Referral.Status.ACCEPTED,
        accepted_on=accepted,
        submitted_at=_at(filed),
        decided_at=_at(accepted, 15),
    )
    if first_visit:
        f.VisitFactory(episode=referral.episode, visited_on=first_visit)
        f.VisitFactory(episode=referral.episode, visited_on=first_visit + datetime.timedelta(days=7))
    return referral


@pytest.fixture
def riga_referrals(provider_x):
    contract = provider_x.contract
    _accepted(contract, D(2024, 3, 4), D(2024, 3, 5), D(2024, 3, 7))  # 1 day; 3 days to the first visit
    _accepted(contract, D(2024, 3, 11), D(2024, 3, 15), D(2024, 3, 21))  # 4 days; 10 days
    _accepted(contract, D(2024, 3, 31), D(2024, 4, 2), None)  # 2 days; no visit yet
    f.ReferralFactory(contract=contract, submitted_at=_at(D(2024, 3, 20)))  # still waiting
    f.ReferralFactory(contract=contract, submitted_at=_at(D(2024, 2, 29)))  # before the period
    # Filed at 00:30 on 1 April in Rīga (still 31 March in UTC): April, not March.
    f.ReferralFactory(
        contract=contract,
        client=f.ConsentedClientFactory(),
        submitted_at=datetime.datetime(2024, 3, 31, 21, 30, tzinfo=datetime.UTC),
    )


def test_medians_per_municipality(riga_referrals, provider_x):
    [riga] = referral_figures(provider_x.contract.programme, Period(D(2024, 3, 1), D(2024, 3, 1)))
    assert riga.municipality.code == "Rīga"
    assert (riga.filed, riga.accepted) == (4, 3)
    assert riga.median_days_to_acceptance == 2
    assert riga.median_days_to_first_visit == 6.5


def test_municipal_social_worker_sees_their_municipality(client, riga_referrals, sw_a, sw_b):
    query = {"programme": "UA-MENTOR", "start": "2024-03", "end": "2024-03"}
    client.force_login(sw_a)
    response = client.get(reverse("reporting:referrals"), query)
    [riga] = response.context["municipalities"]
    assert (riga.municipality.code, riga.filed, riga.accepted) == ("Rīga", 4, 3)
    export = client.get(reverse("reporting:export", args=["municipalities", "csv"]), query).content
    assert csv_rows(export)[1] == ["UA-MENTOR", "2024-03..2024-03", "Rīga", "4", "3", "2", "6,5"]
    assert client.get(reverse("reporting:export", args=["monthly", "csv"]), query).status_code == 404
    client.force_login(sw_b)
    [daugavpils] = client.get(reverse("reporting:referrals"), query).context["municipalities"]
    assert (daugavpils.municipality.code, daugavpils.filed) == ("Daugavpils", 0)


def test_fund_sees_every_municipality(client, fund, riga_referrals):
    client.force_login(fund)
    response = client.get(
        reverse("reporting:referrals"), {"programme": "UA-MENTOR", "start": "2024-03", "end": "2024-03"}
    )
    figures = response.context["municipalities"]
    assert len(figures) == 43
    assert sum(row.filed for row in figures) == 4


@pytest.mark.django_db
def test_press_figures():
    programme = f.programme("AS-OSA")  # from December 2023
    contract = f.ContractFactory(programme=programme, starts_on=D(2023, 12, 1), rate_eur=Decimal("55.00"))
    countries = ["SY", "SY", "SY", "AF", "AF", "BY", "RU", "IQ", "IR", "AZ", "UA"]  # 8 countries
    episodes = []
    for n, country in enumerate(countries):
        client = f.ClientFactory(citizenship=country, date_of_birth=D(2010, 1, 1) if n < 4 else D(1980, 1, 1))
        started = D(2023, 12, 5) if n < 3 else D(2024, 1, 5)
        episodes.append(f.EpisodeFactory(client=client, contract=contract, started_on=started))
    for episode in episodes[:3]:
        f.VisitFactory(episode=episode, visited_on=D(2023, 12, 6))
        f.VisitFactory(episode=episode, visited_on=D(2024, 1, 6))
    for episode in episodes[3:]:
        f.VisitFactory(episode=episode, visited_on=D(2024, 2, 6))
    for episode in episodes[:2]:
        Episode.objects.filter(pk=episode.pk).update(
            status="ended", ended_on=D(2024, 2, 20), end_reason=end_reason("left_country")
        )
    press = press_figures(programme, year=2024, today=D(2024, 3, 15))
    assert press.clients_since_start == 11
    assert press.children_since_start == 4
    assert press.child_share == Decimal(4) / Decimal(11)
    assert press.countries == 8
    assert press.top_countries[:2] == [("SY", 3), ("AF", 2)]
    assert len(press.top_countries) == 7
    assert press.first_time_this_year == 8  # the three of December 2023 are not new in 2024
    assert press.left_latvia_this_year == 2
    # January 3, February 8; March is not over.
    assert (press.average_served_per_month, press.months_averaged) == (Decimal("5.5"), 2)


@pytest.mark.parametrize(
    ("counts", "expected"),
    [
        ({}, None),
        ({4: 1}, 4),
        ({1: 1, 4: 1}, 2.5),
        ({1: 2, 4: 1}, 1),
        ({0: 1, 3: 2, 10: 1}, 3),
        ({0: 2, 3: 1, 10: 1}, 1.5),
    ],
)
def test_median_of_counted_values(counts, expected):
    from statistics import median

    assert median_of_counts(counts) == expected
    if counts:
        assert median([value for value, n in counts.items() for _ in range(n)]) == expected
