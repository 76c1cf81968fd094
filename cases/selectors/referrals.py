"""Reads about referrals: due days and the overdue flag, lists and counts, routing and mentor suggestions."""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.db.models import (
    BooleanField,
    Case,
    Count,
    Exists,
    F,
    OuterRef,
    Q,
    Value,
    When,
)
from django.utils import timezone

from mentors.models import Contract, ProviderStaff

from ..models import Client, Episode, EpisodeEvent, Referral
from ..rules.calendar import first_day_still_due, working_days_after
from .search import client_search


def referral_answer_due(submitted_at: datetime.datetime) -> datetime.date:
    """The last day (Europe/Riga) on which a referral submitted at `submitted_at` is answered in time."""
    return working_days_after(timezone.localdate(submitted_at), settings.REFERRAL_ACCEPT_WORKING_DAYS)


@dataclass(frozen=True)
class StoryEntry:
    """One step of a referral's story: a change of its status, or of its episode's provider or status."""

    at: datetime.datetime
    title: str
    by: object
    detail: str = ""
    note: str = ""


# What the referring social service follows of the episode a referral opened: where it is (transfers
# and handovers) and its end. The mentor's work (visits, plans) is not theirs to see.
STORY_EPISODE_EVENTS = (
    EpisodeEvent.Kind.TRANSFERRED,
    EpisodeEvent.Kind.HANDED_OVER,
    EpisodeEvent.Kind.ENDED,
)


def referral_story(referral) -> list[StoryEntry]:
    """The whole story of a referral, oldest first: its status changes with their notes, then its
    episode's transfers and handovers (from one contract to another) and its end."""
    entries = [
        StoryEntry(at=event.at, title=event.get_to_status_display(), by=event.by, note=event.note)
        for event in referral.events.select_related("by")
    ]
    if referral.episode_id:
        episode_events = EpisodeEvent.objects.filter(
            episode_id=referral.episode_id, kind__in=STORY_EPISODE_EVENTS
        ).select_related("by")
        for event in episode_events:
            moved = event.kind != EpisodeEvent.Kind.ENDED
            entries.append(
                StoryEntry(
                    at=event.at,
                    title=event.get_kind_display(),
                    by=event.by,
                    detail=f"{event.from_value} → {event.to_value}" if moved else "",
                )
            )
    return sorted(entries, key=lambda entry: entry.at)


def referral_overdue_before(today: datetime.date | None = None) -> datetime.datetime:
    """Submitted referrals still waiting and submitted before this moment are overdue on `today`: their
    last day to be answered (`referral_answer_due`) has passed. Every page and count of overdue or
    waiting referrals asks this one function."""
    first_in_time = first_day_still_due(today or timezone.localdate(), settings.REFERRAL_ACCEPT_WORKING_DAYS)
    return timezone.make_aware(datetime.datetime.combine(first_in_time, datetime.time.min))


def referrals_with_overdue_flag(queryset, today: datetime.date | None = None):
    """Annotate `is_overdue`: still submitted and not accepted in time."""
    return queryset.annotate(
        is_overdue=Case(
            When(
                status=Referral.Status.SUBMITTED,
                submitted_at__lt=referral_overdue_before(today),
                then=Value(True),
            ),
            default=Value(False),
            output_field=BooleanField(),
        )
    )


def referral_list(
    user,
    *,
    status: str = "",
    query: str = "",
    overdue: bool = False,
    programme=None,
    municipality=None,
    provider=None,
    mentor=None,
    submitted_from: datetime.date | None = None,
    submitted_to: datetime.date | None = None,
    today: datetime.date | None = None,
):
    """The referrals the user may see, newest first, filtered by status, overdue flag, the client, the
    programme, the municipality, the provider, the mentor and the days (Europe/Riga) submitted."""
    referrals = Referral.objects.for_user(user)
    if status:
        referrals = referrals.filter(status=status)
    if overdue:
        referrals = referrals.filter(
            status=Referral.Status.SUBMITTED, submitted_at__lt=referral_overdue_before(today)
        )
    if query:
        referrals = referrals.filter(client__in=client_search(Client.objects.all(), query))
    related = {"programme": programme, "municipality": municipality, "provider": provider}
    referrals = referrals.filter(**{name: value for name, value in related.items() if value is not None})
    if mentor is not None:
        referrals = referrals.filter(episode__mentor=mentor)
    if submitted_from:
        referrals = referrals.filter(submitted_at__gte=_start_of(submitted_from))
    if submitted_to:
        referrals = referrals.filter(submitted_at__lt=_start_of(submitted_to + datetime.timedelta(days=1)))
    return referrals_with_overdue_flag(
        referrals.select_related(
            "client",
            "programme",
            "provider",
            "municipality",
            "contact_language",
            "episode__mentor__user",
            "episode__contract__provider",
        ),
        today,
    )


def _start_of(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def referral_counts(user, *, today: datetime.date | None = None) -> dict[str, int]:
    """How many of the user's referrals are in each status, and how many are overdue (one query)."""
    return Referral.objects.for_user(user).aggregate(
        submitted=Count("pk", filter=Q(status=Referral.Status.SUBMITTED)),
        returned=Count("pk", filter=Q(status=Referral.Status.RETURNED)),
        accepted=Count("pk", filter=Q(status=Referral.Status.ACCEPTED)),
        overdue=Count(
            "pk", filter=Q(status=Referral.Status.SUBMITTED, submitted_at__lt=referral_overdue_before(today))
        ),
    )


def covering_contracts(*, municipality, programme, day: datetime.date):
    """Contracts of `programme` in force on `day` that cover `municipality`, with their providers."""
    return (
        Contract.objects.active_on(day)
        .covering(municipality)
        .filter(programme=programme)
        .select_related("provider", "programme")
        .order_by("provider__name", "pk")
    )


def mentor_suggestions(*, provider, languages=(), first_language=None):
    """The provider's active mentors, best first: speaks the first (contact) language, speaks another of
    the client's languages, has room under their maximum caseload, the smallest caseload.

    Each mentor carries `caseload` (active episodes), `speaks_first`, `speaks_any` and `has_room`."""
    spoken = ProviderStaff.languages.through.objects.filter(providerstaff_id=OuterRef("pk"))
    language_ids = [language.pk for language in languages]
    mentors = (
        ProviderStaff.objects.mentors()
        .filter(provider=provider)
        .select_related("user")
        .prefetch_related("languages")
        .annotate(
            caseload=Count(
                "mentored_episodes", filter=Q(mentored_episodes__status=Episode.Status.ACTIVE), distinct=True
            ),
            speaks_first=Exists(spoken.filter(spokenlanguage_id=getattr(first_language, "pk", None))),
            speaks_any=Exists(spoken.filter(spokenlanguage_id__in=language_ids)),
        )
        .annotate(
            has_room=Case(
                When(caseload__lt=F("max_caseload"), then=Value(True)),
                default=Value(False),
                output_field=BooleanField(),
            )
        )
    )
    return mentors.order_by(
        F("speaks_first").desc(),
        F("speaks_any").desc(),
        F("has_room").desc(),
        "caseload",
        "user__last_name",
        "user__first_name",
        "pk",
    )
