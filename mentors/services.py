"""Writes of the mentors app: approving and locking a contract's payment month, and unlocking it.

A locked month is the fund's approved payment statement: no visit dated in it may be added, changed or
deleted (the visit services hold the contract and ask `contract_month_is_locked`), and its payment —
clients served, rate, payable and the split by funding source — is frozen on the month in the lock's
transaction (`mentors.payments`), so editing the rate or the funding shares later changes nothing
approved. Unlocking takes a reason and discards the frozen payment; every lock and unlock writes a
`ContractMonthEvent` with the payment it approved or discarded.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import connections, router, transaction
from django.db.models import Exists
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from notifications.kinds import Kind
from notifications.services import notify

from .access import Action, require
from .models import Contract, ContractMonth, ContractMonthEvent, ProviderStaff
from .payments import PAYMENT_FIELDS, payments_freeze


class ContractMonthError(ValidationError):
    """A lock rule refused the action; the message is translated and shown to the person."""


def first_of_month(day: datetime.date) -> datetime.date:
    return day.replace(day=1)


def _locked(contract, month):
    """The locked payment month of `contract` that is `month` (values, or expressions of a row)."""
    return ContractMonth.objects.filter(contract=contract, month=month, status=ContractMonth.Status.LOCKED)


def contract_month_is_locked(*, contract: Contract, day: datetime.date) -> bool:
    """Whether the payment month of `contract` that contains `day` is approved and locked."""
    return _locked(contract, first_of_month(day)).exists()


def contract_hold_for_visits(*, contract: Contract) -> None:
    """Hold `contract` until the transaction ends, before a visit write asks whether its month is
    locked: a month of the contract cannot be locked between that answer and the write's commit, and
    a lock in progress is waited for and then seen (`contract_month_lock` takes the contract's row
    for update). A share lock on PostgreSQL, so visit writes do not wait for each other; SQLite runs
    one write at a time anyway."""
    connection = connections[router.db_for_write(Contract)]
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        table = connection.ops.quote_name(Contract._meta.db_table)  # from the model's metadata
        cursor.execute(f"SELECT 1 FROM {table} WHERE id = %s FOR SHARE", [contract.pk])  # noqa: S608


def month_is_locked(*, contract, month) -> Exists:
    """The same, as an expression for a list: `contract` and `month` (its first day) are `OuterRef`s
    of its rows."""
    return Exists(_locked(contract, month))


def _transition(contract_month: ContractMonth, to_status: str, *, by, note: str) -> ContractMonth:
    if to_status not in ContractMonth.TRANSITIONS[ContractMonth.Status(contract_month.status)]:
        if to_status == ContractMonth.Status.LOCKED:
            raise ContractMonthError(_("This month is already locked."))
        raise ContractMonthError(_("This month is not locked."))
    from_status = contract_month.status
    contract_month.status = to_status
    # Locking freezes the payment; unlocking discards it (the event keeps what was discarded).
    shares = payments_freeze([contract_month]) if to_status == ContractMonth.Status.LOCKED else []
    payment = {name: getattr(contract_month, name) for name in PAYMENT_FIELDS}
    if to_status == ContractMonth.Status.OPEN:
        contract_month.shares.all().delete()
        for name in PAYMENT_FIELDS:
            setattr(contract_month, name, None)
    contract_month.save(update_fields=["status", *PAYMENT_FIELDS, "updated_at"])
    for share in shares:  # one by one (two or three rows), so that the change log records each
        share.save()
    ContractMonthEvent.objects.create(
        contract_month=contract_month,
        from_status=from_status,
        to_status=to_status,
        by=by,
        note=note,
        **payment,
    )
    _tell_coordinators(contract_month)
    return contract_month


def _tell_coordinators(contract_month: ContractMonth) -> None:
    """The provider's coordinators hear that a month of theirs was locked or unlocked."""
    contract = contract_month.contract
    notify(
        kind=Kind.MONTH_LOCKED
        if contract_month.status == ContractMonth.Status.LOCKED
        else Kind.MONTH_UNLOCKED,
        recipients=ProviderStaff.objects.coordinator_user_ids(contract.provider_id),
        url=reverse("reporting:statement", args=[contract.pk, contract_month.month]),
        params={"month": contract_month.month.isoformat(), "programme": contract.programme.code},
    )


def _month_row(contract: Contract, month: datetime.date) -> ContractMonth:
    """The contract month's row, created open on first use, locked against concurrent changes."""
    ContractMonth.objects.get_or_create(contract=contract, month=month)
    return ContractMonth.objects.select_for_update().get(contract=contract, month=month)


@transaction.atomic
def contract_month_lock(
    *, contract: Contract, month: datetime.date, by, note: str = "", today: datetime.date | None = None
) -> ContractMonth:
    """Approve and lock the payment statement of `contract` for `month` (any day of it).

    Only a month that is over and in which the contract was in force can be locked. Its payment is
    frozen from the served clients and the contract's rate and funding shares as they are now.
    """
    require(by, Action.LOCK_MONTH, contract)
    month = first_of_month(month)
    today = today or timezone.localdate()
    if month >= first_of_month(today):
        raise ContractMonthError(_("Only a month that is over can be approved and locked."))
    # Wait for visit writes of this contract in progress (contract_hold_for_visits); the row read
    # now has the rate the payment is frozen with.
    contract = Contract.objects.select_for_update().get(pk=contract.pk)
    if month > contract.last_day or month < first_of_month(contract.starts_on):
        raise ContractMonthError(_("The contract was not in force in this month."))
    return _transition(_month_row(contract, month), ContractMonth.Status.LOCKED, by=by, note=note.strip())


@transaction.atomic
def contract_month_unlock(*, contract: Contract, month: datetime.date, reason: str, by) -> ContractMonth:
    """Unlock an approved month so that its visits can be corrected; the reason is recorded."""
    require(by, Action.LOCK_MONTH, contract)
    reason = (reason or "").strip()
    if not reason:
        raise ContractMonthError(_("Give the reason for unlocking the month."))
    return _transition(
        _month_row(contract, first_of_month(month)), ContractMonth.Status.OPEN, by=by, note=reason
    )
