"""Every change to case data goes through a function here, inside one transaction.

Naming: `<entity>_<action>(*, ..., by) -> result`. Validation errors raise `ServiceError` with a
translated message that the view shows next to the form.
"""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max, Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from mentors.models import Contract, ProviderStaff
from mentors.roles import UserRole, role_for
from mentors.services import contract_hold_for_visits, contract_month_is_locked

from .limits import episode_limit_date
from .models import (
    Client,
    Consent,
    EndReason,
    Episode,
    EpisodeContract,
    EpisodeEvent,
    EpisodeExtension,
    GoalArea,
    Handover,
    Household,
    InclusionPlan,
    LegalStatusRecord,
    PlanGoal,
    Referral,
    ReferralEvent,
    Visit,
    VisitAttendance,
)
from .names import name_key
from .selectors import covering_contracts
from .served import served_months_refresh
from .validators import normalise_personal_code, validate_personal_code


class ServiceError(ValidationError):
    """A rule of the domain refused the action; the message is translated and shown to the person."""


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


# --- Clients, consent, legal status and referrals (issue 3) ---------------------------------------

# Statuses that are an application still in procedure: no grant date, so no limit runs from one.
STATUSES_WITHOUT_GRANT = {"asylum_seeker"}

CLIENT_FIELDS = (
    "given_name",
    "family_name",
    "given_name_original",
    "family_name_original",
    "date_of_birth",
    "sex",
    "citizenship",
    "preferred_language",
    "phone",
    "personal_code",
    "id_document",
    "residence_municipality",
    "accommodation_centre",
)


def _today() -> datetime.date:
    return timezone.localdate()


def _require_client_editor(by) -> UserRole:
    role = role_for(by)
    if not (role.is_municipal or role.is_coordinator or role.is_provider_social_worker):
        raise PermissionDenied
    return role


def _check_person(client: Client) -> None:
    """Rules on the person's own data, for registration and edits."""
    if client.date_of_birth > _today():
        raise ServiceError(_("The date of birth cannot be in the future."))
    if client.personal_code:
        client.personal_code = normalise_personal_code(client.personal_code)
        try:
            validate_personal_code(client.personal_code)
        except ValidationError as error:
            raise ServiceError(error.messages) from error
        taken = Client.objects.filter(personal_code=client.personal_code).exclude(pk=client.pk)
        if taken.exists():
            raise ServiceError(_("A person with this personal code is already registered."))


def _save_person(client: Client, *, update_fields=None) -> None:
    client.name_key = name_key(
        client.given_name, client.family_name, client.given_name_original, client.family_name_original
    )
    try:
        with transaction.atomic():
            client.save(update_fields=update_fields)
    except IntegrityError as error:  # two registrations of one personal code at the same moment
        raise ServiceError(_("A person with this personal code is already registered.")) from error


@transaction.atomic
def client_register(
    *,
    fields: dict,
    languages=(),
    legal_status,
    status_decided_on: datetime.date | None = None,
    household: Household | None = None,
    household_relation: str = "",
    by,
) -> Client:
    """Register a person with their current legal status (the first entry of its history).

    A municipal social worker registers residents of their own municipality; provider staff register
    for their provider (the person stays visible to it)."""
    role = _require_client_editor(by)
    client = Client(**{name: fields[name] for name in CLIENT_FIELDS if name in fields})
    if role.is_municipal:
        client.residence_municipality_id = role.municipality_id
    else:
        client.registered_by_provider_id = role.provider_id
    client.registered_by = by
    client.household = household
    client.household_relation = household_relation if household else ""
    client.legal_status = legal_status
    client.status_granted_on = _grant_date(legal_status, status_decided_on)
    _check_person(client)
    _save_person(client)
    client.languages.set(_with_preferred(languages, client.preferred_language))
    _record_status(client, status=legal_status, decided_on=status_decided_on, by=by)
    return client


def _with_preferred(languages, preferred) -> list:
    languages = list(languages)
    if preferred is not None and preferred not in languages:
        languages.append(preferred)
    return languages


