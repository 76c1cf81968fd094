"""Who is a child (DOMAIN.md "Counting"): under 18 on the day that matters, the first day of a month
or of a reporting period. The served-months table stores it per month (`ServedMonth.child_in_month`)
and the reports ask it of a period's first day, both from here."""

import datetime

from .limits import add_months

ADULT_AGE_MONTHS = 18 * 12


def child_born_after(day: datetime.date) -> datetime.date:
    """A client born after the returned date is under 18 on `day` (an 18th birthday on 29 February
    falls on 1 March in other years)."""
    return add_months(day, -ADULT_AGE_MONTHS)


def is_child_on(date_of_birth: datetime.date, day: datetime.date) -> bool:
    """Whether a person born on `date_of_birth` is under 18 on `day`."""
    return date_of_birth > child_born_after(day)
