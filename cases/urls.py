from django.urls import path

from . import views

app_name = "cases"

# Clients and referrals (issue 3).
referral_urls = [
    path("clients/", views.ClientListView.as_view(), name="client_list"),
    path("clients/new/", views.ClientRegisterView.as_view(), name="client_register"),
    path("clients/<int:pk>/", views.ClientDetailView.as_view(), name="client_detail"),
    path("clients/<int:pk>/edit/", views.ClientEditView.as_view(), name="client_edit"),
    path("clients/<int:pk>/household/", views.HouseholdMemberAddView.as_view(), name="household_member_add"),
    path("clients/<int:pk>/household/link/", views.link_household_member, name="household_link"),
    path("clients/<int:pk>/consent/", views.ConsentRecordView.as_view(), name="consent_record"),
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

# Episodes, plans, visits, caseloads (issue 4).
episode_urls = []

urlpatterns = referral_urls + episode_urls
