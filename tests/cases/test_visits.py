"""Visit logging: the mentor's most frequent action, with every refusal the domain requires."""

import datetime
import threading

import pytest
from django.db import connection, transaction
from django.urls import reverse

from cases.models import Activity, Client, EndReason, Visit
from cases.services import ServiceError, episode_end, visit_delete, visit_edit, visit_log
from mentors.services import contract_month_lock
from reporting.statements import PaymentStatement
from tests import factories as f
from tests.cases.episode_support import days_ago, lock_month, log_in, today


@pytest.fixture
def family(provider_x):
    """Olena (the client), her son and her mother in one household, in mentor X's episode."""
    olena = f.ClientFactory(given_name="Olena", family_name="Koval")
    son = f.ClientFactory(given_name="Taras", family_name="Koval", date_of_birth=datetime.date(2014, 5, 1))
    mother = f.ClientFactory(
        given_name="Halyna", family_name="Koval", date_of_birth=datetime.date(1958, 2, 3)
    )
    f.household(olena, son, mother)
    episode = f.EpisodeFactory(
        client=olena, contract=provider_x.contract, mentor=provider_x.mentor, started_on=days_ago(20)
    )
    return episode, olena, son, mother


def _activities(*codes):
    return [Activity.objects.get(code=code).pk for code in codes]


def _post(client, episode, **changes):
    data = {
        "visited_on": today().isoformat(),
        "duration_minutes": 60,
        "place": Visit.Place.HOME,
        "activities": _activities("housing", "documents"),
        "attendees": [episode.client_id],
        "notes": "",
    } | changes
    return client.post(reverse("cases:visit_create", args=[episode.pk]), data)


def test_form_defaults_for_a_routine_visit(client, provider_x, family):
    episode, olena, son, mother = family
    page = log_in(client, provider_x.mentor.user).get(reverse("cases:visit_create", args=[episode.pk]))
    form = page.context["form"]
    assert form["visited_on"].value() == today()
    assert form["duration_minutes"].value() == 60
    assert form["place"].value() == Visit.Place.HOME
    assert form["attendees"].value() == [olena.pk]
    html = page.content.decode()
    assert "Olena Koval (client)" in html and "Taras Koval" in html and "Halyna Koval" in html
    assert f'value="{olena.pk}" class="btn-check" autocomplete="off" id="id_attendees_' in html
    assert html.count("checked") == 1  # the client


def test_mentor_logs_a_family_visit(client, provider_x, family):
    episode, olena, son, mother = family
    log_in(client, provider_x.mentor.user)
    response = _post(client, episode, attendees=[olena.pk, son.pk], notes="Went to the school together.")
    assert response.status_code == 302
    assert response["Location"] == reverse("cases:episode_detail", args=[episode.pk])
    visit = Visit.objects.get()
    assert visit.contract == provider_x.contract
    assert set(visit.attendees.all()) == {olena, son}
    assert set(visit.activities.values_list("code", flat=True)) == {"housing", "documents"}
    page = client.get(response["Location"])
    assert "Went to the school together." in page.content.decode()
    assert "Taras Koval" in page.content.decode()


def test_a_later_visit_starts_at_the_last_place(client, provider_x, family):
    episode = family[0]
    f.VisitFactory(episode=episode, visited_on=days_ago(3), place=Visit.Place.INSTITUTION)
    page = log_in(client, provider_x.mentor.user).get(reverse("cases:visit_create", args=[episode.pk]))
    assert page.context["form"]["place"].value() == Visit.Place.INSTITUTION


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        (
            {"visited_on": (today() + datetime.timedelta(days=1)).isoformat()},
            "The date cannot be in the future.",
        ),
        ({"visited_on": days_ago(21).isoformat()}, "The date is before the episode started."),
        ({"duration_minutes": 0}, "The duration must be between 1 minute and 12 hours."),
        ({"duration_minutes": 721}, "The duration must be between 1 minute and 12 hours."),
        ({"activities": []}, "Choose at least one activity."),
        ({"attendees": []}, "Tick at least one person present."),
    ],
)
def test_refused_with_a_clear_message_and_input_kept(client, provider_x, family, changes, message):
    episode = family[0]
    log_in(client, provider_x.mentor.user)
    response = _post(client, episode, notes="Kept as typed", **changes)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert "Kept as typed" in response.content.decode()
    assert not Visit.objects.exists()