@transaction.atomic
def client_update(*, client: Client, fields: dict, languages=(), by) -> Client:
    """Change a person's data (not their legal status: see `legal_status_record`)."""
    role = _require_client_editor(by)
    editable = [name for name in CLIENT_FIELDS if name in fields]
    if role.is_municipal:
        editable = [name for name in editable if name != "residence_municipality"]
    for name in editable:
        setattr(client, name, fields[name])
    _check_person(client)
    _save_person(client, update_fields=[*editable, "name_key", "updated_at"])
    client.languages.set(_with_preferred(languages, client.preferred_language))
    served_months_refresh([client.pk])  # "child" and "country" look at the date of birth and citizenship
    return client


@transaction.atomic
def household_member_add(
    *,
    of: Client,
    fields: dict,
    languages=(),
    legal_status,
    status_decided_on: datetime.date | None = None,
    relation: str,
    by,
) -> Client:
    """Register a new person in `of`'s household (which is created, with `of` as its head, if needed)."""
    household = _household_of(of)
    return client_register(
        fields=fields,
        languages=languages,
        legal_status=legal_status,
        status_decided_on=status_decided_on,
        household=household,
        household_relation=relation,
        by=by,
    )


@transaction.atomic
def household_link(*, client: Client, of: Client, relation: str, by) -> Client:
    """Put an already registered person into `of`'s household (leaving any household they were in)."""
    _require_client_editor(by)
    if client.pk == of.pk:
        raise ServiceError(_("A person cannot be added to their own household twice."))
    household = _household_of(of)
    if client.household_id == household.pk:
        raise ServiceError(_("This person is already a member of the household."))
    client.household = household
    client.household_relation = relation
    client.save(update_fields=["household", "household_relation", "updated_at"])
    return client


def _household_of(client: Client) -> Household:
    if client.household_id is None:
        client.household = Household.objects.create()
        client.household_relation = client.household_relation or Client.Relation.HEAD
        client.save(update_fields=["household", "household_relation", "updated_at"])
    return client.household


@transaction.atomic
def consent_record(*, client: Client, given_on: datetime.date, scope: str, by) -> Consent:
    """Record the person's consent to the processing of their data (needed before any referral)."""
    _require_client_editor(by)
    if given_on > _today():
        raise ServiceError(_("The consent date cannot be in the future."))
    return Consent.objects.create(client=client, given_on=given_on, scope=scope, recorded_by=by)


def _grant_date(status, decided_on: datetime.date | None) -> datetime.date | None:
    """The day a status was granted: its decision date, except for an application still in procedure."""
    return None if status.code in STATUSES_WITHOUT_GRANT else decided_on


def _record_status(client: Client, *, status, decided_on, by) -> LegalStatusRecord:
    return LegalStatusRecord.objects.create(
        client=client, status=status, decided_on=decided_on, recorded_by=by
    )


@transaction.atomic
def legal_status_record(*, client: Client, status, decided_on: datetime.date | None, by) -> LegalStatusRecord:
    """Record a decision on the person's legal status. It becomes the current status; a granted status
    dates the grant, and the time limits of the person's active episodes follow it."""
    _require_client_editor(by)
    if decided_on is not None and decided_on > _today():
        raise ServiceError(_("The decision date cannot be in the future."))
    if decided_on is not None and decided_on < client.date_of_birth:
        raise ServiceError(_("The decision date cannot be before the date of birth."))
    record = _record_status(client, status=status, decided_on=decided_on, by=by)
    client.legal_status = status
    client.status_granted_on = _grant_date(status, decided_on)
    client.save(update_fields=["legal_status", "status_granted_on", "updated_at"])
    for episode in client.episodes.active().select_related("programme").prefetch_related("extensions"):
        episode.client = client
        new_limit = episode_limit_date(episode)
        if new_limit != episode.limit_on:
            old_limit = episode.limit_on
            episode.limit_on = new_limit
            episode.save(update_fields=["limit_on", "updated_at"])
            EpisodeEvent.objects.create(
                episode=episode,
                kind=EpisodeEvent.Kind.LIMIT_CHANGED,
                from_value=old_limit.isoformat() if old_limit else "",
                to_value=new_limit.isoformat() if new_limit else "",
                by=by,
                note=str(status),
            )
    return record


def _referral_transition(referral: Referral, to_status: str, *, by, note: str = "", fields=()) -> None:
    """Move `referral` to `to_status` if its TRANSITIONS allow it, saving `fields`, with an event row."""
    from_status = referral.status
    if to_status not in Referral.TRANSITIONS[from_status]:
        raise ServiceError(_not_open_message(referral))
    referral.status = to_status
    referral.save(update_fields=["status", *fields, "updated_at"])
    ReferralEvent.objects.create(
        referral=referral, from_status=from_status, to_status=to_status, by=by, note=note
    )


