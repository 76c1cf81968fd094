"""The time-limit rule — the one place a limit date and the length in force are computed (DOMAIN.md
"Time limits"). The episode services store the result in `Episode.limit_on` and recompute it whenever
an input changes (`cases.services.episodes.episodes_limits_refresh`).

- A limit in days counts the start day: 60 days from 1 March ends on 29 April (start + 59 days).
- A limit in months is the same calendar day N months after the anchor, inclusive; where that month is
  shorter, its last day (31 August 2022 + 12 months = 31 August 2023; 29 February 2024 + 12 = 28 Feb 2025).
- The anchor is the episode start, or the day the client's status was granted (no limit until then).
- An approved extension replaces the standard length, up to the programme's maximum.
"""

import calendar
import datetime
from collections.abc import Iterable


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same calendar day `months` later; the month's last day where that day does not exist."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def limit_length(standard: int | None, extensions: Iterable[int] = ()) -> int | None:
    """The length of the limit in force: the standard one, or the longest approved extension when
    longer (an extension never shortens the limit). None when the rule sets no length."""
    return max([standard or 0, *extensions]) or None


def limit_date(
    *,
    unit: str,
    length: int | None,
    anchor: str,
    started_on: datetime.date,
    status_granted_on: datetime.date | None = None,
    extensions: Iterable[int] = (),
) -> datetime.date | None:
    """The last day on which a contact may be logged, or None when no limit runs (yet)."""
    length = limit_length(length, extensions)
    if unit == "none" or not length:
        return None
    if anchor == "status_granted":
        if status_granted_on is None:
            return None
        start = status_granted_on
    else:
        start = started_on
    if unit == "days":
        return start + datetime.timedelta(days=length - 1)
    return add_months(start, length)


def episode_limit_length(episode) -> int | None:
    """The length of the episode's limit in force, from its programme's rule and its extensions."""
    extensions = [extension.length for extension in episode.extensions.all()] if episode.pk else []
    return limit_length(episode.programme.limit_length, extensions)


def episode_limit_date(episode) -> datetime.date | None:
    """The limit of an episode from its programme's rule, its client's grant date and its extensions."""
    programme = episode.programme
    return limit_date(
        unit=programme.limit_unit,
        length=episode_limit_length(episode),
        anchor=programme.limit_anchor,
        started_on=episode.started_on,
        status_granted_on=episode.client.status_granted_on,
    )


def days_left(limit: datetime.date | None, today: datetime.date) -> int | None:
    """Days left to the limit, counting today as usable: 0 on the last day, negative once past."""
    if limit is None:
        return None
    return (limit - today).days
