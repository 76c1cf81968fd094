"""Working days: the one place a number of working days is counted, for every page, count and the demo.

A working day is a day Latvia works: Monday to Friday except the public holidays, plus the Saturdays
worked in exchange for a bridging day off — as the `holidays` package's Latvian calendar defines them
(Easter, 1 and 4 May, Midsummer, 18 November, Christmas, New Year's Eve, a Monday off when 4 May or
18 November falls on a weekend, and the Cabinet's one-off days).
"""

import datetime
import functools

import holidays

ONE_DAY = datetime.timedelta(days=1)


@functools.cache
def _latvian_calendar(year: int) -> holidays.HolidayBase:
    """Latvia's holidays of `year` and its neighbours (a day off may be worked on a Saturday across New
    Year). Built once per year and only read afterwards: asked only about days of `year`, it never
    has to add a year (which would change it while another thread reads it)."""
    return holidays.country_holidays("LV", years=range(year - 1, year + 2))


def is_working_day(day: datetime.date) -> bool:
    """Whether Latvia works on `day`."""
    return _latvian_calendar(day.year).is_working_day(day)


def working_days_after(day: datetime.date, count: int) -> datetime.date:
    """The `count`-th working day after `day`."""
    while count > 0:
        day += ONE_DAY
        if is_working_day(day):
            count -= 1
    return day


def working_days_before(day: datetime.date, count: int) -> datetime.date:
    """The working day `count` working days before `day` (from the working day on or before `day`)."""
    while not is_working_day(day):
        day -= ONE_DAY
    while count > 0:
        day -= ONE_DAY
        if is_working_day(day):
            count -= 1
    return day


def first_day_still_due(today: datetime.date, count: int) -> datetime.date:
    """The earliest day whose `count`-th working day after it is `today` or later.

    Something due `count` working days after the day it arrived is late on `today` exactly when it
    arrived before this day. (The due day never moves back when the arrival day moves forward.)"""
    day = today
    while working_days_after(day - ONE_DAY, count) >= today:
        day -= ONE_DAY
    return day
