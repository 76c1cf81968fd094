"""The time-limit rule of DOMAIN.md, table-driven."""

import datetime

import pytest

from cases.rules.limits import add_months, days_left, limit_date

D = datetime.date


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (D(2022, 8, 31), 12, D(2023, 8, 31)),
        (D(2024, 2, 29), 12, D(2025, 2, 28)),
        (D(2024, 2, 29), 48, D(2028, 2, 29)),
        (D(2023, 1, 31), 1, D(2023, 2, 28)),
        (D(2024, 1, 31), 1, D(2024, 2, 29)),
        (D(2023, 3, 31), 1, D(2023, 4, 30)),
        (D(2023, 12, 15), 1, D(2024, 1, 15)),
        (D(2023, 12, 1), 24, D(2025, 12, 1)),
    ],
)
def test_add_months_keeps_the_day_or_takes_the_month_end(day, months, expected):
    assert add_months(day, months) == expected


UA = {"unit": "days", "length": 60, "anchor": "episode_start"}
AS_ESF = {"unit": "months", "length": 12, "anchor": "status_granted"}
AS_OSA = {"unit": "months", "length": 12, "anchor": "episode_start"}


@pytest.mark.parametrize(
    ("rule", "started_on", "granted_on", "extended", "expected"),
    [
        # 60 days count the start day: 1 March → 29 April.
        (UA, D(2023, 3, 1), None, None, D(2023, 4, 29)),
        (UA, D(2024, 3, 1), None, None, D(2024, 4, 29)),
        (UA, D(2022, 12, 15), None, None, D(2023, 2, 12)),
        # AS-ESF: no limit while an asylum seeker; 12 months from the grant once granted.
        (AS_ESF, D(2022, 3, 1), None, None, None),
        (AS_ESF, D(2022, 3, 1), D(2022, 8, 31), None, D(2023, 8, 31)),
        (AS_ESF, D(2023, 6, 10), D(2024, 2, 29), None, D(2025, 2, 28)),
        # AS-OSA: 12 months from the start; an approved extension up to 24.
        (AS_OSA, D(2024, 1, 31), None, None, D(2025, 1, 31)),
        (AS_OSA, D(2024, 2, 29), None, None, D(2025, 2, 28)),
        (AS_OSA, D(2024, 1, 31), None, 18, D(2025, 7, 31)),
        (AS_OSA, D(2024, 1, 31), None, 24, D(2026, 1, 31)),
        # An extension never shortens the standard limit.
        (AS_OSA, D(2024, 1, 31), None, 6, D(2025, 1, 31)),
    ],
)
def test_limit_date(rule, started_on, granted_on, extended, expected):
    assert (
        limit_date(
            **rule,
            started_on=started_on,
            status_granted_on=granted_on,
            extensions=[extended] if extended else [],
        )
        == expected
    )


def test_no_limit_unit():
    assert limit_date(unit="none", length=None, anchor="episode_start", started_on=D(2024, 1, 1)) is None


@pytest.mark.parametrize(
    ("limit", "today", "expected"),
    [
        (D(2023, 4, 29), D(2023, 4, 29), 0),
        (D(2023, 4, 29), D(2023, 4, 22), 7),
        (D(2023, 4, 29), D(2023, 5, 1), -2),
    ],
)
def test_days_left(limit, today, expected):
    assert days_left(limit, today) == expected


def test_days_left_without_limit():
    assert days_left(None, D(2023, 1, 1)) is None
