"""The next planned contact (issue 11): set from the visit form or the episode page, the caseload sorted
by what is due with a "today" list, the client's phone and address on it, the team's overdue contacts."""

import datetime

import pytest
from django.urls import reverse

from cases.models import Activity, EndReason, Episode, Visit
from cases.selectors.episodes import PLANNED_SHOWN
from cases.services import PlannedContact, ServiceError, episode_plan_contact, visit_log
from mentors.models import ProviderStaff
from tests import factories as f
from tests.cases.episode_support import days_ago, log_in, shown, today

T = datetime.time


def in_days(days: int) -> datetime.date:
    return today() + datetime.timedelta(days=days)


def _episode(cast, name, *, started_days_ago=5, mentor=None, **client):
    return f.EpisodeFactory(
        contract=cast.contract,
        mentor=mentor or cast.mentor,
        started_on=days_ago(started_days_ago),
        client=f.ClientFactory(given_name=name, family_name="Test", **client),
    )


def _plan(episode, on, at=None, note=""):
    Episode.objects.filter(pk=episode.pk).update(
        next_contact_on=on, next_contact_at=at, next_contact_note=note
    )


def _visit_data(episode, **changes):
    return {
        "visited_on": today().isoformat(),
        "duration_minutes": 60,
        "place": Visit.Place.HOME,
        "activities": [Activity.objects.get(code="housing").pk],
        "attendees": [episode.client_id],
    } | changes


# The service


def test_a_mentor_plans_changes_and_clears_the_next_contact(provider_x):
    episode = _episode(provider_x, "Olena")
    by = provider_x.mentor.user
    episode_plan_contact(
        episode=episode, planned=PlannedContact(in_days(3), T(10, 30), " Bring the lease "), by=by
    )
    episode.refresh_from_db()
    assert (episode.next_contact_on, episode.next_contact_at, episode.next_contact_note) == (
        in_days(3),
        T(10, 30),
        "Bring the lease",
    )
    episode_plan_contact(episode=episode, planned=None, by=by)
    episode.refresh_from_db()
    assert (episode.next_contact_on, episode.next_contact_at, episode.next_contact_note) == (None, None, "")


def test_the_next_contact_cannot_be_in_the_past_nor_in_an_ended_episode(provider_x):
    episode = _episode(provider_x, "Olena")
    with pytest.raises(ServiceError, match="cannot be in the past"):
        episode_plan_contact(episode=episode, planned=PlannedContact(days_ago(1)), by=provider_x.mentor.user)
    ended = f.EpisodeFactory(
        contract=provider_x.contract,
        mentor=provider_x.mentor,
        started_on=days_ago(40),
        status=Episode.Status.ENDED,
        ended_on=days_ago(2),
        end_reason=EndReason.objects.get(code="declined"),
    )
    with pytest.raises(ServiceError, match="has ended"):
        episode_plan_contact(episode=ended, planned=PlannedContact(in_days(1)), by=provider_x.mentor.user)


def test_another_providers_staff_may_not_plan_a_contact(provider_x, provider_y):
    episode = _episode(provider_x, "Olena")
    with pytest.raises(ServiceError):
        episode_plan_contact(episode=episode, planned=PlannedContact(in_days(1)), by=provider_y.mentor.user)
    episode.refresh_from_db()
    assert episode.next_contact_on is None


def test_a_visit_on_the_planned_day_is_the_planned_contact(provider_x):
    episode = _episode(provider_x, "Olena")
    _plan(episode, days_ago(2), note="Call the school")
    visit_log(**_service_visit(episode, visited_on=days_ago(3)), by=provider_x.mentor.user)
    episode.refresh_from_db()
    assert episode.next_contact_on == days_ago(2)  # a visit before the planned day does not do it
    visit_log(
        **_service_visit(episode, visited_on=days_ago(2), duration_minutes=30), by=provider_x.mentor.user
    )
    episode.refresh_from_db()
    assert (episode.next_contact_on, episode.next_contact_note) == (None, "")


def _service_visit(episode, **changes):
    return {
        "episode": episode,
        "visited_on": today(),
        "duration_minutes": 60,
        "place": Visit.Place.HOME,
        "activities": [Activity.objects.get(code="housing")],
        "attendees": [episode.client],
    } | changes


# The visit form and the episode page


