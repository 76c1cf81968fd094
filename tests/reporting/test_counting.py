"""DOMAIN.md "Counting" to the letter, on the Red Cross 2017 scenario and on small cases."""

import datetime
from decimal import Decimal

import pytest
from django.utils import translation

from cases.models import Episode, ServedMonth
from cases.rules.age import child_born_after
from cases.services import ServiceError, episode_transfer, handover_run
from mentors.models import ProviderStaff
from mentors.payments import split_by_shares
from reporting.periods import Period
from reporting.queries import monthly_report
from reporting.queries.served import (
    served_by_country,
    served_by_month,
    served_in_total,
    served_months,
    served_report,
)
from tests import factories as f
from tests.reporting.conftest import end_reason

D = datetime.date
APRIL_TO_AUGUST = Period(D(2017, 4, 1), D(2017, 8, 1))


@pytest.mark.django_db
def test_family_visit_counts_everyone_present_once():
    contract = f.ContractFactory()
    parent = f.EpisodeFactory(contract=contract, started_on=D(2024, 3, 1))
    child = f.ClientFactory(date_of_birth=D(2015, 1, 1))
    f.household(parent.client, child)
    f.VisitFactory(episode=parent, visited_on=D(2024, 3, 4), attendees=[child])
    f.VisitFactory(episode=parent, visited_on=D(2024, 3, 18), attendees=[child])
    report = monthly_report(programme=contract.programme, period=Period(D(2024, 3, 1), D(2024, 3, 1)))
    figures = report.provider_months[(contract.provider_id, D(2024, 3, 1))]
    assert (figures.served, figures.children, figures.visits, figures.payable_eur) == (
        2,
        1,
        2,
        Decimal("100.00"),
    )
    # The child has no episode of the programme at all: new in March, as the parent is.
    assert figures.new == 2


@pytest.mark.django_db
def test_transfer_counts_each_visit_under_the_contract_of_its_day():
    """A visit keeps the contract the episode had on its day: the old provider keeps March."""
    x = f.ContractFactory(rate_eur=Decimal("50.00"))
    y = f.ContractFactory(rate_eur=Decimal("55.00"))
    episode = f.EpisodeFactory(contract=x, started_on=D(2024, 3, 1))
    f.VisitFactory(episode=episode, visited_on=D(2024, 3, 10))
    episode.contract = y  # transferred on 1 April
    episode.save(update_fields=["contract"])
    f.VisitFactory(episode=episode, contract=y, visited_on=D(2024, 4, 2))
    report = monthly_report(programme=x.programme, period=Period(D(2024, 3, 1), D(2024, 4, 1)))
    march, april = D(2024, 3, 1), D(2024, 4, 1)
    served = {
        (p.code, m): report.provider_months[(p.pk, m)].served
        for p in report.providers
        for m in (march, april)
    }
    assert served == {
        (x.provider.code, march): 1,
        (x.provider.code, april): 0,
        (y.provider.code, march): 0,
        (y.provider.code, april): 1,
    }
    assert report.provider_months[(x.provider_id, march)].payable_eur == Decimal("50.00")
    assert report.provider_months[(y.provider_id, april)].payable_eur == Decimal("55.00")
    # Distinct across providers: one person over the period, served by both.
    assert report.all_period.served == 1
    assert report.provider_periods[x.provider_id].served == report.provider_periods[y.provider_id].served == 1


@pytest.mark.django_db
def test_new_means_no_earlier_episode_of_the_same_programme():
    ua = f.ContractFactory()
    other_programme = f.ContractFactory(programme=f.programme("AS-OSA"), starts_on=D(2023, 12, 1))
    returning = f.ClientFactory()
    f.EpisodeFactory(
        client=returning,
        contract=ua,
        started_on=D(2023, 5, 1),
        status=Episode.Status.ENDED,
        ended_on=D(2023, 6, 1),
        end_reason=end_reason("plan_achieved"),
    )
    f.VisitFactory(episode=f.EpisodeFactory(client=returning, contract=ua, started_on=D(2024, 3, 1)))
    other = f.ClientFactory()
    f.EpisodeFactory(client=other, contract=other_programme, started_on=D(2023, 12, 5))
    f.VisitFactory(episode=f.EpisodeFactory(client=other, contract=ua, started_on=D(2024, 3, 2)))
    report = monthly_report(programme=ua.programme, period=Period(D(2024, 3, 1), D(2024, 3, 1)))
    assert report.all_period.served == 2
    assert report.all_period.new == 1  # the other programme's earlier episode does not count


