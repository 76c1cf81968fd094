"""Episodes: the limit shown and stored, extensions, status grants, ending, reassigning, transferring."""

import datetime
import re

import pytest
from django.urls import reverse

from cases.models import EndReason, Episode, EpisodeEvent, EpisodeExtension, PlanGoal
from cases.rules.limits import add_months
from cases.services import (
    ServiceError,
    episode_end,
    episode_end_reasons,
    episode_extend,
    episode_reassign,
    episode_refresh_limit,
    episode_transfer,
)
from mentors.models import ProviderStaff
from tests import factories as f
from tests.cases.episode_support import days_ago, log_in, shown, today


@pytest.fixture
def osa(provider_x):
    """An AS-OSA contract of provider X and an episode in it that started 300 days ago."""
    contract = f.ContractFactory(provider=provider_x.provider, programme=f.programme("AS-OSA"))
    episode = f.EpisodeFactory(
        contract=contract,
        mentor=provider_x.mentor,
        social_worker=provider_x.social_worker,
        started_on=days_ago(300),
        client=f.ClientFactory(legal_status=f.legal_status("refugee"), status_granted_on=days_ago(400)),
    )
    return episode


def _reason(code):
    return EndReason.objects.get(code=code)


def test_episode_page_shows_the_limit_and_days_left(client, provider_x):
    episode = f.EpisodeFactory(
        contract=provider_x.contract, mentor=provider_x.mentor, started_on=days_ago(10)
    )
    assert episode.limit_on == days_ago(10) + datetime.timedelta(days=59)
    page = log_in(client, provider_x.mentor.user).get(reverse("cases:episode_detail", args=[episode.pk]))
    html = page.content.decode()
    assert f"Limit {shown(episode.limit_on)}" in html
    assert "49 days left" in html


def test_approved_extension_moves_the_limit_shown_and_stored(client, provider_x, osa):
    assert osa.limit_on == add_months(osa.started_on, 12)
    log_in(client, provider_x.coordinator.user)
    response = client.post(
        reverse("cases:episode_extend", args=[osa.pk]),
        {
            "length": 18,
            "reason": "Housing not yet found",
            "requested_by": provider_x.mentor.user.pk,
            "approved_on": today().isoformat(),
        },
    )
    assert response.status_code == 302
    osa.refresh_from_db()
    assert osa.limit_on == add_months(osa.started_on, 18)
    extension = EpisodeExtension.objects.get()
    assert (extension.requested_by, extension.approved_by) == (
        provider_x.mentor.user,
        provider_x.coordinator.user,
    )
    event = osa.events.get(kind=EpisodeEvent.Kind.EXTENDED)
    assert (event.from_value, event.to_value) == (
        str(add_months(osa.started_on, 12)),
        str(add_months(osa.started_on, 18)),
    )
    page = client.get(reverse("cases:episode_detail", args=[osa.pk]))
    assert f"Limit {shown(osa.limit_on)}" in page.content.decode()
    assert "Housing not yet found" in page.content.decode()


def test_extension_beyond_24_months_is_refused(client, provider_x, osa):
    with pytest.raises(ServiceError, match="At most 24"):
        episode_extend(
            episode=osa,
            length=25,
            reason="More time",
            requested_by=provider_x.mentor.user,
            approved_on=today(),
            by=provider_x.coordinator.user,
        )
    log_in(client, provider_x.coordinator.user)
    response = client.post(
        reverse("cases:episode_extend", args=[osa.pk]),
        {
            "length": 25,
            "reason": "More time",
            "requested_by": provider_x.mentor.user.pk,
            "approved_on": today(),
        },
    )
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    osa.refresh_from_db()
    assert osa.limit_on == add_months(osa.started_on, 12)
    assert not EpisodeExtension.objects.exists()


def test_extension_to_24_months_then_no_further(provider_x, osa):
    kwargs = {"reason": "Plan", "requested_by": provider_x.mentor.user, "approved_on": today()}
    episode_extend(episode=osa, length=24, by=provider_x.coordinator.user, **kwargs)
    osa.refresh_from_db()
    assert osa.limit_on == add_months(osa.started_on, 24)
    with pytest.raises(ServiceError, match="already 24"):
        episode_extend(episode=osa, length=20, by=provider_x.coordinator.user, **kwargs)


def test_no_extension_in_a_programme_without_one(provider_x):
    episode = f.EpisodeFactory(contract=provider_x.contract, started_on=days_ago(10))
    with pytest.raises(ServiceError, match="cannot be extended"):
        episode_extend(
            episode=episode,
            length=90,
            reason="x",
            requested_by=provider_x.mentor.user,
            approved_on=today(),
            by=provider_x.coordinator.user,
        )


