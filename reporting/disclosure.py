"""Statistical disclosure control for the figures the fund publishes.

One rule for every publication output (the dashboard's "For publication" downloads and the press
figures): a count of persons from 1 to 4 is shown as "<5", so that no published figure points at one,
two, three or four people. Only counts of persons are suppressed: zero says nothing about anyone, and
numbers that are not persons (the number of countries, contact hours, rates) are not counts of people.
A figure that would give a suppressed count away (the capacity use of a month with three clients, the
visits of a month with one client) is suppressed with it; amounts of money are left out altogether
(an amount is a count times a rate).
"""

SUPPRESSED = "<5"
SMALLEST_SHOWN = 5


def suppress_persons(value):
    """A count of persons as it may be published: 1 to 4 as "<5", anything else unchanged."""
    if isinstance(value, int) and not isinstance(value, bool) and 0 < value < SMALLEST_SHOWN:
        return SUPPRESSED
    return value


def is_suppressed(value) -> bool:
    return value == SUPPRESSED
