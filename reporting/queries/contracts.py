"""The programme's contracts and what each is paid per month (DOMAIN.md "Payable")."""

import datetime

from django.db.models import Prefetch

from mentors.models import Contract, ContractMonth, ContractMonthShare, Programme, Provider
from mentors.payments import Payment, funding_shares_by_programme, payment_approved, payment_live

from ..periods import Period, month_end


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


def programme_contracts(programme: Programme, provider: Provider | None = None):
    contracts = Contract.objects.filter(programme=programme).select_related("provider")
    if provider is not None:
        contracts = contracts.filter(provider=provider)
    return contracts.order_by("provider__code", "starts_on", "pk")


def in_force_in(contract: Contract, month: datetime.date) -> bool:
    """Whether the contract was in force on any day of `month`."""
    return contract.starts_on <= month_end(month) and contract.last_day >= month
