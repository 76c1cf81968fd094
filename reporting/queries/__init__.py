"""The counting rules of DOMAIN.md "Counting": the one place every reported figure is computed.

Every page, export and command takes its numbers from these functions, so they are identical
everywhere. Everything is aggregated in the database, one query per figure family for the whole
range (never a query per month or per provider), so a report costs a fixed number of queries.

- *Served* in month M by provider P: distinct clients present (`VisitAttendance`) at a visit dated
  in M whose `visit.contract` — the contract the episode had on the day of the contact — belongs to
  P and to the programme. A family visit counts every person present. Read from `ServedMonth`, one
  row per person, contract and month, which the visit services keep (`cases.services.served`).
- *Served over a period*: distinct over the period, never a sum of months.
- *New* in a period: served in it, with no episode of the same programme started before it.
- *Active at month end*: episodes started on or before the month's last day and not ended before it,
  counted under the contract the episode had on that day (`EpisodeContract`, its history).
- *Ended* in M: episodes whose end date falls in M, by reason.
- *Child*: under 18 on the first day of the reporting period (the month, or the whole period).
- *Payable*: served per contract × the contract's rate, split by the programme's funding shares
  (`mentors.payments`); for a month the fund has locked, the payment frozen when it was approved.
  `contract_month_payments` is the one place that chooses between the two.
- *Capacity use*: served ÷ the monthly capacity of the contracts in force.

The package has one module per aggregate: `contracts` (contracts and payments), `served` (the served
months), `visits`, `episodes` (ended, active) and `report` (the monthly report built from them).
"""

from ..periods import Period
from .contracts import contract_month_payments, in_force_in, programme_contracts
from .episodes import active_at_month_ends, end_reasons, ended_by_month, ended_for_reason
from .report import (
    ALL,
    ContractMonthFigures,
    Figures,
    MonthlyReport,
    ReportRow,
    contract_month_figures,
    monthly_report,
    programme_month_figures,
)
from .served import (
    GROUP_KEYS,
    CountryFigures,
    ServedFigures,
    period_totals,
    served_by_country,
    served_by_month,
    served_clients,
    served_in_total,
    served_months,
    served_report,
)
from .visits import visits_by_month

__all__ = [
    "ALL",
    "GROUP_KEYS",
    "ContractMonthFigures",
    "CountryFigures",
    "ServedFigures",
    "Figures",
    "MonthlyReport",
    "Period",
    "ReportRow",
    "active_at_month_ends",
    "contract_month_figures",
    "contract_month_payments",
    "end_reasons",
    "ended_by_month",
    "ended_for_reason",
    "in_force_in",
    "monthly_report",
    "period_totals",
    "programme_contracts",
    "programme_month_figures",
    "served_by_country",
    "served_by_month",
    "served_clients",
    "served_in_total",
    "served_report",
    "served_months",
    "visits_by_month",
]