def _not_open_message(referral: Referral) -> str:
    if referral.status == Referral.Status.ACCEPTED:
        return _("This referral has already been accepted.")
    if referral.status == Referral.Status.WITHDRAWN:
        return _("This referral has been withdrawn.")
    if referral.status == Referral.Status.RETURNED:
        return _("This referral has been returned to the social worker.")
    return _("This referral is waiting for the provider's decision.")


def _route(*, municipality, programme, provider=None) -> Contract:
    """The contract a referral goes to: the one covering the municipality today, or the chosen
    provider's where several do."""
    contracts = list(covering_contracts(municipality=municipality, programme=programme, day=_today()))
    if provider is not None:
        contracts = [contract for contract in contracts if contract.provider_id == provider.pk]
        if not contracts:
            raise ServiceError(
                _("This provider has no contract covering your municipality for this programme.")
            )
    if not contracts:
        raise ServiceError(_("No provider's contract covers your municipality for this programme."))
    if len({contract.provider_id for contract in contracts}) > 1:
        raise ServiceError(_("Several providers cover your municipality for this programme: choose one."))
    return contracts[0]


def _check_referable(client: Client, programme, *, municipality_id: int, exclude_pk=None) -> None:
    if client.residence_municipality_id != municipality_id:
        raise ServiceError(
            _("This person lives in another municipality: only its social service can refer them.")
        )
    if not programme.takes_municipal_referrals:
        raise ServiceError(_("This programme does not take referrals from municipal social services."))
    if not client.consents.filter(withdrawn_on__isnull=True).exists():
        raise ServiceError(_("Record the person's consent to processing before filing a referral."))
    if client.referrals.open().filter(programme=programme).exclude(pk=exclude_pk).exists():
        raise ServiceError(_("This person already has an open referral for this programme."))
    if client.episodes.active().filter(programme=programme).exists():
        raise ServiceError(_("This person is already receiving this service."))


@transaction.atomic
def referral_file(
    *,
    client: Client,
    programme,
    provider=None,
    needs_areas=(),
    needs_text: str = "",
    urgency: str = Referral.Urgency.ROUTINE,
    contact_language=None,
    notes_for_provider: str = "",
    by,
) -> Referral:
    """A municipal social worker refers a resident of their municipality to the provider whose contract
    covers it (the chosen one where several do)."""
    role = role_for(by)
    if not role.is_municipal:
        raise PermissionDenied
    client = Client.objects.select_for_update().get(pk=client.pk)  # one open referral per programme
    _check_referable(client, programme, municipality_id=role.municipality_id)
    contract = _route(municipality=client.residence_municipality, programme=programme, provider=provider)
    referral = Referral(
        client=client,
        programme=programme,
        municipality_id=role.municipality_id,
        provider=contract.provider,
        contract=contract,
        filed_by=by,
        needs_text=needs_text,
        urgency=urgency,
        contact_language=contact_language or client.preferred_language,
        notes_for_provider=notes_for_provider,
        submitted_at=timezone.now(),
    )
    try:
        with transaction.atomic():
            referral.save()
    except IntegrityError as error:
        raise ServiceError(_("This person already has an open referral for this programme.")) from error
    referral.needs_areas.set(needs_areas)
    ReferralEvent.objects.create(referral=referral, to_status=Referral.Status.SUBMITTED, by=by)
    return referral


def _locked(referral: Referral) -> Referral:
    """The referral's row, locked until the transaction ends, and read again: its status may have
    changed since the page was shown."""
    return Referral.objects.select_for_update().get(pk=referral.pk)


def _require_municipality_of(referral: Referral, by) -> None:
    role = role_for(by)
    if not (role.is_municipal and role.municipality_id == referral.municipality_id):
        raise PermissionDenied


def _require_coordinator_of(referral: Referral, by) -> None:
    role = role_for(by)
    if not (role.is_coordinator and role.provider_id == referral.provider_id):
        raise PermissionDenied


@transaction.atomic
def referral_withdraw(*, referral: Referral, note: str = "", by) -> Referral:
    """The referring social service takes back a referral not yet accepted."""
    _require_municipality_of(referral, by)
    referral = _locked(referral)
    _referral_transition(referral, Referral.Status.WITHDRAWN, by=by, note=note)
    return referral


