"""The payment statement of a contract and month: who was served, and the payment the fund approves."""

import datetime
from dataclasses import dataclass

from django.core.paginator import Page, Paginator
from django.db.models import Prefetch, Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import cached_property

from cases.models import Client
from cases.rules.limits import add_months
from mentors.models import Contract, ContractMonth, ContractMonthEvent, Programme, Provider

from .periods import Period, month_start
from .queries import (
    ContractMonthFigures,
    contract_month_figures,
    contract_month_payments,
    in_force_in,
    served_clients,
)

STATEMENT_PAGE_SIZE = 200  # clients per page of the statement page (the downloads have them all)
AWAITING_MONTHS = 12  # how far back the home page looks for months not yet approved


def _numbered(rows) -> list[dict]:
    rows = list(rows)
    for row in rows:
        row["number"] = Client(pk=row["client_id"]).pseudonym
    return rows


@dataclass(frozen=True)
class Approval:
    """Who approved and locked the month, and the day (in the fund's time zone), as written on the
    statement's "approved by" line."""

    by_name: str
    on: str


class PaymentStatement:
    """Who was served under a contract in a month (with their contacts), the payment — served × rate
    and its split, as frozen when the month was locked, else as of today — and whether the fund has
    approved and locked the month. At most five queries; the clients are read when asked for: all of
    them (`clients`, the downloads) or a page (`clients_page`, the statement page)."""

    def __init__(self, contract: Contract, month: datetime.date):
        self.contract = contract
        self.month = month_start(month)
        self.served_clients = served_clients(contract, self.month)
        self._pages = Paginator(self.served_clients, STATEMENT_PAGE_SIZE)
        key = (contract.pk, self.month)
        self.payment = contract_month_payments(
            [contract], Period(self.month, self.month), {key: self._pages.count}
        )[key]
        self.served, self.rate_eur = self.payment.served, self.payment.rate_eur
        self.payable_eur, self.split = self.payment.payable_eur, self.payment.split
        self.contract_month = (
            ContractMonth.objects.filter(contract=contract, month=self.month)
            .prefetch_related(Prefetch("events", ContractMonthEvent.objects.select_related("by")))
            .first()
        )

    @cached_property
    def clients(self) -> list[dict]:
        """Every client served, with their number and contacts."""
        return _numbered(self.served_clients)

    def clients_page(self, number) -> Page:
        """A page of the clients served (`STATEMENT_PAGE_SIZE`), numbered as in `clients`."""
        page = self._pages.get_page(number)
        page.object_list = _numbered(page.object_list)
        return page

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

    @property
    def approval(self) -> Approval | None:
        """The lock that approved the month as it stands (None while it is open)."""
        if not self.is_locked:
            return None
        locks = [event for event in self.events if event.to_status == ContractMonth.Status.LOCKED]
        if not locks:
            return None
        event = locks[-1]
        return Approval(
            by_name=event.by.get_full_name() or event.by.username,
            on=date_format(timezone.localdate(event.at), "SHORT_DATE_FORMAT"),
        )


def awaits_approval(figures: ContractMonthFigures, *, today: datetime.date) -> bool:
    """Whether a contract month's statement awaits the fund's approval: the month is over, the contract
    was in force in it (else it cannot be locked), and it is not approved and locked yet."""
    return (
        not figures.payment.approved
        and figures.month < month_start(today)
        and in_force_in(figures.contract, figures.month)
    )


def awaiting_period(today: datetime.date, months: int = AWAITING_MONTHS) -> Period:
    """The last `months` whole months: those whose statements may await approval today."""
    last = add_months(month_start(today), -1)
    return Period(add_months(last, -(months - 1)), last)


def may_await_approval(
    period: Period, *, programme: Programme | None = None, provider: Provider | None = None
) -> Q:
    """The contracts in force in some month of `period` (the others await nothing), of every programme
    at once (the same queries for one programme or many), or of `programme` and `provider`."""
    contracts = Q(starts_on__lte=period.end) & (
        Q(terminated_on__isnull=True, ends_on__gte=period.start) | Q(terminated_on__gte=period.start)
    )
    if provider is not None:
        contracts &= Q(provider=provider)
    if programme is not None:
        contracts &= Q(programme=programme)
    return contracts


def awaiting_among(
    contract_months: list[ContractMonthFigures], *, today: datetime.date
) -> list[ContractMonthFigures]:
    """The contract months whose statements await approval (`awaits_approval`), oldest first."""
    awaiting = [figures for figures in contract_months if awaits_approval(figures, today=today)]
    return sorted(
        awaiting, key=lambda f: (f.month, f.contract.programme.code, f.contract.provider.code, f.contract.pk)
    )


def statements_awaiting_approval(
    *,
    today: datetime.date,
    months: int = AWAITING_MONTHS,
    programme: Programme | None = None,
    provider: Provider | None = None,
) -> list[ContractMonthFigures]:
    """The statements awaiting approval: the contract months of the last `months` whole months in
    which the contract was in force and which the fund has not approved and locked yet, oldest first
    (`contract_month_figures`, the monthly report's contract months: the served count and payment the
    statement shows). The one count of them: bulk approval and the daily notice (`months=1`: the
    month just ended) ask here, and the fund's home page puts the same parts together with its other
    figures (`reporting.home.fund_home_contents`). At most five queries, however many programmes."""
    period = awaiting_period(today, months)
    contracts = Contract.objects.filter(
        may_await_approval(period, programme=programme, provider=provider)
    ).select_related("programme", "provider")
    return awaiting_among(contract_month_figures(period=period, contracts=list(contracts)), today=today)
