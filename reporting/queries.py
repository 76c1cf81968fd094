"""The counting rules of DOMAIN.md "Counting": the one place every reported figure is computed.

Every page, export and command takes its numbers from these functions, so they are identical
everywhere. Everything is aggregated in the database, one query per figure family for the whole
range (never a query per month or per provider), so a report costs a fixed number of queries.

- *Served* in month M by provider P: distinct clients present (`VisitAttendance`) at a visit dated
  in M whose `visit.contract` — the contract the episode had on the day of the contact — belongs to
  P and to the programme. A family visit counts every person present. Read from `ServedMonth`, one
  row per person, contract and month, which the visit services keep (`cases.services.served`).
- *Served over a period*: distinct over the period, never a sum of months.
- *New* in a period: served in it, with no episode of the same programme started before it.
- *Active at month end*: episodes started on or before the month's last day and not ended before it,
  counted under the contract the episode had on that day (`EpisodeContract`, its history).
- *Ended* in M: episodes whose end date falls in M, by reason.
- *Child*: under 18 on the first day of the reporting period (the month, or the whole period).
- *Payable*: served per contract × the contract's rate, split by the programme's funding shares
  (`mentors.payments`); for a month the fund has locked, the payment frozen when it was approved.
  `contract_month_payments` is the one place that chooses between the two.
- *Capacity use*: served ÷ the monthly capacity of the contracts in force.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field, replace
from decimal import ROUND_HALF_UP, Decimal
from functools import reduce
from operator import or_

from django.db.models import (
    Count,
    F,
    Prefetch,
    Q,
    Sum,
)
from django.db.models.functions import TruncMonth

from cases.models import EndReason, Episode, EpisodeContract, ServedMonth, Visit
from mentors.models import (
    Contract,
    ContractMonth,
    ContractMonthShare,
    FundingSource,
    Programme,
    Provider,
)
from mentors.payments import Payment, funding_shares_by_programme, payment_approved, payment_live

from .periods import Period, child_born_after, month_end, month_start


@dataclass
class Figures:
    """The figures of one provider (or all providers) for one month or a whole period."""

    served: int = 0
    new: int = 0
    active_end: int = 0
    children: int = 0
    visits: int = 0
    contact_minutes: int = 0
    ended_by_reason: dict[str, int] = field(default_factory=dict)
    payable_eur: Decimal = Decimal("0.00")
    capacity: int = 0

    @property
    def ended(self) -> int:
        return sum(self.ended_by_reason.values())

    @property
    def contact_hours(self) -> Decimal:
        return (Decimal(self.contact_minutes) / 60).quantize(Decimal("0.1"), ROUND_HALF_UP)

    @property
    def capacity_use(self) -> Decimal | None:
        """Served ÷ monthly capacity, as a fraction (None where no contract was in force)."""
        if not self.capacity:
            return None
        return Decimal(self.served) / Decimal(self.capacity)


def contract_month_payments(
    contracts: list[Contract], period: Period, served: dict[tuple[int, datetime.date], int]
) -> dict[tuple[int, datetime.date], Payment]:
    """The payment of each contract in each month of the period: {(contract id, month): Payment}.

    The one place that decides which payment every page, export and command shows: for a month the
    fund has approved and locked, the payment frozen then (served, rate, payable, split), whatever
    the rate or the funding shares are now; for any other month, `served` (the live count,
    {(contract id, month): clients}) × the contract's rate, split by the programme's funding shares.
    At most three queries (the frozen payments, their split, the funding shares of today).
    """
    locked = ContractMonth.objects.filter(
        contract__in=contracts,
        month__gte=period.first_month,
        month__lte=period.last_month,
        status=ContractMonth.Status.LOCKED,
    ).prefetch_related(Prefetch("shares", ContractMonthShare.objects.select_related("source")))
    payments = {(month.contract_id, month.month): payment_approved(month) for month in locked}
    shares = None
    for contract in contracts:
        for month in period.months:
            key = (contract.pk, month)
            if key in payments:
                continue
            if shares is None:
                shares = funding_shares_by_programme({c.programme_id for c in contracts})
            payments[key] = payment_live(
                rate_eur=contract.rate_eur, served=served.get(key, 0), shares=shares[contract.programme_id]
            )
    return payments


def end_reasons() -> list[EndReason]:
    """Every end reason in the reference data's order (DOMAIN.md's order for the standard ones)."""
    return list(EndReason.objects.order_by("order", "code"))


def programme_contracts(programme: Programme, provider: Provider | None = None):
    contracts = Contract.objects.filter(programme=programme).select_related("provider")
    if provider is not None:
        contracts = contracts.filter(provider=provider)
    return contracts.order_by("provider__code", "starts_on", "pk")


def in_force_in(contract: Contract, month: datetime.date) -> bool:
    """Whether the contract was in force on any day of `month`."""
    return contract.starts_on <= month_end(month) and contract.last_day >= month


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


def visits_by_month(programme: Programme, period: Period, contracts: list[Contract]) -> dict:
    """Visits (each once, however many were present) and contact minutes: {(provider_id, month): row}.

    Counted per contract (straight from the visits' contract and date index) and added up per provider.
    """
    provider_of = {contract.pk: contract.provider_id for contract in contracts}
    rows = (
        Visit.objects.filter(
            contract_id__in=list(provider_of), visited_on__gte=period.start, visited_on__lte=period.end
        )
        .order_by()
        .annotate(month=TruncMonth("visited_on"))
        .values("contract_id", "month")
        .annotate(visits=Count("id"), minutes=Sum("duration_minutes"))
    )
    result = {}
    for row in rows:
        totals = result.setdefault(
            (provider_of[row["contract_id"]], row["month"]), {"visits": 0, "minutes": 0}
        )
        totals["visits"] += row["visits"]
        totals["minutes"] += row["minutes"] or 0
    return result


def ended_by_month(programme: Programme, period: Period, provider=None) -> dict:
    """Episodes whose end date falls in each month, by reason: {(provider_id, month): {reason: n}}."""
    episodes = Episode.objects.filter(
        programme=programme, ended_on__gte=period.start, ended_on__lte=period.end
    )
    if provider is not None:
        episodes = episodes.filter(contract__provider=provider)
    rows = (
        episodes.order_by()
        .annotate(month=TruncMonth("ended_on"))
        .values("contract__provider_id", "month", "end_reason__code")
        .annotate(n=Count("id"))
    )
    result = defaultdict(dict)
    for row in rows:
        result[(row["contract__provider_id"], row["month"])][row["end_reason__code"]] = row["n"]
    return result


def active_at_month_ends(programme: Programme, period: Period, provider=None) -> dict:
    """Episodes active at each month's end, under the contract they had on that day (their contract
    history: a transfer or handover does not move earlier months): {(provider_id, month): n}."""
    months = period.months
    stretches = EpisodeContract.objects.filter(
        episode__programme=programme, episode__started_on__lte=period.end, from_on__lte=period.end
    ).exclude(Q(episode__ended_on__lt=month_end(months[0])) | Q(until_on__lt=month_end(months[0])))
    if provider is not None:
        stretches = stretches.filter(contract__provider=provider)
    columns = {
        f"m{n}": Count(
            "episode_id",
            filter=Q(episode__started_on__lte=month_end(month), from_on__lte=month_end(month))
            & (Q(episode__ended_on__isnull=True) | Q(episode__ended_on__gte=month_end(month)))
            & (Q(until_on__isnull=True) | Q(until_on__gte=month_end(month))),
        )
        for n, month in enumerate(months)
    }
    rows = stretches.order_by().values("contract__provider_id").annotate(**columns)
    return {
        (row["contract__provider_id"], month): row[f"m{n}"] for row in rows for n, month in enumerate(months)
    }


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


def ended_for_reason(programme: Programme, period: Period, reason_code: str, provider=None) -> int:
    """Distinct persons whose episode of the programme ended in the period for `reason_code`."""
    episodes = Episode.objects.filter(
        programme=programme,
        ended_on__gte=period.start,
        ended_on__lte=period.end,
        end_reason__code=reason_code,
    )
    if provider is not None:
        episodes = episodes.filter(contract__provider=provider)
    return episodes.aggregate(n=Count("client_id", distinct=True))["n"]


ALL = "ALL"


@dataclass
class ReportRow:
    """One row of the report: a provider (None: all providers) for a month (None: the whole period)."""

    provider: Provider | None
    month: datetime.date | None
    figures: Figures
    period: Period

    @property
    def provider_code(self) -> str:
        return self.provider.code if self.provider else ALL

    @property
    def month_label(self) -> str:
        return f"{self.month:%Y-%m}" if self.month else self.period.label

    @property
    def is_period(self) -> bool:
        return self.month is None


@dataclass
class ContractMonthFigures:
    """A contract's month: the clients served now (with children and new among them) and its payment
    (`contract_month_payments`: frozen if the month is locked)."""

    contract: Contract
    month: datetime.date
    served: int
    payment: Payment
    children: int = 0
    new: int = 0

    @property
    def payable_eur(self) -> Decimal:
        return self.payment.payable_eur

    @property
    def capacity_use(self) -> Decimal | None:
        if not self.contract.monthly_capacity:
            return None
        return Decimal(self.served) / Decimal(self.contract.monthly_capacity)


@dataclass
class MonthlyReport:
    programme: Programme
    period: Period
    providers: list[Provider]
    contracts: list[Contract]
    end_reasons: list[EndReason]
    provider_months: dict[tuple[int, datetime.date], Figures]
    provider_periods: dict[int, Figures]
    all_months: dict[datetime.date, Figures]
    all_period: Figures
    contract_months: list[ContractMonthFigures]
    countries: list[CountryFigures]
    include_all: bool = True

    def rows(self) -> list[ReportRow]:
        """The rows in the export's order: provider × month, provider periods, then ALL."""
        rows = [
            ReportRow(provider, month, self.provider_months[(provider.pk, month)], self.period)
            for provider in self.providers
            for month in self.period.months
        ]
        rows += [
            ReportRow(provider, None, self.provider_periods[provider.pk], self.period)
            for provider in self.providers
        ]
        if self.include_all:
            rows += [
                ReportRow(None, month, self.all_months[month], self.period) for month in self.period.months
            ]
            rows.append(ReportRow(None, None, self.all_period, self.period))
        return rows

    def provider_table(self) -> list[tuple[Provider, list[ReportRow], ReportRow]]:
        """Per provider: its month rows and its period row (for the dashboard table)."""
        return [
            (
                provider,
                [
                    ReportRow(provider, m, self.provider_months[(provider.pk, m)], self.period)
                    for m in self.period.months
                ],
                ReportRow(provider, None, self.provider_periods[provider.pk], self.period),
            )
            for provider in self.providers
        ]

    @property
    def countries_count(self) -> int:
        return sum(1 for country in self.countries if country.citizenship)

    @property
    def totals(self) -> Figures:
        """Figures of all the report's providers over the whole period."""
        return self.all_period

    @property
    def funding_sources(self) -> list[FundingSource]:
        """The sources the period's payments are split by (a locked month keeps those it was approved
        with), by code."""
        sources = {source for figures in self.contract_months for source, _amount in figures.payment.split}
        return sorted(sources, key=lambda source: source.code)

    def payable_split(self) -> list[tuple[FundingSource, Decimal]]:
        """The period's payable per funding source: the sum of the months' splits, so it adds up to
        the payable exactly."""
        return [
            (source, sum((f.payment.amount_for(source) for f in self.contract_months), Decimal("0.00")))
            for source in self.funding_sources
        ]

    def ended_by_reason(self) -> list[tuple[EndReason, int]]:
        return [(reason, self.all_period.ended_by_reason.get(reason.code, 0)) for reason in self.end_reasons]

    def under_capacity_runs(self, *, today: datetime.date, threshold: Decimal = Decimal("0.8"), run: int = 2):
        """Contracts serving under `threshold` of their capacity `run` or more whole months running.

        Only months that are over and in which the contract was in force every day count.
        Returns [(contract, [ContractMonthFigures, ...])] with the latest such run of each contract.
        """
        by_contract = defaultdict(list)
        for figures in self.contract_months:
            by_contract[figures.contract.pk].append(figures)
        warnings = []
        for contract in self.contracts:
            current, latest = [], []
            for figures in by_contract[contract.pk]:
                whole_month = contract.starts_on <= figures.month and contract.last_day >= month_end(
                    figures.month
                )
                low = figures.capacity_use is not None and figures.capacity_use < threshold
                if whole_month and month_end(figures.month) < today and low:
                    current.append(figures)
                    if len(current) >= run:
                        latest = list(current)
                else:
                    current = []
            if latest:
                warnings.append((contract, latest))
        return warnings


