"""Reads about episodes: caseloads and their flags, the team overview, what the visit form offers."""

import datetime
from dataclasses import dataclass

from django.db.models import (
    BooleanField,
    Case,
    Count,
    Exists,
    ExpressionWrapper,
    F,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce

from mentors.models import ProviderStaff

from ..models import Activity, Episode, InclusionPlan, Referral, Visit

NO_CONTACT_DAYS = 14  # an open episode whose last contact is this many days old (or more) is flagged
LIMIT_SOON_DAYS = 7  # an open episode whose limit falls within this many days is flagged
COMMON_ACTIVITIES = 6  # activities shown first on the visit form; the rest fold away


# The flags by rank of `urgency` (0 the most urgent), and the order of a list of episodes by urgency:
# due planned contacts by their day and time, then the nearest limit, then the oldest contact.
URGENCY = ("contact_overdue", "contact_today", "past_limit", "limit_soon", "no_recent_contact")
BY_URGENCY = (
    "urgency",
    F("due_on").asc(nulls_last=True),
    F("due_at").asc(nulls_last=True),
    F("limit_on").asc(nulls_last=True),
    "contact_since",
    "pk",
)


def _flag_conditions(today: datetime.date) -> dict[str, Q]:
    """The flags as conditions on an episode annotated with `contact_since` (see episodes_with_flags)."""
    return {
        "contact_overdue": Q(next_contact_on__lt=today),
        "contact_today": Q(next_contact_on=today),
        "past_limit": Q(limit_on__lt=today),
        "limit_soon": Q(limit_on__gte=today, limit_on__lte=today + datetime.timedelta(days=LIMIT_SOON_DAYS)),
        "no_recent_contact": Q(contact_since__lte=today - datetime.timedelta(days=NO_CONTACT_DAYS)),
    }


def episodes_with_flags(episodes, *, today: datetime.date):
    """Annotate `last_contact`, the flags `contact_overdue` (the planned contact's day has passed),
    `contact_today`, `past_limit`, `limit_soon`, `no_recent_contact`, an `urgency` rank in that order
    (0 = planned contact overdue … 5 = nothing to flag), and `due_on`/`due_at`, the day and time of a
    planned contact that is due (today or overdue; else null), and `plan_missing` (the programme
    requires an inclusion plan and the episode has none), all computed in the database.

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
                *(When(flags[name], then=Value(rank)) for rank, name in enumerate(URGENCY)),
                default=Value(len(URGENCY)),
                output_field=IntegerField(),
            ),
            due_on=Case(When(next_contact_on__lte=today, then=F("next_contact_on"))),
            due_at=Case(When(next_contact_on__lte=today, then=F("next_contact_at"))),
            plan_missing=ExpressionWrapper(
                Q(programme__plan_required=True)
                & ~Exists(InclusionPlan.objects.filter(episode=OuterRef("pk"))),
                output_field=BooleanField(),
            ),
        )
    )


def open_caseload(episodes, *, today: datetime.date):
    """Open episodes with their flags, the most urgent first: a planned contact overdue (the oldest
    first), one planned for today (by its time), past the limit, limit soon, no recent contact; then by
    the nearest limit and the oldest contact."""
    return (
        episodes_with_flags(episodes.filter(status=Episode.Status.ACTIVE), today=today)
        .select_related("client__residence_municipality", "programme", "contract__provider", "mentor__user")
        .order_by(*BY_URGENCY)
    )


def contacts_planned_on(episodes, *, day: datetime.date):
    """The open episodes whose next contact is planned on `day`, by its time (those without one last)."""
    return (
        episodes.filter(status=Episode.Status.ACTIVE, next_contact_on=day)
        .select_related("client__residence_municipality", "programme", "mentor__user")
        .order_by(
            F("next_contact_at").asc(nulls_last=True), "client__family_name", "client__given_name", "pk"
        )
    )


@dataclass
class TeamOverview:
    today: datetime.date
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
            contact_overdue_count=Count("mentored_episodes", filter=flagged(contact_overdue=True)),
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
            Q(contact_overdue=True)
            | Q(past_limit=True)
            | Q(limit_soon=True)
            | Q(no_recent_contact=True)
            | Q(mentor__isnull=True)
        )
        .select_related("client", "programme", "mentor__user")
        .order_by(*BY_URGENCY)
    )
    referrals = (
        Referral.objects.filter(provider_id=provider_id, status=Referral.Status.SUBMITTED)
        .select_related("client", "municipality", "programme")
        .order_by("submitted_at", "pk")
    )
    return TeamOverview(
        today=today,
        totals=totals,
        mentors=list(mentors),
        attention=list(attention),
        unassigned_referrals=list(referrals),
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
