"""Legal status decisions: the day a status is granted (from which AS-ESF's limit runs) and which
decision dates can be recorded — the same for a person registered in the browser and an imported one."""

import datetime

from django.utils.translation import gettext as _

# Statuses that are an application still in procedure: no grant date, so no limit runs from one.
STATUSES_WITHOUT_GRANT = frozenset({"asylum_seeker"})


def status_granted_on(status_code: str, decided_on: datetime.date | None) -> datetime.date | None:
    """The day a status was granted: its decision date, except for an application still in procedure."""
    return None if status_code in STATUSES_WITHOUT_GRANT else decided_on


def status_decision_refusal(
    decided_on: datetime.date | None, *, date_of_birth: datetime.date, today: datetime.date
) -> str | None:
    """Why a decision on `decided_on` cannot be recorded for a person born on `date_of_birth`, or None."""
    if decided_on is None:
        return None
    if decided_on > today:
        return _("The decision date cannot be in the future.")
    if decided_on < date_of_birth:
        return _("The decision date cannot be before the date of birth.")
    return None
