"""Referrals per municipality: filed, accepted, and the median days to acceptance and to the first
visit."""

import datetime
from dataclasses import dataclass, field

from django.db.models import (
    Count,
    DurationField,
    ExpressionWrapper,
    F,
    OuterRef,
    Q,
    Subquery,
)
from django.db.models.functions import TruncDate
from django.utils import timezone

from cases.models import Referral, Visit
from mentors.models import Programme, Provider
from municipalities.models import Municipality

from .periods import Period


@dataclass
class MunicipalityFigures:
    municipality: Municipality
    filed: int = 0
    accepted: int = 0
    # How many accepted referrals took each number of days: {days: referrals}.
    days_to_acceptance: dict[int, int] = field(default_factory=dict)
    days_to_first_visit: dict[int, int] = field(default_factory=dict)

    @property
    def median_days_to_acceptance(self) -> float | None:
        return median_of_counts(self.days_to_acceptance)

    @property
    def median_days_to_first_visit(self) -> float | None:
        return median_of_counts(self.days_to_first_visit)


def median_of_counts(counts: dict[int, int]) -> float | None:
    """The median of values given as {value: how many times}: the middle one, or the mean of the two
    middle ones."""
    total = sum(counts.values())
    if not total:
        return None
    low, high = (total - 1) // 2, total // 2  # positions of the middle value(s), sorted
    middle, seen = {}, 0
    for value in sorted(counts):
        first, seen = seen, seen + counts[value]
        for position in (low, high):
            if first <= position < seen:
                middle[position] = value
        if high in middle:
            break
    return middle[low] if low == high else (middle[low] + middle[high]) / 2


def _day_bounds(period: Period) -> tuple[datetime.datetime, datetime.datetime]:
    """The period as aware datetimes [start, end) in the project's time zone."""
    zone = timezone.get_current_timezone()
    start = datetime.datetime.combine(period.start, datetime.time.min, tzinfo=zone)
    end = datetime.datetime.combine(period.end + datetime.timedelta(days=1), datetime.time.min, tzinfo=zone)
    return start, end


def _days_between(later, earlier) -> ExpressionWrapper:
    return ExpressionWrapper(later - earlier, output_field=DurationField())


def referral_figures(
    programme: Programme,
    period: Period,
    *,
    provider: Provider | None = None,
    municipality: Municipality | None = None,
    all_municipalities: bool = False,
) -> list[MunicipalityFigures]:
    """Per municipality: referrals filed in the period, how many of them were accepted, and the median
    days from filing to acceptance and to the first visit (calendar days between local dates).

    Everything is counted in the database: the filed and accepted counts, and for the medians how
    many accepted referrals took each number of days (a short list per municipality, whose median
    is read in Python — the same on SQLite and PostgreSQL). Four queries, which read the referrals
    from an index alone (`referral_reporting_idx`): rows are counted by a column the index holds.
    """
    start, end = _day_bounds(period)
    referrals = Referral.objects.filter(programme=programme, submitted_at__gte=start, submitted_at__lt=end)
    if provider is not None:
        referrals = referrals.filter(provider=provider)
    if municipality is not None:
        referrals = referrals.filter(municipality=municipality)
    referrals = referrals.order_by()

    if municipality is not None:
        municipalities = [municipality]
    elif all_municipalities:
        municipalities = list(Municipality.objects.order_by("name"))
    else:
        municipalities = list(
            Municipality.objects.filter(pk__in=referrals.values("municipality_id")).order_by("name")
        )
    figures = {m.pk: MunicipalityFigures(m) for m in municipalities}

    counts = referrals.values("municipality_id").annotate(
        filed=Count("municipality"), accepted=Count("municipality", filter=Q(status=Referral.Status.ACCEPTED))
    )
    for row in counts:
        if row["municipality_id"] in figures:
            figures[row["municipality_id"]].filed = row["filed"]
            figures[row["municipality_id"]].accepted = row["accepted"]

    accepted = referrals.filter(status=Referral.Status.ACCEPTED).annotate(filed_on=TruncDate("submitted_at"))
    first_visit = (
        Visit.objects.filter(episode_id=OuterRef("episode_id"))
        .order_by("visited_on")
        .values("visited_on")[:1]
    )
    for attribute, days in (
        ("days_to_acceptance", _days_between(TruncDate("decided_at"), F("filed_on"))),
        ("days_to_first_visit", _days_between(Subquery(first_visit), F("filed_on"))),
    ):
        # No filter on `days` (a referral with no visit yet has none): it would repeat the first-visit
        # subquery in the WHERE clause; grouped by position, it runs once per accepted referral.
        rows = accepted.annotate(days=days).values("municipality_id", "days").annotate(n=Count("*"))
        for row in rows:
            if row["days"] is not None and row["municipality_id"] in figures:
                getattr(figures[row["municipality_id"]], attribute)[row["days"].days] = row["n"]
    return list(figures.values())
