"""Referrals: filing, withdrawing, re-sending, returning and accepting them."""

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from mentors.access import Action, role_for
from mentors.models import Contract

from ..models import (
    Client,
    Episode,
    Referral,
    ReferralEvent,
)
from ..selectors import covering_contracts
from . import notices
from .consents import refuse_if_consent_withdrawn
from .episodes import _check_team, _open_episode
from .errors import ServiceError, authorize


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
    contracts = list(
        covering_contracts(municipality=municipality, programme=programme, day=timezone.localdate())
    )
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
    refuse_if_consent_withdrawn(
        client,
        _(
            "The person withdrew consent to processing on %(date)s: no referral can be filed unless they "
            "give their consent again."
        ),
    )
    if not client.consents.filter(withdrawn_on__isnull=True).exists():
        raise ServiceError(_("Record the person's consent to processing before filing a referral."))
    if client.referrals.open().filter(programme=programme).exclude(pk=exclude_pk).exists():
        raise ServiceError(_("This person already has an open referral for this programme."))
    if client.episodes.active().filter(programme=programme).exists():
        raise ServiceError(_("This person is already receiving this service."))


def _check_assessment(needs_areas, needs_text: str) -> None:
    """A referral tells the provider what the person needs: at least one assessed need area and the
    assessment in words."""
    errors = {}
    if not list(needs_areas or ()):
        errors["needs_areas"] = _("Choose at least one assessed need area.")
    if not (needs_text or "").strip():
        errors["needs_text"] = _("Write the assessment of the person's needs.")
    if errors:
        raise ServiceError(errors)


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
    authorize(by, Action.FILE_REFERRAL)  # where the person lives is a rule below, with its message
    role = role_for(by)
    client = Client.objects.select_for_update().get(pk=client.pk)  # one open referral per programme
    _check_referable(client, programme, municipality_id=role.municipality_id)
    _check_assessment(needs_areas, needs_text)
    contract = _route(municipality=client.residence_municipality, programme=programme, provider=provider)
    referral = Referral(
        client=client,
        programme=programme,
        municipality_id=role.municipality_id,
        provider=contract.provider,
        contract=contract,
        filed_by=by,
        needs_text=needs_text.strip(),
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
    notices.referral_arrived(referral)
    return referral


def _locked(referral: Referral) -> Referral:
    """The referral's row, locked until the transaction ends, and read again: its status may have
    changed since the page was shown."""
    return Referral.objects.select_for_update().get(pk=referral.pk)


@transaction.atomic
def referral_withdraw(*, referral: Referral, note: str = "", by) -> Referral:
    """The referring social service takes back a referral not yet accepted."""
    authorize(by, Action.WITHDRAW_REFERRAL, referral)
    referral = _locked(referral)
    _referral_transition(referral, Referral.Status.WITHDRAWN, by=by, note=note)
    return referral


@transaction.atomic
def referral_resubmit(
    *,
    referral: Referral,
    provider=None,
    needs_areas=None,
    needs_text: str | None = None,
    urgency: str | None = None,
    contact_language=None,
    notes_for_provider: str | None = None,
    note: str = "",
    by,
) -> Referral:
    """Send a returned referral again, corrected, to the same provider or (re-routed) to another covering
    one; what is not given stays as it was. A referral sent back unchanged (the same provider and
    assessment, and the person's record not corrected since it was returned) is refused: the provider
    returned it for a reason. The working days to answer it count from now."""
    authorize(by, Action.RESUBMIT_REFERRAL, referral)
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
    old_areas = set(referral.needs_areas.values_list("pk", flat=True))
    new_areas = old_areas if needs_areas is None else {area.pk for area in needs_areas}
    changes = {
        "needs_text": None if needs_text is None else needs_text.strip(),
        "urgency": urgency,
        "contact_language": contact_language,
        "notes_for_provider": notes_for_provider,
    }
    changes = {name: value for name, value in changes.items() if value is not None}
    _check_assessment(new_areas, changes.get("needs_text", referral.needs_text))
    record_corrected = referral.decided_at is not None and client.updated_at > referral.decided_at
    if (
        contract.pk == referral.contract_id
        and new_areas == old_areas
        and all(getattr(referral, name) == value for name, value in changes.items())
        and not record_corrected
    ):
        raise ServiceError(
            _(
                "Nothing has changed since the referral was returned: correct what the provider asked for "
                "(the assessment or the person's record) or choose another provider before sending it again."
            )
        )
    for name, value in changes.items():
        setattr(referral, name, value)
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
        fields=["contract", "provider", "submitted_at", "decided_at", "decided_by", *changes],
    )
    if new_areas != old_areas:
        referral.needs_areas.set(new_areas)
    notices.referral_arrived(referral)
    return referral


@transaction.atomic
def referral_return(*, referral: Referral, reason: str, by) -> Referral:
    """The provider sends a referral back to the social worker, with the reason."""
    if not reason.strip():
        raise ServiceError(_("Give the reason for returning the referral."))
    referral = _locked(referral)
    authorize(by, Action.RETURN_REFERRAL, referral)  # on the row as it is now: it may have been re-routed
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
    notices.referral_returned(referral)
    return referral


@transaction.atomic
def referral_accept(*, referral: Referral, mentor, social_worker=None, by) -> Episode:
    """The provider's coordinator accepts a referral and assigns a mentor (and a social worker where the
    programme needs one); the client's mentoring episode starts today.

    The referral's row is locked and its status read again, so two coordinators accepting at the same
    moment make exactly one episode: the second is told it has already been accepted."""
    referral = _locked(referral)
    authorize(by, Action.ACCEPT_REFERRAL, referral)  # on the row as it is now: it may have been re-routed
    if referral.status != Referral.Status.SUBMITTED:
        raise ServiceError(_not_open_message(referral))
    contract = referral.contract
    today = timezone.localdate()
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
    notices.referral_accepted(referral, episode)
    return episode
