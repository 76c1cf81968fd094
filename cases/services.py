"""Every change to case data goes through a function here, inside one transaction.

Naming: `<entity>_<action>(*, ..., by) -> result`. Validation errors raise `ServiceError` with a
translated message that the view shows next to the form.
"""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from mentors.models import Contract, ProviderStaff
from mentors.roles import UserRole, role_for

from .limits import episode_limit_date
from .models import (
    Client,
    Consent,
    Episode,
    EpisodeEvent,
    Household,
    LegalStatusRecord,
    Referral,
    ReferralEvent,
)
from .names import name_key
from .selectors import covering_contracts
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
    EpisodeEvent.objects.create(episode=episode, kind=EpisodeEvent.Kind.OPENED, to_value=str(contract), by=by)
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