@pytest.mark.django_db
def test_active_at_month_end_includes_an_episode_ending_on_the_last_day():
    contract = f.ContractFactory()
    f.EpisodeFactory(contract=contract, started_on=D(2024, 3, 31))
    for ended_on in (D(2024, 3, 31), D(2024, 3, 30)):
        f.EpisodeFactory(
            contract=contract,
            started_on=D(2024, 3, 1),
            status=Episode.Status.ENDED,
            ended_on=ended_on,
            end_reason=end_reason("declined"),
        )
    f.EpisodeFactory(contract=contract, started_on=D(2024, 4, 1))
    report = monthly_report(programme=contract.programme, period=Period(D(2024, 3, 1), D(2024, 4, 1)))
    assert report.provider_months[(contract.provider_id, D(2024, 3, 1))].active_end == 2
    assert report.provider_months[(contract.provider_id, D(2024, 3, 1))].ended_by_reason == {"declined": 2}
    assert report.provider_months[(contract.provider_id, D(2024, 4, 1))].active_end == 2


def test_eighteenth_birthday():
    assert child_born_after(D(2024, 3, 1)) == D(2006, 3, 1)
    # Born on 29 February: 18 on 1 March in a common year.
    assert child_born_after(D(2022, 2, 28)) == D(2004, 2, 28)  # born 2004-02-29: still a child
    assert child_born_after(D(2022, 3, 1)) == D(2004, 3, 1)  # ... and an adult the next day


@pytest.mark.parametrize(
    ("total", "expected"),
    [
        ("4140.00", ["3519.00", "621.00"]),
        ("0.01", ["0.01", "0.00"]),
        ("50.05", ["42.54", "7.51"]),
        ("0.00", ["0.00", "0.00"]),
    ],
)
def test_split_adds_up_to_the_total(total, expected):
    parts = split_by_shares(Decimal(total), [("ESF", Decimal("85")), ("STATE", Decimal("15"))])
    assert [str(amount) for _, amount in parts] == expected
    assert sum(amount for _, amount in parts) == Decimal(total)


def test_split_in_three_thirds():
    parts = split_by_shares(
        Decimal("100.00"), [(s, Decimal("33.33")) for s in "ab"] + [("c", Decimal("33.34"))]
    )
    assert sum(amount for _, amount in parts) == Decimal("100.00")
    assert [str(amount) for _, amount in parts] == ["33.33", "33.33", "33.34"]


@pytest.mark.django_db
def test_a_programme_with_one_provider_counts_all_as_that_provider():
    contract = f.ContractFactory(programme=f.programme("AS-OSA"), starts_on=D(2023, 12, 1))
    family = f.EpisodeFactory(contract=contract, started_on=D(2024, 1, 8))
    child = f.ClientFactory(date_of_birth=D(2012, 5, 5))
    f.household(family.client, child)
    f.VisitFactory(episode=family, visited_on=D(2024, 1, 9), attendees=[child])
    f.VisitFactory(episode=family, visited_on=D(2024, 2, 9))
    report = monthly_report(programme=contract.programme, period=Period(D(2024, 1, 1), D(2024, 2, 1)))
    rows = {(row.provider_code, row.month_label): row.figures for row in report.rows()}
    for month in ("2024-01", "2024-02", "2024-01..2024-02"):
        mine, everyone = rows[(contract.provider.code, month)], rows[("ALL", month)]
        assert (mine.served, mine.new, mine.children, mine.payable_eur) == (
            everyone.served,
            everyone.new,
            everyone.children,
            everyone.payable_eur,
        )
    assert (rows[("ALL", "2024-01..2024-02")].served, rows[("ALL", "2024-01..2024-02")].children) == (2, 1)
    assert rows[("ALL", "2024-02")].new == 0  # the family's episode started in January


@pytest.fixture
def moved(db):
    """Three providers' contracts of one programme; an episode under X from 1 March 2024, transferred
    to Y on 10 April."""
    x = f.ContractFactory(starts_on=D(2024, 1, 1))
    y, z = (f.ContractFactory(programme=x.programme, starts_on=D(2024, 1, 1)) for _ in range(2))
    episode = f.EpisodeFactory(contract=x, started_on=D(2024, 3, 1))
    episode_transfer(episode=episode, contract=y, transferred_on=D(2024, 4, 10), by=_coordinator(x))
    return x, y, z, episode, _coordinator(y)


def _coordinator(contract):
    return f.ProviderStaffFactory(provider=contract.provider, role=ProviderStaff.Role.COORDINATOR).user


