"""Reporting periods: whole months from a first month to a last one, and the days they bound."""

import datetime
from dataclasses import dataclass
from functools import cached_property

from cases.rules.limits import add_months


def month_start(day: datetime.date) -> datetime.date:
    return day.replace(day=1)


def month_end(day: datetime.date) -> datetime.date:
    return add_months(month_start(day), 1) - datetime.timedelta(days=1)


# The months a report may name: wide enough for every programme, narrow enough that a month's end and
# a period's arithmetic never leave the calendar (9999-12 would end in the year 10000).
FIRST_MONTH = datetime.date(2000, 1, 1)
LAST_MONTH = datetime.date(2099, 12, 1)


def _ascii_number(text: str) -> bool:
    return text.isascii() and text.isdecimal()  # "²".isdigit() is True, and int("²") fails


def parse_month(text: str) -> datetime.date:
    """`YYYY-MM` (ASCII digits, from FIRST_MONTH to LAST_MONTH) → the first day of that month;
    ValueError otherwise."""
    year, _, month = (text or "").strip().partition("-")
    if len(year) != 4 or len(month) != 2 or not (_ascii_number(year) and _ascii_number(month)):
        raise ValueError(text)
    first_day = datetime.date(int(year), int(month), 1)
    if not FIRST_MONTH <= first_day <= LAST_MONTH:
        raise ValueError(text)
    return first_day


@dataclass(frozen=True)
class Period:
    """Whole months from `first_month` to `last_month` (both the first day of their month)."""

    first_month: datetime.date
    last_month: datetime.date

    def __post_init__(self):
        if self.first_month.day != 1 or self.last_month.day != 1 or self.last_month < self.first_month:
            raise ValueError("A period runs from the first day of a month to a later or the same month.")

    @classmethod
    def of_months(cls, first: str, last: str) -> "Period":
        return cls(parse_month(first), parse_month(last))

    @property
    def start(self) -> datetime.date:
        return self.first_month

    @property
    def end(self) -> datetime.date:
        return month_end(self.last_month)

    @cached_property
    def months(self) -> tuple[datetime.date, ...]:
        """The first day of each month, in order (worked out once: reports ask for them per row)."""
        count = (
            (self.last_month.year - self.first_month.year) * 12
            + self.last_month.month
            - self.first_month.month
        )
        return tuple(add_months(self.first_month, n) for n in range(count + 1))

    @property
    def label(self) -> str:
        return f"{self.first_month:%Y-%m}..{self.last_month:%Y-%m}"
