"""The episode page on a phone: the essentials first (status, limit, next contact, plan), then the latest
visits, the rest on request, in a number of queries that does not grow with the visits."""

import pytest
from django.urls import reverse

from tests import factories as f
from tests.cases.episode_support import days_ago, log_in, shown


@pytest.fixture
def long_episode(provider_x):
    episode = f.EpisodeFactory(
        contract=provider_x.contract,
        mentor=provider_x.mentor,
        started_on=days_ago(58),
        client=f.ClientFactory(given_name="Olena", phone="+371 2000 1234", street_address="Tērbatas iela 3"),
    )
    for day in range(54):
        f.VisitFactory(episode=episode, visited_on=days_ago(day + 1), notes=f"Visit note {day + 1}.")
    return episode


def test_the_essentials_come_before_the_visits(client, provider_x, long_episode):
    html = log_in(client, provider_x.mentor.user).get(reverse("cases:episode_detail", args=[long_episode.pk]))
    html = html.content.decode()
    order = [
        html.index('data-testid="status"'),
        html.index(">Time limit<"),
        html.index('data-testid="next-contact-detail"'),
        html.index("Individual socio-economic inclusion plan"),
        html.index('data-testid="visits"'),
    ]
    assert order == sorted(order)
    assert 'href="tel:+37120001234"' in html and "Tērbatas iela 3, Rīga" in html


def test_the_latest_visits_are_shown_and_the_rest_on_request(client, provider_x, long_episode):
    log_in(client, provider_x.mentor.user)
    url = reverse("cases:episode_detail", args=[long_episode.pk])
    html = client.get(url).content.decode()
    assert html.count('data-testid="visit"') == 5
    assert "Visit note 1." in html and "Visit note 5." in html and "Visit note 6." not in html
    assert "Show all 54 visits" in html
    assert f"<strong>{shown(days_ago(1))}</strong>" in html
    html = client.get(url, {"visits": "all"}).content.decode()
    assert html.count('data-testid="visit"') == 54 and "Visit note 54." in html
    assert "Show all" not in html


@pytest.mark.parametrize("visits", [1, 30])
@pytest.mark.parametrize(("with_plan", "most"), [(False, 9), (True, 12)])
def test_query_count_does_not_grow_with_visits(
    client, provider_x, django_assert_max_num_queries, visits, with_plan, most
):
    """Nine queries with the session and the user with their role; a plan adds its own, its goals and the
    visits' goals. The history's records already on the page are not looked up again."""
    episode = f.EpisodeFactory(
        contract=provider_x.contract, mentor=provider_x.mentor, started_on=days_ago(40)
    )
    f.ConsentFactory(client=episode.client)
    goal = f.PlanGoalFactory(plan=f.InclusionPlanFactory(episode=episode)) if with_plan else None
    for day in range(visits):
        visit = f.VisitFactory(episode=episode, visited_on=days_ago(day + 1))
        if goal:
            visit.goals.add(goal)
    log_in(client, provider_x.mentor.user)
    url = reverse("cases:episode_detail", args=[episode.pk])
    client.get(url)
    with django_assert_max_num_queries(most):
        assert client.get(url, {"visits": "all"}).status_code == 200
