"""What fund staff see first: this month's figures of each programme running, the payment statements
waiting for approval (`reporting.statements.statements_awaiting_approval`), and the early warnings.
Every figure comes from the reporting querysets (`programme_month_figures`, the monthly report's
figures of a month, and `warnings_by_programme`, the dashboard's warnings), the same as the dashboard's
and the statements', read for every programme at once: the same queries for one programme or many."""

import datetime
from dataclasses import dataclass

from mentors.models import Contract, Programme

from .early_warnings import ProviderWarnings, warnings_by_programme
from .periods import month_start
from .queries import Figures, programme_month_figures


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


def running_contracts(today: datetime.date) -> list[Contract]:
    """Every contract of the programmes running today (a programme's figures count all its contracts,
    as its report does), with their programme and provider."""
    return list(
        Contract.objects.filter(programme__in=running_programmes(today)).select_related(
            "programme", "provider"
        )
    )


def programme_months(*, today: datetime.date) -> list[ProgrammeMonth]:
    """This month's figures (served so far, new, active, payable, capacity) and today's early warnings
    of every programme running today, by code."""
    month = month_start(today)
    contracts = running_contracts(today)
    figures = programme_month_figures(contracts=contracts, month=month)
    warnings = warnings_by_programme(contracts, today=today)
    programmes = sorted({contract.programme for contract in contracts}, key=lambda programme: programme.code)
    return [
        ProgrammeMonth(
            programme=programme,
            month=month,
            figures=figures[programme.pk],
            warnings=warnings.get(programme.pk, []),
        )
        for programme in programmes
    ]