def test_status_granted_mid_episode_moves_the_limit(provider_x):
    contract = f.ContractFactory(provider=provider_x.provider, programme=f.programme("AS-ESF"))
    seeker = f.ClientFactory(legal_status=f.legal_status("asylum_seeker"))
    episode = f.EpisodeFactory(contract=contract, client=seeker, started_on=datetime.date(2022, 3, 1))
    assert episode.limit_on is None

    seeker.legal_status = f.legal_status("refugee")
    seeker.status_granted_on = datetime.date(2022, 8, 31)
    seeker.save()
    episode_refresh_limit(episode=episode, by=provider_x.social_worker.user, note="Refugee status granted")

    episode.refresh_from_db()
    assert episode.limit_on == datetime.date(2023, 8, 31)
    event = episode.events.get(kind=EpisodeEvent.Kind.LIMIT_CHANGED)
    assert (event.from_value, event.to_value, event.note) == ("", "2023-08-31", "Refugee status granted")
    episode_refresh_limit(episode=episode, by=provider_x.social_worker.user)
    assert episode.events.filter(kind=EpisodeEvent.Kind.LIMIT_CHANGED).count() == 1


def test_coordinator_ends_an_episode(client, provider_x, sw_a):
    episode = f.EpisodeFactory(
        contract=provider_x.contract, mentor=provider_x.mentor, started_on=days_ago(30)
    )
    f.VisitFactory(episode=episode, visited_on=days_ago(3), notes="Private note of the mentor")
    log_in(client, provider_x.coordinator.user)
    response = client.post(
        reverse("cases:episode_end", args=[episode.pk]),
        {
            "end_reason": _reason("left_country").pk,
            "ended_on": days_ago(1).isoformat(),
            "closing_summary": "Moved to Germany to join family.",
        },
    )
    assert response.status_code == 302
    episode.refresh_from_db()
    assert (episode.status, episode.ended_on, episode.end_reason.code) == (
        "ended",
        days_ago(1),
        "left_country",
    )
    event = episode.events.get(kind=EpisodeEvent.Kind.ENDED)
    assert (event.from_value, event.to_value, event.by) == ("active", "ended", provider_x.coordinator.user)

    # The referring municipality sees the outcome, never the visits or their notes.
    page = log_in(client, sw_a).get(reverse("cases:episode_detail", args=[episode.pk])).content.decode()
    assert "Moved to Germany to join family." in page
    assert _reason("left_country").name_en in page
    assert "Private note of the mentor" not in page
    assert "Visits" not in page


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"closing_summary": " "}, "Write a short closing summary."),
        ({"ended_on": days_ago(31)}, "The episode cannot end before it started."),
        ({"ended_on": days_ago(5)}, "A visit is logged on"),
        ({"ended_on": today() + datetime.timedelta(days=1)}, "The date cannot be in the future."),
        ({"end_reason": "limit_reached"}, "This reason does not apply"),
    ],
)
def test_ending_refusals(provider_x, changes, message):
    episode = f.EpisodeFactory(contract=provider_x.contract, started_on=days_ago(30))
    f.VisitFactory(episode=episode, visited_on=days_ago(3))
    kwargs = {"end_reason": "declined", "ended_on": today(), "closing_summary": "Declined."} | changes
    kwargs["end_reason"] = _reason(kwargs["end_reason"])
    with pytest.raises(ServiceError, match=message):
        episode_end(episode=episode, by=provider_x.coordinator.user, **kwargs)
    episode.refresh_from_db()
    assert episode.status == Episode.Status.ACTIVE


def test_end_reasons_offered(provider_x):
    episode = f.EpisodeFactory(contract=provider_x.contract, started_on=days_ago(30))
    codes = set(episode_end_reasons(episode, today=today()).values_list("code", flat=True))
    assert "left_country" in codes
    assert "limit_reached" not in codes and "plan_achieved" not in codes

    goal = f.PlanGoalFactory(plan=f.InclusionPlanFactory(episode=episode))
    f.PlanGoalFactory(plan=goal.plan, status=PlanGoal.Status.DROPPED)
    goal.status, goal.achieved_on = PlanGoal.Status.ACHIEVED, today()
    goal.save()
    after_limit = episode.limit_on + datetime.timedelta(days=1)
    codes = set(episode_end_reasons(episode, today=after_limit).values_list("code", flat=True))
    assert {"limit_reached", "plan_achieved"} <= codes


