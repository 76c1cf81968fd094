"""What fund staff see first: this month's figures of each programme running, the payment statements
waiting for approval (`reporting.statements.statements_awaiting_approval`'s), and the early warnings.
Every figure comes from the reporting querysets (`programme_month_figures`, the monthly report's
figures of a month, `contract_month_figures`, the statements', and `warnings_by_programme`, the
dashboard's warnings), the same as the dashboard's and the statements', read for every programme at
once: the same queries for one programme or many."""

import datetime
from dataclasses import dataclass

from django.db.models import BooleanField, ExpressionWrapper, Q

from mentors.models import Contract, Programme, Provider

from .early_warnings import ProviderWarnings, warnings_by_programme
from .periods import Period, month_start
from .queries import ContractMonthFigures, Figures, contract_month_figures, programme_month_figures
from .statements import awaiting_among, awaiting_period, may_await_approval


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


@dataclass
class FundHome:
    """The fund's home page: each programme running (`ProgrammeMonth`) and the statements awaiting
    approval (`statements_awaiting_approval`)."""

    programmes: list[ProgrammeMonth]
    awaiting: list[ContractMonthFigures]


def fund_home_contents(
    *, today: datetime.date, programme: Programme | None = None, provider: Provider | None = None
) -> FundHome:
    """This month's figures and today's early warnings of every programme running today, by code, and
    the statements awaiting approval (of `programme` and `provider`, if given), read together: the
    contracts of both in one query, and their contract months (the statements' months and this one)
    counted in one pass, so that a contract's served count, locked months and funding shares are read
    once. A fixed number of queries, however many programmes."""
    month = month_start(today)
    waiting = awaiting_period(today)
    contracts = list(
        Contract.objects.annotate(
            running=ExpressionWrapper(Q(programme__in=running_programmes(today)), BooleanField()),
            may_await=ExpressionWrapper(
                may_await_approval(waiting, programme=programme, provider=provider), BooleanField()
            ),
        )
        .filter(Q(running=True) | Q(may_await=True))
        .select_related("programme", "provider")
    )
    # Every contract of the programmes running, as each programme's report counts them.
    running = [contract for contract in contracts if contract.running]
    if programme is None and provider is None:
        # The statements' contracts, those in force in the year, are the running ones but those ended
        # within it (a running contract not in force in the year has nothing in it): the year and this
        # month in one pass.
        contract_months = contract_month_figures(
            period=Period(waiting.first_month, month), contracts=contracts
        )
    else:
        # One provider's or programme's statements: their months apart, not every running contract's.
        contract_months = contract_month_figures(
            period=waiting, contracts=[contract for contract in contracts if contract.may_await]
        ) + contract_month_figures(period=Period(month, month), contracts=running)
    figures = programme_month_figures(
        contracts=running,
        month=month,
        contract_months=[f for f in contract_months if f.month == month and f.contract.running],
    )
    warnings = warnings_by_programme(running, today=today)
    programmes = sorted({contract.programme for contract in running}, key=lambda programme: programme.code)
    return FundHome(
        programmes=[
            ProgrammeMonth(
                programme=programme,
                month=month,
                figures=figures[programme.pk],
                warnings=warnings.get(programme.pk, []),
            )
            for programme in programmes
        ],
        awaiting=awaiting_among(contract_months, today=today),
    )
