"""When a contact may be recorded: the one rule on a visit's date (DOMAIN.md "Rules the software
enforces"), asked by the visit services and by anything else that records contacts."""

import datetime

from django.utils.formats import date_format
from django.utils.translation import gettext as _


def contact_date_refusal(
    visited_on: datetime.date, *, today: datetime.date, episode, contract, month_locked: bool
) -> str | None:
    """Why a contact on `visited_on` may not be recorded in `episode` under `contract`, or None if it may.

    Only dates are read: the episode's `started_on`, `ended_on` and `limit_on`, the contract's
    `starts_on` and `last_day`; `month_locked` says whether the contract's month is locked for payment.
    """
    # The first rule broken gives the message; a message is only translated when it is given.
    if visited_on > today:
        return _("The date cannot be in the future.")
    if visited_on < episode.started_on:
        return _("The date is before the episode started.")
    if episode.ended_on is not None and visited_on > episode.ended_on:
        return _("The date is after the episode ended.")
    if episode.limit_on is not None and visited_on > episode.limit_on:
        return _("The date is after the time limit (%(date)s).") % {"date": date_format(episode.limit_on)}
    if not (contract.starts_on <= visited_on <= contract.last_day):
        return _("The date is outside the contract's period.")
    if month_locked:
        return _("The month is locked for payment; visits in it cannot be changed.")
    return None
