"""Figures since the start of a programme, and the figures the fund's announcements quote."""

import datetime
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from mentors.models import Programme, Provider

from .periods import Period, month_end, month_start
from .queries import (
    ended_for_reason,
    period_totals,
    programme_contracts,
    served_by_country,
    served_by_month,
    served_in_total,
)


def programme_life(programme: Programme, today: datetime.date) -> Period:
    """From the programme's first month to the current month (or its last month, if it has ended)."""
    last = min(today, programme.ends_on) if programme.ends_on else today
    first = month_start(programme.starts_on)
    return Period(first, max(first, month_start(last)))


def served_since_start(
    programme: Programme, *, today: datetime.date, provider: Provider | None = None, contracts=None
) -> int:
    """Distinct clients served since the programme started: the progress towards its target.
    `contracts`: the programme's (or the provider's), when the caller has read them already."""
    period = programme_life(programme, today)
    if contracts is None:
        contracts = list(programme_contracts(programme, provider))
    return served_in_total(programme, period, contracts=contracts)


@dataclass
class PressFigures:
    programme: Programme
    year: int
    since_start: Period
    clients_since_start: int
    children_since_start: int
    countries: int
    top_countries: list[tuple[str, int]]
    first_time_this_year: int
    left_latvia_this_year: int
    average_served_per_month: Decimal | None
    months_averaged: int

    @property
    def child_share(self) -> Decimal | None:
        if not self.clients_since_start:
            return None
        return Decimal(self.children_since_start) / Decimal(self.clients_since_start)


TOP_COUNTRIES = 7


def press_figures(programme: Programme, *, year: int, today: datetime.date) -> PressFigures:
    """The figures the fund's announcements quote, all from the counting rules above.

    "Since the start" runs from the programme's first month to today (children: under 18 on its first
    day). "This year" is the calendar year up to the current month; the average per month is over the
    year's months that are over and in which the programme ran. Five queries.
    """
    contracts = list(programme_contracts(programme))
    life = programme_life(programme, today)
    countries = served_by_country(programme, life, contracts=contracts)
    overall = period_totals(countries)
    year_end = min(datetime.date(year, 12, 1), month_start(today))
    year_start = max(datetime.date(year, 1, 1), life.first_month)
    if year_end >= year_start:
        this_year = Period(year_start, year_end)
        first_time = period_totals(served_by_country(programme, this_year, contracts=contracts))["new"]
        left_latvia = ended_for_reason(programme, this_year, "left_country")
        whole_months = [m for m in this_year.months if month_end(m) < today and m <= life.last_month]
        if whole_months:
            monthly = served_by_month(
                programme, Period(whole_months[0], whole_months[-1]), group="all", contracts=contracts
            )
            total = sum(monthly.get((None, m), {}).get("served", 0) for m in whole_months)
            average = (Decimal(total) / len(whole_months)).quantize(Decimal("0.1"), ROUND_HALF_UP)
        else:
            average = None
    else:
        first_time = left_latvia = 0
        whole_months, average = [], None
    return PressFigures(
        programme=programme,
        year=year,
        since_start=life,
        clients_since_start=overall["served"],
        children_since_start=overall["children"],
        countries=overall["countries"],
        top_countries=[(c.citizenship, c.served) for c in countries if c.citizenship][:TOP_COUNTRIES],
        first_time_this_year=first_time,
        left_latvia_this_year=left_latvia,
        average_served_per_month=average,
        months_averaged=len(whole_months),
    )