def test_the_mentor_plans_the_next_contact_from_the_visit_form(client, provider_x):
    episode = _episode(provider_x, "Olena")
    _plan(episode, today(), T(9, 0))
    log_in(client, provider_x.mentor.user)
    form = client.get(reverse("cases:visit_create", args=[episode.pk])).context["form"]
    assert form["next_contact_on"].value() is None  # the contact due today is this visit
    response = client.post(
        reverse("cases:visit_create", args=[episode.pk]),
        _visit_data(
            episode, next_contact_on=in_days(7).isoformat(), next_contact_at="14:00", next_contact_note="Bank"
        ),
    )
    assert response.status_code == 302
    episode.refresh_from_db()
    assert (episode.next_contact_on, episode.next_contact_at, episode.next_contact_note) == (
        in_days(7),
        T(14, 0),
        "Bank",
    )
    html = client.get(reverse("cases:episode_detail", args=[episode.pk])).content.decode()
    assert f"Next contact {shown(in_days(7))} at 14:00" in html
    # The next visit form shows the contact still planned, to keep or change.
    form = client.get(reverse("cases:visit_create", args=[episode.pk])).context["form"]
    assert form["next_contact_on"].value() == in_days(7)


def test_a_visit_with_a_next_contact_in_the_past_is_not_saved(client, provider_x):
    episode = _episode(provider_x, "Olena")
    log_in(client, provider_x.mentor.user)
    response = client.post(
        reverse("cases:visit_create", args=[episode.pk]),
        _visit_data(episode, next_contact_on=days_ago(1).isoformat(), notes="Typed notes"),
    )
    assert response.status_code == 200
    assert response.context["form"].errors["next_contact_on"] == ["The next contact cannot be in the past."]
    assert "Typed notes" in response.content.decode()
    assert not Visit.objects.exists()


def test_a_time_without_a_day_is_refused(client, provider_x):
    episode = _episode(provider_x, "Olena")
    log_in(client, provider_x.mentor.user)
    response = client.post(
        reverse("cases:episode_plan_contact", args=[episode.pk]), {"next_contact_at": "10:00"}
    )
    assert response.context["form"].errors["next_contact_on"] == ["Choose the day of the next contact."]


def test_the_episode_page_plans_the_next_contact(client, provider_x):
    episode = _episode(provider_x, "Olena")
    log_in(client, provider_x.social_worker.user)
    html = client.get(reverse("cases:episode_detail", args=[episode.pk])).content.decode()
    assert "None planned" in html and reverse("cases:episode_plan_contact", args=[episode.pk]) in html
    response = client.post(
        reverse("cases:episode_plan_contact", args=[episode.pk]),
        {"next_contact_on": in_days(2).isoformat(), "next_contact_note": "Interpreter booked"},
    )
    assert response["Location"] == reverse("cases:episode_detail", args=[episode.pk])
    html = client.get(response["Location"]).content.decode()
    assert f"Next contact {shown(in_days(2))}" in html and "Interpreter booked" in html
    client.post(reverse("cases:episode_plan_contact", args=[episode.pk]), {"next_contact_on": ""})
    episode.refresh_from_db()
    assert episode.next_contact_on is None


# The caseload


@pytest.fixture
def due(provider_x):
    """Mentor X's episodes, one of each kind of what is due (the UA-MENTOR limit is 60 days)."""
    episodes = {
        "calm": _episode(provider_x, "Calm"),
        "future": _episode(provider_x, "Future"),
        "past_limit": _episode(provider_x, "PastLimit", started_days_ago=70),
        "today_late": _episode(provider_x, "TodayLate", phone="+371 2000 0001"),
        "today_early": _episode(
            provider_x,
            "TodayEarly",
            phone="+371 2000 0002",
            street_address="Ganību dambis 17-4",
            locality="Rīga",
        ),
        "today_any": _episode(provider_x, "TodayAny"),
        "overdue_old": _episode(provider_x, "OverdueOld"),
        "overdue_new": _episode(provider_x, "OverdueNew"),
    }
    for name in ("calm", "future", "today_late", "today_early", "today_any"):
        f.VisitFactory(episode=episodes[name], visited_on=days_ago(1))
    f.VisitFactory(episode=episodes["past_limit"], visited_on=days_ago(12))
    _plan(episodes["future"], in_days(3))
    _plan(episodes["today_late"], today(), T(15, 0))
    _plan(episodes["today_early"], today(), T(9, 30), "Bring the school forms")
    _plan(episodes["today_any"], today())
    _plan(episodes["overdue_old"], days_ago(4))
    _plan(episodes["overdue_new"], days_ago(1))
    return episodes


def _names(episodes):
    return [episode.client.given_name for episode in episodes]


def test_the_caseload_puts_what_is_due_first(client, provider_x, due):
    page = log_in(client, provider_x.mentor.user).get(reverse("cases:caseload"))
    assert _names(page.context["episodes"]) == [
        "OverdueOld",
        "OverdueNew",
        "TodayEarly",
        "TodayLate",
        "TodayAny",
        "PastLimit",
        "Calm",
        "Future",
    ]
    html = page.content.decode()
    assert html.count('data-testid="contact-overdue"') == 2
    assert f"Planned contact overdue ({shown(days_ago(4))})" in html
    assert "Contact today at 09:30" in html
    assert f"Next contact {shown(in_days(3))}" in html


