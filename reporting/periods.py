"""Reporting periods: whole months from a first month to a last one, and the days they bound."""

import datetime
from dataclasses import dataclass

from cases.rules.limits import add_months

ADULT_AGE_MONTHS = 18 * 12


def month_start(day: datetime.date) -> datetime.date:
    return day.replace(day=1)


def month_end(day: datetime.date) -> datetime.date:
    return add_months(month_start(day), 1) - datetime.timedelta(days=1)


def parse_month(text: str) -> datetime.date:
    """`YYYY-MM` → the first day of that month; ValueError otherwise."""
    year, _, month = (text or "").strip().partition("-")
    if len(year) != 4 or len(month) != 2 or not (year.isdigit() and month.isdigit()):
        raise ValueError(text)
    return datetime.date(int(year), int(month), 1)


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

    @property
    def months(self) -> list[datetime.date]:
        count = (
            (self.last_month.year - self.first_month.year) * 12
            + self.last_month.month
            - self.first_month.month
        )
        return [add_months(self.first_month, n) for n in range(count + 1)]

    @property
    def label(self) -> str:
        return f"{self.first_month:%Y-%m}..{self.last_month:%Y-%m}"


def child_born_after(day: datetime.date) -> datetime.date:
    """A client born after the returned date is under 18 on `day` (an 18th birthday on 29 February
    falls on 1 March in other years)."""
    return add_months(day, -ADULT_AGE_MONTHS)
