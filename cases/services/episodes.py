"""Episodes: opening (on a referral or by provider intake), limits, extensions, ending, reassigning, transfers and handovers."""

import datetime

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from mentors.access import Action
from mentors.models import Contract, Programme, ProviderStaff

from ..models import (
    Client,
    EndReason,
    Episode,
    EpisodeContract,
    EpisodeEvent,
    EpisodeExtension,
    Handover,
    PlanGoal,
)
from ..rules.limits import episode_limit_date, episode_limit_length
from . import notices
from .consents import refuse_if_consent_withdrawn
from .errors import ServiceError, authorize
from .served import served_months_refresh


@transaction.atomic
def episode_open(
    *,
    client: Client,
    contract,
    mentor,
    social_worker=None,
    started_on: datetime.date,
    intake_source: str,
    by,
) -> Episode:
    """Open a mentoring episode for `client` under `contract`, computing its time limit."""
    authorize(by, Action.OPEN_EPISODE, contract)
    episode = Episode(
        client=client,
        programme=contract.programme,
        contract=contract,
        mentor=mentor,
        social_worker=social_worker,
        started_on=started_on,
        intake_source=intake_source,
        created_by=by,
    )
    episode.limit_on = episode_limit_date(episode)
    episode.save()
    EpisodeContract.objects.create(episode=episode, contract=contract, from_on=started_on)
    EpisodeEvent.objects.create(episode=episode, kind=EpisodeEvent.Kind.OPENED, to_value=str(contract), by=by)
    served_months_refresh([client.pk])  # "new" looks at the first episode of the programme
    return episode


def _open_episode(*, client: Client, contract, **kwargs) -> Episode:
    if client.episodes.active().filter(programme=contract.programme).exists():
        raise ServiceError(_("This person is already receiving this service."))
    try:
        with transaction.atomic():
            return episode_open(client=client, contract=contract, **kwargs)
    except IntegrityError as error:  # another episode of the programme opened at the same moment
        raise ServiceError(_("This person is already receiving this service.")) from error


INTAKE_SOURCES = (
    Episode.IntakeSource.ACCOMMODATION_CENTRE,
    Episode.IntakeSource.SELF,
    Episode.IntakeSource.INSTITUTION,
)


@transaction.atomic
def intake_episode_open(
    *,
    client: Client,
    contract,
    mentor,
    social_worker=None,
    intake_source: str,
    started_on: datetime.date,
    by,
) -> Episode:
    """Provider intake (AS-ESF, AS-OSA): the provider's social worker opens an episode for a person who
    came without a municipal referral (from an accommodation centre, by themselves, from an institution)."""
    authorize(by, Action.OPEN_EPISODE, contract)
    if contract.programme.takes_municipal_referrals:
        raise ServiceError(_("This programme takes clients only on a municipal referral."))
    if intake_source not in INTAKE_SOURCES:
        raise ServiceError(_("Choose where the person came from."))
    if started_on > timezone.localdate():
        raise ServiceError(_("The start date cannot be in the future."))
    if not Contract.objects.active_on(started_on).filter(pk=contract.pk).exists():
        raise ServiceError(_("The contract is not in force on the start date."))
    refuse_if_consent_withdrawn(
        client,
        _(
            "The person withdrew consent to processing on %(date)s: no episode can be opened unless they "
            "give their consent again."
        ),
    )
    if not client.consents.filter(withdrawn_on__isnull=True).exists():
        raise ServiceError(_("Record the person's consent to processing before opening an episode."))
    _check_team(
        provider_id=contract.provider_id,
        programme=contract.programme,
        mentor=mentor,
        social_worker=social_worker,
    )
    client = Client.objects.select_for_update().get(pk=client.pk)
    episode = _open_episode(
        client=client,
        contract=contract,
        mentor=mentor,
        social_worker=social_worker,
        started_on=started_on,
        intake_source=intake_source,
        by=by,
    )
    notices.client_assigned(episode)
    return episode


def _check_team(*, provider_id: int, programme, mentor, social_worker) -> None:
    if mentor is None or not (
        mentor.provider_id == provider_id and mentor.role == ProviderStaff.Role.MENTOR and mentor.is_active
    ):
        raise ServiceError(_("Choose an active social mentor of this provider."))
    if social_worker is None:
        if programme.social_worker_required:
            raise ServiceError(_("This programme needs a provider social worker: choose one."))
        return
    if not (
        social_worker.provider_id == provider_id
        and social_worker.role == ProviderStaff.Role.SOCIAL_WORKER
        and social_worker.is_active
    ):
        raise ServiceError(_("Choose an active social worker of this provider."))


