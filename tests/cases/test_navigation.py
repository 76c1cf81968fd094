"""A way between pages: the person's page links to each episode and referral, the episode page to the
person and the referral, and the referral tells its whole story to the social worker who filed it."""

import pytest
from django.urls import reverse

from cases.models import Referral
from cases.services import episode_transfer
from tests import factories as f
from tests.cases.episode_support import days_ago, log_in, today

pytestmark = pytest.mark.django_db


def _accepted(provider_x, **kwargs):
    return f.ReferralFactory(
        contract=provider_x.contract,
        status=Referral.Status.ACCEPTED,
        mentor=provider_x.mentor,
        accepted_on=days_ago(30),
        **kwargs,
    )


def test_the_persons_page_links_to_each_episode_and_referral(client, provider_x):
    withdrawn = f.ReferralFactory(contract=provider_x.contract, status=Referral.Status.WITHDRAWN)
    referral = _accepted(provider_x, client=withdrawn.client)
    page = log_in(client, referral.filed_by).get(reverse("cases:client_detail", args=[referral.client.pk]))
    html = page.content.decode()
    assert f'href="{reverse("cases:episode_detail", args=[referral.episode.pk])}"' in html
    for one in (referral, withdrawn):
        assert f'href="{reverse("cases:referral_detail", args=[one.pk])}"' in html


@pytest.mark.parametrize("who", ["coordinator", "mentor"])
def test_the_episode_page_links_to_the_person_and_the_referral(client, provider_x, who):
    referral = _accepted(provider_x)
    episode = referral.episode
    page = log_in(client, getattr(provider_x, who).user).get(
        reverse("cases:episode_detail", args=[episode.pk])
    )
    html = page.content.decode()
    person = reverse("cases:client_detail", args=[episode.client_id])
    assert f'href="{person}" data-testid="person-link"' in html
    assert (
        f'href="{reverse("cases:referral_detail", args=[referral.pk])}" data-testid="referral-link"' in html
    )
    # The pages of its visits link back to the episode.
    visit_form = client.get(reverse("cases:visit_create", args=[episode.pk])).content.decode()
    assert 'data-testid="person-link"' not in visit_form
    assert f'href="{reverse("cases:episode_detail", args=[episode.pk])}"' in visit_form


def test_the_referring_social_worker_follows_the_outcome_to_the_person_and_back(client, provider_x):
    referral = _accepted(provider_x)
    log_in(client, referral.filed_by)
    outcome = client.get(reverse("cases:episode_detail", args=[referral.episode.pk])).content.decode()
    assert 'data-testid="person-link"' in outcome and 'data-testid="referral-link"' in outcome


def test_the_referral_tells_its_story_through_a_transfer_and_names_the_current_provider(
    client, provider_x, provider_y
):
    referral = _accepted(provider_x)
    episode = referral.episode
    episode_transfer(
        episode=episode,
        contract=provider_y.contract,
        transferred_on=today(),
        note="Moved to Daugavpils",
        by=provider_x.coordinator.user,
    )
    log_in(client, referral.filed_by)
    client.cookies["atbalsts_language"] = "en"
    html = client.get(reverse("cases:referral_detail", args=[referral.pk])).content.decode()
    story = html[html.index('data-testid="referral-story"') :]
    assert story.index("Submitted") < story.index("Transferred to another provider")
    assert f"{provider_x.contract} → {provider_y.contract}" in story
    assert "Moved to Daugavpils" not in story  # the provider's note is theirs
    assert f"Now with {provider_y.provider.name}" in html


def test_a_referral_without_a_transfer_does_not_repeat_its_provider(client, provider_x):
    referral = _accepted(provider_x)
    log_in(client, referral.filed_by)
    html = client.get(reverse("cases:referral_detail", args=[referral.pk])).content.decode()
    assert 'data-testid="current-provider"' not in html
