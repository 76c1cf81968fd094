"""The data protection desk: anonymisation (retention and erasure requests), the subject-access
download's log entry, and merging a person registered twice under one personal code.

Who answers these requests is decided in `answers_data_requests`: the fund's administrator, the one
role that already reaches every record (docs/privacy.md); the fund's data protection officer takes it
over once that role exists.
"""

import datetime

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from audit.services import audit_redact_person
from mentors.access import Action, can
from notifications.services import notifications_forget_clients

from ..models import (
    Client,
    ClientEvent,
    Consent,
    Episode,
    EpisodeEvent,
    EpisodeExtension,
    ImportedClientRef,
    InclusionPlan,
    LegalStatusRecord,
    PlanGoal,
    Referral,
    ReferralEvent,
    ServedMonth,
    Visit,
    VisitAttendance,
)
from ..selectors.retention import clients_past_retention, retention_ends_on
from .errors import ServiceError, authorize
from .served import served_months_refresh

CHUNK = 500

# What anonymisation leaves of a person: the date of birth, citizenship, legal status and municipality
# the figures count (children, countries, referrals per municipality), and every date and link
# between the records (served, new, active, ended, payable). Everything else that could name them:
PERSON_BLANKS = {
    "given_name": "",
    "family_name": "",
    "given_name_original": "",
    "family_name_original": "",
    "name_key": "",
    "phone": "",
    "street_address": "",
    "locality": "",
    "personal_code": "",
    "id_document": "",
    "sex": Client.Sex.OTHER,
    "preferred_language": None,
    "accommodation_centre": None,
    "household": None,
    "household_relation": "",
    "duplicate_of": None,
}


def answers_data_requests(user) -> bool:
    """May `user` answer subject-access and erasure requests and see the probable duplicates?"""
    return can(user, Action.HANDLE_DATA_REQUEST)


def _require_data_protection(by) -> None:
    authorize(by, Action.HANDLE_DATA_REQUEST)


def clients_anonymise(*, client_ids, reason: str, by=None) -> int:
    """Anonymise these people, a chunk per transaction; returns how many were anonymised (people already
    anonymised are skipped). Every reported figure stays the same: visits, attendance, episodes and
    their dates, the served-months table, the date of birth and citizenship are kept."""
    done = 0
    ids = sorted(set(client_ids))
    for first in range(0, len(ids), CHUNK):
        with transaction.atomic():
            chunk = list(
                Client.objects.select_for_update()
                .filter(pk__in=ids[first : first + CHUNK], anonymised_at__isnull=True)
                .order_by("pk")
                .values_list("pk", flat=True)
            )
            if chunk:
                _blank_texts(chunk)
                ClientEvent.objects.bulk_create(
                    ClientEvent(client_id=pk, kind=ClientEvent.Kind.ANONYMISED, value=reason, by=by)
                    for pk in chunk
                )
                _purge_from_logs(chunk)
                done += len(chunk)
    return done


def _blank_texts(client_ids: list[int]) -> None:
    now = timezone.now()
    episodes = Episode.objects.filter(client_id__in=client_ids)
    referrals = Referral.objects.filter(client_id__in=client_ids)
    visits = Visit.objects.filter(Q(episode__in=episodes) | Q(attendance__client_id__in=client_ids))
    Visit.objects.filter(pk__in=visits.values("pk")).update(notes="")
    EpisodeEvent.objects.filter(episode__in=episodes).update(note="")
    EpisodeExtension.objects.filter(episode__in=episodes).update(reason="")
    PlanGoal.objects.filter(plan__episode__in=episodes).update(description="")
    InclusionPlan.objects.filter(episode__in=episodes).update(note="")
    episodes.update(closing_summary="", next_contact_note="")
    ReferralEvent.objects.filter(referral__in=referrals).update(note="")
    referrals.update(needs_text="", notes_for_provider="", return_reason="")
    Consent.objects.filter(client_id__in=client_ids).update(withdrawal_note="")
    ClientEvent.objects.filter(client_id__in=client_ids).update(note="")
    ImportedClientRef.objects.filter(client_id__in=client_ids).delete()
    notifications_forget_clients(client_ids)  # their first names in notifications
    Client.languages.through.objects.filter(client_id__in=client_ids).delete()
    Client.objects.filter(pk__in=client_ids).update(**PERSON_BLANKS, anonymised_at=now, updated_at=now)


def _purge_from_logs(client_ids: list[int]) -> None:
    """Redact the people from the change and read logs, so that no old value of the blanked fields can
    be brought back from them (who did what, when and from where stays)."""
    for client in Client.objects.filter(pk__in=client_ids):
        audit_redact_person(client=client)


