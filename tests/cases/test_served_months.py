"""The served-months table the reports count: every service that changes a person's visits, episodes,
date of birth or citizenship keeps it equal to what the visits give, and `served_months` checks it."""

import datetime
import threading
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from cases.models import Activity, Episode, ServedMonth, Visit
from cases.services import client_update, episode_open, visit_delete, visit_edit, visit_log
from cases.services.served import served_months_differences
from reporting.periods import Period
from reporting.queries import monthly_report
from tests import factories as f
from tests.cases.episode_support import days_ago, today


@pytest.fixture
def family(provider_x):
    olena = f.ClientFactory(given_name="Olena", family_name="Koval", citizenship="UA")
    son = f.ClientFactory(given_name="Taras", family_name="Koval", date_of_birth=datetime.date(2014, 5, 1))
    f.household(olena, son)
    episode = f.EpisodeFactory(
        client=olena, contract=provider_x.contract, mentor=provider_x.mentor, started_on=days_ago(40)
    )
    return episode, olena, son


def _log(episode, by, day, *people):
    return visit_log(
        episode=episode,
        visited_on=day,
        duration_minutes=45,
        place=Visit.Place.HOME,
        activities=list(Activity.objects.filter(code="housing")),
        attendees=list(people),
        by=by,
    )


def _rows():
    return {(row.client_id, row.month, row.contacts) for row in ServedMonth.objects.all()}


def test_logging_a_family_visit_serves_everyone_present(provider_x, family):
    episode, olena, son = family
    _log(episode, provider_x.mentor.user, today(), olena, son)
    _log(episode, provider_x.mentor.user, today(), olena)
    month = today().replace(day=1)
    assert _rows() == {(olena.pk, month, 2), (son.pk, month, 1)}
    row = ServedMonth.objects.get(client=son)
    assert (row.contract, row.programme, row.provider) == (
        provider_x.contract,
        provider_x.contract.programme,
        provider_x.contract.provider,
    )
    assert row.date_of_birth == datetime.date(2014, 5, 1)
    assert served_months_differences() == (set(), set())


def test_editing_a_visit_moves_it_and_drops_who_was_not_there(provider_x, family):
    episode, olena, son = family
    day = today()
    earlier = days_ago(35)
    visit = _log(episode, provider_x.mentor.user, day, olena, son)
    visit_edit(
        visit=visit,
        visited_on=earlier,
        duration_minutes=30,
        place=Visit.Place.HOME,
        activities=list(Activity.objects.filter(code="housing")),
        attendees=[olena],
        by=provider_x.mentor.user,
    )
    assert _rows() == {(olena.pk, earlier.replace(day=1), 1)}
    assert served_months_differences() == (set(), set())


def test_deleting_the_only_visit_of_a_month_unserves_its_people(provider_x, family):
    episode, olena, son = family
    visit = _log(episode, provider_x.mentor.user, today(), olena, son)
    visit_delete(visit=visit, by=provider_x.mentor.user)
    assert ServedMonth.objects.count() == 0


def test_a_corrected_date_of_birth_reaches_the_children_count(provider_x, family):
    episode, olena, son = family
    _log(episode, provider_x.mentor.user, today(), olena, son)
    month = today().replace(day=1)
    period = Period(month, month)
    report = monthly_report(programme=provider_x.contract.programme, period=period)
    assert report.all_period.children == 1

    client_update(
        client=son,
        fields={"date_of_birth": datetime.date(2000, 5, 1), "citizenship": "UA"},
        by=provider_x.social_worker.user,
    )
    report = monthly_report(programme=provider_x.contract.programme, period=period)
    assert report.all_period.children == 0
    assert [c.citizenship for c in report.countries] == ["UA"]
    assert served_months_differences() == (set(), set())


def test_a_first_episode_makes_a_served_family_member_not_new_later(provider_x, family):
    """The son is served as a family member, then gets his own episode: from the next month on he is
    no longer new in the programme."""
    episode, olena, son = family
    _log(episode, provider_x.mentor.user, days_ago(35), olena, son)
    assert ServedMonth.objects.get(client=son).first_started_on is None
    started = days_ago(34)
    episode_open(
        client=son,
        contract=provider_x.contract,
        mentor=provider_x.mentor,
        started_on=started,
        intake_source=Episode.IntakeSource.SELF,
        by=provider_x.coordinator.user,
    )
    assert ServedMonth.objects.get(client=son).first_started_on == started
    assert served_months_differences() == (set(), set())


def test_the_command_finds_a_difference_and_the_rebuild_mends_it(provider_x, family):
    episode, olena, son = family
    _log(episode, provider_x.mentor.user, today(), olena, son)
    out = StringIO()
    call_command("served_months", stdout=out)
    assert "Served months agree with the visits." in out.getvalue()

    ServedMonth.objects.filter(client=son).delete()  # as a bulk load outside the services would leave it
    errors = StringIO()
    with pytest.raises(CommandError, match=r"differ from the visits \(rows: 1\)"):
        call_command("served_months", stdout=StringIO(), stderr=errors)
    assert f"Missing: contract {provider_x.contract.pk}, month {today():%Y-%m}, client {son.pk}" in (
        errors.getvalue()
    )

    out = StringIO()
    call_command("served_months", "--rebuild", stdout=out)
    assert "Served months rebuilt; rows written: 2." in out.getvalue()
    assert served_months_differences() == (set(), set())


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL")
def test_two_visits_at_the_same_moment_in_two_episodes_count_both(provider_x):
    """The son is present at his mother's visit and at his own, logged at the same moment in two
    connections: the lock on the person makes the second refresh wait and see the first visit."""
    mother = f.ClientFactory(given_name="Olena", family_name="Koval")
    son = f.ClientFactory(given_name="Taras", family_name="Koval", date_of_birth=datetime.date(2008, 5, 1))
    f.household(mother, son)
    episodes = [
        f.EpisodeFactory(
            client=person, contract=provider_x.contract, mentor=provider_x.mentor, started_on=days_ago(5)
        )
        for person in (mother, son)
    ]
    start = threading.Barrier(2)
    failures = []

    def log(episode):
        try:
            start.wait()
            _log(episode, provider_x.mentor.user, today(), *{episode.client, son})
        except Exception as error:  # noqa: BLE001 - reported by the assertion below
            failures.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=log, args=(episode,)) for episode in episodes]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
    assert ServedMonth.objects.get(client=son).contacts == 2
    assert served_months_differences() == (set(), set())
