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

from django.conf import settings
from django.db.models import (
    Count,
    DurationField,
    Exists,
    ExpressionWrapper,
    F,
    OuterRef,
    Prefetch,
    Q,
    Subquery,
    Sum,
)
from django.db.models.functions import TruncDate, TruncMonth
from django.utils import timezone
from django.utils.formats import date_format

from cases.models import Client, EndReason, Episode, EpisodeContract, Referral, ServedMonth, Visit
from cases.rules.calendar import working_day_cutoff
from cases.rules.limits import add_months
from mentors.models import (
    Contract,
    ContractMonth,
    ContractMonthEvent,
    ContractMonthShare,
    FundingSource,
    Programme,
    Provider,
)
from mentors.payments import Payment, funding_shares_by_programme, payment_approved, payment_live
from municipalities.models import Municipality

ADULT_AGE_MONTHS = 18 * 12

# --- Periods -------------------------------------------------------------------------------------


def month_start(day: datetime.date) -> datetime.date:
    return day.replace(day=1)


def month_end(day: datetime.date) -> datetime.date:
    return add_months(month_start(day), 1) - datetime.timedelta(days=1)


def parse_month(text: str) -> datetime.date:
    """`YYYY-MM` → the first day of that month; ValueError otherwise."""
    year, _, month = (text or "").strip().partition("-")
    if len(year) != 4 or len(month) != 2 or not (year.isdigit() and month.isdigit()):
        raise ValueError(text)
    return datetime.date(int(year), int(month), 1)


@dataclass(frozen=True)
class Period:
    """Whole months from `first_month` to `last_month` (both the first day of their month)."""

    first_month: datetime.date
    last_month: datetime.date

    def __post_init__(self):
        if self.first_month.day != 1 or self.last_month.day != 1 or self.last_month < self.first_month:
            raise ValueError("A period runs from the first day of a month to a later or the same month.")

    @classmethod
    def of_months(cls, first: str, last: str) -> "Period":
        return cls(parse_month(first), parse_month(last))

    @property
    def start(self) -> datetime.date:
        return self.first_month

    @property
    def end(self) -> datetime.date:
        return month_end(self.last_month)

    @property
    def months(self) -> list[datetime.date]:
        count = (
            (self.last_month.year - self.first_month.year) * 12
            + self.last_month.month
            - self.first_month.month
        )
        return [add_months(self.first_month, n) for n in range(count + 1)]

    @property
    def label(self) -> str:
        return f"{self.first_month:%Y-%m}..{self.last_month:%Y-%m}"


def child_born_after(day: datetime.date) -> datetime.date:
    """A client born after the returned date is under 18 on `day` (an 18th birthday on 29 February
    falls on 1 March in other years)."""
    return add_months(day, -ADULT_AGE_MONTHS)


# --- Figures -------------------------------------------------------------------------------------


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


# --- The querysets every figure comes from -------------------------------------------------------


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


# --- The monthly report: every figure of a programme, per provider and month -------------------


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


# --- The payment statement of a contract and month --------------------------------------------


class PaymentStatement:
    """Who was served under a contract in a month (with their contacts), the payment — served × rate
    and its split, as frozen when the month was locked, else as of today — and whether the fund has
    approved and locked the month. At most five queries."""

    def __init__(self, contract: Contract, month: datetime.date):
        self.contract = contract
        self.month = month_start(month)
        self.clients = list(served_clients(contract, self.month))
        for row in self.clients:
            row["number"] = Client(pk=row["client_id"]).pseudonym
        key = (contract.pk, self.month)
        self.payment = contract_month_payments(
            [contract], Period(self.month, self.month), {key: len(self.clients)}
        )[key]
        self.served, self.rate_eur = self.payment.served, self.payment.rate_eur
        self.payable_eur, self.split = self.payment.payable_eur, self.payment.split
        self.contract_month = (
            ContractMonth.objects.filter(contract=contract, month=self.month)
            .prefetch_related(Prefetch("events", ContractMonthEvent.objects.select_related("by")))
            .first()
        )

    @property
    def is_locked(self) -> bool:
        return self.payment.approved

    @property
    def status(self) -> str:
        return ContractMonth.Status.LOCKED if self.is_locked else ContractMonth.Status.OPEN

    @property
    def events(self) -> list:
        return list(self.contract_month.events.all()) if self.contract_month else []

    @property
    def month_label(self) -> str:
        return date_format(self.month, "YEAR_MONTH_FORMAT")


# --- Referrals per municipality ------------------------------------------------------------------


@dataclass
class MunicipalityFigures:
    municipality: Municipality
    filed: int = 0
    accepted: int = 0
    # How many accepted referrals took each number of days: {days: referrals}.
    days_to_acceptance: dict[int, int] = field(default_factory=dict)
    days_to_first_visit: dict[int, int] = field(default_factory=dict)

    @property
    def median_days_to_acceptance(self) -> float | None:
        return median_of_counts(self.days_to_acceptance)

    @property
    def median_days_to_first_visit(self) -> float | None:
        return median_of_counts(self.days_to_first_visit)


