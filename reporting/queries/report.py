"""The monthly report: every figure of a programme per provider and month, and for all."""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field, replace
from decimal import ROUND_HALF_UP, Decimal

from cases.models import EndReason
from mentors.models import Contract, FundingSource, Programme, Provider
from mentors.payments import Payment

from ..periods import Period, month_end
from .contracts import contract_month_payments, in_force_in, programme_contracts
from .episodes import active_at_month_ends, end_reasons, ended_by_month
from .served import CountryFigures, period_totals, served_by_month, served_report
from .visits import visits_by_month


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

    def table_rows(self) -> list[ReportRow]:
        """The rows of the dashboard's table: each provider's months then its period, then all
        providers' months and period (for the fund)."""
        rows = []
        for _provider, months, period in self.provider_table():
            rows += [*months, period]
        if self.include_all:
            rows += [
                ReportRow(None, month, self.all_months[month], self.period) for month in self.period.months
            ]
            rows.append(ReportRow(None, None, self.all_period, self.period))
        return rows

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

    counted = served_report(programme, period, contracts=contracts)
    served_contract, served, served_all = counted.by_contract, counted.by_provider, counted.all_months
    period_served, countries = counted.provider_periods, counted.countries
    totals = period_totals(countries)
    visits = visits_by_month(programme, period, contracts)
    ended = ended_by_month(programme, period, provider)
    active = active_at_month_ends(programme, period, provider)

    contract_months = _contract_months(contracts, period, served_contract)
    payable, capacity = _payable_and_capacity(contract_months, by=lambda contract: contract.provider_id)

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


def contract_month_figures(
    *,
    period: Period,
    programme: Programme | None = None,
    provider: Provider | None = None,
    contracts: list[Contract] | None = None,
) -> list[ContractMonthFigures]:
    """The report's contract months alone (`MonthlyReport.contract_months`), for the statements list:
    the contracts, their served counts and their payments, without the report's other figures.

    The programme's contracts (or its provider's), or `contracts` — of any number of programmes, read
    by the caller: the statements awaiting approval and the home page's figures of every programme in
    the same queries as one programme's."""
    if contracts is None:
        contracts = list(programme_contracts(programme, provider))
    served = served_by_month(programme, period, group="contract", contracts=contracts)
    return _contract_months(contracts, period, served)


def programme_month_figures(
    *,
    contracts: list[Contract],
    month: datetime.date,
    contract_months: list[ContractMonthFigures] | None = None,
) -> dict[int, Figures]:
    """The month's figures of all providers of each of the contracts' programmes (every contract of
    theirs, with its programme), {programme id: Figures}: what `monthly_report(...).all_months[month]`
    of each programme shows for served, new, children (distinct per programme), active at the month's
    end, payable and capacity, from the same queries (visits and ended are left out: the home page
    shows neither), counted for all the programmes at once. `contract_months`: the contracts' months
    of `month` (`contract_month_figures`), when the caller has counted them with others."""
    period = Period(month, month)
    served = served_by_month(None, period, group="programme", contracts=contracts)
    if contract_months is None:
        contract_months = contract_month_figures(period=period, contracts=contracts)
    payable, capacity = _payable_and_capacity(contract_months, by=lambda contract: contract.programme_id)
    active = active_at_month_ends(None, period, group="programme", contracts=contracts)
    figures = {}
    for pk in {contract.programme_id for contract in contracts}:
        row = served.get((pk, month), {})
        figures[pk] = Figures(
            served=row.get("served", 0),
            new=row.get("new", 0),
            children=row.get("children", 0),
            active_end=active.get((pk, month), 0),
            payable_eur=payable.get((pk, month), Decimal("0.00")),
            capacity=capacity.get((pk, month), 0),
        )
    return figures


def _payable_and_capacity(contract_months: list[ContractMonthFigures], *, by) -> tuple[dict, dict]:
    """The contract months' payable, and the monthly capacity of the contracts in force in them,
    added up per (`by(contract)`, month): per provider for the report, per programme for the home
    page."""
    payable = defaultdict(Decimal)
    capacity = defaultdict(int)
    for figures in contract_months:
        key = (by(figures.contract), figures.month)
        payable[key] += figures.payable_eur
        if in_force_in(figures.contract, figures.month):
            capacity[key] += figures.contract.monthly_capacity
    return payable, capacity


def _contract_months(contracts: list[Contract], period: Period, served: dict) -> list[ContractMonthFigures]:
    """Each contract's months in which it was in force, served anyone or was paid, with its payment
    (`contract_month_payments`)."""
    payments = contract_month_payments(contracts, period, {key: row["served"] for key, row in served.items()})
    contract_months = []
    for contract in contracts:
        for month in period.months:
            figures = served.get((contract.pk, month), {})
            count = figures.get("served", 0)
            payment = payments[(contract.pk, month)]
            if not (in_force_in(contract, month) or count or payment.approved):
                continue
            contract_months.append(
                ContractMonthFigures(
                    contract, month, count, payment, figures.get("children", 0), figures.get("new", 0)
                )
            )
    return contract_months
