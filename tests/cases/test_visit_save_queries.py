"""Saving a visit costs a fixed number of queries, however many people were present and activities done:
the visit, its activities and people (each through its relation, so that the change log records them),
the rules' checks and the served months, each asked once."""

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
    # 32 on SQLite; PostgreSQL also holds the contract against a month lock (one query more).
    with django_assert_max_num_queries(33):
        response = _save(client, episode, day=today(), people=household[:people], activities=activities)
    assert response.status_code == 302
    visit = Visit.objects.get(visited_on=today())
    assert visit.attendees.count() == people and visit.activities.count() == len(activities)
