"""Access follows the need (issue 10, defect 5): a mentor sees a client while an episode of the client
with them is open and for ACCESS_AFTER_EPISODE_END_DAYS after it ended, then no longer; a withdrawn
or returned referral gives the provider nothing; the coordinator keeps the provider's ended episodes."""

import pytest
from django.urls import reverse

from cases.models import EndReason, Referral
from cases.services import referral_resubmit, referral_return
from tests import factories as f
from tests.cases.episode_support import days_ago, log_in


def ended_episode(provider, *, ended_days_ago: int, family_name: str):
    """An episode of `provider`'s mentor with a visit and a plan, ended `ended_days_ago` days ago."""
    client = f.ConsentedClientFactory(family_name=family_name, residence_municipality=f.municipality("Rīga"))
    episode = f.EpisodeFactory(
        client=client,
        contract=provider.contract,
        mentor=provider.mentor,
        started_on=days_ago(ended_days_ago + 60),
    )
    visit = f.VisitFactory(episode=episode, visited_on=days_ago(ended_days_ago + 30), notes="Found a flat.")
    plan = f.InclusionPlanFactory(episode=episode)
    f._end_as_history(
        episode,
        ended_on=days_ago(ended_days_ago),
        end_reason=EndReason.objects.get(code="plan_achieved"),
        closing_summary="Settled.",
    )
    return episode, visit, plan


def pages(episode, visit, plan) -> list[str]:
    return [
        reverse("cases:client_detail", args=[episode.client_id]),
        reverse("cases:episode_detail", args=[episode.pk]),
        reverse("cases:visit_edit", args=[visit.pk]),
        reverse("cases:plan_detail", args=[plan.pk]),
    ]


def test_a_former_mentor_no_longer_opens_a_client_of_an_episode_ended_years_ago(client, provider_x):
    episode, visit, plan = ended_episode(provider_x, ended_days_ago=3 * 365, family_name="Melnyk")
    log_in(client, provider_x.mentor.user)
    for path in pages(episode, visit, plan):
        assert client.get(path).status_code == 404, path
    assert "Melnyk" not in client.get(reverse("cases:client_list")).content.decode()
    assert "Melnyk" not in client.get(reverse("cases:caseload")).content.decode()


def test_the_mentor_keeps_a_lately_ended_episode_for_the_grace_period(client, provider_x, settings):
    episode, visit, plan = ended_episode(provider_x, ended_days_ago=10, family_name="Melnyk")
    log_in(client, provider_x.mentor.user)
    for path in pages(episode, visit, plan):
        assert client.get(path).status_code == 200, path
    settings.ACCESS_AFTER_EPISODE_END_DAYS = 7
    for path in pages(episode, visit, plan):
        assert client.get(path).status_code == 404, path


def test_the_coordinator_keeps_the_providers_ended_episodes(client, provider_x):
    episode, visit, plan = ended_episode(provider_x, ended_days_ago=3 * 365, family_name="Melnyk")
    log_in(client, provider_x.coordinator.user)
    for path in pages(episode, visit, plan):
        assert client.get(path).status_code == 200, path


@pytest.mark.parametrize("status", [Referral.Status.WITHDRAWN, Referral.Status.RETURNED])
def test_a_withdrawn_or_returned_referral_gives_the_provider_nothing(client, provider_x, sw_a, status):
    person = f.ConsentedClientFactory(registered_by=sw_a, family_name="Shevchuk")
    referral = f.ReferralFactory(client=person, contract=provider_x.contract, filed_by=sw_a, status=status)
    for member in (provider_x.coordinator, provider_x.social_worker):
        log_in(client, member.user)
        assert client.get(reverse("cases:client_detail", args=[person.pk])).status_code == 404
        assert client.get(reverse("cases:referral_detail", args=[referral.pk])).status_code == 404
        for listing in ("cases:client_list", "cases:referral_list"):
            page = client.get(reverse(listing), {"status": ""}).content.decode()
            assert "Shevchuk" not in page, listing
    log_in(client, sw_a)  # the municipality still has the person and the referral
    assert client.get(reverse("cases:referral_detail", args=[referral.pk])).status_code == 200


def test_a_returned_referral_comes_back_to_the_provider_when_resent(client, provider_x, sw_a):
    person = f.ConsentedClientFactory(registered_by=sw_a, family_name="Shevchuk")
    referral = f.ReferralFactory(client=person, contract=provider_x.contract, filed_by=sw_a)
    log_in(client, provider_x.coordinator.user)
    path = reverse("cases:referral_detail", args=[referral.pk])
    assert client.get(path).status_code == 200
    referral_return(referral=referral, reason="Needs the address.", by=provider_x.coordinator.user)
    assert client.get(path).status_code == 404
    referral.refresh_from_db()
    referral_resubmit(
        referral=referral, needs_text="Lives at Brīvības iela 5.", note="Address added.", by=sw_a
    )
    assert client.get(path).status_code == 200


def test_returning_a_referral_leads_the_coordinator_back_to_the_inbox(client, provider_x, sw_a):
    referral = f.ReferralFactory(contract=provider_x.contract, filed_by=sw_a)
    log_in(client, provider_x.coordinator.user)
    response = client.post(
        reverse("cases:referral_return", args=[referral.pk]), {"return-reason": "No free mentor."}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("cases:referral_list")