def _sums(months: list[Figures]) -> Figures:
    """The figures that add up over months or providers: visits, minutes, ended, payable.

    Served, new, children and active at the end are not sums; the caller sets them.
    """
    ended = defaultdict(int)
    for figures in months:
        for code, n in figures.ended_by_reason.items():
            ended[code] += n
    return Figures(
        visits=sum(f.visits for f in months),
        contact_minutes=sum(f.contact_minutes for f in months),
        ended_by_reason=dict(ended),
        payable_eur=sum((f.payable_eur for f in months), Decimal("0.00")),
    )


def monthly_report(
    *, programme: Programme, period: Period, provider: Provider | None = None
) -> MonthlyReport:
    """Every monthly and period figure of `programme` per provider (or of one provider) and for all.

    Providers are those with a contract in the programme, sorted by code; months without activity
    have zeros. A fixed number of queries, whatever the amount of data or the length of the period.
    """
    contracts = list(programme_contracts(programme, provider))
    providers = sorted({c.provider_id: c.provider for c in contracts}.values(), key=lambda p: p.code)
    reasons = end_reasons()

    served_contract = served_by_month(programme, period, group="contract", contracts=contracts)
    if len(contracts) == len(providers):
        # One contract per provider: the provider's figures are its contract's, exactly.
        provider_of = {c.pk: c.provider_id for c in contracts}
        served = {
            (provider_of[pk], month): row for (pk, month), row in served_contract.items() if pk in provider_of
        }
    else:
        served = served_by_month(programme, period, group="provider", contracts=contracts)
    visits = visits_by_month(programme, period, contracts)
    ended = ended_by_month(programme, period, provider)
    active = active_at_month_ends(programme, period, provider)
    countries = served_by_country(programme, period, contracts=contracts)
    totals = period_totals(countries)
    if len(providers) == 1:
        # One provider (a coordinator's view, or a programme with one contractor): its figures are
        # the figures of all, exactly, with no need to count again.
        served_all = {(None, month): row for (_provider, month), row in served.items()}
        period_served = {providers[0].pk: totals}
    else:
        served_all = served_by_month(programme, period, group="all", contracts=contracts)
        period_served = served_in_period(programme, period, contracts=contracts)

    payments = contract_month_payments(
        contracts, period, {key: row["served"] for key, row in served_contract.items()}
    )
    contract_months = []
    payable = defaultdict(Decimal)
    capacity = defaultdict(int)
    for contract in contracts:
        for month in period.months:
            figures = served_contract.get((contract.pk, month), {})
            count = figures.get("served", 0)
            in_force = in_force_in(contract, month)
            payment = payments[(contract.pk, month)]
            if not (in_force or count or payment.approved):
                continue
            payable[(contract.provider_id, month)] += payment.payable_eur
            if in_force:
                capacity[(contract.provider_id, month)] += contract.monthly_capacity
            contract_months.append(
                ContractMonthFigures(
                    contract, month, count, payment, figures.get("children", 0), figures.get("new", 0)
                )
            )

    provider_months = {}
    for p in providers:
        for month in period.months:
            key = (p.pk, month)
            provider_months[key] = Figures(
                served=served.get(key, {}).get("served", 0),
                new=served.get(key, {}).get("new", 0),
                active_end=active.get(key, 0),
                children=served.get(key, {}).get("children", 0),
                visits=visits.get(key, {}).get("visits", 0),
                contact_minutes=visits.get(key, {}).get("minutes") or 0,
                ended_by_reason=dict(ended.get(key, {})),
                payable_eur=payable.get(key, Decimal("0.00")),
                capacity=capacity.get(key, 0),
            )

    provider_periods = {}
    for p in providers:
        months = [provider_months[(p.pk, month)] for month in period.months]
        provider_periods[p.pk] = replace(
            _sums(months),
            served=period_served.get(p.pk, {}).get("served", 0),
            new=period_served.get(p.pk, {}).get("new", 0),
            children=period_served.get(p.pk, {}).get("children", 0),
            active_end=months[-1].active_end,
        )

    all_months = {}
    for month in period.months:
        months = [provider_months[(p.pk, month)] for p in providers]
        all_months[month] = replace(
            _sums(months),
            served=served_all.get((None, month), {}).get("served", 0),
            new=served_all.get((None, month), {}).get("new", 0),
            children=served_all.get((None, month), {}).get("children", 0),
            active_end=sum(f.active_end for f in months),
            capacity=sum(f.capacity for f in months),
        )
    all_period = replace(
        _sums(list(all_months.values())),
        served=totals["served"],
        new=totals["new"],
        children=totals["children"],
        active_end=all_months[period.last_month].active_end,
    )

    return MonthlyReport(
        programme=programme,
        period=period,
        providers=providers,
        contracts=contracts,
        end_reasons=reasons,
        provider_months=provider_months,
        provider_periods=provider_periods,
        all_months=all_months,
        all_period=all_period,
        contract_months=contract_months,
        countries=countries,
        include_all=provider is None,
    )