def erasure_refusal(client: Client, *, today: datetime.date) -> str:
    """Why the person's data may not be erased on request today ("" if they may).

    Erasure (Art. 17) gives way to a legal obligation to keep (Art. 17(3)(b)): a person who was
    served is evidence of a month paid from the European funds until the programme's retention ends.
    A person never present at a visit may be erased once nothing of theirs is open."""
    if client.anonymised_at:
        return _("The person's data have already been anonymised.")
    ends_on = retention_ends_on(client)
    if ends_on is None:
        return _("The person has an open episode or referral: it must end before their data can be erased.")
    if ends_on >= today and ServedMonth.objects.filter(client=client).exists():
        return _(
            "The person was served: their records are evidence for the audit of the European funds until "
            "%(date)s (the programme's retention period) and will be anonymised after that day."
        ) % {"date": date_format(ends_on, "SHORT_DATE_FORMAT")}
    return ""


def client_erase(*, client: Client, by) -> Client:
    """Answer a person's erasure request: anonymise them now, where `erasure_refusal` allows it."""
    _require_data_protection(by)
    refusal = erasure_refusal(client, today=timezone.localdate())
    if refusal:
        raise ServiceError(refusal)
    clients_anonymise(client_ids=[client.pk], reason=ClientEvent.Reason.ERASURE, by=by)
    client.refresh_from_db()
    return client


def retention_apply(*, today: datetime.date, dry_run: bool = False) -> tuple[int, int]:
    """Anonymise everyone past their retention date on `today` (`manage.py apply_retention`). Returns
    (people past retention, people anonymised); a dry run anonymises nobody."""
    ids = list(clients_past_retention(today=today).order_by("pk").values_list("pk", flat=True))
    if dry_run:
        return len(ids), 0
    return len(ids), clients_anonymise(client_ids=ids, reason=ClientEvent.Reason.RETENTION)


def subject_access_record(*, client: Client, by) -> ClientEvent:
    """Log a subject-access download (Art. 15): who made it and when."""
    _require_data_protection(by)
    return ClientEvent.objects.create(client=client, kind=ClientEvent.Kind.SUBJECT_ACCESS, by=by)


# Filled in from the second record where the first has nothing.
MERGED_FIELDS = (
    "given_name_original",
    "family_name_original",
    "phone",
    "street_address",
    "locality",
    "id_document",
    "citizenship",
    "preferred_language",
    "accommodation_centre",
)


@transaction.atomic
def client_merge(*, duplicate: Client, by) -> Client:
    """Merge a person registered twice under one personal code (`duplicate.duplicate_of`) into the first
    record: consents, legal status records, referrals, episodes, visits attended and the providers'
    legacy IDs move to it, empty fields are filled from the second record, which is then deleted.
    Refused where both have an open episode or referral in one programme (one must end first)."""
    _require_data_protection(by)
    rows = (
        Client.objects.select_for_update()
        .filter(pk__in=[duplicate.pk, duplicate.duplicate_of_id])
        .order_by("pk")
    )
    both = {row.pk: row for row in rows}
    duplicate, original = both.get(duplicate.pk), both.get(duplicate.duplicate_of_id)
    if duplicate is None or original is None or original.anonymised_at or duplicate.anonymised_at:
        raise ServiceError(_("These records cannot be merged: one of them is gone or anonymised."))
    for open_rows in (Episode.objects.active(), Referral.objects.open()):
        programmes = open_rows.filter(client__in=[original, duplicate]).values("programme_id")
        if programmes.count() != programmes.distinct().count():
            raise ServiceError(
                _(
                    "Both records have an open episode or referral in the same programme: end one of them first."
                )
            )
    filled = [name for name in MERGED_FIELDS if not getattr(original, name) and getattr(duplicate, name)]
    for name in filled:
        setattr(original, name, getattr(duplicate, name))
    if original.household_id is None and duplicate.household_id is not None:
        original.household_id, original.household_relation = (
            duplicate.household_id,
            duplicate.household_relation,
        )
        filled += ["household", "household_relation"]
    original.save(update_fields=[*filled, "updated_at"])
    original.languages.add(*duplicate.languages.all())
    for model in (Consent, LegalStatusRecord, Referral, Episode, ImportedClientRef, ClientEvent):
        model.objects.filter(client=duplicate).update(client=original)
    both_present = VisitAttendance.objects.filter(client=original).values("visit_id")
    VisitAttendance.objects.filter(client=duplicate, visit_id__in=both_present).delete()
    VisitAttendance.objects.filter(client=duplicate).update(client=original)
    Client.objects.filter(duplicate_of=duplicate).update(duplicate_of=original)
    ClientEvent.objects.create(
        client=original, kind=ClientEvent.Kind.MERGED, value=duplicate.pseudonym, by=by
    )
    duplicate.delete()  # its served months go with it; the first record's are written again
    served_months_refresh([original.pk])
    return original