def test_refused_after_the_limit(client, provider_x):
    episode = f.EpisodeFactory(
        contract=provider_x.contract, mentor=provider_x.mentor, started_on=days_ago(70)
    )
    log_in(client, provider_x.mentor.user)
    response = _post(client, episode, visited_on=days_ago(5).isoformat())
    assert "The date is after the time limit" in response.content.decode()
    assert not Visit.objects.exists()
    assert _post(client, episode, visited_on=episode.limit_on.isoformat()).status_code == 302


def test_refused_after_the_episode_end(provider_x, family):
    episode = episode_end(
        episode=family[0],
        end_reason=EndReason.objects.get(code="declined"),
        ended_on=days_ago(5),
        closing_summary="Declined further help.",
        by=provider_x.coordinator.user,
    )
    with pytest.raises(ServiceError, match="after the episode ended"):
        _log(episode, provider_x.mentor.user, visited_on=days_ago(2))
    assert _log(episode, provider_x.mentor.user, visited_on=days_ago(6)).pk  # a late entry before the end


def _log(episode, by, **changes):
    data = {
        "visited_on": today(),
        "duration_minutes": 45,
        "place": Visit.Place.PHONE,
        "activities": list(Activity.objects.filter(code="other")),
        "attendees": [episode.client],
    } | changes
    return visit_log(episode=episode, by=by, **data)


def test_refused_in_another_providers_episode(client, provider_x, provider_y, family):
    episode = family[0]
    with pytest.raises(ServiceError, match="your own provider"):
        _log(episode, provider_y.mentor.user)
    # Through the pages the episode does not even exist for them.
    log_in(client, provider_y.mentor.user)
    assert _post(client, episode).status_code == 404
    assert not Visit.objects.exists()


def test_only_the_household_can_be_present(provider_x, family):
    stranger = f.ClientFactory()
    with pytest.raises(ServiceError, match="household"):
        _log(family[0], provider_x.mentor.user, attendees=[family[1], stranger])


def test_goals_must_belong_to_the_current_plan(provider_x, family):
    other_goal = f.PlanGoalFactory()
    with pytest.raises(ServiceError, match="current plan"):
        _log(family[0], provider_x.mentor.user, goals=[other_goal])


def test_locked_month_refuses_logging_editing_and_deleting(client, provider_x, family):
    episode = family[0]
    mentor = provider_x.mentor.user
    visit = _log(episode, mentor, visited_on=days_ago(1))
    lock_month(provider_x.contract, visit.visited_on)
    log_in(client, mentor)
    response = _post(client, episode, visited_on=visit.visited_on.isoformat())
    assert "The month is locked for payment" in response.content.decode()
    with pytest.raises(ServiceError, match="locked"):
        visit_edit(visit=visit, by=mentor, **_same(visit) | {"duration_minutes": 90})
    response = client.post(reverse("cases:visit_delete", args=[visit.pk]))
    assert response.status_code == 400
    assert "The month is locked for payment" in response.content.decode()
    assert Visit.objects.filter(pk=visit.pk, duration_minutes=45).exists()


def test_the_episode_page_offers_no_edit_for_a_visit_in_a_locked_month(client, provider_x):
    episode = f.EpisodeFactory(
        contract=provider_x.contract, mentor=provider_x.mentor, started_on=days_ago(50)
    )
    mentor = provider_x.mentor.user
    this_month = _log(episode, mentor, visited_on=today())
    last_month = _log(episode, mentor, visited_on=today().replace(day=1) - datetime.timedelta(days=1))
    lock_month(provider_x.contract, last_month.visited_on)
    page = log_in(client, mentor).get(reverse("cases:episode_detail", args=[episode.pk])).content.decode()
    assert reverse("cases:visit_edit", args=[this_month.pk]) in page
    assert reverse("cases:visit_edit", args=[last_month.pk]) not in page
    assert reverse("cases:visit_delete", args=[last_month.pk]) not in page
    assert page.count('data-testid="visit-locked"') == 1


