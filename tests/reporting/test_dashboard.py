"""The dashboard shows the scenario's figures, exactly the export's and the command's numbers, scoped
to the person; its query count does not grow with the data."""

import datetime

import pytest
from django.urls import reverse

from cases.models import Episode
from mentors.services import contract_month_lock
from tests import factories as f
from tests.reporting.conftest import end_reason

D = datetime.date
QUERY = {"programme": "AS-ESF", "start": "2017-04", "end": "2017-08"}


def test_bad_period_is_refused_with_a_message(client, fund):
    client.force_login(fund)
    response = client.get(
        reverse("reporting:dashboard"), {"programme": "UA-MENTOR", "start": "2024-05", "end": "2024-02"}
    )
    assert response.status_code == 200
    assert "report" not in response.context
    assert response.context["form"].errors["end"]
    assert 'value="2024-05"' in response.content.decode()  # what was typed is kept
    response = client.get(
        reverse("reporting:dashboard"), {"programme": "UA-MENTOR", "start": "May", "end": "2024-02"}
    )
    assert response.context["form"].errors["start"]


def test_default_period_is_the_last_twelve_months_of_a_running_programme(client, fund):
    client.force_login(fund)
    response = client.get(reverse("reporting:dashboard"))
    period = response.context["period"]
    assert response.context["programme"].code == "UA-MENTOR"
    assert len(period.months) == 12


@pytest.mark.django_db
def test_red_cross_2021_shortfall_shows_up_as_an_early_warning(client, fund):
    """Under 80 % of the monthly capacity two months running is warned (capacity scaled down to 10:
    September 9 served, October 7, November 5, December none)."""
    lsk = f.ContractFactory(
        provider=f.ProviderFactory(code="LSK"),
        programme=f.programme("AS-ESF"),
        starts_on=D(2016, 11, 1),
        ends_on=D(2023, 11, 30),
        terminated_on=D(2022, 1, 31),
        rate_eur=60,
        monthly_capacity=10,
    )
    for month, count in ((D(2021, 9, 1), 9), (D(2021, 10, 1), 7), (D(2021, 11, 1), 5)):
        for _ in range(count):
            f.VisitFactory(episode=f.EpisodeFactory(contract=lsk, started_on=month), visited_on=month)
    client.force_login(fund)
    response = client.get(
        reverse("reporting:dashboard"), {"programme": "AS-ESF", "start": "2021-09", "end": "2021-12"}
    )
    [(contract, run)] = response.context["under_capacity"]
    assert contract == lsk
    assert [(figures.month, figures.served) for figures in run] == [
        (D(2021, 10, 1), 7),
        (D(2021, 11, 1), 5),
        (D(2021, 12, 1), 0),
    ]
    warning = response.content.decode().split('data-testid="warning-capacity"')[1].split("</li>")[0]
    assert lsk.number in warning and "2021-11 5/10" in warning
    # One month under 80 % is not yet a warning.
    response = client.get(
        reverse("reporting:dashboard"), {"programme": "AS-ESF", "start": "2021-09", "end": "2021-10"}
    )
    assert response.context["under_capacity"] == []
    # A long run shows its first month and the latest three.
    response = client.get(
        reverse("reporting:dashboard"), {"programme": "AS-ESF", "start": "2021-09", "end": "2022-01"}
    )
    warning = response.content.decode().split('data-testid="warning-capacity"')[1].split("</li>")[0]
    assert "4 mēnešus pēc kārtas" in warning  # Latvian, the default language
    assert "2021-10 … 2021-11 5/10 (50,0\xa0%), 2021-12 0/10 (0,0\xa0%), 2022-01 0/10 (0,0\xa0%)" in warning
    assert "2021-10 7/10" not in warning


