"""Registering and editing people, their households, consent and legal status."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from mentors.roles import UserRole, role_for

from ..models import (
    Client,
    Consent,
    Household,
    LegalStatusRecord,
)
from ..rules.legal_status import status_decision_refusal, status_granted_on
from ..rules.names import name_key
from ..rules.personal_codes import normalise_personal_code, validate_personal_code
from .episodes import episodes_limits_refresh
from .errors import ServiceError
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
    "personal_code",
    "id_document",
    "residence_municipality",
    "accommodation_centre",
)


def _require_client_editor(by) -> UserRole:
    role = role_for(by)
    if not (role.is_municipal or role.is_coordinator or role.is_provider_social_worker):
        raise PermissionDenied
    return role


def _check_person(client: Client) -> None:
    """Rules on the person's own data, for registration and edits."""
    if client.date_of_birth > timezone.localdate():
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
    record = client_status_set(client, status=legal_status, decided_on=status_decided_on, by=by)
    _check_person(client)
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
    if given_on > timezone.localdate():
        raise ServiceError(_("The consent date cannot be in the future."))
    return Consent.objects.create(client=client, given_on=given_on, scope=scope, recorded_by=by)


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
    _require_client_editor(by)
    record = client_status_set(client, status=status, decided_on=decided_on, by=by)
    record.save()
    client.save(update_fields=["legal_status", "status_granted_on", "updated_at"])
    episodes = list(client.episodes.active().select_related("programme").prefetch_related("extensions"))
    for episode in episodes:
        episode.client = client
    episodes_limits_refresh(episodes, by=by, note=str(status))
    return record
