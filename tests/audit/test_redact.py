"""Erasing a person's text from the logs (for the GDPR erasure): who did what stays, what it said goes."""

import json

from django.urls import reverse

from audit.models import LogEntry
from audit.services import REDACTED, audit_redact_person
from cases.models import Activity, Episode, Visit
from tests import factories as f
from tests.audit.support import entries_of
from tests.cases.episode_support import days_ago, log_in, today


def _everything_logged(entries) -> str:
    return json.dumps(
        [
            [e.object_repr, e.changes, e.changes_text, e.serialized_data, e.additional_data]
            for e in entries.order_by("pk")
        ],
        ensure_ascii=False,
    )


def test_a_persons_text_leaves_the_logs_and_the_rest_stays(client, provider_x):
    olena = f.SearchableClientFactory(given_name="Olena", family_name="Koval", phone="+371 29999999")
    son = f.SearchableClientFactory(given_name="Taras", family_name="Koval")
    f.household(olena, son)
    mother_episode = f.EpisodeFactory(
        client=olena, contract=provider_x.contract, mentor=provider_x.mentor, started_on=days_ago(20)
    )
    son_episode = f.EpisodeFactory(
        client=son, contract=provider_x.contract, mentor=provider_x.mentor, started_on=days_ago(20)
    )
    f.PlanGoalFactory(plan=f.InclusionPlanFactory(episode=mother_episode), description="Olena's own flat")
    log_in(client, provider_x.mentor.user)
    for episode, notes in ((mother_episode, "Olena was upset"), (son_episode, "Taras and his mother Olena")):
        client.post(
            reverse("cases:visit_create", args=[episode.pk]),
            {
                "visited_on": today().isoformat(),
                "duration_minutes": 60,
                "place": Visit.Place.HOME,
                "activities": [Activity.objects.get(code="housing").pk],
                "attendees": [olena.pk, son.pk],
                "notes": notes,
            },
        )
    client.get(reverse("cases:client_detail", args=[olena.pk]))
    before = LogEntry.objects.count()
    assert "+371 29999999" in _everything_logged(LogEntry.objects.all())

    changed = audit_redact_person(client=olena)

    assert changed > 0 and LogEntry.objects.count() == before  # redacted, not deleted
    hers = LogEntry.objects.filter(person_id=olena.pk)
    logged = _everything_logged(hers)
    for personal in ("Olena", "Koval", "+371 29999999", "Olena was upset", "Olena's own flat"):
        assert personal not in logged
    read = hers.get(action=LogEntry.Action.ACCESS)
    assert (read.actor, read.object_repr) == (provider_x.mentor.user, REDACTED)
    phone = entries_of(type(olena), olena.pk).get(action=LogEntry.Action.CREATE).changes["phone"]
    assert phone == ["None", REDACTED]
    # Her son's visit keeps its content, but no longer names her among those present.
    son_visit = Visit.objects.get(episode=son_episode)
    present = entries_of(Visit, son_visit.pk).get(changes__has_key="attendees").changes["attendees"]
    assert present["objects"] == [REDACTED, "Taras Koval"] or present["objects"] == ["Taras Koval", REDACTED]
    assert entries_of(Visit, son_visit.pk).get(action=LogEntry.Action.CREATE).changes["notes"][1] == (
        "Taras and his mother Olena"
    )
    # Running it again changes nothing more.
    snapshot = _everything_logged(LogEntry.objects.all())
    audit_redact_person(client=olena)
    assert _everything_logged(LogEntry.objects.all()) == snapshot
    assert Episode.objects.filter(pk=son_episode.pk).exists()