def _record_event(episode: Episode, kind: str, *, by, from_value="", to_value="", note="") -> EpisodeEvent:
    return EpisodeEvent.objects.create(
        episode=episode,
        kind=kind,
        from_value=str(from_value or "")[:200],
        to_value=str(to_value or "")[:200],
        note=note,
        by=by,
    )


def _require_active(episode: Episode) -> None:
    if episode.status != Episode.Status.ACTIVE:
        raise ServiceError(_("This episode has ended; it can no longer be changed."))


def episodes_limits_refresh(episodes, *, by, note: str = "") -> int:
    """Recompute the stored limit of each of `episodes` by the rule (`cases.rules.limits`) and record a
    LIMIT_CHANGED event for each that moved; how many moved.

    `Episode.limit_on` is stored so that lists sort and filter by it in SQL; whatever changes an input
    of the rule (the client's status, the programme's rule, an extension) calls this in its own
    transaction, so the stored value never goes stale."""
    moved, events, now = [], [], timezone.now()
    for episode in episodes:
        new = episode_limit_date(episode)
        if new != episode.limit_on:
            events.append(
                EpisodeEvent(
                    episode=episode,
                    kind=EpisodeEvent.Kind.LIMIT_CHANGED,
                    from_value=str(episode.limit_on or ""),
                    to_value=str(new or ""),
                    note=note,
                    by=by,
                )
            )
            episode.limit_on, episode.updated_at = new, now
            moved.append(episode)
    Episode.objects.bulk_update(moved, ["limit_on", "updated_at"], batch_size=500)
    EpisodeEvent.objects.bulk_create(events, batch_size=500)
    return len(moved)


@transaction.atomic
def episode_refresh_limit(*, episode: Episode, by, note: str = "") -> Episode:
    """Recompute the stored limit from the programme's rule and record a LIMIT_CHANGED event when it
    moved."""
    authorize(by, Action.CHANGE_CLIENT, episode.client)
    episodes_limits_refresh([episode], by=by, note=note)
    return episode


# The fields of a programme's time-limit rule (`cases.rules.limits.limit_date`).
PROGRAMME_RULE_FIELDS = ("limit_unit", "limit_length", "limit_anchor")


@transaction.atomic
def programme_rule_update(*, programme: Programme, by) -> int:
    """Save a programme edited in the admin. When its time-limit rule changed, the stored limit of
    every open episode of the programme follows in the same transaction; how many limits moved.

    Ended episodes keep the limit they ended with."""
    authorize(by, Action.CHANGE_REFERENCE_DATA)
    before = Programme.objects.select_for_update().filter(pk=programme.pk).first() if programme.pk else None
    programme.save()
    if before is None or all(
        getattr(before, name) == getattr(programme, name) for name in PROGRAMME_RULE_FIELDS
    ):
        return 0
    episodes = list(
        Episode.objects.select_for_update(of=("self",))
        .filter(programme=programme, status=Episode.Status.ACTIVE)
        .select_related("client")
        .prefetch_related("extensions")
        .order_by("pk")
    )
    for episode in episodes:
        episode.programme = programme  # the rule as saved, without reading it again per episode
    return episodes_limits_refresh(
        episodes,
        by=by,
        note=_("The time-limit rule of %(programme)s was changed.") % {"programme": programme.code},
    )


@transaction.atomic
def episode_extend(
    *,
    episode: Episode,
    length: int,
    reason: str,
    requested_by,
    approved_on: datetime.date,
    by,
) -> EpisodeExtension:
    """Approve an extension: the limit becomes `length` (in the programme's unit) from the anchor, at
    most the programme's maximum; `by` is the approving coordinator."""
    episode = (
        Episode.objects.select_for_update(of=("self",))
        .select_related("programme", "client")
        .get(pk=episode.pk)
    )
    authorize(by, Action.MANAGE_EPISODE, episode)
    _require_active(episode)
    programme = episode.programme
    if not programme.extension_max_length:
        raise ServiceError(_("This programme's time limit cannot be extended."))
    current = episode_limit_length(episode) or 0
    if length > programme.extension_max_length:
        raise ServiceError(
            {"length": _("At most %(max)s in total.") % {"max": programme.extension_max_length}}
        )
    if length <= current:
        raise ServiceError({"length": _("The limit is already %(current)s.") % {"current": current}})
    if approved_on > timezone.localdate():
        raise ServiceError({"approved_on": _("The date cannot be in the future.")})
    if not reason.strip():
        raise ServiceError({"reason": _("Give the reason.")})
    extension = EpisodeExtension.objects.create(
        episode=episode,
        length=length,
        reason=reason,
        requested_by=requested_by,
        approved_by=by,
        approved_on=approved_on,
    )
    old = episode.limit_on
    episode.limit_on = episode_limit_date(episode)
    episode.save(update_fields=["limit_on", "updated_at"])
    _record_event(
        episode, EpisodeEvent.Kind.EXTENDED, by=by, from_value=old, to_value=episode.limit_on, note=reason
    )
    return extension


