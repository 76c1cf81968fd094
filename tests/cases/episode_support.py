"""Helpers shared by the episode tests (issue 4): pages are read in English, the source language, so
that the assertions do not depend on the translations."""

import datetime

from django.utils import timezone, translation
from django.utils.formats import date_format

from mentors.models import ContractMonth
from mentors.services import contract_month_lock
from tests import factories as f


def today() -> datetime.date:
    return timezone.localdate()


def days_ago(days: int) -> datetime.date:
    return today() - datetime.timedelta(days=days)


def log_in(client, user):
    client.force_login(user)
    client.cookies["atbalsts_language"] = "en"
    return client


def lock_month(contract, day: datetime.date) -> ContractMonth:
    """Fund staff approve and lock the payment month of `day` (`contract_month_lock`). Tests lock the
    month they run in too, which the service allows only once it is over: the lock is asked for as on
    the first day of the next month."""
    month = day.replace(day=1)
    next_month = (month + datetime.timedelta(days=31)).replace(day=1)
    return contract_month_lock(contract=contract, month=month, by=f.fund_user(), today=next_month)


def shown(day: datetime.date) -> str:
    """A date as the English pages show it."""
    with translation.override("en"):
        return date_format(day, "SHORT_DATE_FORMAT")
