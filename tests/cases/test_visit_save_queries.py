"""Saving a visit costs a fixed number of queries, however many people were present and activities done:
the visit, its activities and people (each through its relation, so that the change log records them),
the rules' checks, the served months, the visit month (one recount, one upsert) and the first visit of the
episode's referral (one update), each asked once."""

import re

import pytest
from django.urls import reverse

from cases.models import Activity, Visit
from tests import factories as f
from tests.cases.episode_support import days_ago, log_in, today
from tests.cases.test_visits import family  # noqa: F401 (the fixture)

ACTIVITIES = ["housing", "documents", "job_search", "bank_account", "transport"]


def _save(client, episode, *, day, people, activities):
    data = {
        "visited_on": day.isoformat(),
        "duration_minutes": 60,
        "place": Visit.Place.HOME,
        "activities": activities,
        "attendees": [person.pk for person in people],
        "notes": "",
    }
    return client.post(reverse("cases:visit_create", args=[episode.pk]), data)


@pytest.mark.parametrize("people", [1, 3])
def test_a_visit_save_is_constant_in_queries(
    client,
    provider_x,
    family,  # noqa: F811
    django_assert_max_num_queries,
    people,
):
    episode, *household = family
    for person in household:
        f.ConsentFactory(client=person)
    activities = list(
        Activity.objects.filter(code__in=ACTIVITIES[: 1 if people == 1 else 5]).values_list("pk", flat=True)
    )
    log_in(client, provider_x.mentor.user)
    _save(client, episode, day=days_ago(1), people=household[:people], activities=activities)  # warm-up
    # 33 on SQLite, the update of the referral's first visit among them; PostgreSQL also holds the contract
    # against a month lock (one query more).
    with django_assert_max_num_queries(34):
        response = _save(client, episode, day=today(), people=household[:people], activities=activities)
    assert response.status_code == 302
    visit = Visit.objects.get(visited_on=today())
    assert visit.attendees.count() == people and visit.activities.count() == len(activities)


def test_the_most_used_activities_come_first_and_the_rest_fold(client, provider_x, family):  # noqa: F811
    """Worked out when the form is shown (never for a save that succeeds): the mentor's most logged
    activity leads; the fold opens when the form comes back with a folded activity ticked."""
    episode, olena, *_ = family
    f.ConsentFactory(client=olena)
    transport = Activity.objects.get(code="transport")
    log_in(client, provider_x.mentor.user)
    assert (
        _save(client, episode, day=days_ago(2), people=[olena], activities=[transport.pk]).status_code == 302
    )
    url = reverse("cases:visit_create", args=[episode.pk])
    html = client.get(url).content.decode()
    shown = re.findall(r'name="activities" value="(\d+)"', html)
    assert shown[0] == str(transport.pk) and len(shown) == Activity.objects.filter(is_active=True).count()
    assert "More activities" in html and '<details class="mt-2" open>' not in html
    folded = shown[-1]
    data = {"visited_on": "", "duration_minutes": 60, "place": Visit.Place.HOME, "attendees": [olena.pk]}
    html = client.post(url, data | {"activities": [folded]}).content.decode()
    assert '<details class="mt-2" open>' in html
