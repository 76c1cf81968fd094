"""Helpers shared by the episode tests (issue 4): pages are read in English, the source language, so
that the assertions do not depend on the translations."""

import datetime

from django.utils import timezone, translation
from django.utils.formats import date_format

from mentors.models import ContractMonth


def today() -> datetime.date:
    return timezone.localdate()


def days_ago(days: int) -> datetime.date:
    return today() - datetime.timedelta(days=days)


def log_in(client, user):
    client.force_login(user)
    client.cookies["atbalsts_language"] = "en"
    return client


def lock_month(contract, day: datetime.date) -> ContractMonth:
    return ContractMonth.objects.create(
        contract=contract, month=day.replace(day=1), status=ContractMonth.Status.LOCKED
    )


def shown(day: datetime.date) -> str:
    """A date as the English pages show it."""
    with translation.override("en"):
        return date_format(day, "SHORT_DATE_FORMAT")
