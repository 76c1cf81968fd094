"""Registering and editing people, their households, consent and legal status."""

import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from mentors.access import Action, role_for

from ..models import (
    Client,
    ClientEvent,
    Consent,
    Episode,
    EpisodeEvent,
    Household,
    LegalStatusRecord,
    Referral,
    ReferralEvent,
)
from ..rules.legal_status import status_decision_refusal, status_granted_on
from ..rules.names import person_name_key
from ..rules.personal_codes import normalise_personal_code, validate_personal_code
from .episodes import episodes_limits_refresh
from .errors import ServiceError, authorize
from .served import served_months_refresh

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
    "street_address",
    "locality",
    "personal_code",
    "id_document",
    "residence_municipality",
    "accommodation_centre",
)


def _check_person(client: Client, *, by) -> None:
    """Rules on the person's own data, for registration and edits.

    A personal code one of the people the user may see already has is refused (the form lists that
    person). One that only a person outside the user's scope has is accepted like a new one, so that
    the answer tells nobody who else is a client; the record is marked `duplicate_of` that person, for
    the fund's data protection desk to merge."""
    if client.date_of_birth > timezone.localdate():
        raise ServiceError(_("The date of birth cannot be in the future."))
    client.duplicate_of = None
    if client.personal_code:
        client.personal_code = normalise_personal_code(client.personal_code)
        try:
            validate_personal_code(client.personal_code)
        except ValidationError as error:
            raise ServiceError(error.messages) from error
        others = Client.objects.filter(personal_code=client.personal_code).exclude(pk=client.pk)
        if others.for_user(by).exists():
            raise ServiceError(_("A person with this personal code is already registered."))
        client.duplicate_of = others.filter(duplicate_of__isnull=True).order_by("pk").first()


def _save_person(client: Client, *, update_fields=None) -> None:
    client.name_key = person_name_key(client)
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
    authorize(by, Action.REGISTER_CLIENT)
    role = role_for(by)
    client = Client(**{name: fields[name] for name in CLIENT_FIELDS if name in fields})
    if role.municipality_id is not None:
        client.residence_municipality_id = role.municipality_id
    else:
        client.registered_by_provider_id = role.provider_id
    client.registered_by = by
    client.household = household
    client.household_relation = household_relation if household else ""
    record = client_status_set(client, status=legal_status, decided_on=status_decided_on, by=by)
    _check_person(client, by=by)
    _save_person(client)
    client.languages.set(_with_preferred(languages, client.preferred_language))
    record.save()
    return client


def _with_preferred(languages, preferred) -> list:
    languages = list(languages)
    if preferred is not None and preferred not in languages:
        languages.append(preferred)
    return languages


@transaction.atomic
def client_update(*, client: Client, fields: dict, languages=(), by) -> Client:
    """Change a person's data (not their legal status: see `legal_status_record`)."""
    authorize(by, Action.CHANGE_CLIENT, client)
    editable = [name for name in CLIENT_FIELDS if name in fields]
    if role_for(by).municipality_id is not None:  # a municipality registers its own residents
        editable = [name for name in editable if name != "residence_municipality"]
    for name in editable:
        setattr(client, name, fields[name])
    _check_person(client, by=by)
    _save_person(client, update_fields=[*editable, "duplicate_of", "name_key", "updated_at"])
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
    authorize(by, Action.CHANGE_CLIENT, of)
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
    authorize(by, Action.CHANGE_CLIENT, of)
    authorize(by, Action.CHANGE_CLIENT, client)
    if client.pk == of.pk:
        raise ServiceError(_("A person cannot be added to their own household twice."))
    household = _household_of(of)
    if client.household_id == household.pk:
        raise ServiceError(_("This person is already a member of the household."))
    client.household = household
    client.household_relation = relation
    client.save(update_fields=["household", "household_relation", "updated_at"])
    return client


@transaction.atomic
def household_member_remove(*, client: Client, by) -> Client:
    """Take a person out of their household (the others stay in it). Visits already logged keep who was
    present; from now on the person cannot be recorded at the household's visits."""
    authorize(by, Action.CHANGE_CLIENT, client)
    client = Client.objects.select_for_update().get(pk=client.pk)
    if client.household_id is None:
        raise ServiceError(_("This person is not a member of a household."))
    ClientEvent.objects.create(
        client=client,
        kind=ClientEvent.Kind.HOUSEHOLD_LEFT,
        value=str(client.household_id),
        note=client.get_household_relation_display(),
        by=by,
    )
    client.household = None
    client.household_relation = ""
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
    authorize(by, Action.CHANGE_CLIENT, client)
    if given_on > timezone.localdate():
        raise ServiceError(_("The consent date cannot be in the future."))
    return Consent.objects.create(client=client, given_on=given_on, scope=scope, recorded_by=by)


