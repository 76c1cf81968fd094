"""What fund staff see first: this month's figures of each programme running, the payment statements
waiting for approval (`reporting.statements.statements_awaiting_approval`), and the early warnings.
Every figure comes from the reporting querysets (`monthly_report`, `provider_warnings`), the same as the
dashboard's and the statements'."""

import datetime
from dataclasses import dataclass

from mentors.models import Contract, Programme

from .early_warnings import ProviderWarnings, provider_warnings
from .periods import Period, month_start
from .queries import Figures, monthly_report


@dataclass
class ProgrammeMonth:
    """A programme's figures for the month so far and its early warnings today."""

    programme: Programme
    month: datetime.date
    figures: Figures
    warnings: list[ProviderWarnings]

    def warning_total(self, name: str) -> int:
        return sum(getattr(warning, name) for warning in self.warnings)

    @property
    def referrals_waiting(self) -> int:
        return self.warning_total("referrals_waiting")

    @property
    def past_limit(self) -> int:
        return self.warning_total("past_limit")

    @property
    def no_contact(self) -> int:
        return self.warning_total("no_contact")


def running_programmes(today: datetime.date):
    """The programmes with a contract in force today, by code."""
    in_force = Contract.objects.filter(starts_on__lte=today, ends_on__gte=today).exclude(
        terminated_on__lt=today
    )
    return Programme.objects.filter(pk__in=in_force.values("programme_id")).order_by("code")


def programme_months(*, today: datetime.date) -> list[ProgrammeMonth]:
    """This month's figures (served so far, new, active, payable, capacity) and today's early warnings
    of every programme running today."""
    month = month_start(today)
    period = Period(month, month)
    return [
        ProgrammeMonth(
            programme=programme,
            month=month,
            figures=monthly_report(programme=programme, period=period).all_months[month],
            warnings=provider_warnings(programme, today=today),
        )
        for programme in running_programmes(today)
    ]
