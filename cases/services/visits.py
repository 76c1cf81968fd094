"""Visits: logging, correcting and deleting contacts, under the month lock."""

import datetime

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from mentors.access import Action
from mentors.models import Contract
from mentors.services import contract_hold_for_visits, contract_month_is_locked

from ..models import (
    Client,
    Episode,
    Visit,
    VisitAttendance,
)
from ..rules.contacts import contact_date_refusal
from ..selectors.clients import consent_withdrawals
from .errors import ServiceError, authorize
from .planned_contacts import PlannedContact, plan_contact_of_held_episode, planned_contact_after_visit
from .served import served_months_refresh
from .visit_months import visit_month_key, visit_months_refresh

# `visit_log(next_contact=UNCHANGED)`: the caller says nothing of the next contact (an import, a
# correction); a visit on or after the planned day still fulfils it.
UNCHANGED = object()


class ContactDates:
    """Whether a contact may be recorded on a day: the one check that the visit services and the visit
    import make, inside the transaction that writes the contacts.

    The date rule is `cases.rules.contacts.contact_date_refusal`; the month lock is decided beside the
    contract (`mentors.services`), after holding the contract (`contract_hold_for_visits`), so that no
    month can be locked between the answer and the commit. Each contract is held once and each of its
    months read once, however many contacts are checked."""

    def __init__(self, *, today: datetime.date | None = None):
        self.today = today or timezone.localdate()
        self._held: set[int] = set()
        self._locked: dict[tuple[int, datetime.date], bool] = {}

    def month_locked(self, contract: Contract, day: datetime.date) -> bool:
        if contract.pk not in self._held:
            contract_hold_for_visits(contract=contract)
            self._held.add(contract.pk)
        key = (contract.pk, day.replace(day=1))
        if key not in self._locked:
            self._locked[key] = contract_month_is_locked(contract=contract, day=day)
        return self._locked[key]

    def refusal(self, visited_on: datetime.date, *, episode: Episode, contract: Contract) -> str | None:
        """Why a contact on `visited_on` may not be recorded in `episode` under `contract`, or None.

        Only the episode's dates are read (`started_on`, `ended_on`, `limit_on`): the import asks about
        episodes it has not written yet."""
        return contact_date_refusal(
            visited_on,
            today=self.today,
            episode=episode,
            contract=contract,
            month_locked=self.month_locked(contract, visited_on),
        )


def _authorize_visit(by, contract: Contract) -> None:
    """Visits are written by the staff of the provider whose contract they are (or will be) logged under."""
    authorize(
        by,
        Action.WRITE_VISIT,
        contract,
        message=_("Visits can only be logged in your own provider's episodes."),
    )


def visit_people(episode: Episode):
    """Who may be recorded as present at a visit: the client and the members of their household."""
    client = episode.client
    if client.household_id is None:
        return Client.objects.filter(pk=client.pk)
    return Client.objects.filter(Q(pk=client.pk) | Q(household_id=client.household_id))


def _check_visit(
    *,
    episode: Episode,
    contract: Contract,
    visited_on: datetime.date,
    duration_minutes: int,
    activities,
    attendees,
    goals,
    by,
):
    """The rules every logged or changed visit must keep (DOMAIN.md "Rules the software enforces")."""
    _authorize_visit(by, contract)
    if not 1 <= duration_minutes <= Visit.MAX_MINUTES:
        raise ServiceError({"duration_minutes": _("The duration must be between 1 minute and 12 hours.")})
    refusal = ContactDates().refusal(visited_on, episode=episode, contract=contract)
    if refusal:
        raise ServiceError({"visited_on": refusal})
    if not activities:
        raise ServiceError({"activities": _("Choose at least one activity.")})
    _check_attendees(episode, attendees, visited_on)
    _check_goals(episode, goals)


def _check_attendees(episode: Episode, attendees, visited_on: datetime.date) -> None:
    if not attendees:
        raise ServiceError({"attendees": _("Tick at least one person present.")})
    allowed = set(visit_people(episode).values_list("pk", flat=True))
    if not {person.pk for person in attendees} <= allowed:
        raise ServiceError({"attendees": _("Only the client and their household can be present.")})
    # A contact before the day the person withdrew their consent may still be logged late.
    withdrawn = consent_withdrawals(person.pk for person in attendees)
    for person in attendees:
        if person.pk in withdrawn and withdrawn[person.pk] <= visited_on:
            raise ServiceError(
                {
                    "attendees": _(
                        "%(name)s withdrew consent to processing on %(date)s: no contact with them on "
                        "or after that day can be recorded."
                    )
                    % {"name": person, "date": date_format(withdrawn[person.pk], "SHORT_DATE_FORMAT")}
                }
            )


def _check_not_a_repeat(
    *, episode: Episode, visited_on: datetime.date, attendees, confirmed: bool, visit: Visit | None = None
) -> None:
    """A visit of the same episode, day and people is probably the same contact logged twice: refused
    until the person confirms they mean a second one (it would double the visits and contact hours)."""
    if confirmed:
        return
    people = {person.pk for person in attendees}
    logged: dict[int, set[int]] = {}
    same_day = VisitAttendance.objects.filter(visit__episode=episode, visit__visited_on=visited_on)
    if visit is not None:
        same_day = same_day.exclude(visit=visit)
    for visit_id, client_id in same_day.values_list("visit_id", "client_id"):
        logged.setdefault(visit_id, set()).add(client_id)
    if people in logged.values():
        raise ServiceError(
            {
                "save_duplicate": _(
                    "A visit like this is already recorded (same day, same people). Save it too?"
                )
            }
        )