def episode_end_reasons(episode: Episode, *, today: datetime.date):
    """The end reasons offered for `episode`: "time limit reached" only once the limit has passed,
    "plan goals achieved" only when every goal of the current plan is achieved (dropped goals aside)."""
    reasons = EndReason.objects.filter(is_active=True)
    if episode.limit_on is None or episode.limit_on >= today:
        reasons = reasons.exclude(code="limit_reached")
    if not plan_goals_achieved(episode):
        reasons = reasons.exclude(code="plan_achieved")
    return reasons


def plan_goals_achieved(episode: Episode) -> bool:
    """True when the current plan has an achieved goal and every goal is achieved or dropped."""
    goals = PlanGoal.objects.filter(plan__episode=episode, plan__is_current=True)
    statuses = set(goals.values_list("status", flat=True))
    return PlanGoal.Status.ACHIEVED in statuses and statuses <= {
        PlanGoal.Status.ACHIEVED,
        PlanGoal.Status.DROPPED,
    }


@transaction.atomic
def episode_end(
    *, episode: Episode, end_reason: EndReason, ended_on: datetime.date, closing_summary: str, by
) -> Episode:
    """End an active episode with a reason and a closing summary."""
    episode = Episode.objects.select_for_update().get(pk=episode.pk)
    authorize(by, Action.MANAGE_EPISODE, episode)
    if Episode.Status.ENDED not in Episode.TRANSITIONS[episode.status]:
        raise ServiceError(_("This episode has ended; it can no longer be changed."))
    today = timezone.localdate()
    if end_reason not in episode_end_reasons(episode, today=today):
        raise ServiceError({"end_reason": _("This reason does not apply to this episode.")})
    if ended_on > today:
        raise ServiceError({"ended_on": _("The date cannot be in the future.")})
    if ended_on < episode.started_on:
        raise ServiceError({"ended_on": _("The episode cannot end before it started.")})
    last_visit = episode.visits.aggregate(last=Max("visited_on"))["last"]
    if last_visit and ended_on < last_visit:
        raise ServiceError(
            {
                "ended_on": _("A visit is logged on %(date)s, after this date.")
                % {"date": date_format(last_visit)}
            }
        )
    if not closing_summary.strip():
        raise ServiceError({"closing_summary": _("Write a short closing summary.")})
    from_status = episode.status
    episode.status = Episode.Status.ENDED
    episode.ended_on = ended_on
    episode.end_reason = end_reason
    episode.closing_summary = closing_summary
    episode.save(update_fields=["status", "ended_on", "end_reason", "closing_summary", "updated_at"])
    _record_event(
        episode,
        EpisodeEvent.Kind.ENDED,
        by=by,
        from_value=from_status,
        to_value=episode.status,
        note=closing_summary,
    )
    notices.episode_ended(episode)
    return episode


@transaction.atomic
def episode_reassign(*, episode: Episode, mentor: ProviderStaff, note: str = "", by) -> Episode:
    """Give an active episode to another mentor of the same provider."""
    episode = (
        Episode.objects.select_for_update(of=("self",))
        .select_related("mentor__user", "contract")
        .get(pk=episode.pk)
    )
    authorize(by, Action.MANAGE_EPISODE, episode)
    _require_active(episode)
    if (
        mentor.provider_id != episode.contract.provider_id
        or mentor.role != ProviderStaff.Role.MENTOR
        or not mentor.is_active
    ):
        raise ServiceError({"mentor": _("Choose an active mentor of this provider.")})
    if mentor.pk == episode.mentor_id:
        raise ServiceError({"mentor": _("This mentor already has the episode.")})
    old = episode.mentor
    episode.mentor = mentor
    episode.save(update_fields=["mentor", "updated_at"])
    _record_event(
        episode, EpisodeEvent.Kind.MENTOR_CHANGED, by=by, from_value=old or "", to_value=mentor, note=note
    )
    notices.client_assigned(episode)
    return episode


def _check_contract_takes_over(episode: Episode, contract: Contract, on: datetime.date) -> None:
    if contract.pk == episode.contract_id:
        raise ServiceError({"contract": _("The episode is already under this contract.")})
    if contract.programme_id != episode.programme_id:
        raise ServiceError({"contract": _("The contract is for another programme.")})
    if not Contract.objects.filter(pk=contract.pk).active_on(on).exists():
        raise ServiceError({"contract": _("The contract is not in force on that date.")})


