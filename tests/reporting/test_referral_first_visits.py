"""The days to the first visit in the referral figures, read from the referrals' first-visit dates: they
follow a corrected or deleted visit, count calendar days from the local filing date, and cost the same
queries however many referrals there are."""

import datetime

import pytest
from django.utils import timezone

from cases.models import Referral
from cases.services import visit_delete, visit_edit
from reporting.periods import Period
from reporting.referral_figures import referral_figures
from tests import factories as f

D = datetime.date
MARCH = Period(D(2024, 3, 1), D(2024, 3, 1))


def _riga(hour: int, day: int) -> datetime.datetime:
    return datetime.datetime(2024, 3, day, hour, 30, tzinfo=timezone.get_current_timezone())


def _accepted(contract, submitted_at: datetime.datetime, accepted: datetime.date, *visits: datetime.date):
    referral = f.ReferralFactory(
        contract=contract,
        client=f.ConsentedClientFactory(),
        status=Referral.Status.ACCEPTED,
        accepted_on=accepted,
        submitted_at=submitted_at,
    )
    return referral, [f.VisitFactory(episode=referral.episode, visited_on=day) for day in visits]


def _figures(contract, **kwargs):
    return referral_figures(contract.programme, MARCH, **kwargs)


def test_a_corrected_and_a_deleted_first_visit_change_the_median(provider_x):
    contract = provider_x.contract
    _accepted(contract, _riga(10, 4), D(2024, 3, 5), D(2024, 3, 7))  # 3 days
    _referral, [first, _second] = _accepted(
        contract, _riga(10, 11), D(2024, 3, 11), D(2024, 3, 21), D(2024, 3, 25)
    )
    [riga] = _figures(contract)
    assert riga.days_to_first_visit == {3: 1, 10: 1} and riga.median_days_to_first_visit == 6.5

    visit_edit(
        visit=first,
        visited_on=D(2024, 3, 12),
        duration_minutes=first.duration_minutes,
        place=first.place,
        activities=list(first.activities.all()),
        attendees=list(first.attendees.all()),
        by=first.logged_by,
    )
    [riga] = _figures(contract)
    assert riga.days_to_first_visit == {1: 1, 3: 1} and riga.median_days_to_first_visit == 2

    visit_delete(visit=first, by=first.logged_by)  # the second visit is the first now
    [riga] = _figures(contract)
    assert riga.days_to_first_visit == {3: 1, 14: 1} and riga.median_days_to_first_visit == 8.5


def test_the_only_visit_deleted_leaves_no_days_to_count(provider_x):
    _referral, [visit] = _accepted(provider_x.contract, _riga(10, 4), D(2024, 3, 5), D(2024, 3, 7))
    visit_delete(visit=visit, by=visit.logged_by)
    [riga] = _figures(provider_x.contract)
    assert (riga.filed, riga.accepted, riga.days_to_acceptance) == (1, 1, {1: 1})
    assert riga.days_to_first_visit == {} and riga.median_days_to_first_visit is None


def test_days_are_counted_from_the_local_filing_date(provider_x):
    """Filed at 00:30 on 5 March in Rīga (4 March in UTC) and at 23:30 on 4 March: the first visit on
    5 March is 0 days and 1 day after the filing."""
    contract = provider_x.contract
    _accepted(contract, _riga(0, 5), D(2024, 3, 5), D(2024, 3, 5))
    _accepted(contract, _riga(23, 4), D(2024, 3, 5), D(2024, 3, 5))
    [riga] = _figures(contract)
    assert riga.days_to_first_visit == {0: 1, 1: 1}
    assert riga.days_to_acceptance == {0: 1, 1: 1}


@pytest.mark.parametrize("referrals", [1, 4])
def test_the_figures_cost_two_queries_however_many_referrals(
    provider_x, django_assert_num_queries, referrals
):
    """One query counts every figure; one reads the municipalities (none when the municipality is given)."""
    contract = provider_x.contract
    for n in range(referrals):
        _accepted(contract, _riga(10, 4 + n), D(2024, 3, 5 + n), D(2024, 3, 7 + 2 * n))
    f.ReferralFactory(contract=contract, client=f.ConsentedClientFactory(), submitted_at=_riga(10, 20))
    with django_assert_num_queries(2):
        [riga] = _figures(contract)
    assert (riga.filed, riga.accepted) == (referrals + 1, referrals)
    with django_assert_num_queries(1):
        [riga] = _figures(contract, municipality=riga.municipality)
    assert sum(riga.days_to_first_visit.values()) == referrals
