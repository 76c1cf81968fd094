"""Working days: the one place a number of working days is counted.

Working days are Monday to Friday; public holidays are not taken into account.
"""

import datetime


def working_days_after(day: datetime.date, count: int) -> datetime.date:
    """The `count`-th working day after `day`."""
    while count > 0:
        day += datetime.timedelta(days=1)
        if day.weekday() < 5:
            count -= 1
    return day


def working_days_before(day: datetime.date, count: int) -> datetime.date:
    """The working day `count` working days before `day` (from the working day on or before `day`)."""
    while day.weekday() >= 5:
        day -= datetime.timedelta(days=1)
    while count > 0:
        day -= datetime.timedelta(days=1)
        if day.weekday() < 5:
            count -= 1
    return day


def working_day_cutoff(today: datetime.date, working_days: int) -> datetime.date:
    """Referrals filed before the returned day have waited more than `working_days` working days
    (Monday to Friday after the filing day, up to and including today)."""
    day, counted = today, 0
    while True:
        if day.weekday() < 5:
            counted += 1
            if counted == working_days + 1:
                return day
        day -= datetime.timedelta(days=1)