def _contract_history_move(currents, contract: Contract, on: datetime.date) -> None:
    """Episodes whose current contract stretches are `currents` are under `contract` from `on`: each
    stretch ends the day before, or, when it began on or after `on`, takes the new contract."""
    replaced, ended, started = [], [], []
    for current in currents:
        if on <= current.from_on:
            current.contract = contract
            replaced.append(current)
        else:
            current.until_on = on - datetime.timedelta(days=1)
            ended.append(current)
            started.append(EpisodeContract(episode_id=current.episode_id, contract=contract, from_on=on))
    EpisodeContract.objects.bulk_update(replaced, ["contract"])
    EpisodeContract.objects.bulk_update(ended, ["until_on"])
    EpisodeContract.objects.bulk_create(started)


@transaction.atomic
def episode_transfer(
    *, episode: Episode, contract: Contract, transferred_on: datetime.date, note: str = "", by
) -> Episode:
    """Move an active episode to another provider's contract of the same programme.

    The client's history stays one episode; visits keep the contract they were logged under, so the old
    provider keeps the months it served. The new provider's coordinator assigns a mentor."""
    episode = Episode.objects.select_for_update(of=("self",)).select_related("contract").get(pk=episode.pk)
    authorize(by, Action.MANAGE_EPISODE, episode)
    _require_active(episode)
    if transferred_on > timezone.localdate():
        raise ServiceError({"transferred_on": _("The date cannot be in the future.")})
    _check_contract_takes_over(episode, contract, transferred_on)
    if contract.provider_id == episode.contract.provider_id:
        raise ServiceError({"contract": _("Choose another provider's contract.")})
    current = episode.contract_history.get(until_on__isnull=True)
    if transferred_on < current.from_on:
        raise ServiceError(
            {
                "transferred_on": _("The episode has been under its current contract since %(date)s.")
                % {"date": date_format(current.from_on, "SHORT_DATE_FORMAT")}
            }
        )
    old = episode.contract
    episode.contract = contract
    episode.mentor = None
    episode.social_worker = None
    episode.save(update_fields=["contract", "mentor", "social_worker", "updated_at"])
    _contract_history_move([current], contract, transferred_on)
    _record_event(episode, EpisodeEvent.Kind.TRANSFERRED, by=by, from_value=old, to_value=contract, note=note)
    notices.episode_transferred(episode)
    return episode


@transaction.atomic
def handover_run(
    *,
    from_contract: Contract,
    to_contract: Contract,
    handed_over_on: datetime.date,
    note: str = "",
    by,
) -> Handover:
    """Move every open episode of `from_contract` to `to_contract` in one transaction, with a log.

    Visits keep their contract, so past months stay with the old provider and nothing is counted twice.
    Mentors and social workers of another provider cannot follow; the new coordinator assigns them."""
    authorize(by, Action.HAND_OVER)
    if from_contract.pk == to_contract.pk:
        raise ServiceError({"to_contract": _("Choose two different contracts.")})
    if from_contract.programme_id != to_contract.programme_id:
        raise ServiceError({"to_contract": _("The contract is for another programme.")})
    if not Contract.objects.filter(pk=to_contract.pk).active_on(handed_over_on).exists():
        raise ServiceError({"to_contract": _("The contract is not in force on that date.")})
    episodes = list(
        Episode.objects.select_for_update().filter(contract=from_contract, status=Episode.Status.ACTIVE)
    )
    if not episodes:
        raise ServiceError({"from_contract": _("This contract has no open episodes.")})
    same_provider = from_contract.provider_id == to_contract.provider_id
    now = timezone.now()
    for episode in episodes:
        episode.contract = to_contract
        episode.updated_at = now
        if not same_provider:
            episode.mentor = None
            episode.social_worker = None
    Episode.objects.bulk_update(episodes, ["contract", "mentor", "social_worker", "updated_at"])
    _contract_history_move(
        EpisodeContract.objects.filter(episode__in=episodes, until_on__isnull=True),
        to_contract,
        handed_over_on,
    )
    handover = Handover.objects.create(
        from_contract=from_contract, to_contract=to_contract, handed_over_on=handed_over_on, note=note, by=by
    )
    handover.episodes.set(episodes)
    EpisodeEvent.objects.bulk_create(
        EpisodeEvent(
            episode=episode,
            kind=EpisodeEvent.Kind.HANDED_OVER,
            from_value=str(from_contract)[:200],
            to_value=str(to_contract)[:200],
            note=note,
            by=by,
        )
        for episode in episodes
    )
    notices.handover_done(handover)
    return handover
