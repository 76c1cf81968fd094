"""Reporting pages: the dashboard (fund staff: every provider; a coordinator: their own), payment
statements with month locking, referral figures per municipality, press figures, and every table as
CSV and XLSX. Every figure comes from `reporting.queries`; no page counts anything itself.
One module per aggregate.

Access is decided by `mentors.access` (deny by default; a page or object the user may not see is a 404):
- fund staff: everything; they see client numbers, never names;
- a provider coordinator: the dashboard, statements and referral figures of their own provider, read
  only (locking is the fund's: 403);
- a municipal social worker: the referral figures of their own municipality.
"""

from .approval import statements_approve
from .dashboard import DashboardView, ExportView, ReferralFiguresView
from .officer_log import OfficerLogView
from .press import PressExportView, PressView
from .statements import (
    StatementExportView,
    StatementListView,
    StatementPrintView,
    StatementView,
    statement_lock,
    statement_unlock,
)

__all__ = [
    "DashboardView",
    "ExportView",
    "OfficerLogView",
    "PressExportView",
    "PressView",
    "ReferralFiguresView",
    "StatementExportView",
    "StatementListView",
    "StatementPrintView",
    "StatementView",
    "statement_lock",
    "statements_approve",
    "statement_unlock",
]