def median_of_counts(counts: dict[int, int]) -> float | None:
    """The median of values given as {value: how many times}: the middle one, or the mean of the two
    middle ones."""
    total = sum(counts.values())
    if not total:
        return None
    low, high = (total - 1) // 2, total // 2  # positions of the middle value(s), sorted
    middle, seen = {}, 0
    for value in sorted(counts):
        first, seen = seen, seen + counts[value]
        for position in (low, high):
            if first <= position < seen:
                middle[position] = value
        if high in middle:
            break
    return middle[low] if low == high else (middle[low] + middle[high]) / 2


def _day_bounds(period: Period) -> tuple[datetime.datetime, datetime.datetime]:
    """The period as aware datetimes [start, end) in the project's time zone."""
    zone = timezone.get_current_timezone()
    start = datetime.datetime.combine(period.start, datetime.time.min, tzinfo=zone)
    end = datetime.datetime.combine(period.end + datetime.timedelta(days=1), datetime.time.min, tzinfo=zone)
    return start, end


def _days_between(later, earlier) -> ExpressionWrapper:
    return ExpressionWrapper(later - earlier, output_field=DurationField())


def referral_figures(
    programme: Programme,
    period: Period,
    *,
    provider: Provider | None = None,
    municipality: Municipality | None = None,
    all_municipalities: bool = False,
) -> list[MunicipalityFigures]:
    """Per municipality: referrals filed in the period, how many of them were accepted, and the median
    days from filing to acceptance and to the first visit (calendar days between local dates).

    Everything is counted in the database: the filed and accepted counts, and for the medians how
    many accepted referrals took each number of days (a short list per municipality, whose median
    is read in Python — the same on SQLite and PostgreSQL). Four queries.
    """
    start, end = _day_bounds(period)
    referrals = Referral.objects.filter(programme=programme, submitted_at__gte=start, submitted_at__lt=end)
    if provider is not None:
        referrals = referrals.filter(provider=provider)
    if municipality is not None:
        referrals = referrals.filter(municipality=municipality)
    referrals = referrals.order_by()

    if municipality is not None:
        municipalities = [municipality]
    elif all_municipalities:
        municipalities = list(Municipality.objects.order_by("name"))
    else:
        municipalities = list(
            Municipality.objects.filter(pk__in=referrals.values("municipality_id")).order_by("name")
        )
    figures = {m.pk: MunicipalityFigures(m) for m in municipalities}

    counts = referrals.values("municipality_id").annotate(
        filed=Count("id"), accepted=Count("id", filter=Q(status=Referral.Status.ACCEPTED))
    )
    for row in counts:
        if row["municipality_id"] in figures:
            figures[row["municipality_id"]].filed = row["filed"]
            figures[row["municipality_id"]].accepted = row["accepted"]

    accepted = referrals.filter(status=Referral.Status.ACCEPTED).annotate(filed_on=TruncDate("submitted_at"))
    first_visit = (
        Visit.objects.filter(episode_id=OuterRef("episode_id"))
        .order_by("visited_on")
        .values("visited_on")[:1]
    )
    for attribute, days in (
        ("days_to_acceptance", _days_between(TruncDate("decided_at"), F("filed_on"))),
        ("days_to_first_visit", _days_between(Subquery(first_visit), F("filed_on"))),
    ):
        rows = (
            accepted.annotate(days=days)
            .filter(days__isnull=False)
            .values("municipality_id", "days")
            .annotate(n=Count("id"))
        )
        for row in rows:
            if row["municipality_id"] in figures:
                getattr(figures[row["municipality_id"]], attribute)[row["days"].days] = row["n"]
    return list(figures.values())


# --- Early warnings ------------------------------------------------------------------------------

NO_CONTACT_DAYS = 14


@dataclass
class ProviderWarnings:
    provider: Provider
    referrals_waiting: int = 0
    past_limit: int = 0
    no_contact: int = 0

    @property
    def any(self) -> bool:
        return bool(self.referrals_waiting or self.past_limit or self.no_contact)


