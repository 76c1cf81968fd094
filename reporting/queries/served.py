"""Served, children and new, from the served months (`ServedMonth`): the payment basis."""

import datetime
from dataclasses import dataclass
from functools import reduce
from operator import or_

from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import Case, Count, F, IntegerField, Max, Q, Value, When

from cases.models import ServedMonth
from mentors.models import Contract, Programme

from ..periods import Period, child_born_after, month_start


def served_months(programme: Programme | None, period: "Period", provider=None, *, contracts=None):
    """The people served in the programme in the period's months, one row per person, contract and
    month (`ServedMonth`, derived from the visits and their attendance): the payment basis.

    `contracts` — the programme's contracts (or the provider's), when the caller has them — lets the
    database plan from the exact contract ids. With `programme` None they may be contracts of several
    programmes (the fund's home page reads them all at once): the rows of those contracts.
    """
    rows = ServedMonth.objects.filter(month__gte=period.first_month, month__lte=period.last_month)
    if programme is None:
        # The contracts' programmes too, so the counting index (programme first) still serves the rows.
        rows = rows.filter(programme_id__in=sorted({contract.programme_id for contract in contracts}))
    else:
        rows = rows.filter(programme=programme)
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


GROUP_KEYS = {"provider": "provider_id", "contract": "contract_id", "programme": "programme_id", "all": None}


def count_clients(rows, keys: list[str], *, child: Q, new: Q) -> list[dict]:
    """Served, children and new per `keys` (columns of `ServedMonth`), each person once per group: a
    person is a child (or new) in a group if `child` (or `new`) holds for any of their rows in it.

    The rows are reduced to one per person and group first, then counted: one hash aggregation instead
    of COUNT(DISTINCT …)'s sort per figure, the same numbers (a test compares both on every group)."""
    one = Value(1, output_field=IntegerField())
    none = Value(0, output_field=IntegerField())
    per_client = rows.values(*keys, "client_id").annotate(
        is_child=Max(Case(When(child, then=one), default=none)),
        is_new=Max(Case(When(new, then=one), default=none)),
    )
    try:
        sql, params = per_client.query.sql_with_params()
    except EmptyResultSet:  # no contracts: nobody to count
        return []
    # Quoted field names and the ORM's own SQL with its parameters: nothing from a request.
    columns = ", ".join(connection.ops.quote_name(key) for key in keys)
    select = (
        f"SELECT {columns}, COUNT(*), SUM(is_child), SUM(is_new) FROM ({sql}) per_client GROUP BY {columns}"  # noqa: S608
    )
    fields = [ServedMonth._meta.get_field(key) for key in keys]
    with connection.cursor() as cursor:
        cursor.execute(select, params)
        return [
            {
                **{key: field.to_python(value) for key, field, value in zip(keys, fields, row, strict=False)},
                "served": row[-3],
                "children": row[-2] or 0,
                "new": row[-1] or 0,
            }
            for row in cursor.fetchall()
        ]


def served_by_month(
    programme: Programme | None, period: Period, *, group: str, provider=None, contracts=None
) -> dict:
    """Served, children and new per month, grouped by `group`: "provider", "contract", "programme"
    (with `programme` None, the `contracts` of several programmes: "all" of each) or "all".

    {(key, month): {"served", "children", "new"}} (key None for "all"). Children: under 18 on the
    month's first day; new in a month: no episode of the programme started before that month.
    """
    key = GROUP_KEYS[group]
    rows = served_months(programme, period, provider, contracts=contracts)
    child, new = _child_in_its_month(period), _new_since(F("month"))
    if key == "contract_id":
        # One row per contract, month and person (`served_month_unique`): the rows are the people.
        counted = rows.values("contract_id", "month").annotate(
            served=Count("client_id"),
            children=Count("client_id", filter=child),
            new=Count("client_id", filter=new),
        )
    else:
        counted = count_clients(rows, [key, "month"] if key else ["month"], child=child, new=new)
    return {(row.get(key), row["month"]): row for row in counted}


def served_in_period(programme: Programme, period: Period, *, provider=None, contracts=None) -> dict:
    """Served, children and new over the whole period per provider, distinct: {provider id: row}.

    Children: under 18 on the period's first day; new: no episode of the programme before it.
    """
    rows = served_months(programme, period, provider, contracts=contracts)
    return {row["provider_id"]: row for row in count_clients(rows, ["provider_id"], **_in_period(period))}


def _in_period(period: Period) -> dict:
    """Children (under 18 on the period's first day) and new (no episode of the programme before it)
    over a period."""
    return {"child": Q(date_of_birth__gt=child_born_after(period.start)), "new": _new_since(period.start)}


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
    rows = served_months(programme, period, provider, contracts=contracts)
    counted = count_clients(rows, ["citizenship"], **_in_period(period))
    return [
        CountryFigures(row["citizenship"], row["served"], row["children"], row["new"])
        for row in sorted(counted, key=lambda row: (-row["served"], row["citizenship"]))
    ]


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
