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
    FilteredRelation,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
    Window,
)
from django.db.models.functions import Coalesce

from mentors.models import Contract, Programme, ProviderStaff

from ..models import Activity, Episode, InclusionPlan, Referral, Visit
from ..rules.collation import latvian

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
MENTORS_BY_NAME = (latvian("user__last_name"), latvian("user__first_name"), "pk")


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


# Contacts planned for a day shown above a caseload; the filter `due=contact_today` lists them all.
PLANNED_SHOWN = 10


@dataclass
class Planned:
    """The first contacts planned for a day (`shown`, by time) and how many there are (`count`)."""

    shown: list
    count: int


def contacts_planned(episodes, *, day: datetime.date, shown: int = PLANNED_SHOWN) -> Planned:
    """`contacts_planned_on`, bounded for a page: the first `shown` and the count (a provider's whole
    team can plan hundreds of contacts a day; the caseload filtered to today's contacts pages them all)."""
    planned = contacts_planned_on(episodes, day=day)
    first = list(planned[: shown + 1])
    count = len(first) if len(first) <= shown else planned.count()
    return Planned(shown=first[:shown], count=count)


TEAM_REFERRALS_SHOWN = 10  # the team view lists the oldest referrals waiting; the inbox has them all


@dataclass
class TeamOverview:
    today: datetime.date
    totals: dict  # the open episodes counted by flag; `attention`: how many need it
    attention: QuerySet  # not read here: the team view shows it a page at a time
    referrals_shown: list  # the oldest referrals waiting, the first TEAM_REFERRALS_SHOWN
    waiting: int  # how many referrals are waiting


def team_mentors(*, provider_id: int, today: datetime.date, with_languages: bool = False) -> QuerySet:
    """The provider's mentors, each with their open episodes counted (`open_count`) and the flags among
    them (`contact_overdue_count`, `past_limit_count`, `limit_soon_count`, `no_recent_contact_count`),
    by name in Latvian order; `with_languages` prefetches the languages that tell apart mentors of one
    name."""
    episodes = episodes_with_flags(
        Episode.objects.filter(contract__provider_id=provider_id, status=Episode.Status.ACTIVE), today=today
    )

    def flagged(**flag):
        return Q(open_episodes__in=episodes.filter(**flag).values("pk"))

    # The counts join each mentor's open episodes only, not every episode they ever had.
    return (
        ProviderStaff.objects.mentors()
        .filter(provider_id=provider_id)
        .select_related("user", "team")
        .prefetch_related(*(["languages"] if with_languages else []))
        .annotate(
            open_episodes=FilteredRelation(
                "mentored_episodes", condition=Q(mentored_episodes__status=Episode.Status.ACTIVE)
            )
        )
        .annotate(
            open_count=Count("open_episodes"),
            past_limit_count=Count("open_episodes", filter=flagged(past_limit=True)),
            limit_soon_count=Count("open_episodes", filter=flagged(limit_soon=True)),
            no_recent_contact_count=Count("open_episodes", filter=flagged(no_recent_contact=True)),
            contact_overdue_count=Count("open_episodes", filter=flagged(contact_overdue=True)),
        )
        .order_by(*MENTORS_BY_NAME)
    )


