"""Forms of the cases app: validate and lay out (crispy FormHelper); take `user=` to scope choices."""

from .clients import ClientForm, ConsentForm, ConsentWithdrawalForm, HouseholdLinkForm, LegalStatusForm
from .episodes import (
    EpisodeEndForm,
    EpisodeExtendForm,
    EpisodeReassignForm,
    EpisodeTransferForm,
    HandoverForm,
    IntakeEpisodeForm,
    MentorChoiceField,
    TeamForm,
    mentor_choices,
    mentor_label,
)
from .planned_contacts import PlannedContactForm
from .plans import (
    PRINT_LANGUAGES,
    GoalProgressForm,
    PlanAgreementForm,
    PlanAssessmentForm,
    PlanGoalForm,
    PlanReviseForm,
    PlanStepForm,
)
from .referrals import (
    ReferralAcceptForm,
    ReferralForm,
    ReferralResubmitForm,
    ReferralReturnForm,
    ReferralWithdrawForm,
)
from .visits import VisitForm

__all__ = [
    "ClientForm",
    "ConsentForm",
    "ConsentWithdrawalForm",
    "EpisodeEndForm",
    "EpisodeExtendForm",
    "EpisodeReassignForm",
    "EpisodeTransferForm",
    "GoalProgressForm",
    "HandoverForm",
    "HouseholdLinkForm",
    "IntakeEpisodeForm",
    "LegalStatusForm",
    "MentorChoiceField",
    "PRINT_LANGUAGES",
    "PlanAgreementForm",
    "PlanAssessmentForm",
    "PlanGoalForm",
    "PlanReviseForm",
    "PlanStepForm",
    "PlannedContactForm",
    "ReferralAcceptForm",
    "ReferralForm",
    "ReferralResubmitForm",
    "ReferralReturnForm",
    "ReferralWithdrawForm",
    "TeamForm",
    "VisitForm",
    "mentor_choices",
    "mentor_label",
]