@transaction.atomic
def referral_resubmit(*, referral: Referral, provider=None, note: str = "", by) -> Referral:
    """Send a returned referral again, to the same provider or (re-routed) to another covering one. The
    working days to answer it count from now."""
    _require_municipality_of(referral, by)
    referral = _locked(referral)
    if referral.status != Referral.Status.RETURNED:
        raise ServiceError(_not_open_message(referral))
    client = referral.client
    _check_referable(
        client, referral.programme, municipality_id=referral.municipality_id, exclude_pk=referral.pk
    )
    contract = _route(
        municipality=client.residence_municipality, programme=referral.programme, provider=provider
    )
    referral.contract = contract
    referral.provider = contract.provider
    referral.submitted_at = timezone.now()
    referral.decided_at = None
    referral.decided_by = None
    _referral_transition(
        referral,
        Referral.Status.SUBMITTED,
        by=by,
        note=note,
        fields=["contract", "provider", "submitted_at", "decided_at", "decided_by"],
    )
    return referral


@transaction.atomic
def referral_return(*, referral: Referral, reason: str, by) -> Referral:
    """The provider sends a referral back to the social worker, with the reason."""
    if not reason.strip():
        raise ServiceError(_("Give the reason for returning the referral."))
    referral = _locked(referral)
    _require_coordinator_of(referral, by)
    referral.return_reason = reason.strip()
    referral.decided_at = timezone.now()
    referral.decided_by = by
    _referral_transition(
        referral,
        Referral.Status.RETURNED,
        by=by,
        note=referral.return_reason,
        fields=["return_reason", "decided_at", "decided_by"],
    )
    return referral


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


@transaction.atomic
def referral_accept(*, referral: Referral, mentor, social_worker=None, by) -> Episode:
    """The provider's coordinator accepts a referral and assigns a mentor (and a social worker where the
    programme needs one); the client's mentoring episode starts today.

    The referral's row is locked and its status read again, so two coordinators accepting at the same
    moment make exactly one episode: the second is told it has already been accepted."""
    referral = _locked(referral)
    _require_coordinator_of(referral, by)  # on the row as it is now: it may have been re-routed
    if referral.status != Referral.Status.SUBMITTED:
        raise ServiceError(_not_open_message(referral))
    contract = referral.contract
    today = _today()
    if not Contract.objects.active_on(today).filter(pk=contract.pk).exists():
        raise ServiceError(_("The contract of this referral is not in force today: return the referral."))
    _check_team(
        provider_id=referral.provider_id,
        programme=referral.programme,
        mentor=mentor,
        social_worker=social_worker,
    )
    episode = _open_episode(
        client=referral.client,
        contract=contract,
        mentor=mentor,
        social_worker=social_worker,
        started_on=today,
        intake_source=Episode.IntakeSource.MUNICIPAL_REFERRAL,
        by=by,
    )
    referral.episode = episode
    referral.decided_at = timezone.now()
    referral.decided_by = by
    _referral_transition(
        referral, Referral.Status.ACCEPTED, by=by, fields=["episode", "decided_at", "decided_by"]
    )
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
    role = role_for(by)
    if (
        not (role.is_coordinator or role.is_provider_social_worker)
        or contract.provider_id != role.provider_id
    ):
        raise PermissionDenied
    if contract.programme.takes_municipal_referrals:
        raise ServiceError(_("This programme takes clients only on a municipal referral."))
    if intake_source not in INTAKE_SOURCES:
        raise ServiceError(_("Choose where the person came from."))
    if started_on > _today():
        raise ServiceError(_("The start date cannot be in the future."))
    if not Contract.objects.active_on(started_on).filter(pk=contract.pk).exists():
        raise ServiceError(_("The contract is not in force on the start date."))
    if not client.consents.filter(withdrawn_on__isnull=True).exists():
        raise ServiceError(_("Record the person's consent to processing before opening an episode."))
    _check_team(
        provider_id=contract.provider_id,
        programme=contract.programme,
        mentor=mentor,
        social_worker=social_worker,
    )
    client = Client.objects.select_for_update().get(pk=client.pk)
    return _open_episode(
        client=client,
        contract=contract,
        mentor=mentor,
        social_worker=social_worker,
        started_on=started_on,
        intake_source=intake_source,
        by=by,
    )


