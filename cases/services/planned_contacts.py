"""The next planned contact of an episode: set from the episode page or with a visit, done by a visit."""

import datetime
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from mentors.access import Action

from ..models import Episode
from .errors import ServiceError, authorize

PLANNED_CONTACT_FIELDS = ["next_contact_on", "next_contact_at", "next_contact_note", "updated_at"]


@dataclass(frozen=True)
class PlannedContact:
    """A contact the mentor plans: the day, optionally a time and a short note."""

    on: datetime.date
    at: datetime.time | None = None
    note: str = ""


def _write(episode: Episode, planned: PlannedContact | None) -> None:
    episode.next_contact_on = planned.on if planned else None
    episode.next_contact_at = planned.at if planned else None
    episode.next_contact_note = planned.note.strip() if planned else ""
    episode.save(update_fields=PLANNED_CONTACT_FIELDS)


@transaction.atomic
def episode_plan_contact(*, episode: Episode, planned: PlannedContact | None, by) -> Episode:
    """Set the next planned contact of an open episode (`None` clears it). A new one cannot be in the
    past; the earlier values stay in the episode's change log."""
    episode = Episode.objects.select_for_update(of=("self",)).select_related("contract").get(pk=episode.pk)
    plan_contact_of_held_episode(episode, planned, by=by)
    return episode


def plan_contact_of_held_episode(episode: Episode, planned: PlannedContact | None, *, by) -> None:
    """`episode_plan_contact` for a caller that holds the episode (with its contract) in its
    transaction, as logging a visit does. A plan the episode already has is not written again."""
    authorize(by, Action.PLAN_CONTACT, episode)
    if episode.status != Episode.Status.ACTIVE:
        raise ServiceError(_("This episode has ended; it can no longer be changed."))
    if planned is not None and planned.on < timezone.localdate():
        raise ServiceError({"next_contact_on": _("The next contact cannot be in the past.")})
    now = (episode.next_contact_on, episode.next_contact_at, episode.next_contact_note)
    if now != ((planned.on, planned.at, planned.note.strip()) if planned else (None, None, "")):
        _write(episode, planned)


def planned_contact_after_visit(episode: Episode, *, visited_on: datetime.date) -> None:
    """A visit on or after the planned day is the planned contact: the plan is done and cleared (the
    caller holds the episode, inside its transaction)."""
    if episode.next_contact_on is not None and visited_on >= episode.next_contact_on:
        _write(episode, None)
