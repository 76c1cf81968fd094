"""Served, children and new, from the served months (`ServedMonth`): the payment basis."""

import datetime
from dataclasses import dataclass
from functools import reduce
from operator import or_

from django.db.models import Count, F, Q

from cases.models import ServedMonth
from mentors.models import Contract, Programme

from ..periods import Period, child_born_after, month_start


def served_months(programme: Programme, period: "Period", provider=None, *, contracts=None):
    """The people served in the programme in the period's months, one row per person, contract and
    month (`ServedMonth`, derived from the visits and their attendance): the payment basis.

    `contracts` — the programme's contracts (or the provider's), when the caller has them — lets the
    database plan from the exact contract ids.
    """
    rows = ServedMonth.objects.filter(
        programme=programme, month__gte=period.first_month, month__lte=period.last_month
    )
    if contracts is not None:
        rows = rows.filter(contract_id__in=[contract.pk for contract in contracts])
    elif provider is not None:
        rows = rows.filter(provider=provider)
    return rows.order_by()


def _child_in_its_month(period: Period) -> Q:
    """Served in a month and under 18 on that month's first day."""
    return reduce(
        or_,
        (Q(month=month, date_of_birth__gt=child_born_after(month)) for month in period.months),
    )


def _new_since(before) -> Q:
    """No episode of the programme started before `before` (a date, or the row's month)."""
    return Q(first_started_on__isnull=True) | Q(first_started_on__gte=before)


GROUP_KEYS = {"provider": "provider_id", "contract": "contract_id", "all": None}


def served_by_month(
    programme: Programme, period: Period, *, group: str, provider=None, contracts=None
) -> dict:
    """Served, children and new per month, grouped by `group`: "provider", "contract" or "all".

    One pass over the period's served months: {(key, month): {"served", "children", "new"}} (key
    None for "all"). New in a month: no episode of the programme started before that month.
    """
    key = GROUP_KEYS[group]
    keys = [key, "month"] if key else ["month"]
    rows = (
        served_months(programme, period, provider, contracts=contracts)
        .values(*keys)
        .annotate(
            served=Count("client_id", distinct=True),
            children=Count("client_id", distinct=True, filter=_child_in_its_month(period)),
            new=Count("client_id", distinct=True, filter=_new_since(F("month"))),
        )
    )
    return {(row.get(key), row["month"]): row for row in rows}


def served_in_period(programme: Programme, period: Period, *, provider=None, contracts=None) -> dict:
    """Served, children and new over the whole period per provider, distinct: {provider id: row}.

    Children: under 18 on the period's first day; new: no episode of the programme before it.
    """
    return {
        row["provider_id"]: row
        for row in served_months(programme, period, provider, contracts=contracts)
        .values("provider_id")
        .annotate(**_period_figures(period))
    }


def _period_figures(period: Period) -> dict:
    """Served, children (under 18 on the first day) and new over a period, distinct."""
    return {
        "served": Count("client_id", distinct=True),
        "children": Count(
            "client_id", distinct=True, filter=Q(date_of_birth__gt=child_born_after(period.start))
        ),
        "new": Count("client_id", distinct=True, filter=_new_since(period.start)),
    }


@dataclass
class CountryFigures:
    citizenship: str  # ISO code, "" where not recorded
    served: int
    children: int
    new: int


def served_by_country(
    programme: Programme, period: Period, provider=None, *, contracts=None
) -> list[CountryFigures]:
    """Served, children and new over the period per citizenship, most served first.

    A client has one citizenship, so these rows partition the clients: their sums are the period's
    distinct totals across providers (`period_totals`).
    """
    rows = (
        served_months(programme, period, provider, contracts=contracts)
        .values("citizenship")
        .annotate(**_period_figures(period))
        .order_by("-served", "citizenship")
    )
    return [CountryFigures(row["citizenship"], row["served"], row["children"], row["new"]) for row in rows]


def period_totals(countries: list[CountryFigures]) -> dict:
    """Distinct served, children and new over the period, and the number of countries."""
    return {
        "served": sum(c.served for c in countries),
        "children": sum(c.children for c in countries),
        "new": sum(c.new for c in countries),
        "countries": sum(1 for c in countries if c.citizenship),
    }


def served_clients(contract: Contract, month: datetime.date):
    """The clients served under `contract` in `month`, with their number of contacts: the statement."""
    month = month_start(month)
    return (
        served_months(contract.programme, Period(month, month), contracts=[contract])
        .values("client_id", "client__given_name", "client__family_name", "contacts")
        .order_by("client_id")
    )