@pytest.mark.django_db
def test_warnings_waiting_referrals_past_limit_and_no_contact(provider_x):
    from django.utils import timezone

    from reporting.early_warnings import provider_warnings

    today = D(2024, 5, 16)  # a Thursday
    zone = timezone.get_current_timezone()
    contract = provider_x.contract
    for day in (D(2024, 5, 10), D(2024, 5, 13)):  # Friday: 4 working days; Monday: 3
        f.ReferralFactory(contract=contract, submitted_at=datetime.datetime(2024, 5, day.day, 9, tzinfo=zone))
    f.EpisodeFactory(contract=contract, started_on=D(2024, 3, 1))  # limit 29 April, no visit: both
    recent = f.EpisodeFactory(contract=contract, started_on=D(2024, 4, 1))
    f.VisitFactory(episode=recent, visited_on=D(2024, 5, 3))  # 13 days ago
    f.EpisodeFactory(
        contract=contract,
        started_on=D(2024, 1, 1),
        status=Episode.Status.ENDED,
        ended_on=D(2024, 2, 1),
        end_reason=end_reason("plan_achieved"),
    )
    [warning] = provider_warnings(contract.programme, today=today)
    assert (warning.provider, warning.referrals_waiting, warning.past_limit, warning.no_contact) == (
        provider_x.provider,
        1,
        1,
        1,
    )


@pytest.mark.parametrize("many", [False, True])
def test_dashboard_query_count_is_constant(
    client, fund, provider_x, provider_y, django_assert_max_num_queries, many
):
    for contract in (provider_x.contract, provider_y.contract):
        for n in range(12 if many else 1):
            episode = f.EpisodeFactory(contract=contract, started_on=D(2024, 1 + n % 6, 2))
            relative = f.ClientFactory()
            f.household(episode.client, relative)
            f.VisitFactory(episode=episode, visited_on=D(2024, 1 + n % 6, 3), attendees=[relative])
            f.ReferralFactory(contract=contract)
    for month in range(1, 4 if many else 2):  # locked months show the payment frozen then
        contract_month_lock(contract=provider_x.contract, month=D(2024, month, 1), by=fund)
    client.force_login(fund)
    query = {"programme": "UA-MENTOR", "start": "2024-01", "end": "2024-12"}
    # The same numbers with one client per provider and with a dozen: a fixed set of queries per page
    # (2 of them are the session and the user with their role; a statement's page or download adds its read
    # to the log, and counts its clients before it reads them: a page of them, or all for a download).
    pages = [
        (reverse("reporting:dashboard"), query, 23),
        (reverse("reporting:statements"), query, 9),
        (reverse("reporting:export", args=["all", "xlsx"]), query, 22),
        (reverse("reporting:referrals"), query, 8),
        (reverse("reporting:press"), {"programme": "UA-MENTOR", "year": "2024"}, 8),
        (reverse("reporting:statement", args=[provider_x.contract.pk, "2024-01"]), {}, 10),
        (reverse("reporting:statement", args=[provider_x.contract.pk, "2024-05"]), {}, 9),
        (reverse("reporting:statement_export", args=[provider_x.contract.pk, "2024-01", "xlsx"]), {}, 10),
    ]
    for url, data, expected in pages:
        with django_assert_max_num_queries(expected):
            assert client.get(url, data).status_code == 200


def test_progress_against_the_programme_target(client, fund, provider_x, provider_y):
    for contract, day in ((provider_x.contract, D(2022, 6, 1)), (provider_y.contract, D(2024, 3, 1))):
        f.VisitFactory(episode=f.EpisodeFactory(contract=contract, started_on=day), visited_on=day)
    client.force_login(fund)
    query = {"programme": "UA-MENTOR", "start": "2024-01", "end": "2024-03"}
    response = client.get(reverse("reporting:dashboard"), query)
    # Distinct clients since the programme started, whatever the period shown: 2 of the 7,000 planned.
    assert (response.context["since_start"], response.context["programme"].target_clients) == (2, 7000)
    assert 'max="7000" value="2"' in response.content.decode()
    client.force_login(provider_y.coordinator.user)
    response = client.get(reverse("reporting:dashboard"), query)
    assert response.context["since_start"] == 1
    assert 'max="7000"' not in response.content.decode()  # the target is the programme's, not theirs
