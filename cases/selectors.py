"""Reads of the cases app beyond the `for_user` querysets (lists, suggestions, flags)."""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.db.models import (
    BooleanField,
    Case,
    Count,
    Exists,
    ExpressionWrapper,
    F,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.utils import timezone

from mentors.models import Contract, ProviderStaff

from .models import Activity, Client, Episode, Referral, Visit
from .names import name_tokens
from .validators import FORMAT as PERSONAL_CODE
from .validators import normalise_personal_code

# --- Clients and referrals (issue 3) -------------------------------------------------------------


def client_search(queryset, query: str):
    """Filter `queryset` by what was typed: words of a name in any script or spelling (each must start
    a word of the name key), a date of birth (31.12.1985 or 1985-12-31) or a personal code."""
    dates, names = [], []
    for word in (query or "").split():
        code = normalise_personal_code(word)
        if PERSONAL_CODE.match(code):
            queryset = queryset.filter(personal_code=code)
        elif (day := _parse_date(word)) is not None:
            dates.append(day)
        else:
            names.append(word)
    for day in dates:
        queryset = queryset.filter(date_of_birth=day)
    for token in name_tokens(" ".join(names)):
        queryset = queryset.filter(name_key__contains=f" {token}")
    return queryset


def _parse_date(word: str) -> datetime.date | None:
    for pattern in ("%d.%m.%Y", "%Y-%m-%d", "%d/%m/%Y"):
        try:
            return datetime.datetime.strptime(word, pattern).date()  # noqa: DTZ007 - a calendar date
        except ValueError:
            continue
    return None


def client_duplicate_candidates(
    user,
    *,
    names: tuple[str, ...],
    date_of_birth: datetime.date | None,
    personal_code: str = "",
    exclude_pk: int | None = None,
):
    """People the user can see who are probably the one being registered: the same personal code, or
    the same date of birth and a name with a word in common (in any script or spelling)."""
    probable = Q(pk__in=[])
    if personal_code:
        probable |= Q(personal_code=normalise_personal_code(personal_code))
    tokens = name_tokens(*names)
    if date_of_birth and tokens:
        same_word = Q(pk__in=[])
        for token in tokens:
            same_word |= Q(name_key__contains=f" {token} ")
        probable |= Q(date_of_birth=date_of_birth) & same_word
    candidates = Client.objects.for_user(user).filter(probable)
    if exclude_pk:
        candidates = candidates.exclude(pk=exclude_pk)
    return candidates.select_related("legal_status", "residence_municipality").order_by(
        "family_name", "given_name", "pk"
    )[:20]


def client_list(user, query: str = ""):
    """The clients the user may see, searched, with what the list shows in a constant number of queries."""
    clients = client_search(Client.objects.for_user(user), query)
    return clients.select_related(
        "legal_status", "residence_municipality", "accommodation_centre"
    ).prefetch_related(
        Prefetch(
            "episodes",
            queryset=Episode.objects.for_user(user).active().select_related("programme"),
            to_attr="active_episodes",
        )
    )


def client_page(user, client) -> dict:
    """What a client's page shows the user, each part scoped to what the user may see. Episodes show
    their outcome only (status, mentor, dates, end reason, closing summary), never visits."""
    return {
        "household_members": (
            Client.objects.for_user(user)
            .filter(household_id=client.household_id)
            .exclude(pk=client.pk)
            .select_related("legal_status")
            if client.household_id
            else Client.objects.none()
        ),
        "status_history": client.status_history.select_related("status", "recorded_by").order_by(
            "-recorded_at", "-pk"
        ),
        "consents": client.consents.select_related("recorded_by"),
        "has_consent": client.consents.filter(withdrawn_on__isnull=True).exists(),
        "referrals": referrals_with_overdue_flag(
            Referral.objects.for_user(user)
            .filter(client=client)
            .select_related("programme", "provider", "episode__mentor__user")
        ),
        "episodes": Episode.objects.for_user(user)
        .filter(client=client)
        .select_related(
            "programme", "contract__provider", "mentor__user", "social_worker__user", "end_reason"
        ),
    }


# Working days are Monday to Friday; public holidays are not taken into account.
def working_days_after(day: datetime.date, count: int) -> datetime.date:
    """The `count`-th working day after `day`."""
    while count > 0:
        day += datetime.timedelta(days=1)
        if day.weekday() < 5:
            count -= 1
    return day


def referral_answer_due(submitted_at: datetime.datetime) -> datetime.date:
    """The last day (Europe/Riga) on which a referral submitted at `submitted_at` is answered in time."""
    return working_days_after(timezone.localdate(submitted_at), settings.REFERRAL_ACCEPT_WORKING_DAYS)


def referral_overdue_before(now: datetime.datetime | None = None) -> datetime.datetime:
    """Submitted referrals still waiting and submitted before this moment are overdue now: their last
    day to be answered (REFERRAL_ACCEPT_WORKING_DAYS working days after submission) has passed."""
    today = timezone.localdate(now)
    # The answer day never decreases with the submission day: walk back to the first day still in time.
    first_in_time = today
    while (
        working_days_after(first_in_time - datetime.timedelta(days=1), settings.REFERRAL_ACCEPT_WORKING_DAYS)
        >= today
    ):
        first_in_time -= datetime.timedelta(days=1)
    return timezone.make_aware(datetime.datetime.combine(first_in_time, datetime.time.min))


def referrals_with_overdue_flag(queryset, now: datetime.datetime | None = None):
    """Annotate `is_overdue`: still submitted and not accepted in time."""
    return queryset.annotate(
        is_overdue=Case(
            When(
                status=Referral.Status.SUBMITTED,
                submitted_at__lt=referral_overdue_before(now),
                then=Value(True),
            ),
            default=Value(False),
            output_field=BooleanField(),
        )
    )


def referral_list(user, *, status: str = "", query: str = "", overdue: bool = False):
    """The referrals the user may see, newest first, filtered by status, overdue flag or the client."""
    referrals = Referral.objects.for_user(user)
    if status:
        referrals = referrals.filter(status=status)
    if overdue:
        referrals = referrals.filter(
            status=Referral.Status.SUBMITTED, submitted_at__lt=referral_overdue_before()
        )
    if query:
        referrals = referrals.filter(client__in=client_search(Client.objects.all(), query))
    return referrals_with_overdue_flag(
        referrals.select_related(
            "client",
            "programme",
            "provider",
            "municipality",
            "contact_language",
            "episode__mentor__user",
        )
    )


def referral_counts(user) -> dict[str, int]:
    """How many of the user's referrals are in each status, and how many are overdue (one query)."""
    return Referral.objects.for_user(user).aggregate(
        submitted=Count("pk", filter=Q(status=Referral.Status.SUBMITTED)),
        returned=Count("pk", filter=Q(status=Referral.Status.RETURNED)),
        accepted=Count("pk", filter=Q(status=Referral.Status.ACCEPTED)),
        overdue=Count(
            "pk", filter=Q(status=Referral.Status.SUBMITTED, submitted_at__lt=referral_overdue_before())
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


# --- Episodes, caseloads and flags (issue 4) -----------------------------------------------------

NO_CONTACT_DAYS = 14  # an open episode whose last contact is this many days old (or more) is flagged
LIMIT_SOON_DAYS = 7  # an open episode whose limit falls within this many days is flagged
COMMON_ACTIVITIES = 6  # activities shown first on the visit form; the rest fold away


def _flag_conditions(today: datetime.date) -> dict[str, Q]:
    """The flags as conditions on an episode annotated with `contact_since` (see episodes_with_flags)."""
    return {
        "past_limit": Q(limit_on__lt=today),
        "limit_soon": Q(limit_on__gte=today, limit_on__lte=today + datetime.timedelta(days=LIMIT_SOON_DAYS)),
        "no_recent_contact": Q(contact_since__lte=today - datetime.timedelta(days=NO_CONTACT_DAYS)),
    }


def episodes_with_flags(episodes, *, today: datetime.date):
    """Annotate `last_contact`, the flags `past_limit`, `limit_soon`, `no_recent_contact` and an
    `urgency` rank (0 = past the limit … 3 = nothing to flag), all computed in the database.

    A new episode counts from its start: no contact yet is flagged only 14 days after the start."""
    last_visit = Visit.objects.filter(episode=OuterRef("pk")).order_by("-visited_on").values("visited_on")[:1]
    flags = _flag_conditions(today)
    return (
        episodes.annotate(last_contact=Subquery(last_visit))
        .annotate(contact_since=Coalesce("last_contact", "started_on"))
        .annotate(
            **{
                name: ExpressionWrapper(condition, output_field=BooleanField())
                for name, condition in flags.items()
            },
            urgency=Case(
                When(flags["past_limit"], then=Value(0)),
                When(flags["limit_soon"], then=Value(1)),
                When(flags["no_recent_contact"], then=Value(2)),
                default=Value(3),
                output_field=IntegerField(),
            ),
        )
    )


def open_caseload(episodes, *, today: datetime.date):
    """Open episodes with their flags, the most urgent first: past the limit, limit soon, no recent
    contact; then by the nearest limit and the oldest contact."""
    return (
        episodes_with_flags(episodes.filter(status=Episode.Status.ACTIVE), today=today)
        .select_related("client", "programme", "contract__provider", "mentor__user")
        .order_by("urgency", F("limit_on").asc(nulls_last=True), "contact_since", "pk")
    )


@dataclass
class TeamOverview:
    totals: dict
    mentors: list
    attention: list
    unassigned_referrals: list


def team_overview(*, provider_id: int, today: datetime.date) -> TeamOverview:
    """A coordinator's view of their provider: every mentor's caseload against their maximum with the
    flags, the referrals waiting for a decision, and the open episodes that need attention."""
    episodes = episodes_with_flags(
        Episode.objects.filter(contract__provider_id=provider_id, status=Episode.Status.ACTIVE), today=today
    )

    def flagged(**flag):
        return Q(mentored_episodes__in=episodes.filter(**flag).values("pk"))

    mentors = (
        ProviderStaff.objects.mentors()
        .filter(provider_id=provider_id)
        .select_related("user")
        .annotate(
            open_count=Count("mentored_episodes", filter=Q(mentored_episodes__status=Episode.Status.ACTIVE)),
            past_limit_count=Count("mentored_episodes", filter=flagged(past_limit=True)),
            limit_soon_count=Count("mentored_episodes", filter=flagged(limit_soon=True)),
            no_recent_contact_count=Count("mentored_episodes", filter=flagged(no_recent_contact=True)),
        )
        .order_by("user__last_name", "user__first_name", "pk")
    )
    # The flag conditions themselves, not the boolean annotations: an aggregate's FILTER cannot refer to
    # an annotation by its alias.
    totals = episodes.aggregate(
        open=Count("pk"),
        **{name: Count("pk", filter=condition) for name, condition in _flag_conditions(today).items()},
        no_mentor=Count("pk", filter=Q(mentor__isnull=True)),
    )
    attention = (
        episodes.filter(
            Q(past_limit=True) | Q(limit_soon=True) | Q(no_recent_contact=True) | Q(mentor__isnull=True)
        )
        .select_related("client", "programme", "mentor__user")
        .order_by("urgency", F("limit_on").asc(nulls_last=True), "contact_since", "pk")
    )
    referrals = (
        Referral.objects.filter(provider_id=provider_id, status=Referral.Status.SUBMITTED)
        .select_related("client", "municipality", "programme")
        .order_by("submitted_at", "pk")
    )
    return TeamOverview(
        totals=totals, mentors=list(mentors), attention=list(attention), unassigned_referrals=list(referrals)
    )


def activities_for_visit_form(*, user, today: datetime.date) -> list:
    """Active activities, the ones this person logged most in the last half year first."""
    since = today - datetime.timedelta(days=183)
    return list(
        Activity.objects.filter(is_active=True)
        .annotate(uses=Count("visits", filter=Q(visits__logged_by=user, visits__visited_on__gte=since)))
        .order_by("-uses", "order", "code")
    )


def default_visit_place(episode: Episode) -> str:
    """Where the last visit of the episode took place; else the accommodation centre or the home."""
    last_place = episode.visits.order_by("-visited_on", "-pk").values_list("place", flat=True).first()
    if last_place:
        return last_place
    if episode.client.accommodation_centre_id:
        return Visit.Place.ACCOMMODATION_CENTRE
    return Visit.Place.HOME


def episodes_needing_plan(episodes):
    """Open episodes of programmes that require an inclusion plan and have none yet, oldest first."""
    return (
        episodes.filter(status=Episode.Status.ACTIVE, programme__plan_required=True, plans__isnull=True)
        .select_related("client", "programme", "mentor__user")
        .order_by("started_on", "pk")
    )