def _check_goals(episode: Episode, goals) -> None:
    if any(goal.plan.episode_id != episode.pk or not goal.plan.is_current for goal in goals):
        raise ServiceError({"goals": _("Choose goals of this episode's current plan.")})


@transaction.atomic
def visit_log(
    *,
    episode: Episode,
    visited_on: datetime.date,
    duration_minutes: int,
    place: str,
    activities,
    attendees,
    goals=(),
    interpreter_used: bool = False,
    notes: str = "",
    next_contact: PlannedContact | None | object = UNCHANGED,
    save_duplicate: bool = False,
    by,
) -> Visit:
    """Log a contact in an episode under the contract the episode has now (the payment basis).

    Every person present counts as served in the visit's month. `next_contact` is the episode's next
    planned contact after this one (`None`: none planned); left `UNCHANGED`, a planned contact on or
    before the visit's day is done and cleared. A visit like one already logged (same day, same people)
    is refused unless `save_duplicate`."""
    episode = (
        Episode.objects.select_for_update(of=("self",))
        .select_related("contract", "client")
        .get(pk=episode.pk)
    )
    _check_visit(
        episode=episode,
        contract=episode.contract,
        visited_on=visited_on,
        duration_minutes=duration_minutes,
        activities=activities,
        attendees=attendees,
        goals=goals,
        by=by,
    )
    _check_not_a_repeat(episode=episode, visited_on=visited_on, attendees=attendees, confirmed=save_duplicate)
    visit = Visit.objects.create(
        episode=episode,
        contract=episode.contract,
        visited_on=visited_on,
        duration_minutes=duration_minutes,
        place=place,
        interpreter_used=interpreter_used,
        notes=notes,
        logged_by=by,
    )
    # A new visit has no relations yet: they are added (not set, which reads what is there first),
    # through the relations, so the change log sees them.
    visit.activities.add(*activities)
    if goals:
        visit.goals.add(*goals)
    visit.attendees.add(*attendees)
    visit_months_refresh([visit_month_key(visit)])
    served_months_refresh(person.pk for person in attendees)
    if next_contact is UNCHANGED:
        planned_contact_after_visit(episode, visited_on=visited_on)
    else:
        plan_contact_of_held_episode(episode, next_contact, by=by)
    return visit


@transaction.atomic
def visit_edit(
    *,
    visit: Visit,
    visited_on: datetime.date,
    duration_minutes: int,
    place: str,
    activities,
    attendees,
    goals=(),
    interpreter_used: bool = False,
    notes: str = "",
    save_duplicate: bool = False,
    by,
) -> Visit:
    """Correct a logged visit. Its contract stays; neither its old nor its new month may be locked; it
    may not become like another visit of the episode (same day, same people) unless `save_duplicate`."""
    # The episode too: its visit months are recounted (`visit_months_refresh`).
    visit = (
        Visit.objects.select_for_update(of=("self", "episode"))
        .select_related("episode__client", "contract")
        .get(pk=visit.pk)
    )
    was_counted_in = visit_month_key(visit)
    if ContactDates().month_locked(visit.contract, visit.visited_on):
        raise ServiceError(_("The month is locked for payment; visits in it cannot be changed."))
    _check_visit(
        episode=visit.episode,
        contract=visit.contract,
        visited_on=visited_on,
        duration_minutes=duration_minutes,
        activities=activities,
        attendees=attendees,
        goals=goals,
        by=by,
    )
    _check_not_a_repeat(
        episode=visit.episode,
        visited_on=visited_on,
        attendees=attendees,
        confirmed=save_duplicate,
        visit=visit,
    )
    visit.visited_on = visited_on
    visit.duration_minutes = duration_minutes
    visit.place = place
    visit.interpreter_used = interpreter_used
    visit.notes = notes
    visit.save(
        update_fields=["visited_on", "duration_minutes", "place", "interpreter_used", "notes", "updated_at"]
    )
    visit.activities.set(activities)
    visit.goals.set(goals)
    were_present = set(visit.attendance.values_list("client_id", flat=True))
    visit.attendees.set(attendees)  # through the relation, so the change log sees who came and went
    visit_months_refresh([was_counted_in, visit_month_key(visit)])
    served_months_refresh(were_present | {person.pk for person in attendees})
    return visit


@transaction.atomic
def visit_delete(*, visit: Visit, by) -> None:
    """Delete a visit logged by mistake, unless its month is locked."""
    visit = (
        Visit.objects.select_for_update(of=("self", "episode"))  # the episode: its visit months are recounted
        .select_related("episode", "contract")
        .get(pk=visit.pk)
    )
    _authorize_visit(by, visit.contract)
    if ContactDates().month_locked(visit.contract, visit.visited_on):
        raise ServiceError(_("The month is locked for payment; visits in it cannot be changed."))
    were_present = list(visit.attendance.values_list("client_id", flat=True))
    was_counted_in = visit_month_key(visit)
    visit.delete()
    visit_months_refresh([was_counted_in])
    served_months_refresh(were_present)
