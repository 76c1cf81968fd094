"""The caseload sorts and filters like every list: by what is due, the programme and the client, one
mentor's from the team view; the order and the filters stay in the links of the pages."""

import pytest
from django.urls import reverse

from mentors.models import ProviderStaff
from tests import factories as f
from tests.cases.episode_support import days_ago, log_in
from tests.cases.test_planned_contacts import _episode, _many, _plan, due  # noqa: F401 - the fixture

pytestmark = pytest.mark.django_db
URL = reverse("cases:caseload")


def _names(response):
    return [episode.client.given_name for episode in response.context["episodes"]]


def test_the_caseload_filters_by_what_is_due(client, provider_x, due):  # noqa: F811
    log_in(client, provider_x.mentor.user)
    assert _names(client.get(URL, {"due": "contact_overdue"})) == ["OverdueOld", "OverdueNew"]
    assert _names(client.get(URL, {"due": "contact_today"})) == ["TodayEarly", "TodayLate", "TodayAny"]
    assert _names(client.get(URL, {"due": "past_limit"})) == ["PastLimit"]
    response = client.get(URL, {"due": "contact_overdue", "page": "1"})
    assert "due=contact_overdue&amp;sort=client" in response.content.decode()


def test_the_caseload_sorts_by_its_columns_and_searches_the_client(client, provider_x, due):  # noqa: F811
    log_in(client, provider_x.mentor.user)
    by_name = _names(client.get(URL, {"sort": "client"}))
    assert by_name == sorted(by_name)
    by_next_contact = _names(client.get(URL, {"sort": "next_contact"}))
    assert by_next_contact[:2] == ["OverdueOld", "OverdueNew"] and by_next_contact[-3:-2] == ["Future"]
    by_limit = _names(client.get(URL, {"sort": "limit"}))
    assert by_limit[0] == "PastLimit"
    assert _names(client.get(URL, {"q": "TodayEarly"})) == ["TodayEarly"]
    page = client.get(URL, {"sort": "-limit"}).content.decode()
    assert 'aria-current="true"' in page and "sort=limit" in page


def test_the_coordinator_sees_one_mentors_overdue_contacts_from_the_team_view(client, provider_x, due):  # noqa: F811
    colleague = f.ProviderStaffFactory(provider=provider_x.provider, role=ProviderStaff.Role.MENTOR)
    _plan(_episode(provider_x, "Colleagues", mentor=colleague), days_ago(3))
    log_in(client, provider_x.coordinator.user)
    team = client.get(reverse("cases:team")).content.decode()
    link = f"{URL}?mentor={colleague.pk}&amp;due=contact_overdue"
    assert link in team
    response = client.get(URL, {"mentor": colleague.pk, "due": "contact_overdue"})
    assert _names(response) == ["Colleagues"]
    assert _names(client.get(URL, {"due": "contact_overdue"})) == ["OverdueOld", "Colleagues", "OverdueNew"]


@pytest.mark.parametrize("rows", [1, 15])
def test_a_filtered_sorted_caseload_takes_the_same_queries_for_any_rows(
    client, provider_x, django_assert_max_num_queries, rows
):
    _many(provider_x, rows)
    log_in(client, provider_x.coordinator.user)
    query = {"programme": provider_x.contract.programme_id, "q": "Many", "sort": "-client"}
    with django_assert_max_num_queries(10):
        response = client.get(URL, query)
    assert len(response.context["episodes"]) == rows


def test_the_team_views_figures_and_waiting_referrals_are_links(client, provider_x, due):  # noqa: F811
    referral = f.ReferralFactory(contract=provider_x.contract)
    log_in(client, provider_x.coordinator.user)
    page = client.get(reverse("cases:team")).content.decode()
    for due_filter in ("contact_overdue", "past_limit", "limit_soon", "no_recent_contact", "no_mentor"):
        assert f'href="{URL}?due={due_filter}"' in page
    assert reverse("cases:referral_detail", args=[referral.pk]) in page
    assert f'href="{reverse("cases:referral_list")}"' in page


def test_two_mentors_of_the_same_name_are_told_apart_by_team_and_languages(client, provider_x, due):  # noqa: F811
    names = {"first_name": "Anna", "last_name": "Bērziņa"}
    north = f.TeamFactory(provider=provider_x.provider, name="Ziemeļi")
    south = f.TeamFactory(provider=provider_x.provider, name="Dienvidi")
    for team, languages, username in ((north, ["uk"], "anna-north"), (south, ["ru"], "anna-south")):
        f.ProviderStaffFactory(
            user=f.UserFactory(username=username, **names),
            provider=provider_x.provider,
            team=team,
            languages=languages,
        )
    log_in(client, provider_x.coordinator.user)
    team_page = client.get(reverse("cases:team")).content.decode()
    assert "Anna Bērziņa (0 of 20) · Ziemeļi · Ukrainian" in team_page
    assert "Anna Bērziņa (0 of 20) · Dienvidi · Russian" in team_page
    reassign = client.get(reverse("cases:episode_reassign", args=[due["calm"].pk])).content.decode()
    assert "Anna Bērziņa (0 of 20) · Ziemeļi · Ukrainian" in reassign
