"""Everything held about one person, for their subject-access request (GDPR Art. 15).

`subject_access_data` gathers it as plain data (dates as ISO strings, codes beside their names in the
active language); the download (cases.views.privacy) writes it as JSON and as a readable document.
Other people's data are left out: household members and the people present at a visit appear only
as a count; staff appear by name where the person deals with them (mentor, social worker).
"""

import datetime

from django.db.models import Count, Prefetch, Q
from django.utils import timezone

from ..models import (
    Client,
    Episode,
    EpisodeEvent,
    InclusionPlan,
    PlanGoal,
    Referral,
    ReferralEvent,
    ServedMonth,
    Visit,
)

DOCUMENT_LANGUAGES = ("lv", "uk", "ru", "en")


def subject_access_language(client: Client) -> str:
    """The person's preferred language if the application speaks it, else Latvian."""
    code = client.preferred_language.code if client.preferred_language_id else ""
    return code if code in DOCUMENT_LANGUAGES else "lv"


def _iso(value) -> str | None:
    if value is None:
        return None
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).isoformat(timespec="seconds")
    return value.isoformat()


def _name(obj) -> str | None:
    return str(obj) if obj is not None else None


def _staff(staff) -> str | None:
    return (staff.user.get_full_name() or staff.user.username) if staff is not None else None


def subject_access_data(client: Client, *, reads=None) -> dict:
    """The person's record and everything linked to it. `reads` is who opened their file, from the read
    log, where one exists (None: the application keeps no read log yet)."""
    client = (
        Client.objects.select_related(
            "legal_status", "preferred_language", "residence_municipality", "accommodation_centre"
        )
        .prefetch_related("languages")
        .get(pk=client.pk)
    )
    return {
        "generated_at": _iso(timezone.now()),
        "client_number": client.pseudonym,
        "person": _person(client),
        "legal_status_history": [
            {
                "status": _name(record.status),
                "decided_on": _iso(record.decided_on),
                "recorded_at": _iso(record.recorded_at),
            }
            for record in client.status_history.select_related("status").order_by("recorded_at", "pk")
        ],
        "consents": [_consent(consent) for consent in client.consents.order_by("given_on", "pk")],
        "referrals": _referrals(client),
        "episodes": _episodes(client),
        "visits": _visits(client),
        "months_served": [
            {"month": row.month.strftime("%Y-%m"), "provider": _name(row.provider), "contacts": row.contacts}
            for row in ServedMonth.objects.filter(client=client)
            .select_related("provider")
            .order_by("month", "pk")
        ],
        "record_events": [
            {"event": event.get_kind_display(), "kind": event.kind, "at": _iso(event.at)}
            for event in client.events.order_by("at", "pk")
        ],
        "reads": reads,
    }


def _person(client: Client) -> dict:
    return {
        "given_name": client.given_name,
        "family_name": client.family_name,
        "given_name_original": client.given_name_original,
        "family_name_original": client.family_name_original,
        "date_of_birth": _iso(client.date_of_birth),
        "sex": client.get_sex_display(),
        "citizenship": client.citizenship.code or None,
        "citizenship_name": client.citizenship.name or None,
        "languages": [str(language) for language in client.languages.all()],
        "preferred_language": _name(client.preferred_language),
        "phone": client.phone,
        "street_address": client.street_address,
        "city_town_or_parish": client.locality,
        "personal_code": client.personal_code,
        "identity_document": client.id_document,
        "municipality_of_residence": _name(client.residence_municipality),
        "accommodation_centre": _name(client.accommodation_centre),
        "household": {
            "number": client.household_id,
            "relation": client.get_household_relation_display(),
            "other_members": Client.objects.filter(household_id=client.household_id)
            .exclude(pk=client.pk)
            .count(),
        }
        if client.household_id
        else None,
        "legal_status": _name(client.legal_status),
        "status_granted_on": _iso(client.status_granted_on),
        "registered_at": _iso(client.created_at),
        "anonymised_at": _iso(client.anonymised_at),
    }


def _consent(consent) -> dict:
    return {
        "given_on": _iso(consent.given_on),
        "scope": consent.get_scope_display(),
        "recorded_at": _iso(consent.recorded_at),
        "withdrawn_on": _iso(consent.withdrawn_on),
        "withdrawn_how": consent.get_withdrawn_how_display() or None,
        "withdrawal_note": consent.withdrawal_note,
    }


