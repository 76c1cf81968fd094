"""What fund staff see first: this month's figures of each programme running, the payment statements
waiting for approval, and the early warnings. Every figure comes from the reporting querysets
(`monthly_report`, `provider_warnings`), the same as the dashboard's and the statements'."""

import datetime
from dataclasses import dataclass

from django.db.models import Q

from cases.rules.limits import add_months
from mentors.models import Contract, Programme, Provider

from .early_warnings import ProviderWarnings, provider_warnings
from .periods import Period, month_start
from .queries import ContractMonthFigures, Figures, in_force_in, monthly_report

AWAITING_MONTHS = 12  # how far back the home page looks for months not yet approved


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


def statements_awaiting_approval(
    *, today: datetime.date, programme: Programme | None = None, provider: Provider | None = None
) -> list[ContractMonthFigures]:
    """The contract months of the last `AWAITING_MONTHS` whole months in which the contract was in
    force and which the fund has not approved and locked yet, oldest first (`monthly_report`'s
    contract months: the served count and payment the statement shows)."""
    last = add_months(month_start(today), -1)
    period = Period(add_months(last, -(AWAITING_MONTHS - 1)), last)
    contracts = Contract.objects.filter(starts_on__lte=period.end).filter(
        Q(terminated_on__isnull=True, ends_on__gte=period.start) | Q(terminated_on__gte=period.start)
    )
    if provider is not None:
        contracts = contracts.filter(provider=provider)
    programmes = Programme.objects.filter(pk__in=contracts.values("programme_id")).order_by("code")
    if programme is not None:
        programmes = programmes.filter(pk=programme.pk)
    awaiting = []
    for each in programmes:
        report = monthly_report(programme=each, period=period, provider=provider)
        for figures in report.contract_months:
            if not figures.payment.approved and in_force_in(figures.contract, figures.month):
                figures.contract.programme = each  # the report's contracts come without it
                awaiting.append(figures)
    return sorted(
        awaiting, key=lambda f: (f.month, f.contract.programme.code, f.contract.provider.code, f.contract.pk)
    )
