"""Reads of the cases app beyond the `for_user` querysets (lists, suggestions, flags), one module per aggregate."""

from .clients import client_duplicate_candidates, client_list, client_page
from .episodes import (
    BY_URGENCY,
    COMMON_ACTIVITIES,
    LIMIT_SOON_DAYS,
    NO_CONTACT_DAYS,
    TeamOverview,
    activities_for_visit_form,
    contacts_planned,
    contacts_planned_on,
    default_visit_place,
    episodes_needing_plan,
    episodes_with_flags,
    intake_contracts,
    open_caseload,
    team_overview,
    transfer_contracts,
)
from .plans import PlanComparison, plan_comparison
from .referrals import (
    covering_contracts,
    mentor_suggestions,
    referral_answer_due,
    referral_counts,
    referral_list,
    referral_overdue_before,
    referral_story,
    referrals_with_overdue_flag,
)
from .search import client_search

__all__ = [
    "BY_URGENCY",
    "PlanComparison",
    "plan_comparison",
    "COMMON_ACTIVITIES",
    "LIMIT_SOON_DAYS",
    "NO_CONTACT_DAYS",
    "TeamOverview",
    "activities_for_visit_form",
    "client_duplicate_candidates",
    "client_list",
    "client_page",
    "client_search",
    "contacts_planned",
    "contacts_planned_on",
    "covering_contracts",
    "default_visit_place",
    "episodes_needing_plan",
    "episodes_with_flags",
    "intake_contracts",
    "mentor_suggestions",
    "open_caseload",
    "referral_answer_due",
    "referral_counts",
    "referral_list",
    "referral_overdue_before",
    "referral_story",
    "referrals_with_overdue_flag",
    "team_overview",
    "transfer_contracts",
]
