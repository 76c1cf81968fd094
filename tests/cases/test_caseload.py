"""Caseload views: the mentor's home sorted by urgency with flags, the coordinator's team view, and a
query count that does not grow with the rows."""

import pytest
from django.urls import reverse

from cases.models import Referral
from mentors.models import ProviderStaff
from tests import factories as f
from tests.cases.episode_support import days_ago, log_in, shown


def _episode(cast, started_days_ago, *, last_visit_days_ago=None, name=None, mentor=None):
    episode = f.EpisodeFactory(
        contract=cast.contract,
        mentor=mentor or cast.mentor,
        started_on=days_ago(started_days_ago),
        client=f.ClientFactory(given_name=name or "Client"),
    )
    if last_visit_days_ago is not None:
        f.VisitFactory(episode=episode, visited_on=days_ago(last_visit_days_ago))
    return episode


@pytest.fixture
def caseload(provider_x):
    """Four UA-MENTOR episodes of mentor X (60-day limit), one of each kind of urgency."""
    return {
        "calm": _episode(provider_x, 5, last_visit_days_ago=1, name="Calm"),
        "quiet": _episode(provider_x, 30, last_visit_days_ago=20, name="Quiet"),
        "soon": _episode(provider_x, 55, last_visit_days_ago=2, name="Soon"),
        "past": _episode(provider_x, 70, last_visit_days_ago=15, name="Past"),
    }


def test_mentor_home_sorted_by_urgency_with_flags(client, provider_x, caseload):
    page = log_in(client, provider_x.mentor.user).get(reverse("home"))
    html = page.content.decode()
    positions = [html.index(f">{name} ") for name in ("Past", "Soon", "Quiet", "Calm")]
    assert positions == sorted(positions)
    assert html.count('data-testid="flag-no-contact"') == 2  # Quiet (20 days) and Past (15 days)
    assert html.count('data-testid="flag-limit-soon"') == 1
    assert "4 days left" in html  # Soon: started 55 days ago, limit on day 60
    assert "past the limit" in html
    assert f"Last contact {shown(days_ago(20))}" in html


def test_no_contact_yet_is_flagged_only_after_14_days(client, provider_x):
    _episode(provider_x, 13, name="New")
    _episode(provider_x, 14, name="Waiting")
    html = log_in(client, provider_x.mentor.user).get(reverse("cases:caseload")).content.decode()
    assert html.count('data-testid="flag-no-contact"') == 1
    assert html.index(">Waiting ") < html.index(">New ")


def test_mentor_sees_only_their_own_caseload(client, provider_x, caseload):
    colleague = f.ProviderStaffFactory(provider=provider_x.provider, role=ProviderStaff.Role.MENTOR)
    _episode(provider_x, 3, name="Colleagues", mentor=colleague)
    page = log_in(client, provider_x.mentor.user).get(reverse("cases:caseload"))
    assert len(page.context["episodes"]) == 4
    assert "Colleagues" not in page.content.decode()


def test_team_view(client, provider_x, provider_y, caseload):
    f.ProviderStaffFactory(provider=provider_x.provider, role=ProviderStaff.Role.MENTOR, max_caseload=2)
    unassigned = f.EpisodeFactory(contract=provider_x.contract, mentor=None, started_on=days_ago(1))
    f.ReferralFactory(contract=provider_x.contract)
    f.ReferralFactory(contract=provider_x.contract, status=Referral.Status.RETURNED)
    f.ReferralFactory(contract=provider_y.contract)
    page = log_in(client, provider_x.coordinator.user).get(reverse("cases:team"))
    overview = page.context["overview"]
    assert overview.totals == {
        "contact_overdue": 0,
        "contact_today": 0,
        "open": 5,
        "past_limit": 1,
        "limit_soon": 1,
        "no_recent_contact": 2,
        "no_mentor": 1,
        "attention": 4,  # the episodes listed below, counted with the totals for their pager
    }
    assert (overview.waiting, len(overview.referrals_shown)) == (1, 1)
    mentor = next(m for m in page.context["everyone"] if m.pk == provider_x.mentor.pk)
    assert (mentor.open_count, mentor.max_caseload) == (4, 20)
    assert (mentor.past_limit_count, mentor.limit_soon_count, mentor.no_recent_contact_count) == (1, 1, 2)
    assert [e.pk for e in overview.attention] == [
        caseload["past"].pk,
        caseload["soon"].pk,
        caseload["quiet"].pk,
        unassigned.pk,
    ]
    assert "4 / 20" in page.content.decode()


def test_reassignment_from_the_team_view(client, provider_x, caseload):
    other = f.ProviderStaffFactory(provider=provider_x.provider, role=ProviderStaff.Role.MENTOR)
    log_in(client, provider_x.coordinator.user)
    team = reverse("cases:team")
    assert (
        f'action="{reverse("cases:episode_reassign", args=[caseload["past"].pk])}"'
        in client.get(team).content.decode()
    )
    response = client.post(
        reverse("cases:episode_reassign", args=[caseload["past"].pk]), {"mentor": other.pk, "next": team}
    )
    assert response["Location"] == team
    caseload["past"].refresh_from_db()
    assert caseload["past"].mentor == other


def test_social_worker_sees_the_team_without_reassigning(client, provider_x, caseload):
    html = log_in(client, provider_x.social_worker.user).get(reverse("cases:team")).content.decode()
    assert "Past" in html
    assert "episode_reassign" not in html and "/reassign/" not in html


def test_coordinator_filters_the_caseload_by_mentor(client, provider_x, provider_y, caseload):
    colleague = f.ProviderStaffFactory(provider=provider_x.provider, role=ProviderStaff.Role.MENTOR)
    _episode(provider_x, 3, name="Colleagues", mentor=colleague)
    log_in(client, provider_x.coordinator.user)
    assert len(client.get(reverse("cases:caseload")).context["episodes"]) == 5
    page = client.get(reverse("cases:caseload"), {"mentor": colleague.pk})
    assert [e.client.given_name for e in page.context["episodes"]] == ["Colleagues"]
    assert client.get(reverse("cases:caseload"), {"mentor": provider_y.mentor.pk}).status_code == 404


def _many(cast, count):
    for number in range(count):
        episode = _episode(cast, 5 + number, last_visit_days_ago=number % 20, name=f"Many{number}")
        relative = f.ClientFactory()
        f.household(episode.client, relative)
        f.VisitFactory(episode=episode, visited_on=days_ago(number % 3), attendees=[relative])


@pytest.mark.parametrize("rows", [1, 15])
@pytest.mark.parametrize(
    ("who", "url"),
    [
        ("mentor", "home"),
        ("mentor", "cases:caseload"),
        ("coordinator", "cases:caseload"),
        ("coordinator", "cases:team"),
        ("coordinator", "home"),
        ("social_worker", "home"),
    ],
)
def test_query_count_does_not_grow_with_rows(
    client, provider_x, django_assert_max_num_queries, rows, who, url
):
    _many(provider_x, rows)
    f.ReferralFactory.create_batch(rows, contract=provider_x.contract)
    f.ProviderStaffFactory.create_batch(rows, provider=provider_x.provider, role=ProviderStaff.Role.MENTOR)
    log_in(client, getattr(provider_x, who).user)
    # The team view reads its mentors (with their languages) once: the table and each episode's
    # reassignment choice.
    with django_assert_max_num_queries(9):
        response = client.get(reverse(url))
    assert response.status_code == 200
    if url == "cases:caseload":
        assert "Many0" in response.content.decode()
