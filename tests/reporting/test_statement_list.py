"""The payment statements sort by their columns and filter by status ("awaiting approval"), provider,
programme and months, with the state in the query string."""

import datetime

import pytest
from django.urls import reverse
from django.utils import translation

from mentors.services import contract_month_lock
from tests import factories as f

pytestmark = pytest.mark.django_db
D = datetime.date
URL = reverse("reporting:statements")
QUERY = {"programme": "UA-MENTOR", "start": "2024-03", "end": "2024-04"}


@pytest.fixture(autouse=True)
def english(client, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    with translation.override("en"):
        yield


@pytest.fixture
def march_locked(fund, provider_x, provider_y):
    for contract in (provider_x.contract, provider_y.contract):
        f.VisitFactory(episode=f.EpisodeFactory(contract=contract, started_on=D(2024, 3, 1)))
    contract_month_lock(contract=provider_x.contract, month=D(2024, 3, 1), by=fund)


def _rows(response):
    return [(row.contract.provider.code, row.month) for row in response.context["rows"]]


def test_the_statements_awaiting_approval_are_the_months_over_and_not_locked(client, fund, march_locked):
    client.force_login(fund)
    awaiting = client.get(URL, QUERY | {"status": "awaiting"})
    assert _rows(awaiting) == [("X-NGO", D(2024, 4, 1)), ("Y-NGO", D(2024, 3, 1)), ("Y-NGO", D(2024, 4, 1))]
    assert awaiting.content.decode().count('data-testid="awaiting-approval"') == 3
    assert _rows(client.get(URL, QUERY | {"status": "approved"})) == [("X-NGO", D(2024, 3, 1))]
    assert _rows(client.get(URL, QUERY | {"status": "open"})) == []
    assert "No contract month has this status" in client.get(URL, QUERY | {"status": "open"}).content.decode()


def test_the_statements_sort_by_their_columns_and_keep_the_filters(client, fund, march_locked):
    client.force_login(fund)
    by_status = client.get(URL, QUERY | {"sort": "status", "provider": "Y-NGO"})
    assert _rows(by_status) == [("Y-NGO", D(2024, 3, 1)), ("Y-NGO", D(2024, 4, 1))]
    newest = client.get(URL, QUERY | {"sort": "-month"})
    assert [month for _code, month in _rows(newest)][:2] == [D(2024, 4, 1), D(2024, 4, 1)]
    most_served = client.get(URL, QUERY | {"sort": "-served"})
    assert [row.payment.served for row in most_served.context["rows"]][:2] == [1, 1]
    page = most_served.content.decode()
    assert 'aria-sort="descending"' in page
    assert "start=2024-03&amp;end=2024-04&amp;sort=served" in page


def test_a_crafted_sort_keeps_the_reports_own_order(client, fund, march_locked):
    client.force_login(fund)
    response = client.get(URL, QUERY | {"sort": "contract__rate\x00"})
    assert response.status_code == 200
    assert _rows(response)[0] == ("X-NGO", D(2024, 3, 1))


@pytest.mark.parametrize("many", [False, True])
def test_a_filtered_sorted_statement_list_takes_the_same_queries(
    client, fund, provider_x, django_assert_max_num_queries, many
):
    for n in range(12 if many else 1):
        f.VisitFactory(
            episode=f.EpisodeFactory(contract=provider_x.contract, started_on=D(2024, 1 + n % 6, 2))
        )
    client.force_login(fund)
    query = {
        "programme": "UA-MENTOR",
        "start": "2024-01",
        "end": "2024-12",
        "status": "awaiting",
        "sort": "-payable",
    }
    with django_assert_max_num_queries(9):
        assert client.get(URL, query).status_code == 200
