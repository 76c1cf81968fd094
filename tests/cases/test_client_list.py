"""The client list sorts and filters like every list; a search marks the names found as they were
typed apart from similar spellings, and shows them first."""

import pytest
from django.urls import reverse
from django.utils import translation

from mentors.models import Programme
from tests import factories as f

pytestmark = pytest.mark.django_db
URL = reverse("cases:client_list")


@pytest.fixture(autouse=True)
def english(client, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    with translation.override("en"):
        yield


def test_a_search_shows_the_name_as_typed_first_and_marks_similar_spellings(client, sw_a):
    similar = f.SearchableClientFactory(given_name="Oleksandr", family_name="Shevchenko")
    exact = f.SearchableClientFactory(given_name="Aleksandrs", family_name="Ševčenko")
    client.force_login(sw_a)
    response = client.get(URL, {"q": "Aleksandrs"})
    clients = list(response.context["clients"])
    assert clients == [exact, similar]
    assert [c.exact_match for c in clients] == [True, False]
    page = response.content.decode()
    assert page.count('data-testid="exact-match"') == 1
    assert page.count('data-testid="similar-match"') == 1
    assert page.index("Ševčenko") < page.index("Shevchenko")


def test_without_a_search_nothing_is_marked_and_names_are_in_latvian_order(client, sw_a):
    for name in ["Žagars", "Čaks", "Cukurs"]:
        f.SearchableClientFactory(family_name=name)
    client.force_login(sw_a)
    response = client.get(URL)
    assert [c.family_name for c in response.context["clients"]] == ["Cukurs", "Čaks", "Žagars"]
    assert "similar-match" not in response.content.decode()
    newest_order = client.get(URL, {"sort": "-name"}).context["clients"]
    assert [c.family_name for c in newest_order] == ["Žagars", "Čaks", "Cukurs"]


def test_the_client_list_filters_by_programme_and_municipality_and_keeps_them_in_the_links(
    client, provider_x
):
    served = f.EpisodeFactory(contract=provider_x.contract, mentor=provider_x.mentor).client
    other_programme = Programme.objects.exclude(pk=provider_x.contract.programme_id).first()
    client.force_login(provider_x.coordinator.user)
    response = client.get(URL, {"programme": provider_x.contract.programme_id})
    assert list(response.context["clients"]) == [served]
    assert f"programme={provider_x.contract.programme_id}&amp;sort=born" in response.content.decode()
    assert list(client.get(URL, {"programme": other_programme.pk}).context["clients"]) == []
    municipality = served.residence_municipality
    assert list(client.get(URL, {"municipality": municipality.pk}).context["clients"]) == [served]


def test_a_crafted_sort_on_the_client_list_is_left_out_with_a_message(client, sw_a):
    person = f.SearchableClientFactory()
    client.force_login(sw_a)
    response = client.get(URL, {"sort": "registered_by__password"})
    assert "was left out" in response.content.decode()
    assert list(response.context["clients"]) == [person]


@pytest.mark.parametrize("rows", [1, 20])
def test_a_searched_filtered_sorted_client_list_takes_the_same_queries_for_any_rows(
    client, provider_x, django_assert_max_num_queries, rows
):
    for _ in range(rows):
        f.EpisodeFactory(
            client=f.SearchableClientFactory(family_name="Melnyk"),
            contract=provider_x.contract,
            mentor=provider_x.mentor,
        )
    client.force_login(provider_x.coordinator.user)
    query = {"q": "Melnyk", "programme": provider_x.contract.programme_id, "sort": "-municipality"}
    with django_assert_max_num_queries(10):
        response = client.get(URL, query)
    assert len(response.context["clients"]) == rows


def test_past_its_cap_the_list_pages_through_the_first_people_and_says_there_are_more(
    client, sw_a, monkeypatch
):
    """A scope of tens of thousands is counted up to the cap (1,000): the pager goes that far and the
    page says a search or a filter finds the rest (tests/cases/test_client_list_query.py at scale)."""
    from cases.views.paging import CappedPaginator

    monkeypatch.setattr(CappedPaginator, "cap", 2)
    for given_name in ("Anna", "Berta", "Cecīlija"):
        f.SearchableClientFactory(given_name=given_name, family_name="Ozola")
    client.force_login(sw_a)
    response = client.get(URL)
    assert response.context["paginator"].capped
    assert [person.given_name for person in response.context["clients"]] == ["Anna", "Berta"]
    assert "More than 2 found: search or filter to narrow the list." in response.content.decode()
    searched = client.get(URL, {"q": "Anna"})
    assert not searched.context["paginator"].capped
    assert "narrow the list" not in searched.content.decode()


def test_pages_sorted_by_municipality_follow_its_name_then_the_person(client, provider_x):
    """A page is found by its people's ids first, then read whole (`CappedPaginator.page`): each page
    holds the rows of the order at its place, with what the list shows of them."""
    places = [f.municipality(code) for code in ("Rīga", "Bauskas novads", "Daugavpils")]
    people = [
        f.ClientFactory(residence_municipality=places[n % 3], registered_by_provider=provider_x.provider)
        for n in range(27)
    ]
    expected = sorted(people, key=lambda person: (person.residence_municipality.name, person.pk))
    client.force_login(provider_x.coordinator.user)
    first = client.get(URL, {"sort": "municipality"})
    second = client.get(URL, {"sort": "municipality", "page": 2})
    assert [*first.context["clients"], *second.context["clients"]] == expected
    assert len(first.context["clients"]) == 25
    html = first.content.decode()
    riga, bauska, daugavpils = (str(place) for place in places)  # as the page names them, in English
    assert html.index(bauska) < html.index(daugavpils) < html.index(riga)
    backwards = client.get(URL, {"sort": "-municipality"}).context["clients"]
    assert list(backwards) == expected[::-1][:25]


def test_a_person_who_leaves_the_scope_while_a_page_is_read_is_left_out(sw_a):
    """The page's ids and then its rows are two queries: a person who moves out of the municipality
    between them is not on the page, and the page still opens."""
    from django.db import connection

    from cases.selectors import client_list
    from cases.views.paging import CappedPaginator

    staying, leaving = (f.ClientFactory(family_name=name) for name in ("Ābele", "Bērziņa"))
    people = client_list(sw_a).order_by("family_name", "pk")
    moved = []

    def move_after_the_ids(execute, sql, params, many, context):
        result = execute(sql, params, many, context)
        if "ORDER BY" in sql and not moved:
            moved.append(leaving.pk)
            type(leaving).objects.filter(pk=leaving.pk).update(
                residence_municipality=f.municipality("Daugavpils")
            )
        return result

    with connection.execute_wrapper(move_after_the_ids):
        page = CappedPaginator(people, 25).page(1)
    assert moved == [leaving.pk]
    assert list(page) == [staying]