def _same(visit):
    return {
        "visited_on": visit.visited_on,
        "duration_minutes": visit.duration_minutes,
        "place": visit.place,
        "activities": list(visit.activities.all()),
        "attendees": list(visit.attendees.all()),
    }


def test_moving_a_visit_into_a_locked_month_is_refused(provider_x):
    episode = f.EpisodeFactory(
        contract=provider_x.contract, mentor=provider_x.mentor, started_on=days_ago(50)
    )
    visit = _log(episode, provider_x.mentor.user, visited_on=today())
    earlier = today().replace(day=1) - datetime.timedelta(days=1)
    lock_month(provider_x.contract, earlier)
    with pytest.raises(ServiceError, match="locked"):
        visit_edit(visit=visit, by=provider_x.mentor.user, **_same(visit) | {"visited_on": earlier})


def test_editing_a_visit_changes_who_was_present(client, provider_x, family):
    episode, olena, son, mother = family
    visit = _log(episode, provider_x.mentor.user, visited_on=days_ago(1), attendees=[olena, son])
    log_in(client, provider_x.mentor.user)
    page = client.get(reverse("cases:visit_edit", args=[visit.pk]))
    assert set(page.context["form"]["attendees"].value()) == {olena.pk, son.pk}
    response = client.post(
        reverse("cases:visit_edit", args=[visit.pk]),
        {
            "visited_on": visit.visited_on.isoformat(),
            "duration_minutes": 30,
            "place": Visit.Place.OFFICE,
            "activities": _activities("bank_account"),
            "attendees": [olena.pk, mother.pk],
            "interpreter_used": "on",
        },
    )
    assert response.status_code == 302
    visit.refresh_from_db()
    assert (visit.duration_minutes, visit.place, visit.interpreter_used) == (30, "office", True)
    assert set(visit.attendees.all()) == {olena, mother}
    assert list(visit.activities.values_list("code", flat=True)) == ["bank_account"]


def test_deleting_a_visit(client, provider_x, family):
    visit = _log(family[0], provider_x.mentor.user)
    log_in(client, provider_x.mentor.user)
    assert client.post(reverse("cases:visit_delete", args=[visit.pk])).status_code == 302
    assert not Visit.objects.exists()
    assert Client.objects.filter(pk=family[1].pk).exists()


def test_delete_by_another_provider_is_refused(provider_x, provider_y, family):
    visit = _log(family[0], provider_x.mentor.user)
    with pytest.raises(ServiceError):
        visit_delete(visit=visit, by=provider_y.coordinator.user)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL")
def test_a_month_locked_while_a_visit_is_being_logged_waits_for_it(provider_x, fund):
    """The mentor's visit to last month is checked and written but not yet committed when fund staff
    lock that month: the lock waits for the visit, so the locked statement includes it and no visit
    enters a locked month afterwards."""
    episode = f.EpisodeFactory(
        contract=provider_x.contract, mentor=provider_x.mentor, started_on=days_ago(60)
    )
    last_month = today().replace(day=1) - datetime.timedelta(days=1)
    logged, release = threading.Event(), threading.Event()
    outcomes = {}

    def mentor_logs():
        try:
            with transaction.atomic():
                _log(episode, provider_x.mentor.user, visited_on=last_month)
                logged.set()
                release.wait(10)
            outcomes["visit"] = "logged"
        finally:
            connection.close()

    def fund_locks():
        try:
            contract_month_lock(contract=provider_x.contract, month=last_month, by=fund)
            outcomes["lock"] = "locked"
        finally:
            connection.close()

    mentor = threading.Thread(target=mentor_logs)
    mentor.start()
    assert logged.wait(10)
    locker = threading.Thread(target=fund_locks)
    locker.start()
    locker.join(1.0)
    waited = locker.is_alive()  # still waiting for the mentor's transaction
    release.set()
    mentor.join()
    locker.join()
    assert waited
    assert outcomes == {"visit": "logged", "lock": "locked"}
    statement = PaymentStatement(provider_x.contract, last_month)
    assert (statement.is_locked, statement.served) == (True, 1)
    with pytest.raises(ServiceError, match="locked"):
        _log(episode, provider_x.mentor.user, visited_on=last_month)