@transaction.atomic
def consent_withdraw(
    *, client: Client, withdrawn_on: datetime.date, how: str, note: str = "", by
) -> list[Consent]:
    """Record that the person withdrew their consent to processing: on which day, how they said it.

    From that day on no visit with them present and no referral or episode for them can be recorded
    (until they give consent again). Their open referrals are withdrawn, and each of their open
    episodes gets an event row: the coordinator and the referring social worker see it on the
    episode's and the referral's pages."""
    authorize(by, Action.CHANGE_CLIENT, client)
    if how not in Consent.Withdrawal.values:
        raise ServiceError({"how": _("Choose how the person withdrew their consent.")})
    if withdrawn_on > timezone.localdate():
        raise ServiceError({"withdrawn_on": _("The withdrawal date cannot be in the future.")})
    client = Client.objects.select_for_update().get(pk=client.pk)
    current = list(client.consents.filter(withdrawn_on__isnull=True).order_by("given_on", "pk"))
    if not current:
        raise ServiceError(_("The person has no consent in force to withdraw."))
    if any(withdrawn_on < consent.given_on for consent in current):
        raise ServiceError({"withdrawn_on": _("The withdrawal date cannot be before the consent was given.")})
    now = timezone.now()
    for consent in current:
        consent.withdrawn_on = withdrawn_on
        consent.withdrawn_how = how
        consent.withdrawal_note = note.strip()
        consent.withdrawal_recorded_by = by
        consent.withdrawal_recorded_at = now
        consent.save(
            update_fields=[
                "withdrawn_on",
                "withdrawn_how",
                "withdrawal_note",
                "withdrawal_recorded_by",
                "withdrawal_recorded_at",
            ]
        )
    _tell_the_case_workers(client, withdrawn_on=withdrawn_on, how=how, by=by)
    return current


def _tell_the_case_workers(client: Client, *, withdrawn_on: datetime.date, how: str, by) -> None:
    """The rows that tell the people working on the case (there is no notification delivery yet: the
    episode's history and the referral's history are where they read it)."""
    for episode in Episode.objects.active().filter(client=client):
        EpisodeEvent.objects.create(
            episode=episode,
            kind=EpisodeEvent.Kind.CONSENT_WITHDRAWN,
            to_value=withdrawn_on.isoformat(),
            note=str(Consent.Withdrawal(how).label),
            by=by,
        )
    for referral in Referral.objects.select_for_update().filter(client=client).open():
        from_status = referral.status
        referral.status = Referral.Status.WITHDRAWN
        referral.save(update_fields=["status", "updated_at"])
        ReferralEvent.objects.create(
            referral=referral,
            from_status=from_status,
            to_status=Referral.Status.WITHDRAWN,
            by=by,
            note=_("The person withdrew consent to processing on %(date)s.")
            % {"date": date_format(withdrawn_on, "SHORT_DATE_FORMAT")},
        )


def client_status_set(client: Client, *, status, decided_on: datetime.date | None, by) -> LegalStatusRecord:
    """Make `status` the client's current legal status, by the same rules wherever a status is recorded
    (registration, a later decision, the visit import): the decision date is checked, and only a granted
    status dates the grant. A step of the services, not one itself: it saves nothing — the caller saves
    the client and the returned entry of the status history."""
    refusal = status_decision_refusal(
        decided_on, date_of_birth=client.date_of_birth, today=timezone.localdate()
    )
    if refusal:
        raise ServiceError(refusal)
    client.legal_status = status
    client.status_granted_on = status_granted_on(status.code, decided_on)
    return LegalStatusRecord(client=client, status=status, decided_on=decided_on, recorded_by=by)


@transaction.atomic
def legal_status_record(*, client: Client, status, decided_on: datetime.date | None, by) -> LegalStatusRecord:
    """Record a decision on the person's legal status. It becomes the current status; a granted status
    dates the grant, and the time limits of the person's active episodes follow it."""
    authorize(by, Action.CHANGE_CLIENT, client)
    record = client_status_set(client, status=status, decided_on=decided_on, by=by)
    record.save()
    client.save(update_fields=["legal_status", "status_granted_on", "updated_at"])
    episodes = list(client.episodes.active().select_related("programme").prefetch_related("extensions"))
    for episode in episodes:
        episode.client = client
    episodes_limits_refresh(episodes, by=by, note=str(status))
    return record