def test_active_at_month_end_follows_the_contract_of_that_day(moved, fund):
    """Transferred on 10 April and handed over on 1 June: March stays with X, April and May go to Y,
    June to Z; the person is one active episode at every month end, never two."""
    x, y, z, episode, by = moved
    handover_run(from_contract=y, to_contract=z, handed_over_on=D(2024, 6, 1), by=fund)
    period = Period(D(2024, 3, 1), D(2024, 6, 1))
    report = monthly_report(programme=x.programme, period=period)
    active = {
        (p.code, f"{m:%m}"): report.provider_months[(p.pk, m)].active_end
        for p in report.providers
        for m in period.months
        if report.provider_months[(p.pk, m)].active_end
    }
    assert active == {
        (x.provider.code, "03"): 1,
        (y.provider.code, "04"): 1,
        (y.provider.code, "05"): 1,
        (z.provider.code, "06"): 1,
    }
    assert [f.active_end for f in report.all_months.values()] == [1, 1, 1, 1]
    assert list(episode.contract_history.values_list("contract", "from_on", "until_on")) == [
        (x.pk, D(2024, 3, 1), D(2024, 4, 9)),
        (y.pk, D(2024, 4, 10), D(2024, 5, 31)),
        (z.pk, D(2024, 6, 1), None),
    ]


def test_a_transfer_dated_before_the_current_contract_is_refused(moved):
    x, y, z, episode, by = moved
    with pytest.raises(ServiceError) as refused, translation.override("en"):
        episode_transfer(episode=episode, contract=z, transferred_on=D(2024, 4, 1), by=by)
    assert refused.value.message_dict == {
        "transferred_on": ["The episode has been under its current contract since 04/10/2024."]
    }
    episode.refresh_from_db()
    assert episode.contract == y


def _distinct(rows, key, *, since=None) -> dict:
    """The reference count: each group's set of people, children and new, from the rows in Python.
    `since`: the period's first day (children and new over a period); None: each row's month."""
    people = {}
    for row in rows:
        day = since or row.month
        group = people.setdefault(key(row), (set(), set(), set()))
        group[0].add(row.client_id)
        if row.date_of_birth > child_born_after(day):
            group[1].add(row.client_id)
        if row.first_started_on is None or row.first_started_on >= day:
            group[2].add(row.client_id)
    return {group: tuple(len(ids) for ids in sets) for group, sets in people.items()}


def _figures(counted: dict) -> dict:
    return {group: (row["served"], row["children"], row["new"]) for group, row in counted.items()}


