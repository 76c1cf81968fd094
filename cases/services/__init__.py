"""Every change to case data goes through a function here, inside one transaction, one module per aggregate.

Naming: `<entity>_<action>(*, ..., by) -> result`. Validation errors raise `ServiceError` with a
translated message that the view shows next to the form.
"""

from ..rules.legal_status import STATUSES_WITHOUT_GRANT
from .clients import (
    CLIENT_FIELDS,
    client_register,
    client_update,
    consent_record,
    consent_withdraw,
    household_link,
    household_member_add,
    household_member_remove,
    legal_status_record,
)
from .episodes import (
    INTAKE_SOURCES,
    episode_end,
    episode_end_reasons,
    episode_extend,
    episode_open,
    episode_reassign,
    episode_refresh_limit,
    episode_transfer,
    handover_run,
    intake_episode_open,
    plan_goals_achieved,
    programme_rule_update,
)
from .errors import ServiceError
from .planned_contacts import PlannedContact, episode_plan_contact
from .plans import (
    plan_agreement_record,
    plan_assessment_set,
    plan_create,
    plan_goal_add,
    plan_goal_edit,
    plan_goal_set_status,
    plan_revise,
    plan_step_add,
    plan_step_edit,
)
from .referrals import referral_accept, referral_file, referral_resubmit, referral_return, referral_withdraw
from .visits import visit_delete, visit_edit, visit_log, visit_people

__all__ = [
    "CLIENT_FIELDS",
    "PlannedContact",
    "INTAKE_SOURCES",
    "STATUSES_WITHOUT_GRANT",
    "ServiceError",
    "client_register",
    "client_update",
    "consent_record",
    "consent_withdraw",
    "episode_end",
    "episode_end_reasons",
    "episode_extend",
    "episode_open",
    "episode_plan_contact",
    "episode_reassign",
    "episode_refresh_limit",
    "episode_transfer",
    "handover_run",
    "household_link",
    "household_member_add",
    "household_member_remove",
    "intake_episode_open",
    "legal_status_record",
    "plan_agreement_record",
    "plan_assessment_set",
    "plan_create",
    "plan_goal_add",
    "plan_goal_edit",
    "plan_goal_set_status",
    "plan_goals_achieved",
    "plan_revise",
    "plan_step_add",
    "plan_step_edit",
    "programme_rule_update",
    "referral_accept",
    "referral_file",
    "referral_resubmit",
    "referral_return",
    "referral_withdraw",
    "visit_delete",
    "visit_edit",
    "visit_log",
    "visit_people",
]
