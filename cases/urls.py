from django.urls import path

from . import views

app_name = "cases"

# Clients and referrals (issue 3).
referral_urls = []

# Episodes, plans, visits, caseloads (issue 4).
episode_urls = [
    path("caseload/", views.CaseloadView.as_view(), name="caseload"),
    path("team/", views.TeamView.as_view(), name="team"),
    path("episodes/<int:pk>/", views.EpisodeDetailView.as_view(), name="episode_detail"),
    path("episodes/<int:pk>/end/", views.EpisodeEndView.as_view(), name="episode_end"),
    path("episodes/<int:pk>/reassign/", views.EpisodeReassignView.as_view(), name="episode_reassign"),
    path("episodes/<int:pk>/extend/", views.EpisodeExtendView.as_view(), name="episode_extend"),
    path("episodes/<int:pk>/transfer/", views.EpisodeTransferView.as_view(), name="episode_transfer"),
    path("episodes/<int:pk>/visits/new/", views.VisitCreateView.as_view(), name="visit_create"),
    path("visits/<int:pk>/edit/", views.VisitEditView.as_view(), name="visit_edit"),
    path("visits/<int:pk>/delete/", views.visit_delete, name="visit_delete"),
    path("episodes/<int:pk>/plan/new/", views.plan_create, name="plan_create"),
    path("plans/<int:pk>/", views.PlanDetailView.as_view(), name="plan_detail"),
    path("plans/<int:pk>/revise/", views.plan_revise, name="plan_revise"),
    path("plans/<int:pk>/goals/new/", views.GoalCreateView.as_view(), name="goal_create"),
    path("goals/<int:pk>/edit/", views.GoalEditView.as_view(), name="goal_edit"),
    path("goals/<int:pk>/progress/", views.GoalProgressView.as_view(), name="goal_progress"),
    path("handovers/", views.HandoverListView.as_view(), name="handover_list"),
    path("handovers/new/", views.HandoverCreateView.as_view(), name="handover_create"),
    path("handovers/<int:pk>/", views.HandoverDetailView.as_view(), name="handover_detail"),
]

urlpatterns = referral_urls + episode_urls
