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
    """Lock the month of `day` through the lock service, as if it were over."""
    fund = f.FundStaffFactory().user
    next_month = day.replace(day=28) + datetime.timedelta(days=7)
    return contract_month_lock(contract=contract, month=day, by=fund, today=next_month)


def shown(day: datetime.date) -> str:
    """A date as the English pages show it."""
    with translation.override("en"):
        return date_format(day, "SHORT_DATE_FORMAT")