@pytest.mark.django_db
def test_counting_first_rows_agrees_with_count_distinct(fund):
    """Counting each person's first row (`ServedMonth.previous_month`) gives what a distinct count of
    the people gives, for every grouping the reports use, over the whole programme and over one
    provider: a person served under two providers in a month (the other provider's row first), one
    under two contracts of a provider in a month, a child who turns 18 in the period, one with an
    earlier episode (not new), two citizenships."""
    x = f.ContractFactory(starts_on=D(2024, 1, 1))
    y = f.ContractFactory(programme=x.programme, starts_on=D(2023, 1, 1))
    moving = f.EpisodeFactory(contract=x, started_on=D(2024, 1, 8))
    f.VisitFactory(episode=moving, visited_on=D(2024, 1, 9))
    episode_transfer(episode=moving, contract=y, transferred_on=D(2024, 1, 20), by=_coordinator(x))
    moving.refresh_from_db()
    f.VisitFactory(episode=moving, contract=y, visited_on=D(2024, 1, 22))
    f.VisitFactory(episode=moving, contract=y, visited_on=D(2024, 3, 1))
    teen = f.ClientFactory(date_of_birth=D(2006, 2, 10), citizenship="SY")
    earlier = f.EpisodeFactory(
        contract=y,
        client=teen,
        started_on=D(2023, 6, 1),
        status=Episode.Status.ENDED,
        ended_on=D(2023, 9, 1),
        end_reason=end_reason("declined"),
    )
    teen_episode = f.EpisodeFactory(contract=y, client=teen, started_on=D(2024, 2, 1))
    f.VisitFactory(episode=earlier, visited_on=D(2023, 7, 5))
    f.VisitFactory(episode=teen_episode, visited_on=D(2024, 2, 5))
    f.VisitFactory(episode=teen_episode, visited_on=D(2024, 3, 5))
    assert earlier.client_id == teen.pk
    # A provider with two contracts: a person handed over from one to the other in February.
    renewal = f.ContractFactory(programme=x.programme, provider=x.provider, starts_on=D(2024, 2, 1))
    renewed = f.EpisodeFactory(contract=x, started_on=D(2024, 2, 1))
    f.VisitFactory(episode=renewed, visited_on=D(2024, 2, 2))
    handover_run(from_contract=x, to_contract=renewal, handed_over_on=D(2024, 2, 10), by=fund)
    renewed.refresh_from_db()
    f.VisitFactory(episode=renewed, contract=renewal, visited_on=D(2024, 2, 12))
    period = Period(D(2024, 1, 1), D(2024, 3, 1))
    programme = x.programme
    everyone = [x, y, renewal]
    for contracts in (everyone, [x, renewal], [y]):
        rows = list(served_months(programme, period, contracts=contracts))
        month = {
            "all": lambda row: (None, row.month),
            "programme": lambda row: (row.programme_id, row.month),
            "provider": lambda row: (row.provider_id, row.month),
            "contract": lambda row: (row.contract_id, row.month),
        }
        for group, key in month.items():
            counted = served_by_month(programme, period, group=group, contracts=contracts)
            assert _figures(counted) == _distinct(rows, key), (group, contracts)
        by_country = _distinct(rows, lambda row: row.citizenship, since=period.start)
        countries = served_by_country(programme, period, contracts=contracts)
        assert {c.citizenship: (c.served, c.children, c.new) for c in countries} == by_country
        # The monthly report's one pass gives the same figures.
        report = served_report(programme, period, contracts=contracts)
        assert _figures(report.by_contract) == _distinct(rows, month["contract"])
        assert _figures(report.by_provider) == _distinct(rows, month["provider"])
        assert _figures(report.all_months) == _distinct(rows, month["all"])
        in_period = _distinct(rows, lambda row: row.provider_id, since=period.start)
        assert _figures(report.provider_periods) == in_period
        assert {c.citizenship: (c.served, c.children, c.new) for c in report.countries} == by_country
        total = _distinct(rows, lambda row: None, since=period.start)[None][0]
        assert served_in_total(programme, period, contracts=contracts) == total
    # The person moved in January: the row under y is not their first in the programme that month,
    # but it is their first with y's provider, which counts them.
    moved = ServedMonth.objects.get(client=moving.client, contract=y, month=D(2024, 1, 1))
    assert (moved.previous_month, moved.previous_month_with_provider) == (D(2024, 1, 1), None)
    assert (
        served_by_month(programme, period, group="all", contracts=[y])[(None, D(2024, 1, 1))]["served"] == 1
    )
    # The person moved in January is served once in January across providers, once under each.
    report = monthly_report(programme=x.programme, period=period)
    assert report.all_months[D(2024, 1, 1)].served == 1
    assert [report.provider_months[(c.provider_id, D(2024, 1, 1))].served for c in (x, y)] == [1, 1]
    assert (report.all_period.served, report.all_period.children, report.all_period.new) == (3, 1, 2)
    # The person handed over in February is served once by the provider, under each contract once.
    assert report.provider_months[(x.provider_id, D(2024, 2, 1))].served == 1
    in_february = {(m.contract.pk, m.served) for m in report.contract_months if m.month == D(2024, 2, 1)}
    assert {(x.pk, 1), (renewal.pk, 1)} <= in_february


def test_a_provider_renewing_its_contract_counts_a_person_served_under_both_once(fund):
    """A provider's months are its contract's when one contract served that month; in the month its
    people were handed over to the renewed contract, one visited under both counts once: A under the
    old contract only, B under both, C under the new one only make three, not four or two."""
    old = f.ContractFactory(starts_on=D(2024, 1, 1), ends_on=D(2024, 12, 31))
    new = f.ContractFactory(programme=old.programme, provider=old.provider, starts_on=D(2024, 3, 1))
    a, b = (f.EpisodeFactory(contract=old, started_on=D(2024, 2, 1)) for _ in range(2))
    f.VisitFactory(episode=b, visited_on=D(2024, 2, 5))
    for episode in (a, b):
        f.VisitFactory(episode=episode, visited_on=D(2024, 3, 5))
    handover_run(from_contract=old, to_contract=new, handed_over_on=D(2024, 3, 15), by=fund)
    b.refresh_from_db()
    f.VisitFactory(episode=b, contract=new, visited_on=D(2024, 3, 20))
    c = f.EpisodeFactory(contract=new, started_on=D(2024, 3, 18))
    f.VisitFactory(episode=c, visited_on=D(2024, 3, 25))
    report = monthly_report(programme=old.programme, period=Period(D(2024, 2, 1), D(2024, 3, 1)))
    by_contract = {(c.contract.pk, f"{c.month:%m}"): c.served for c in report.contract_months if c.served}
    assert by_contract == {(old.pk, "02"): 1, (old.pk, "03"): 2, (new.pk, "03"): 2}
    served = [report.provider_months[(old.provider_id, month)].served for month in report.period.months]
    assert served == [1, 3]
    assert [figures.served for figures in report.all_months.values()] == [1, 3]
    assert report.provider_periods[old.provider_id].served == 3