def test_the_today_list_shows_the_days_contacts_with_phone_and_address(client, provider_x, due):
    page = log_in(client, provider_x.mentor.user).get(reverse("home"))
    assert _names(page.context["planned_today"].shown) == ["TodayEarly", "TodayLate", "TodayAny"]
    html = page.content.decode()
    today_list = html[html.index('data-testid="today"') : html.index('data-testid="caseload"')]
    assert today_list.count('data-testid="today-item"') == 3
    assert '<a href="tel:+37120000002" data-testid="phone">' in today_list
    assert "Ganību dambis 17-4, Rīga" in today_list
    assert "Bring the school forms" in today_list
    assert "OverdueOld" not in today_list and "Future" not in today_list


def test_the_today_list_is_empty_without_contacts_today(client, provider_x):
    _plan(_episode(provider_x, "Later"), in_days(1))
    page = log_in(client, provider_x.mentor.user).get(reverse("cases:caseload"))
    assert page.context["planned_today"].shown == []
    assert "No contacts planned for today." in page.content.decode()


def test_a_whole_teams_contacts_today_show_the_first_ones_and_link_to_all(client, provider_x):
    """A coordinator's caseload (the whole provider) can have hundreds of contacts planned for a day:
    the first ten by time are shown above the list with the count, and a link pages through all."""
    for number in range(PLANNED_SHOWN + 2):
        _plan(_episode(provider_x, f"Today{number:02d}"), today(), T(8 + number % 10, number))
    page = log_in(client, provider_x.coordinator.user).get(reverse("cases:caseload"))
    planned = page.context["planned_today"]
    assert (len(planned.shown), planned.count) == (PLANNED_SHOWN, PLANNED_SHOWN + 2)
    html = page.content.decode()
    assert html.count('data-testid="today-item"') == PLANNED_SHOWN
    assert f"All {PLANNED_SHOWN + 2} contacts planned for today" in html
    listed = client.get(reverse("cases:caseload"), {"due": "contact_today"})
    assert listed.context["paginator"].count == PLANNED_SHOWN + 2


def test_the_caseload_shows_the_address_in_the_clients_municipality(client, provider_x):
    _episode(
        provider_x,
        "Parish",
        street_address="Mājas “Liepas”",
        locality="Bērzaunes pagasts",
        residence_municipality=f.municipality("Madonas novads"),
    )
    html = log_in(client, provider_x.mentor.user).get(reverse("cases:caseload")).content.decode()
    assert "Mājas “Liepas”, Bērzaunes pagasts, Madona Municipality" in html  # the municipality translated
    _episode(provider_x, "City", street_address="Brīvības iela 5", locality="Rīga")
    html = client.get(reverse("cases:caseload")).content.decode()
    assert "Brīvības iela 5, Rīga<" in html  # the city once


def test_the_team_view_shows_every_mentors_overdue_contacts(client, provider_x, due):
    colleague = f.ProviderStaffFactory(provider=provider_x.provider, role=ProviderStaff.Role.MENTOR)
    _plan(_episode(provider_x, "Colleagues", mentor=colleague), days_ago(3))
    page = log_in(client, provider_x.coordinator.user).get(reverse("cases:team"))
    overview = page.context["overview"]
    counts = {mentor.pk: mentor.contact_overdue_count for mentor in page.context["mentors"]}
    assert counts[provider_x.mentor.pk] == 2 and counts[colleague.pk] == 1
    assert overview.totals["contact_overdue"] == 3
    assert _names(overview.attention)[:3] == ["OverdueOld", "Colleagues", "OverdueNew"]
    assert page.content.decode().count('data-testid="contact-overdue"') == 3


def _many(cast, count):
    for number in range(count):
        episode = _episode(
            cast,
            f"Many{number}",
            phone=f"+371 2000 {number:04d}",
            street_address=f"Maskavas iela {number + 1}",
        )
        _plan(episode, [today(), days_ago(2), in_days(2)][number % 3], T(9 + number % 8, 0))


@pytest.mark.parametrize("rows", [1, 15])
@pytest.mark.parametrize(
    ("who", "url"), [("mentor", "home"), ("mentor", "cases:caseload"), ("coordinator", "cases:team")]
)
def test_query_count_does_not_grow_with_planned_contacts(
    client, provider_x, django_assert_max_num_queries, rows, who, url
):
    _many(provider_x, rows)
    log_in(client, getattr(provider_x, who).user)
    # The team view's 10 include its mentors' languages (one prefetch, shown for reassignment), and the
    # sorted page of its mentors' table besides all of them for the reassignment choices.
    with django_assert_max_num_queries(10):
        response = client.get(reverse(url))
    assert response.status_code == 200
    assert ("Many0" if who == "mentor" else "Many1" if rows > 1 else "Team") in response.content.decode()
