"""The payment rule of DOMAIN.md "Counting": a contract's month is paid for its clients served × the
contract's rate per client-month (excluding VAT), split by the programme's funding shares in cents
that add up exactly.

When the fund approves and locks a month, its payment is frozen on the month (`payments_freeze`,
called by `contract_month_lock`): the clients served, the rate, the amount and its split. Editing
the rate or the funding shares in the admin afterwards leaves the approved payment as it was.
Which of the two a page shows — the frozen payment of a locked month, or the live one — is decided
in one place, `reporting.queries.contract_month_payments`.
"""

from collections import defaultdict
from dataclasses import dataclass
from decimal import ROUND_FLOOR, ROUND_HALF_UP, Decimal

from django.apps import apps as installed_apps
from django.db.models import Count

CENT = Decimal("0.01")
PAYMENT_FIELDS = ("served", "rate_eur", "payable_eur")


@dataclass(frozen=True)
class Payment:
    """The payment of a contract's month: served × rate, and its split [(funding source, amount)]."""

    served: int
    rate_eur: Decimal
    payable_eur: Decimal
    split: tuple = ()
    approved: bool = False  # the payment frozen when the fund locked the month

    def amount_for(self, source) -> Decimal:
        """The part paid from `source` (nothing where the source has no share)."""
        return next((amount for share, amount in self.split if share == source), Decimal("0.00"))


def split_by_shares(total: Decimal, shares: list[tuple[object, Decimal]]) -> list[tuple[object, Decimal]]:
    """Split `total` by percent shares into cents that add up exactly to the shares' part of the total.

    Each share gets its amount rounded down to the cent; the cents left over go one by one to the
    shares with the largest remainders (then the largest share). With shares adding up to 100 % the
    parts add up exactly to `total`.
    """
    total_percent = sum((percent for _, percent in shares), Decimal(0))
    target = (total * total_percent / 100).quantize(CENT, ROUND_HALF_UP)
    exact = [total * percent / 100 for _, percent in shares]
    floored = [amount.quantize(CENT, rounding=ROUND_FLOOR) for amount in exact]
    left_over = int((target - sum(floored, Decimal(0))) / CENT)
    order = sorted(range(len(shares)), key=lambda i: (exact[i] - floored[i], shares[i][1], -i), reverse=True)
    for i in order[:left_over]:
        floored[i] += CENT
    return [(source, amount) for (source, _), amount in zip(shares, floored, strict=True)]


def funding_shares_by_programme(programme_ids, apps=None) -> dict[int, list[tuple[object, Decimal]]]:
    """{programme id: [(funding source, percent)]}, largest share first."""
    funding_share = (apps or installed_apps).get_model("mentors", "FundingShare")
    shares = defaultdict(list)
    for share in (
        funding_share.objects.filter(programme_id__in=set(programme_ids))
        .select_related("source")
        .order_by("programme_id", "-percent", "source__code")
    ):
        shares[share.programme_id].append((share.source, share.percent))
    return shares


def payment_live(*, rate_eur: Decimal, served: int, shares: list[tuple[object, Decimal]]) -> Payment:
    """Served × rate, split by `shares`, as it would be approved today."""
    payable = (rate_eur * served).quantize(CENT)
    return Payment(served, rate_eur, payable, tuple(split_by_shares(payable, shares)))


def payment_approved(contract_month) -> Payment:
    """The payment frozen on a locked month (its `shares` best prefetched with their source)."""
    split = tuple((share.source, share.amount_eur) for share in contract_month.shares.all())
    return Payment(
        contract_month.served, contract_month.rate_eur, contract_month.payable_eur, split, approved=True
    )


def payments_freeze(months: list, *, apps=None) -> list:
    """Set the approved payment of each of `months` (ContractMonth rows, saved or not) from the rules
    of today — the clients served in the served-months table, the contract's rate, the programme's
    funding shares — and return the rows of its split, unsaved, for the caller to write after the
    months. Three queries for any number of months.

    The lock service freezes the month it locks with it; the migration that gave the months locked
    before payments were kept their payment, and the demo data, freeze many at once. `apps`: a
    migration's historical models. `mentors` may not import `cases`, so the served-months table is
    reached through the app registry.
    """
    if not months:
        return []
    apps = apps or installed_apps
    contract_model = apps.get_model("mentors", "Contract")
    share_model = apps.get_model("mentors", "ContractMonthShare")
    served_month = apps.get_model("cases", "ServedMonth")
    contracts = contract_model.objects.in_bulk({month.contract_id for month in months})
    served = {
        (row["contract_id"], row["month"]): row["served"]
        for row in served_month.objects.filter(
            contract_id__in=list(contracts), month__in={month.month for month in months}
        )
        .values("contract_id", "month")
        .annotate(served=Count("client_id"))
        .order_by()
    }
    shares = funding_shares_by_programme({contract.programme_id for contract in contracts.values()}, apps)
    rows = []
    for month in months:
        contract = contracts[month.contract_id]
        payment = payment_live(
            rate_eur=contract.rate_eur,
            served=served.get((month.contract_id, month.month), 0),
            shares=shares[contract.programme_id],
        )
        for name in PAYMENT_FIELDS:
            setattr(month, name, getattr(payment, name))
        percent = dict(shares[contract.programme_id])
        rows += [
            share_model(contract_month=month, source=source, percent=percent[source], amount_eur=amount)
            for source, amount in payment.split
        ]
    return rows
