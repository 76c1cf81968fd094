"""The client list of a large scope reads a page, not the scope (issue 13: a coordinator's list once
collected, joined and sorted every one of the provider's tens of thousands of people to show 25, and
counted them all again for the pager).

Checked on PostgreSQL with EXPLAIN ANALYZE, on thousands of people half of whom the coordinator sees:
the page's query is read along the name index (`client_latvian_name_idx`) and touches about a page of
people, with no sort and no scan of the table; the pager's count stops at its cap. Timings are never
asserted (see bench/pages.py)."""

import datetime
import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cases.models import Client, LegalStatus
from cases.views.paging import LIST_COUNT_CAP
from mentors.models import ProviderStaff
from municipalities.models import Municipality
from tests import factories as f

pytestmark = pytest.mark.skipif(connection.vendor != "postgresql", reason="EXPLAIN ANALYZE of PostgreSQL")

URL = reverse("cases:client_list")
PEOPLE = 3000  # every other one registered by provider X (in the coordinator's scope)
TOUCHED_AT_MOST = 200  # a page of 25 in Latvian order, its neighbours in the index being others'


@pytest.fixture
def many_people(provider_x, provider_y):
    """Thousands of people, every other one registered by provider X, the names interleaved; a few
    with an episode of X (the other arms of the scope); then the statistics, as autovacuum would."""
    status = LegalStatus.objects.get(code="ua_civilian")
    riga = Municipality.objects.get(name="Rīga")
    registrars = {
        provider.pk: ProviderStaff.objects.filter(provider=provider).first().user
        for provider in (provider_x.provider, provider_y.provider)
    }
    people = []
    for n in range(PEOPLE):
        provider = (provider_x, provider_y)[n % 2].provider
        people.append(
            Client(
                given_name=f"Olena{n:04d}",
                family_name=f"Family{(n * 7919) % PEOPLE:04d}",
                name_key=f" family{n:04d} olena ",
                date_of_birth=datetime.date(1960, 1, 1) + datetime.timedelta(days=n * 7),
                sex=Client.Sex.FEMALE,
                legal_status=status,
                residence_municipality=riga,
                registered_by=registrars[provider.pk],
                registered_by_provider=provider,
            )
        )
    Client.objects.bulk_create(people)
    for _ in range(3):
        f.EpisodeFactory(contract=provider_x.contract, mentor=provider_x.mentor)
    with connection.cursor() as cursor:
        for table in ("cases_client", "cases_episode", "cases_referral"):
            cursor.execute(f"ANALYZE {table}")


def _nodes(plan):
    yield plan
    for child in plan.get("Plans", []):
        yield from _nodes(child)


def _plan(sql: str, params=()) -> dict:
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (ANALYZE, FORMAT JSON) {sql}", params)
        result = cursor.fetchone()[0]
    (plan,) = json.loads(result) if isinstance(result, str) else result
    return plan["Plan"]


def clients_touched(plan: dict) -> int:
    """The rows of cases_client the plan's nodes on the list's own table returned or filtered away
    (the subplans that collect a scope's ids from other tables not counted)."""
    return sum(
        (node["Actual Rows"] + node.get("Rows Removed by Filter", 0)) * node["Actual Loops"]
        for node in _nodes(plan)
        if node.get("Relation Name") == "cases_client" and node.get("Alias") == "cases_client"
    )


def _list_queries(client, user, **query):
    client.force_login(user)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(URL, query)
    assert response.status_code == 200
    selects = [q["sql"] for q in captured.captured_queries if 'FROM "cases_client"' in q["sql"]]
    page = next(sql for sql in selects if sql.startswith('SELECT "cases_client"."id"'))
    count = next(sql for sql in selects if sql.startswith("SELECT COUNT(*)"))
    return response, _plan(page), _plan(count)


@pytest.mark.parametrize("sort", ["", "name", "-name", "born", "-born"])
def test_a_page_of_a_large_scope_is_read_along_an_index(client, provider_x, many_people, sort):
    response, page, count = _list_queries(client, provider_x.coordinator.user, sort=sort)
    assert len(response.context["clients"]) == 25
    # No sort of the scope (an incremental sort of the people born on one day, along the date index,
    # is a few rows at a time).
    kinds = {node["Node Type"] for node in _nodes(page)}
    assert "Sort" not in kinds, kinds
    assert not any(
        node["Node Type"] == "Seq Scan" and node.get("Alias") == "cases_client" for node in _nodes(page)
    )
    assert clients_touched(page) <= TOUCHED_AT_MOST, clients_touched(page)
    # The pager counts up to its cap, then says there are more.
    assert clients_touched(count) <= 2 * (LIST_COUNT_CAP + 1) + 10, clients_touched(count)
    assert response.context["paginator"].capped
    assert 'data-testid="list-capped"' in response.content.decode()


def test_the_list_is_in_latvian_order_and_pages_through_the_cap(client, provider_x, many_people):
    client.force_login(provider_x.coordinator.user)
    first = client.get(URL)
    names = [person.family_name for person in first.context["clients"]]
    assert names == sorted(names)
    last = client.get(URL, {"page": LIST_COUNT_CAP // 25})
    assert last.context["page_obj"].has_next() is False
    assert last.context["paginator"].num_pages == LIST_COUNT_CAP // 25
    assert 'data-testid="list-capped"' in last.content.decode()


def test_the_check_counts_a_sort_of_the_whole_scope(provider_x, many_people):
    """The measure itself: the scope as a union of ids (its shape for one person and small scopes)
    ordered by name has the whole scope collected and sorted to give a page."""
    from cases.forms.filters import ClientSearchForm

    union = Client.objects.for_user(provider_x.coordinator.user).order_by(
        *ClientSearchForm.sorts["name"], "pk"
    )[:25]
    plan = _plan(*union.query.sql_with_params())
    assert "Sort" in {node["Node Type"] for node in _nodes(plan)}
    assert clients_touched(plan) >= PEOPLE // 2
