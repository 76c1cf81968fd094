"""Served, children and new, from the served months (`ServedMonth`): the payment basis."""

import datetime
from dataclasses import dataclass

from django.db.models import Count, F, Q

from cases.models import ServedMonth
from cases.rules.age import child_born_after
from mentors.models import Contract, Programme

from ..periods import Period, month_start


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


def _new_since(before) -> Q:
    """No episode of the programme started before `before` (a date, or the row's month)."""
    return Q(first_started_on__isnull=True) | Q(first_started_on__gte=before)


def _first_row_since(since, *, with_provider: bool) -> Q:
    """The person's first row from `since` on (a date, or the row's month): no earlier row of theirs,
    or only rows before `since`, in the programme (or with the provider). Counting these rows counts
    each person once, exactly as COUNT(DISTINCT client) over the rows from `since` on would, without
    a hash of the people (`ServedMonth.previous_month`, kept by the served-months service)."""
    field = "previous_month_with_provider" if with_provider else "previous_month"
    return Q(**{f"{field}__isnull": True}) | Q(**{f"{field}__lt": since})


def _one_provider(provider, contracts) -> bool:
    """Whether the rows counted are one provider's, whose people are then counted once with the
    provider rather than in the programme. `contracts` are every contract of the programme, or every
    contract of one provider in it (of each programme, for several): a provider's own figures count a
    person it served, even where another provider served them earlier in the month."""
    if contracts is not None:
        return len({contract.provider_id for contract in contracts}) == 1
    return provider is not None


def _in_months(*, with_provider: bool) -> dict:
    """Per month: each person's first row in the month, children (under 18 on the month's first day)
    and new (no episode of the programme started before the month)."""
    return {
        "first": _first_row_since(F("month"), with_provider=with_provider),
        "child": Q(child_in_month=True),
        "new": _new_since(F("month")),
    }


def _in_period(period: Period, *, with_provider: bool) -> dict:
    """Over a period: each person's first row in the period, children (under 18 on the period's first
    day) and new (no episode of the programme before it)."""
    return {
        "first": _first_row_since(period.start, with_provider=with_provider),
        "child": Q(date_of_birth__gt=child_born_after(period.start)),
        "new": _new_since(period.start),
    }


# A contract's month has one row per person (`served_month_unique`): every row is a person.
EVERY_ROW = {"first": None, "child": Q(child_in_month=True), "new": _new_since(F("month"))}


def _columns(prefix: str, *, first: Q | None, child: Q, new: Q) -> dict:
    """Served, children and new as counts of the rows that are a person's first (`first`; None: every
    row). Child and new hold for a person or not, whichever of their rows is asked (one date of
    birth, one first episode per programme), so they are asked of that row."""
    return {
        f"{prefix}served": Count("client", filter=first),
        f"{prefix}children": Count("client", filter=child if first is None else first & child),
        f"{prefix}new": Count("client", filter=new if first is None else first & new),
    }


def _counted(rows, keys: list[str], rule: dict) -> list[dict]:
    """Served, children and new per `keys` under `rule` (`_in_months`, `_in_period`, `EVERY_ROW`)."""
    return list(rows.values(*keys).annotate(**_columns("", **rule)))


GROUP_KEYS = {"provider": "provider_id", "contract": "contract_id", "programme": "programme_id", "all": None}


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
    if key == "contract_id":
        rule = EVERY_ROW
    else:
        rule = _in_months(with_provider=key == "provider_id" or _one_provider(provider, contracts))
    counted = _counted(rows, [key, "month"] if key else ["month"], rule)
    return {(row.get(key), row["month"]): row for row in counted}


@dataclass
class ServedFigures:
    """The served, children and new of a programme's (or a provider's) period, as the monthly report
    shows them: {key: {"served", "children", "new"}} per contract and month, per provider and month,
    per month for all ((None, month)), per provider over the period, and per country."""

    by_contract: dict
    by_provider: dict
    all_months: dict
    provider_periods: dict
    countries: list["CountryFigures"]


def served_report(programme: Programme, period: Period, *, contracts: list[Contract]) -> ServedFigures:
    """Every served figure of the monthly report in one pass over the period's rows: each figure is
    its own count of the rows (`_columns`), per contract, month and citizenship, then added up here
    (a few hundred groups) — one scan of the counting index instead of one per figure.

    `contracts`: every contract of the programme, or every contract of one provider in it."""
    rules = {"contract": EVERY_ROW, "provider_period": _in_period(period, with_provider=True)}
    counted_by = {"contract": "contract", "provider_period": "provider_period"}
    providers = {contract.provider_id for contract in contracts}
    if len(providers) == len(contracts):
        # A contract per provider: a provider's months are its contract's.
        counted_by["provider"] = "contract"
    else:
        rules["provider"] = _in_months(with_provider=True)
        counted_by["provider"] = "provider"
    if len(providers) == 1:
        # One provider's rows: the figures of all are its own.
        counted_by |= {"all": counted_by["provider"], "country": "provider_period"}
    else:
        rules |= {"all": _in_months(with_provider=False), "country": _in_period(period, with_provider=False)}
        counted_by |= {"all": "all", "country": "country"}
    columns = {}
    for name, rule in rules.items():
        columns |= _columns(f"{name}_", **rule)
    totals = {name: {} for name in counted_by}
    rows = served_months(programme, period, contracts=contracts).values("contract_id", "month", "citizenship")
    provider_of = {contract.pk: contract.provider_id for contract in contracts}
    for row in rows.annotate(**columns):
        contract_id, month = row["contract_id"], row["month"]
        keys = {
            "contract": (contract_id, month),
            "provider": (provider_of[contract_id], month),
            "all": (None, month),
            "provider_period": provider_of[contract_id],
            "country": row["citizenship"],
        }
        for name, key in keys.items():
            figures = totals[name].setdefault(key, {"served": 0, "children": 0, "new": 0})
            column = counted_by[name]
            for figure in figures:
                figures[figure] += row[f"{column}_{figure}"]
    countries = [
        CountryFigures(citizenship, row["served"], row["children"], row["new"])
        for citizenship, row in sorted(
            totals["country"].items(), key=lambda item: (-item[1]["served"], item[0])
        )
        if row["served"]
    ]
    return ServedFigures(
        by_contract=totals["contract"],
        by_provider=totals["provider"],
        all_months=totals["all"],
        provider_periods=totals["provider_period"],
        countries=countries,
    )


def served_in_total(programme: Programme, period: Period, *, provider=None, contracts=None) -> int:
    """Distinct people served in the period (in the programme, or by the provider)."""
    rows = served_months(programme, period, provider, contracts=contracts)
    first = _first_row_since(period.start, with_provider=_one_provider(provider, contracts))
    return rows.filter(first).count()


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
    counted = _counted(
        rows, ["citizenship"], _in_period(period, with_provider=_one_provider(provider, contracts))
    )
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