def provider_warnings(
    programme: Programme, *, today: datetime.date, provider: Provider | None = None
) -> list[ProviderWarnings]:
    """Per provider, today: referrals waiting over the allowed working days, open episodes past their
    time limit, and clients of open episodes with no contact for 14 days. Three queries."""
    referrals = Referral.objects.filter(programme=programme, status=Referral.Status.SUBMITTED)
    episodes = Episode.objects.filter(programme=programme, status=Episode.Status.ACTIVE)
    if provider is not None:
        referrals = referrals.filter(provider=provider)
        episodes = episodes.filter(contract__provider=provider)
    cutoff = working_day_cutoff(today, settings.REFERRAL_ACCEPT_WORKING_DAYS)
    cutoff_start = datetime.datetime.combine(
        cutoff, datetime.time.min, tzinfo=timezone.get_current_timezone()
    )
    waiting = (
        referrals.filter(submitted_at__lt=cutoff_start)
        .order_by()
        .values("provider_id")
        .annotate(n=Count("id"))
    )
    past_limit = (
        episodes.filter(limit_on__lt=today).order_by().values("contract__provider_id").annotate(n=Count("id"))
    )
    quiet_since = today - datetime.timedelta(days=NO_CONTACT_DAYS)
    recent_contact = Visit.objects.filter(episode_id=OuterRef("pk"), visited_on__gt=quiet_since)
    no_contact = (
        episodes.filter(started_on__lte=quiet_since)
        .filter(~Exists(recent_contact))
        .order_by()
        .values("contract__provider_id")
        .annotate(n=Count("client_id", distinct=True))
    )
    providers = {c.provider_id: c.provider for c in programme_contracts(programme, provider)}
    warnings = {pk: ProviderWarnings(p) for pk, p in providers.items()}
    for rows, key, attribute in (
        (waiting, "provider_id", "referrals_waiting"),
        (past_limit, "contract__provider_id", "past_limit"),
        (no_contact, "contract__provider_id", "no_contact"),
    ):
        for row in rows:
            if row[key] in warnings:
                setattr(warnings[row[key]], attribute, row["n"])
    return sorted((w for w in warnings.values() if w.any), key=lambda w: w.provider.code)


# --- Figures since the start of a programme, and the press figures --------------------------------


def programme_life(programme: Programme, today: datetime.date) -> Period:
    """From the programme's first month to the current month (or its last month, if it has ended)."""
    last = min(today, programme.ends_on) if programme.ends_on else today
    first = month_start(programme.starts_on)
    return Period(first, max(first, month_start(last)))


def served_since_start(
    programme: Programme, *, today: datetime.date, provider: Provider | None = None
) -> int:
    """Distinct clients served since the programme started: the progress towards its target."""
    period = programme_life(programme, today)
    contracts = list(programme_contracts(programme, provider))
    return served_months(programme, period, contracts=contracts).aggregate(
        served=Count("client_id", distinct=True)
    )["served"]


@dataclass
class PressFigures:
    programme: Programme
    year: int
    since_start: Period
    clients_since_start: int
    children_since_start: int
    countries: int
    top_countries: list[tuple[str, int]]
    first_time_this_year: int
    left_latvia_this_year: int
    average_served_per_month: Decimal | None
    months_averaged: int

    @property
    def child_share(self) -> Decimal | None:
        if not self.clients_since_start:
            return None
        return Decimal(self.children_since_start) / Decimal(self.clients_since_start)


TOP_COUNTRIES = 7


def press_figures(programme: Programme, *, year: int, today: datetime.date) -> PressFigures:
    """The figures the fund's announcements quote, all from the counting rules above.

    "Since the start" runs from the programme's first month to today (children: under 18 on its first
    day). "This year" is the calendar year up to the current month; the average per month is over the
    year's months that are over and in which the programme ran. Five queries.
    """
    contracts = list(programme_contracts(programme))
    life = programme_life(programme, today)
    countries = served_by_country(programme, life, contracts=contracts)
    overall = period_totals(countries)
    year_end = min(datetime.date(year, 12, 1), month_start(today))
    year_start = max(datetime.date(year, 1, 1), life.first_month)
    if year_end >= year_start:
        this_year = Period(year_start, year_end)
        first_time = period_totals(served_by_country(programme, this_year, contracts=contracts))["new"]
        left_latvia = ended_for_reason(programme, this_year, "left_country")
        whole_months = [m for m in this_year.months if month_end(m) < today and m <= life.last_month]
        if whole_months:
            monthly = served_by_month(
                programme, Period(whole_months[0], whole_months[-1]), group="all", contracts=contracts
            )
            total = sum(monthly.get((None, m), {}).get("served", 0) for m in whole_months)
            average = (Decimal(total) / len(whole_months)).quantize(Decimal("0.1"), ROUND_HALF_UP)
        else:
            average = None
    else:
        first_time = left_latvia = 0
        whole_months, average = [], None
    return PressFigures(
        programme=programme,
        year=year,
        since_start=life,
        clients_since_start=overall["served"],
        children_since_start=overall["children"],
        countries=overall["countries"],
        top_countries=[(c.citizenship, c.served) for c in countries if c.citizenship][:TOP_COUNTRIES],
        first_time_this_year=first_time,
        left_latvia_this_year=left_latvia,
        average_served_per_month=average,
        months_averaged=len(whole_months),
    )
