"""What fund staff hear, from the daily checks (`manage.py notify_daily`): the statements of the month
just ended await approval (`statements_awaiting_approval`, the count the fund's home page shows); a
provider served under 80 % of its capacity two months running. The figures are the reports' own
(`monthly_report`), never a second count."""

import datetime

from django.urls import reverse

from mentors.models import FundStaff, Programme
from notifications.kinds import Kind
from notifications.services import notify

from .periods import Period, month_start
from .queries import monthly_report
from .statements import statements_awaiting_approval


def _fund_staff() -> list[int]:
    return list(
        FundStaff.objects.filter(kind=FundStaff.Kind.STAFF, user__is_active=True).values_list(
            "user_id", flat=True
        )
    )


def _month_before(day: datetime.date) -> datetime.date:
    return month_start(month_start(day) - datetime.timedelta(days=1))


def statements_await(*, today: datetime.date, email: bool = True) -> int:
    """Fund staff, once a month: how many statements of the month just ended are not yet approved.
    The notice links to the home page's list of the statements waiting, where every programme's are
    (the statements list shows one programme at a time) and can be approved together."""
    month = _month_before(today)
    waiting = len(statements_awaiting_approval(today=today, months=1))
    if not waiting:
        return 0
    notify(
        kind=Kind.STATEMENTS_AWAIT,
        recipients=_fund_staff(),
        url=f"{reverse('home')}#awaiting",
        params={"month": month.isoformat(), "count": waiting},
        key=f"statements-await:{month:%Y-%m}",
        email=email,
    )
    return waiting


def capacity_low(*, today: datetime.date, email: bool = True) -> int:
    """Fund staff, once per contract and month: a contract served under 80 % of its capacity in the
    month just ended and the one before (`MonthlyReport.under_capacity_runs`, the dashboard's rule)."""
    month = _month_before(today)
    period = Period(_month_before(month), month)
    warned = 0
    for programme in Programme.objects.order_by("code"):
        report = monthly_report(programme=programme, period=period)
        for contract, run in report.under_capacity_runs(today=today):
            if run[-1].month != month:
                continue
            warned += 1
            notify(
                kind=Kind.CAPACITY_LOW,
                recipients=_fund_staff(),
                url=(
                    f"{reverse('reporting:dashboard')}?programme={programme.code}"
                    f"&start={period.first_month:%Y-%m}&end={month:%Y-%m}"
                ),
                params={
                    "provider": contract.provider.name,
                    "previous_month": run[-2].month.isoformat(),
                    "month": month.isoformat(),
                },
                key=f"capacity-low:{contract.pk}:{month:%Y-%m}",
                email=email,
            )
    return warned