def test_end_form_offers_limit_reached_once_the_limit_has_passed(client, provider_x):
    past = f.EpisodeFactory(contract=provider_x.contract, started_on=days_ago(70))
    current = f.EpisodeFactory(contract=provider_x.contract, started_on=days_ago(10))
    log_in(client, provider_x.coordinator.user)
    label = _reason("limit_reached").name_en
    assert label in client.get(reverse("cases:episode_end", args=[past.pk])).content.decode()
    assert label not in client.get(reverse("cases:episode_end", args=[current.pk])).content.decode()


def test_reassign_to_another_mentor(client, provider_x, provider_y):
    episode = f.EpisodeFactory(contract=provider_x.contract, mentor=provider_x.mentor, started_on=days_ago(5))
    other = f.ProviderStaffFactory(provider=provider_x.provider, role=ProviderStaff.Role.MENTOR)
    log_in(client, provider_x.coordinator.user)
    response = client.post(reverse("cases:episode_reassign", args=[episode.pk]), {"mentor": other.pk})
    assert response.status_code == 302
    episode.refresh_from_db()
    assert episode.mentor == other
    event = episode.events.get(kind=EpisodeEvent.Kind.MENTOR_CHANGED)
    assert (event.from_value, event.to_value) == (str(provider_x.mentor), str(other))
    with pytest.raises(ServiceError, match="active mentor of this provider"):
        episode_reassign(episode=episode, mentor=provider_y.mentor, by=provider_x.coordinator.user)
    with pytest.raises(ServiceError):
        episode_reassign(episode=episode, mentor=provider_x.social_worker, by=provider_x.coordinator.user)


def test_transfer_keeps_one_history_and_the_old_providers_months(client, provider_x, provider_y):
    episode = f.EpisodeFactory(
        contract=provider_x.contract,
        mentor=provider_x.mentor,
        started_on=days_ago(40),
        client=f.ClientFactory(),
    )
    old_visit = f.VisitFactory(episode=episode, visited_on=days_ago(20))
    log_in(client, provider_x.coordinator.user)
    response = client.post(
        reverse("cases:episode_transfer", args=[episode.pk]),
        {
            "contract": provider_y.contract.pk,
            "transferred_on": today().isoformat(),
            "note": "Moved to Daugavpils",
        },
    )
    assert response.status_code == 302
    episode.refresh_from_db()
    assert (episode.contract, episode.mentor, episode.status) == (provider_y.contract, None, "active")
    assert Episode.objects.filter(client=episode.client).count() == 1
    old_visit.refresh_from_db()
    assert old_visit.contract == provider_x.contract
    assert episode.events.filter(kind=EpisodeEvent.Kind.TRANSFERRED).exists()
    # The old provider no longer sees the episode; the new one does, waiting for a mentor.
    assert client.get(reverse("cases:episode_detail", args=[episode.pk])).status_code == 404
    team = log_in(client, provider_y.coordinator.user).get(reverse("cases:team"))
    assert episode in team.context["overview"].attention
    page = client.get(reverse("cases:episode_detail", args=[episode.pk])).content.decode()
    assert "1 earlier visit under another provider." in page
    earlier = re.search(r'data-testid="earlier-contracts">(.*?)</ul>', page, re.S).group(1)
    x = provider_x.contract
    assert " ".join(earlier.split()) == (
        f"<li>{x.number} · {x.provider.name} · {shown(days_ago(40))}–{shown(days_ago(1))}</li>"
    )


def test_transfer_refusals(provider_x):
    episode = f.EpisodeFactory(contract=provider_x.contract, started_on=days_ago(10))
    own_second = f.ContractFactory(provider=provider_x.provider)
    osa = f.ContractFactory(programme=f.programme("AS-OSA"))
    for contract, message in [(own_second, "another provider"), (osa, "another programme")]:
        with pytest.raises(ServiceError, match=message):
            episode_transfer(
                episode=episode, contract=contract, transferred_on=today(), by=provider_x.coordinator.user
            )


def test_an_ended_episode_cannot_be_changed(provider_x):
    episode = f.EpisodeFactory(
        contract=provider_x.contract, mentor=provider_x.mentor, started_on=days_ago(10)
    )
    episode_end(
        episode=episode,
        end_reason=_reason("declined"),
        ended_on=today(),
        closing_summary="Declined.",
        by=provider_x.coordinator.user,
    )
    other = f.ProviderStaffFactory(provider=provider_x.provider, role=ProviderStaff.Role.MENTOR)
    with pytest.raises(ServiceError, match="has ended"):
        episode_reassign(episode=episode, mentor=other, by=provider_x.coordinator.user)
