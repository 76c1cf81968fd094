"""Clients, households, legal status, consent, referrals, episodes, inclusion plans and visits.

One module per aggregate. Writes go through `cases.services`; reads through the `for_user`
querysets. The fund pays on `Visit`/`VisitAttendance`: a visit keeps the contract its episode had on
the day it was logged, so a transfer or handover never moves a month already served.
"""

from .clients import Client, Consent, Household, LegalStatusRecord
from .episodes import Episode, EpisodeContract, EpisodeEvent, EpisodeExtension, Handover
from .imports import ImportedClientRef
from .plans import InclusionPlan, PlanAssessment, PlanGoal, PlanStep
from .privacy import ClientEvent
from .reference import Activity, EndReason, GoalArea, LegalStatus, ReferenceData
from .referrals import Referral, ReferralEvent
from .served import ServedMonth, VisitMonth
from .visits import Visit, VisitAttendance

__all__ = [
    "Activity",
    "Client",
    "ClientEvent",
    "Consent",
    "EndReason",
    "Episode",
    "EpisodeContract",
    "EpisodeEvent",
    "EpisodeExtension",
    "GoalArea",
    "Handover",
    "Household",
    "ImportedClientRef",
    "InclusionPlan",
    "LegalStatus",
    "LegalStatusRecord",
    "PlanAssessment",
    "PlanGoal",
    "PlanStep",
    "ReferenceData",
    "Referral",
    "ReferralEvent",
    "ServedMonth",
    "Visit",
    "VisitAttendance",
    "VisitMonth",
]
