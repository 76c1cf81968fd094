"""The database itself refuses inconsistent rows, whatever code writes them (forms bypassed)."""

import datetime

import pytest
from django.db import IntegrityError, transaction

from cases.models import EndReason, Episode, InclusionPlan, Referral, Visit
from tests import factories as f

D = datetime.date


def _refused(create):
    with pytest.raises(IntegrityError), transaction.atomic():
        create()


def _episode_fields(episode, **changes):
    fields = {
        "client": episode.client,
        "programme": episode.programme,
        "contract": episode.contract,
        "intake_source": episode.intake_source,
        "started_on": D(2024, 5, 1),
        "created_by": episode.created_by,
    }
    return fields | changes


@pytest.fixture
def episode(provider_x):
    return f.EpisodeFactory(contract=provider_x.contract, started_on=D(2024, 3, 1))


def test_one_open_episode_per_client_and_programme(episode):
    _refused(lambda: Episode.objects.create(**_episode_fields(episode)))
    # Another programme, or after the first has ended, is allowed.
    ended = EndReason.objects.get(code="declined")
    Episode.objects.filter(pk=episode.pk).update(status="ended", ended_on=D(2024, 4, 1), end_reason=ended)
    assert Episode.objects.create(**_episode_fields(episode)).pk


def test_an_episode_ends_on_or_after_its_start(episode):
    reason = EndReason.objects.get(code="declined")
    other = f.ClientFactory()
    fields = _episode_fields(
        episode, client=other, status="ended", end_reason=reason, started_on=D(2024, 5, 1)
    )
    _refused(lambda: Episode.objects.create(**fields, ended_on=D(2024, 4, 30)))
    assert Episode.objects.create(**fields, ended_on=D(2024, 5, 1)).pk


@pytest.mark.parametrize(
    "state",
    [
        {"status": "ended", "ended_on": D(2024, 6, 1)},  # no reason
        {"status": "ended", "end_reason": "declined"},  # no end date
        {"status": "active", "ended_on": D(2024, 6, 1)},
        {"status": "active", "end_reason": "declined"},
    ],
)
def test_end_reason_and_date_if_and_only_if_ended(episode, state):
    if "end_reason" in state:
        state = state | {"end_reason": EndReason.objects.get(code=state["end_reason"])}
    _refused(lambda: Episode.objects.create(**_episode_fields(episode, client=f.ClientFactory(), **state)))


@pytest.mark.parametrize("minutes", [0, 721])
def test_visit_duration_from_1_to_720_minutes(episode, minutes):
    def create():
        Visit.objects.bulk_create(
            [
                Visit(
                    episode=episode,
                    contract=episode.contract,
                    visited_on=D(2024, 3, 5),
                    duration_minutes=minutes,
                    place=Visit.Place.HOME,
                    logged_by=episode.created_by,
                )
            ]
        )

    _refused(create)
    assert f.VisitFactory(episode=episode, duration_minutes=720).pk


def test_one_current_plan_version(episode):
    plan = f.InclusionPlanFactory(episode=episode)
    _refused(lambda: InclusionPlan.objects.create(episode=episode, version=2, drawn_up_by=plan.drawn_up_by))
    _refused(
        lambda: InclusionPlan.objects.create(
            episode=episode, version=1, is_current=False, drawn_up_by=plan.drawn_up_by
        )
    )
    assert InclusionPlan.objects.create(
        episode=episode, version=2, is_current=False, drawn_up_by=plan.drawn_up_by
    ).pk


def test_one_open_referral_per_client_and_programme(provider_x):
    referral = f.ReferralFactory(contract=provider_x.contract)

    def another(status):
        """A second referral of the client written straight to the database (`referral_file` refuses it
        before the database has to)."""
        fields = {
            name: getattr(referral, name)
            for name in ("client", "programme", "municipality", "provider", "contract", "filed_by")
        }
        return lambda: Referral.objects.create(**fields, status=status, submitted_at=referral.submitted_at)

    _refused(another(Referral.Status.SUBMITTED))
    _refused(another(Referral.Status.RETURNED))
    assert another(Referral.Status.WITHDRAWN)().pk