def _referrals(client: Client) -> list[dict]:
    referrals = (
        Referral.objects.filter(client=client)
        .select_related("programme", "municipality", "provider", "contact_language")
        .prefetch_related(
            "needs_areas", Prefetch("events", queryset=ReferralEvent.objects.order_by("at", "pk"))
        )
        .order_by("submitted_at", "pk")
    )
    return [
        {
            "number": referral.pk,
            "programme": referral.programme.code,
            "programme_name": referral.programme.name,
            "municipality": _name(referral.municipality),
            "provider": _name(referral.provider),
            "status": referral.get_status_display(),
            "submitted_at": _iso(referral.submitted_at),
            "urgency": referral.get_urgency_display(),
            "contact_language": _name(referral.contact_language),
            "assessed_needs": [str(area) for area in referral.needs_areas.all()],
            "assessment_of_needs": referral.needs_text,
            "notes_for_the_provider": referral.notes_for_provider,
            "decided_at": _iso(referral.decided_at),
            "reason_for_returning": referral.return_reason,
            "history": [
                {"status": event.get_to_status_display(), "at": _iso(event.at), "note": event.note}
                for event in referral.events.all()
            ],
        }
        for referral in referrals
    ]


def _episodes(client: Client) -> list[dict]:
    episodes = (
        Episode.objects.filter(client=client)
        .select_related(
            "programme", "contract__provider", "mentor__user", "social_worker__user", "end_reason"
        )
        .prefetch_related(
            Prefetch("events", queryset=EpisodeEvent.objects.order_by("at", "pk")),
            "extensions",
            Prefetch(
                "plans",
                queryset=InclusionPlan.objects.order_by("version").prefetch_related(
                    Prefetch("goals", queryset=PlanGoal.objects.select_related("area"))
                ),
            ),
        )
        .order_by("started_on", "pk")
    )
    return [
        {
            "number": episode.pk,
            "programme": episode.programme.code,
            "programme_name": episode.programme.name,
            "provider": _name(episode.contract.provider),
            "status": episode.get_status_display(),
            "intake_source": episode.get_intake_source_display(),
            "started_on": _iso(episode.started_on),
            "time_limit": _iso(episode.limit_on),
            "ended_on": _iso(episode.ended_on),
            "end_reason": _name(episode.end_reason),
            "closing_summary": episode.closing_summary,
            "next_contact": {
                "on": _iso(episode.next_contact_on),
                "at": episode.next_contact_at.strftime("%H:%M") if episode.next_contact_at else None,
                "note": episode.next_contact_note,
            }
            if episode.next_contact_on
            else None,
            "social_mentor": _staff(episode.mentor),
            "social_worker": _staff(episode.social_worker),
            "history": [
                {"event": event.get_kind_display(), "at": _iso(event.at), "note": event.note}
                for event in episode.events.all()
            ],
            "extensions": [
                {
                    "length": extension.length,
                    "approved_on": _iso(extension.approved_on),
                    "reason": extension.reason,
                }
                for extension in episode.extensions.all()
            ],
            "plans": [
                {
                    "version": plan.version,
                    "current": plan.is_current,
                    "note": plan.note,
                    "goals": [
                        {
                            "area": str(goal.area),
                            "description": goal.description,
                            "status": goal.get_status_display(),
                            "target_on": _iso(goal.target_on),
                            "achieved_on": _iso(goal.achieved_on),
                        }
                        for goal in plan.goals.all()
                    ],
                }
                for plan in episode.plans.all()
            ],
        }
        for episode in episodes
    ]


def _visits(client: Client) -> list[dict]:
    visits = (
        Visit.objects.filter(Q(episode__client=client) | Q(attendance__client=client))
        .distinct()
        .annotate(people_present=Count("attendance", distinct=True))
        .select_related("contract__provider")
        .prefetch_related("activities")
        .order_by("visited_on", "pk")
    )
    present = set(client.attendance.values_list("visit_id", flat=True))
    return [
        {
            "date": _iso(visit.visited_on),
            "episode": visit.episode_id,
            "provider": _name(visit.contract.provider),
            "duration_minutes": visit.duration_minutes,
            "place": visit.get_place_display(),
            "activities": [str(activity) for activity in visit.activities.all()],
            "interpreter_used": visit.interpreter_used,
            "you_were_present": visit.pk in present,
            "people_present": visit.people_present,
            "notes": visit.notes,
        }
        for visit in visits
    ]
