"""A visit like one already logged (same episode, same day, same people) is saved only when the person
confirms it is a second contact: doubled visits would double the contact hours the fund pays."""

import datetime

import pytest
from django.urls import reverse

from cases.models import Activity, Visit
from cases.services import ServiceError, visit_edit, visit_log
from tests import factories as f
from tests.cases.episode_support import days_ago, log_in

WARNING = "A visit like this is already recorded (same day, same people). Save it too?"


@pytest.fixture
def family(provider_x):
    olena = f.ClientFactory(given_name="Olena", family_name="Koval")
    son = f.ClientFactory(given_name="Taras", family_name="Koval", date_of_birth=datetime.date(2014, 5, 1))
    f.household(olena, son)
    episode = f.EpisodeFactory(
        client=olena, contract=provider_x.contract, mentor=provider_x.mentor, started_on=days_ago(20)
    )
    f.VisitFactory(episode=episode, visited_on=days_ago(1), attendees=[olena, son], duration_minutes=90)
    return episode, olena, son


def _post(client, episode, **changes):
    data = {
        "visited_on": days_ago(1).isoformat(),
        "duration_minutes": 45,
        "place": Visit.Place.HOME,
        "activities": [Activity.objects.get(code="housing").pk],
        "attendees": [episode.client_id],
        "notes": "Second time today",
    } | changes
    return client.post(reverse("cases:visit_create", args=[episode.pk]), data)


def test_a_repeated_visit_asks_before_it_is_saved(client, provider_x, family):
    episode, olena, son = family
    log_in(client, provider_x.mentor.user)
    response = _post(client, episode, attendees=[olena.pk, son.pk])
    assert response.status_code == 200
    html = response.content.decode()
    assert WARNING in html and 'data-testid="save-duplicate"' in html
    assert "Second time today" in html  # what was typed is kept
    assert Visit.objects.count() == 1  # nothing saved

    response = _post(client, episode, attendees=[olena.pk, son.pk], save_duplicate="on")
    assert response.status_code == 302
    assert Visit.objects.filter(visited_on=days_ago(1)).count() == 2


@pytest.mark.parametrize(
    "changes",
    [
        {"visited_on": days_ago(2).isoformat()},  # another day
        {},  # other people: the client alone, not the client with her son
    ],
)
def test_a_different_visit_is_saved_without_asking(client, provider_x, family, changes):
    episode = family[0]
    response = _post(log_in(client, provider_x.mentor.user), episode, **changes)
    assert response.status_code == 302
    assert Visit.objects.count() == 2


def test_the_service_refuses_a_repeat_unless_confirmed(provider_x, family):
    episode, olena, son = family
    kwargs = {
        "episode": episode,
        "visited_on": days_ago(1),
        "duration_minutes": 30,
        "place": Visit.Place.PHONE,
        "activities": [Activity.objects.get(code="housing")],
        "attendees": [son, olena],
        "by": provider_x.mentor.user,
    }
    with pytest.raises(ServiceError) as refusal:
        visit_log(**kwargs)
    assert refusal.value.message_dict == {"save_duplicate": [WARNING]}
    visit_log(**kwargs, save_duplicate=True)
    assert Visit.objects.count() == 2


def test_correcting_a_visit_into_a_repeat_asks_too(client, provider_x, family):
    episode, olena, son = family
    other = f.VisitFactory(episode=episode, visited_on=days_ago(3), attendees=[olena, son])
    kwargs = {
        "visit": other,
        "visited_on": days_ago(1),
        "duration_minutes": 60,
        "place": Visit.Place.HOME,
        "activities": [Activity.objects.get(code="housing")],
        "attendees": [olena, son],
        "by": provider_x.mentor.user,
    }
    with pytest.raises(ServiceError):
        visit_edit(**kwargs)
    visit_edit(**kwargs | {"visited_on": days_ago(3), "duration_minutes": 75})  # itself is no repeat
    other.refresh_from_db()
    assert other.duration_minutes == 75
    log_in(client, provider_x.mentor.user)
    response = client.post(
        reverse("cases:visit_edit", args=[other.pk]),
        {
            "visited_on": days_ago(1).isoformat(),
            "duration_minutes": 60,
            "place": Visit.Place.HOME,
            "activities": [Activity.objects.get(code="housing").pk],
            "attendees": [olena.pk, son.pk],
        },
    )
    assert WARNING in response.content.decode()
    other.refresh_from_db()
    assert other.visited_on == days_ago(3)
