"""Sorting, filtering and paging of the lists: the state is in the query string, a bad sort key or
filter is left out with a message, names in Latvian order, query counts constant in the rows."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from cases.models import Client
from cases.rules.collation import latvian, latvian_key
from mentors.models import Programme
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english(client, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    with translation.override("en"):
        yield


def _referral(provider_x, sw_a, *, days_ago, family_name="Shevchenko"):
    return f.ReferralFactory(
        client=f.ConsentedClientFactory(family_name=family_name),
        contract=provider_x.contract,
        filed_by=sw_a,
        submitted_at=timezone.now() - datetime.timedelta(days=days_ago),
    )


def test_the_inbox_shows_the_overdue_referrals_first(client, sw_a, provider_x):
    fresh = _referral(provider_x, sw_a, days_ago=0)
    late = _referral(provider_x, sw_a, days_ago=20)
    client.force_login(provider_x.coordinator.user)
    referrals = list(client.get(reverse("cases:referral_list")).context["referrals"])
    assert referrals == [late, fresh]
    assert referrals[0].is_overdue and not referrals[1].is_overdue
    newest_first = client.get(reverse("cases:referral_list"), {"sort": "-submitted"}).context["referrals"]
    assert list(newest_first) == [fresh, late]


def test_the_referral_list_filters_by_programme_and_keeps_the_filter_when_sorting(client, sw_a, provider_x):
    referral = _referral(provider_x, sw_a, days_ago=1)
    other = Programme.objects.exclude(pk=provider_x.contract.programme_id).first()
    client.force_login(provider_x.coordinator.user)
    url = reverse("cases:referral_list")
    assert list(client.get(url, {"programme": referral.programme_id}).context["referrals"]) == [referral]
    response = client.get(url, {"programme": other.pk})
    assert list(response.context["referrals"]) == []
    assert "No referral matches these filters." in response.content.decode()
    header = client.get(url, {"programme": referral.programme_id}).content.decode()
    assert f"programme={referral.programme_id}&amp;sort=client" in header


def test_a_sorted_column_says_so_to_a_screen_reader(client, sw_a, provider_x):
    _referral(provider_x, sw_a, days_ago=1)
    client.force_login(provider_x.coordinator.user)
    page = client.get(reverse("cases:referral_list"), {"sort": "-client"}).content.decode()
    assert 'aria-sort="descending"' in page
    assert "sort=client" in page


@pytest.mark.parametrize(
    "query",
    [{"sort": "nonsense"}, {"sort": "client\x00"}, {"programme": "²"}, {"submitted_from": "9999-12-31"}],
    ids=repr,
)
def test_a_crafted_sort_or_filter_is_left_out_with_a_message(client, sw_a, provider_x, query):
    referral = _referral(provider_x, sw_a, days_ago=1)
    client.force_login(provider_x.coordinator.user)
    response = client.get(reverse("cases:referral_list"), query)
    assert response.status_code == 200
    assert "was left out" in response.content.decode()
    assert list(response.context["referrals"]) == [referral]


@pytest.mark.parametrize("rows", [1, 20])
@pytest.mark.parametrize("who", ["sw_a", "coordinator_x"])
def test_a_filtered_and_sorted_referral_list_takes_the_same_queries_for_any_rows(
    client, cast, provider_x, django_assert_max_num_queries, rows, who
):
    for _ in range(rows):
        _referral(provider_x, cast["sw_a"], days_ago=1)
    client.force_login(cast[who])
    query = {
        "status": "",
        "programme": provider_x.contract.programme_id,
        "submitted_from": "2000-01-01",
        "sort": "-client",
    }
    with django_assert_max_num_queries(10):
        response = client.get(reverse("cases:referral_list"), query)
    assert len(response.context["referrals"]) == rows


def test_names_sort_in_latvian_order():
    names = ["Dārziņš", "Čaks", "Cukurs", "Ādamsons", "Adamsons", "Adlers", "Žagars", "Zariņa"]
    expected = ["Adamsons", "Ādamsons", "Adlers", "Cukurs", "Čaks", "Dārziņš", "Zariņa", "Žagars"]
    assert sorted(names, key=latvian_key) == expected
    for name in names:
        f.ClientFactory(family_name=name)
    ordered = Client.objects.filter(family_name__in=names).order_by(latvian("family_name"), "pk")
    assert list(ordered.values_list("family_name", flat=True)) == expected


def test_the_client_list_sorts_by_legal_status_in_the_reference_order(client):
    """By status: the statuses in the order the reference data lists them (DOMAIN.md's), people of one
    status by their number; reversed with "-status"."""
    people = [
        f.ClientFactory(legal_status=f.legal_status(code))
        for code in ("refugee", "ua_civilian", "alternative_status", "asylum_seeker", "ua_civilian")
    ]
    client.force_login(people[0].registered_by)
    expected = sorted(people, key=lambda person: (person.legal_status_id, person.pk))
    for sort, order in (("status", expected), ("-status", expected[::-1])):
        listed = list(client.get(reverse("cases:client_list"), {"sort": sort}).context["clients"])
        assert listed == order, sort
    assert [person.legal_status.code for person in expected][:3] == [
        "ua_civilian",
        "ua_civilian",
        "asylum_seeker",
    ]
