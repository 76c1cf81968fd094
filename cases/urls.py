app_name = "cases"

# Clients and referrals (issue 3).
referral_urls = []

# Episodes, plans, visits, caseloads (issue 4).
episode_urls = []

urlpatterns = referral_urls + episode_urls
