"""What each kind of notification says, written when it is shown or sent, in the reader's language.

A notification keeps only language-neutral parameters (a client's first name and number, a count, a
month as an ISO date, a programme's code), so the same row reads in Latvian, Ukrainian or Russian.
Its `detail` (a return reason, the mentor's full name) is shown in the application only, never in an
e-mail: an e-mail may be read on a shared phone and carries nothing beyond a first name and a client
number.
"""

import datetime

from django.db import models
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext


class Kind(models.TextChoices):
    REFERRAL_SUBMITTED = "referral_submitted", _("a referral arrived")
    REFERRAL_OVERDUE = "referral_overdue", _("a referral is overdue")
    REFERRAL_ACCEPTED = "referral_accepted", _("a referral was accepted")
    REFERRAL_RETURNED = "referral_returned", _("a referral was returned")
    EPISODE_TRANSFERRED_IN = "episode_transferred_in", _("an episode was transferred in")
    EPISODES_HANDED_OVER = "episodes_handed_over", _("episodes were handed over")
    EPISODE_TRANSFERRED = "episode_transferred", _("an episode was transferred")
    EPISODE_ENDED = "episode_ended", _("an episode ended")
    CLIENT_ASSIGNED = "client_assigned", _("a client was assigned")
    CASELOAD_DUE = "caseload_due", _("the day's caseload reminders")
    MONTH_LOCKED = "month_locked", _("a month was locked")
    MONTH_UNLOCKED = "month_unlocked", _("a month was unlocked")
    STATEMENTS_AWAIT = "statements_await", _("statements await approval")
    CAPACITY_LOW = "capacity_low", _("a provider is under capacity")


def _month(value: str) -> str:
    return date_format(datetime.date.fromisoformat(value), "YEAR_MONTH_FORMAT")


def text(kind: str, params: dict) -> str:
    """The notification's sentence in the active language."""
    p = dict(params)
    if "month" in p:
        p["month"] = _month(p["month"])
    if "previous_month" in p:
        p["previous_month"] = _month(p["previous_month"])
    match kind:
        case Kind.REFERRAL_SUBMITTED:
            return _("New referral: %(first_name)s (%(client)s), %(programme)s.") % p
        case Kind.REFERRAL_OVERDUE:
            return _("The referral of %(first_name)s (%(client)s) has not been answered in time.") % p
        case Kind.REFERRAL_ACCEPTED:
            return (
                _("Your referral of %(first_name)s (%(client)s) was accepted; the mentor is %(mentor)s.") % p
            )
        case Kind.REFERRAL_RETURNED:
            return _("Your referral of %(first_name)s (%(client)s) was returned to you.") % p
        case Kind.EPISODE_TRANSFERRED_IN:
            return _("%(first_name)s (%(client)s) was transferred to your organisation: assign a mentor.") % p
        case Kind.EPISODES_HANDED_OVER:
            return (
                ngettext(
                    "%(count)d episode was handed over to your organisation: assign mentors.",
                    "%(count)d episodes were handed over to your organisation: assign mentors.",
                    p["count"],
                )
                % p
            )
        case Kind.EPISODE_TRANSFERRED:
            return _("The episode of %(first_name)s (%(client)s) moved to another provider.") % p
        case Kind.EPISODE_ENDED:
            return _("The episode of %(first_name)s (%(client)s) ended.") % p
        case Kind.CLIENT_ASSIGNED:
            return _("%(first_name)s (%(client)s) was assigned to you.") % p
        case Kind.CASELOAD_DUE:
            return (
                _(
                    "Your clients today: limit within 7 days — %(limits)d; no contact for 14 days — "
                    "%(silent)d; planned contact due — %(planned)d."
                )
                % p
            )
        case Kind.MONTH_LOCKED:
            return _("The payment statement of %(month)s (%(programme)s) was approved and locked.") % p
        case Kind.MONTH_UNLOCKED:
            return _("The payment statement of %(month)s (%(programme)s) was unlocked for corrections.") % p
        case Kind.STATEMENTS_AWAIT:
            return _("Payment statements of %(month)s awaiting approval: %(count)d.") % p
        case Kind.CAPACITY_LOW:
            return (
                _("%(provider)s served under 80%% of its capacity in %(previous_month)s and %(month)s.") % p
            )
    raise ValueError(f"Unknown notification kind {kind!r}")


DETAIL_LABELS = {
    Kind.REFERRAL_RETURNED: _("Reason"),
    Kind.REFERRAL_ACCEPTED: _("Mentor"),
}


def detail_label(kind: str) -> str:
    return DETAIL_LABELS.get(kind, "")