# --- Episodes, limits, plans, visits, transfers and handovers (issue 4) ---------------------------

# Who may do what with episodes, plans and visits (views check these; the services enforce the rules):
# - mentors log, edit and delete visits in their own episodes and update plan goal progress;
# - provider social workers and coordinators draw up and revise plans, and may log visits too;
# - coordinators end, reassign, extend (recording who requested the extension) and transfer episodes;
# - fund staff hand every open episode of an ending contract over to another contract.


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


def _locked_month(contract, day: datetime.date) -> bool:
    """The month lock is decided in one place, beside the contract (`mentors.services`); the contract
    is held first, so the answer stays true until this visit write commits."""
    contract_hold_for_visits(contract=contract)
    return contract_month_is_locked(contract=contract, day=day)


@transaction.atomic
def episode_refresh_limit(*, episode: Episode, by, note: str = "") -> Episode:
    """Recompute the stored limit from the programme's rule (after a status grant, for example) and
    record a LIMIT_CHANGED event when it moved."""
    old = episode.limit_on
    new = episode_limit_date(episode)
    if new != old:
        episode.limit_on = new
        episode.save(update_fields=["limit_on", "updated_at"])
        _record_event(
            episode, EpisodeEvent.Kind.LIMIT_CHANGED, by=by, from_value=old, to_value=new, note=note
        )
    return episode


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
    _require_active(episode)
    programme = episode.programme
    if not programme.extension_max_length:
        raise ServiceError(_("This programme's time limit cannot be extended."))
    current = max(
        [programme.limit_length or 0, *episode.extensions.values_list("length", flat=True)], default=0
    )
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
    return episode


@transaction.atomic
def episode_reassign(*, episode: Episode, mentor: ProviderStaff, note: str = "", by) -> Episode:
    """Give an active episode to another mentor of the same provider."""
    episode = (
        Episode.objects.select_for_update(of=("self",))
        .select_related("mentor__user", "contract")
        .get(pk=episode.pk)
    )
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
    return handover


# Inclusion plans --------------------------------------------------------------------------------


@transaction.atomic
def plan_create(*, episode: Episode, note: str = "", by) -> InclusionPlan:
    """Draw up the first version of an episode's inclusion plan (goals are added one by one)."""
    _require_active(episode)
    if episode.plans.exists():
        raise ServiceError(_("This episode already has a plan; revise it instead."))
    return InclusionPlan.objects.create(
        episode=episode, version=1, is_current=True, drawn_up_by=by, note=note
    )


@transaction.atomic
def plan_revise(*, plan: InclusionPlan, note: str = "", by) -> InclusionPlan:
    """Start version N+1 of a plan, copying its goals; the old version is kept, no longer current."""
    plan = InclusionPlan.objects.select_for_update(of=("self",)).select_related("episode").get(pk=plan.pk)
    _require_active(plan.episode)
    if not plan.is_current:
        raise ServiceError(_("Only the current version of a plan can be revised."))
    plan.is_current = False
    plan.save(update_fields=["is_current", "updated_at"])
    revision = InclusionPlan.objects.create(
        episode=plan.episode, version=plan.version + 1, is_current=True, drawn_up_by=by, note=note
    )
    PlanGoal.objects.bulk_create(
        PlanGoal(
            plan=revision,
            area_id=goal.area_id,
            description=goal.description,
            target_on=goal.target_on,
            status=goal.status,
            achieved_on=goal.achieved_on,
        )
        for goal in plan.goals.all()
    )
    return revision


def _require_current_plan(plan: InclusionPlan) -> None:
    if not plan.is_current:
        raise ServiceError(_("This is an earlier version of the plan; it cannot be changed."))
    _require_active(plan.episode)


@transaction.atomic
def plan_goal_add(
    *, plan: InclusionPlan, area: GoalArea, description: str, target_on: datetime.date | None, by
) -> PlanGoal:
    """Add a goal to the current version of a plan."""
    _require_current_plan(plan)
    return PlanGoal.objects.create(plan=plan, area=area, description=description, target_on=target_on)


@transaction.atomic
def plan_goal_edit(
    *, goal: PlanGoal, area: GoalArea, description: str, target_on: datetime.date | None, by
) -> PlanGoal:
    """Change what a goal of the current plan is about."""
    _require_current_plan(goal.plan)
    goal.area = area
    goal.description = description
    goal.target_on = target_on
    goal.save(update_fields=["area", "description", "target_on", "updated_at"])
    return goal


