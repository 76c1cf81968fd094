"""Working days follow Latvia's calendar (the `holidays` package): weekends, public holidays, the
Mondays off when 4 May or 18 November fall on a weekend, and the Saturdays worked instead of a day off."""

import datetime

import pytest

from cases.rules.calendar import first_day_still_due, is_working_day, working_days_after, working_days_before

D = datetime.date


@pytest.mark.parametrize(
    ("day", "why"),
    [
        (D(2025, 6, 23), "Midsummer Eve (Līgo), a Monday"),
        (D(2025, 6, 24), "Midsummer Day (Jāņi), a Tuesday"),
        (D(2026, 6, 23), "Midsummer Eve, a Tuesday"),
        (D(2026, 6, 24), "Midsummer Day, a Wednesday"),
        (D(2026, 5, 4), "Restoration of Independence Day, a Monday"),
        (D(2024, 5, 6), "4 May 2024 was a Saturday: the Monday after is off"),
        (D(2025, 5, 5), "4 May 2025 was a Sunday: the Monday after is off"),
        (D(2024, 11, 18), "Proclamation Day, a Monday"),
        (D(2023, 11, 20), "18 November 2023 was a Saturday: the Monday after is off"),
        (D(2025, 4, 18), "Good Friday"),
        (D(2025, 4, 21), "Easter Monday"),
        (D(2025, 12, 24), "Christmas Eve"),
        (D(2025, 12, 25), "Christmas Day"),
        (D(2025, 12, 26), "Second Day of Christmas"),
        (D(2025, 12, 31), "New Year's Eve, a Wednesday"),
        (D(2026, 1, 1), "New Year's Day"),
        (D(2025, 5, 1), "Labour Day"),
        (D(2025, 3, 8), "a Saturday"),
        (D(2025, 3, 9), "a Sunday"),
    ],
)
def test_days_latvia_does_not_work(day, why):
    assert not is_working_day(day), why


@pytest.mark.parametrize(
    "day",
    [
        D(2025, 6, 25),  # the Wednesday after Midsummer
        D(2024, 5, 3),  # the Friday before a Saturday 4 May
        D(2025, 11, 19),
        D(2025, 4, 22),  # the Tuesday after Easter
        D(2025, 12, 29),
        D(2023, 5, 20),  # a Saturday worked in exchange for Friday 5 May 2023
    ],
)
def test_days_latvia_works(day):
    assert is_working_day(day)


@pytest.mark.parametrize(
    ("day", "count", "expected"),
    [
        (D(2024, 3, 8), 1, D(2024, 3, 11)),  # Friday → Monday
        (D(2025, 6, 19), 3, D(2025, 6, 26)),  # Thursday before Midsummer: Fri, Wed, Thu
        (D(2025, 6, 20), 1, D(2025, 6, 25)),  # Friday before Midsummer → Wednesday
        (D(2025, 5, 2), 1, D(2025, 5, 6)),  # 2 May 2025 was a day off itself; 5 May the observed Monday
        (D(2025, 12, 23), 3, D(2026, 1, 5)),  # Christmas, New Year's Eve and Day, 2 January off in 2026
        (D(2025, 4, 17), 2, D(2025, 4, 23)),  # Easter: Good Friday and Easter Monday skipped
        (D(2024, 11, 15), 1, D(2024, 11, 19)),  # Friday → Tuesday over 18 November
    ],
)
def test_working_days_after(day, count, expected):
    assert working_days_after(day, count) == expected


@pytest.mark.parametrize(
    ("day", "count", "expected"),
    [
        (D(2025, 6, 26), 3, D(2025, 6, 19)),
        (D(2025, 6, 24), 0, D(2025, 6, 20)),  # from the working day on or before
        (D(2026, 1, 5), 2, D(2025, 12, 29)),
    ],
)
def test_working_days_before(day, count, expected):
    assert working_days_before(day, count) == expected


def test_the_first_day_still_due_is_the_boundary_of_being_late():
    """Across two years, every day: what arrived on the returned day is still due, the day before is late."""
    for offset in range(731):
        today = D(2025, 1, 1) + datetime.timedelta(days=offset)
        first = first_day_still_due(today, 3)
        assert working_days_after(first, 3) >= today
        assert working_days_after(first - datetime.timedelta(days=1), 3) < today