def team_overview(*, provider_id: int, today: datetime.date) -> TeamOverview:
    """A coordinator's view of their provider: the open episodes counted by flag, the ones that need
    attention, and the referrals waiting for a decision (the oldest few, and how many). The mentors'
    caseloads are `team_mentors`."""
    episodes = episodes_with_flags(
        Episode.objects.filter(contract__provider_id=provider_id, status=Episode.Status.ACTIVE), today=today
    )
    # The flag conditions themselves, not the boolean annotations: an aggregate's FILTER cannot refer to
    # an annotation by its alias.
    flags = _flag_conditions(today)
    needs_attention = ["contact_overdue", "past_limit", "limit_soon", "no_recent_contact"]
    totals = episodes.aggregate(
        open=Count("pk"),
        **{name: Count("pk", filter=condition) for name, condition in flags.items()},
        no_mentor=Count("pk", filter=Q(mentor__isnull=True)),
        attention=Count(
            "pk",
            filter=Q(*(flags[name] for name in needs_attention), Q(mentor__isnull=True), _connector=Q.OR),
        ),
    )
    attention = (
        episodes.filter(
            Q(*(Q(**{name: True}) for name in needs_attention), Q(mentor__isnull=True), _connector=Q.OR)
        )
        .select_related("client", "programme", "mentor__user")
        .order_by(*BY_URGENCY)
    )
    # The first few and, on each of them, how many wait in all: one query (the window counts before
    # the limit).
    referrals = list(
        Referral.objects.filter(provider_id=provider_id, status=Referral.Status.SUBMITTED)
        .select_related("client", "municipality", "programme")
        .annotate(waiting=Window(Count("pk")))
        .order_by("submitted_at", "pk")[:TEAM_REFERRALS_SHOWN]
    )
    return TeamOverview(
        today=today,
        totals=totals,
        attention=attention,
        referrals_shown=referrals,
        waiting=referrals[0].waiting if referrals else 0,
    )


def activities_for_visit_form(*, user, today: datetime.date) -> list:
    """Active activities, the ones this person logged most in the last half year first.

    The uses are counted from this person's recent visits (the `visit_logged_by_date_idx` index) out to
    their activities, never over the activities of everyone's visits: the form's cost does not grow
    with the visits other people log (tests/cases/test_visit_form_query.py, on PostgreSQL)."""
    since = today - datetime.timedelta(days=183)
    uses = dict(
        Visit.activities.through.objects.filter(visit__logged_by=user, visit__visited_on__gte=since)
        .values_list("activity_id")
        .annotate(uses=Count("*"))
        .order_by()
    )
    activities = list(Activity.objects.filter(is_active=True).order_by("order", "code"))
    for activity in activities:
        activity.uses = uses.get(activity.pk, 0)
    return sorted(activities, key=lambda activity: -activity.uses)  # stable: then by order and code


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


def transfer_contracts(episode: Episode, *, today: datetime.date):
    """The contracts an episode may be transferred to: the same programme's contracts in force today
    held by another provider (none: the page offers no transfer)."""
    return (
        _other_providers_contracts(episode.programme_id, episode.contract.provider_id, today)
        .select_related("provider", "programme")
        .order_by("provider__name", "number")
    )


def transfer_possible(*, today: datetime.date) -> Exists:
    """Whether the outer query's episode has `transfer_contracts`, to annotate the episode with."""
    return Exists(
        _other_providers_contracts(OuterRef("programme_id"), OuterRef("contract__provider_id"), today)
    )


def _other_providers_contracts(programme_id, provider_id, today: datetime.date):
    return (
        Contract.objects.filter(programme_id=programme_id).active_on(today).exclude(provider_id=provider_id)
    )


def intake_contracts(*, provider_id, client, today: datetime.date):
    """The provider's contracts in force today for a programme with provider intake in which the person
    has no open episode (none: the page offers no "Open an episode")."""
    return _intake_contracts(provider_id, client.pk, today).select_related("provider", "programme")


def intake_possible(*, provider_id, today: datetime.date) -> Exists:
    """Whether the outer query's client has `intake_contracts` of the provider, to annotate the client
    with (the episodes are a subquery of the contracts': their client is two levels out)."""
    return Exists(_intake_contracts(provider_id, OuterRef(OuterRef("pk")), today))


def _intake_contracts(provider_id, client_id, today: datetime.date):
    return (
        Contract.objects.active_on(today)
        .filter(provider_id=provider_id, programme__referred_by=Programme.Referrer.PROVIDER_INTAKE)
        .exclude(programme__in=Episode.objects.active().filter(client_id=client_id).values("programme"))
    )