@transaction.atomic
def plan_goal_set_status(
    *, goal: PlanGoal, status: str, achieved_on: datetime.date | None = None, by
) -> PlanGoal:
    """Record progress on a goal; an achieved goal carries the day it was achieved (today by default)."""
    _require_current_plan(goal.plan)
    if status == PlanGoal.Status.ACHIEVED:
        achieved_on = achieved_on or timezone.localdate()
        if achieved_on > timezone.localdate():
            raise ServiceError({"achieved_on": _("The date cannot be in the future.")})
    else:
        achieved_on = None
    goal.status = status
    goal.achieved_on = achieved_on
    goal.save(update_fields=["status", "achieved_on", "updated_at"])
    return goal


# Visits -----------------------------------------------------------------------------------------


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
    if role_for(by).provider_id != contract.provider_id:
        raise ServiceError(_("Visits can only be logged in your own provider's episodes."))
    if not 1 <= duration_minutes <= Visit.MAX_MINUTES:
        raise ServiceError({"duration_minutes": _("The duration must be between 1 minute and 12 hours.")})
    date_errors = [
        (visited_on > timezone.localdate(), _("The date cannot be in the future.")),
        (visited_on < episode.started_on, _("The date is before the episode started.")),
        (
            episode.ended_on is not None and visited_on > episode.ended_on,
            _("The date is after the episode ended."),
        ),
        (
            episode.limit_on is not None and visited_on > episode.limit_on,
            _("The date is after the time limit (%(date)s).")
            % {"date": date_format(episode.limit_on) if episode.limit_on else ""},
        ),
        (
            not (contract.starts_on <= visited_on <= contract.last_day),
            _("The date is outside the contract's period."),
        ),
        (
            _locked_month(contract, visited_on),
            _("The month is locked for payment; visits in it cannot be changed."),
        ),
    ]
    for refused, message in date_errors:
        if refused:
            raise ServiceError({"visited_on": message})
    if not activities:
        raise ServiceError({"activities": _("Choose at least one activity.")})
    _check_attendees(episode, attendees)
    _check_goals(episode, goals)


def _check_attendees(episode: Episode, attendees) -> None:
    if not attendees:
        raise ServiceError({"attendees": _("Tick at least one person present.")})
    allowed = set(visit_people(episode).values_list("pk", flat=True))
    if not {person.pk for person in attendees} <= allowed:
        raise ServiceError({"attendees": _("Only the client and their household can be present.")})


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
    by,
) -> Visit:
    """Log a contact in an episode under the contract the episode has now (the payment basis).

    Every person present counts as served in the visit's month."""
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
    visit.activities.set(activities)
    visit.goals.set(goals)
    VisitAttendance.objects.bulk_create(VisitAttendance(visit=visit, client=person) for person in attendees)
    served_months_refresh(person.pk for person in attendees)
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
    by,
) -> Visit:
    """Correct a logged visit. Its contract stays; neither its old nor its new month may be locked."""
    visit = (
        Visit.objects.select_for_update(of=("self",))
        .select_related("episode__client", "contract")
        .get(pk=visit.pk)
    )
    if _locked_month(visit.contract, visit.visited_on):
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
    visit.attendance.exclude(client__in=attendees).delete()
    present = set(visit.attendance.values_list("client_id", flat=True))
    VisitAttendance.objects.bulk_create(
        VisitAttendance(visit=visit, client=person) for person in attendees if person.pk not in present
    )
    served_months_refresh(were_present | {person.pk for person in attendees})
    return visit


@transaction.atomic
def visit_delete(*, visit: Visit, by) -> None:
    """Delete a visit logged by mistake, unless its month is locked."""
    visit = (
        Visit.objects.select_for_update(of=("self",)).select_related("episode", "contract").get(pk=visit.pk)
    )
    if role_for(by).provider_id != visit.contract.provider_id:
        raise ServiceError(_("Visits can only be logged in your own provider's episodes."))
    if _locked_month(visit.contract, visit.visited_on):
        raise ServiceError(_("The month is locked for payment; visits in it cannot be changed."))
    were_present = list(visit.attendance.values_list("client_id", flat=True))
    visit.delete()
    served_months_refresh(were_present)
