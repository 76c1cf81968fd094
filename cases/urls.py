from django.urls import path

from . import views

app_name = "cases"

# Clients and referrals.
referral_urls = [
    path("clients/", views.ClientListView.as_view(), name="client_list"),
    path("clients/new/", views.ClientRegisterView.as_view(), name="client_register"),
    path("clients/<int:pk>/", views.ClientDetailView.as_view(), name="client_detail"),
    path("clients/<int:pk>/edit/", views.ClientEditView.as_view(), name="client_edit"),
    path("clients/<int:pk>/household/", views.HouseholdMemberAddView.as_view(), name="household_member_add"),
    path("clients/<int:pk>/household/link/", views.link_household_member, name="household_link"),
    path("clients/<int:pk>/household/remove/", views.remove_household_member, name="household_remove"),
    path("clients/<int:pk>/consent/", views.ConsentRecordView.as_view(), name="consent_record"),
    path("clients/<int:pk>/consent/withdraw/", views.ConsentWithdrawView.as_view(), name="consent_withdraw"),
    path("clients/<int:pk>/status/", views.LegalStatusRecordView.as_view(), name="legal_status_record"),
    path("clients/<int:pk>/refer/", views.ReferralCreateView.as_view(), name="referral_create"),
    path("clients/<int:pk>/intake/", views.IntakeEpisodeView.as_view(), name="intake_episode_open"),
    path("referrals/", views.ReferralListView.as_view(), name="referral_list"),
    path("referrals/<int:pk>/", views.ReferralDetailView.as_view(), name="referral_detail"),
    path("referrals/<int:pk>/accept/", views.accept_referral, name="referral_accept"),
    path("referrals/<int:pk>/return/", views.return_referral, name="referral_return"),
    path("referrals/<int:pk>/withdraw/", views.withdraw_referral, name="referral_withdraw"),
    path("referrals/<int:pk>/resubmit/", views.resubmit_referral, name="referral_resubmit"),
]

# Episodes, plans, visits, caseloads.
episode_urls = [
    path("caseload/", views.CaseloadView.as_view(), name="caseload"),
    path("team/", views.TeamView.as_view(), name="team"),
    path("episodes/<int:pk>/", views.EpisodeDetailView.as_view(), name="episode_detail"),
    path("episodes/<int:pk>/end/", views.EpisodeEndView.as_view(), name="episode_end"),
    path("episodes/<int:pk>/reassign/", views.EpisodeReassignView.as_view(), name="episode_reassign"),
    path("episodes/<int:pk>/extend/", views.EpisodeExtendView.as_view(), name="episode_extend"),
    path("episodes/<int:pk>/transfer/", views.EpisodeTransferView.as_view(), name="episode_transfer"),
    path(
        "episodes/<int:pk>/next-contact/", views.EpisodePlanContactView.as_view(), name="episode_plan_contact"
    ),
    path("episodes/<int:pk>/visits/new/", views.VisitCreateView.as_view(), name="visit_create"),
    path("visits/<int:pk>/edit/", views.VisitEditView.as_view(), name="visit_edit"),
    path("visits/<int:pk>/delete/", views.visit_delete, name="visit_delete"),
    path("episodes/<int:pk>/plan/new/", views.plan_create, name="plan_create"),
    path("plans/<int:pk>/", views.PlanDetailView.as_view(), name="plan_detail"),
    path("plans/<int:pk>/revise/", views.PlanReviseView.as_view(), name="plan_revise"),
    path("plans/<int:pk>/assessment/", views.PlanAssessmentView.as_view(), name="plan_assessment"),
    path("plans/<int:pk>/agreement/", views.PlanAgreementView.as_view(), name="plan_agreement"),
    path("plans/<int:pk>/print/", views.plan_print, name="plan_print"),
    path("plans/<int:pk>/compare/", views.PlanCompareView.as_view(), name="plan_compare"),
    path("plans/<int:pk>/goals/new/", views.GoalCreateView.as_view(), name="goal_create"),
    path("goals/<int:pk>/steps/new/", views.StepCreateView.as_view(), name="step_create"),
    path("steps/<int:pk>/edit/", views.StepEditView.as_view(), name="step_edit"),
    path("goals/<int:pk>/edit/", views.GoalEditView.as_view(), name="goal_edit"),
    path("goals/<int:pk>/progress/", views.GoalProgressView.as_view(), name="goal_progress"),
    path("handovers/", views.HandoverListView.as_view(), name="handover_list"),
    path("handovers/new/", views.HandoverCreateView.as_view(), name="handover_create"),
    path("handovers/<int:pk>/", views.HandoverDetailView.as_view(), name="handover_detail"),
]

# The data protection desk (subject access, erasure, probable duplicates).
privacy_urls = [
    path("privacy/", views.PrivacyDeskView.as_view(), name="privacy_desk"),
    path("privacy/clients/<int:pk>/access/", views.subject_access_download, name="subject_access"),
    path("privacy/clients/<int:pk>/erase/", views.ClientEraseView.as_view(), name="client_erase"),
    path("privacy/clients/<int:pk>/merge/", views.merge_duplicate, name="client_merge"),
]

urlpatterns = referral_urls + episode_urls + privacy_urls
