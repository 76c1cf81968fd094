"""A programme's time-limit rule is data the administrator edits: the stored limits of its open
episodes follow the change in the same save, and the length in force (standard or extended) is
computed in one place for the limit, the extension form and the extension service."""

import datetime

import pytest
from django.urls import reverse

from cases.models import EndReason, Episode, EpisodeEvent
from cases.rules.limits import add_months
from cases.services import ServiceError, episode_extend
from mentors.models import Programme
from tests import factories as f
from tests.cases.episode_support import days_ago, log_in, shown, today


def _admin_form_data(page) -> dict:
    """What the admin's change form would post back unchanged: the main form and every inline."""
    data = {}
    forms = [page.context["adminform"].form]
    for inline in page.context["inline_admin_formsets"]:
        formset = inline.formset
        forms += list(formset.forms)
        management = formset.management_form
        data |= {management.add_prefix(name): value for name, value in management.initial.items()}
    for form in forms:
        for name in form.fields:
            value = form[name].value()
            if value is None:
                continue
            if isinstance(value, bool):
                if value:
                    data[form.add_prefix(name)] = "on"
                continue
            data[form.add_prefix(name)] = getattr(value, "pk", value)
    return data


def _save_in_admin(client, admin_user, programme: Programme, **changes):
    client.force_login(admin_user)
    url = reverse("admin:mentors_programme_change", args=[programme.pk])
    data = _admin_form_data(client.get(url)) | changes
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    return response


def test_changing_ua_mentor_limit_days_in_the_admin_moves_open_episodes_limits(
    client, admin_user, provider_x
):
    ua_mentor = f.programme("UA-MENTOR")
    recent = f.EpisodeFactory(contract=provider_x.contract, mentor=provider_x.mentor, started_on=days_ago(10))
    past_limit = f.EpisodeFactory(contract=provider_x.contract, started_on=days_ago(70))
    ended = f.EpisodeFactory(
        contract=provider_x.contract,
        started_on=days_ago(100),
        status=Episode.Status.ENDED,
        ended_on=days_ago(45),
        end_reason=EndReason.objects.get(code="plan_achieved"),
    )
    assert recent.limit_on == days_ago(10) + datetime.timedelta(days=59)
    ended_limit = ended.limit_on

    _save_in_admin(client, admin_user, ua_mentor, limit_length=90)

    ua_mentor.refresh_from_db()
    assert ua_mentor.limit_length == 90
    for episode in (recent, past_limit, ended):
        episode.refresh_from_db()
    assert recent.limit_on == days_ago(10) + datetime.timedelta(days=89)
    assert past_limit.limit_on == days_ago(70) + datetime.timedelta(days=89)  # open again for contacts
    assert ended.limit_on == ended_limit  # an ended episode keeps the limit it ended with
    event = recent.events.get(kind=EpisodeEvent.Kind.LIMIT_CHANGED)
    assert (event.from_value, event.to_value, event.by) == (
        (days_ago(10) + datetime.timedelta(days=59)).isoformat(),
        recent.limit_on.isoformat(),
        admin_user,
    )
    assert "UA-MENTOR" in event.note
    # What the mentor sees follows the stored value: the episode page and the caseload.
    page = log_in(client, provider_x.mentor.user).get(reverse("cases:episode_detail", args=[recent.pk]))
    assert f"Limit {shown(recent.limit_on)}" in page.content.decode()
    assert "79 days left" in page.content.decode()


def test_saving_a_programme_without_changing_its_rule_moves_nothing(client, admin_user, provider_x):
    episode = f.EpisodeFactory(contract=provider_x.contract, started_on=days_ago(10))
    _save_in_admin(client, admin_user, f.programme("UA-MENTOR"), name_en="Social mentor (renamed)")
    assert not EpisodeEvent.objects.filter(kind=EpisodeEvent.Kind.LIMIT_CHANGED).exists()
    episode.refresh_from_db()
    assert episode.limit_on == days_ago(10) + datetime.timedelta(days=59)


@pytest.fixture
def osa_extended(provider_x):
    """An AS-OSA episode started 300 days ago whose limit was extended to 18 months."""
    contract = f.ContractFactory(provider=provider_x.provider, programme=f.programme("AS-OSA"))
    episode = f.EpisodeFactory(
        contract=contract,
        mentor=provider_x.mentor,
        social_worker=provider_x.social_worker,
        started_on=days_ago(300),
    )
    episode_extend(
        episode=episode,
        length=18,
        reason="Housing not yet found",
        requested_by=provider_x.mentor.user,
        approved_on=today(),
        by=provider_x.coordinator.user,
    )
    episode.refresh_from_db()
    assert episode.limit_on == add_months(episode.started_on, 18)
    return episode


def test_the_length_in_force_is_one_rule_for_limit_form_and_service(
    client, admin_user, provider_x, osa_extended
):
    episode = osa_extended
    # A shorter standard limit leaves the approved extension in force …
    _save_in_admin(client, admin_user, f.programme("AS-OSA"), limit_length=6)
    episode.refresh_from_db()
    assert episode.limit_on == add_months(episode.started_on, 18)
    # … a longer one than the extension replaces it, everywhere the length in force is asked.
    _save_in_admin(client, admin_user, f.programme("AS-OSA"), limit_length=20)
    episode.refresh_from_db()
    assert episode.limit_on == add_months(episode.started_on, 20)
    page = log_in(client, provider_x.coordinator.user).get(reverse("cases:episode_extend", args=[episode.pk]))
    assert [value for value, _label in page.context["form"].fields["length"].choices] == [21, 22, 23, 24]
    with pytest.raises(ServiceError, match="already 20"):
        episode_extend(
            episode=episode,
            length=19,
            reason="More time",
            requested_by=provider_x.mentor.user,
            approved_on=today(),
            by=provider_x.coordinator.user,
        )
