"""Pages that would grow without bound show a page of their rows at a time (the shared _pagination), or
the first rows with the rest a link away (issue 13): the team view's episodes to act on (each with a
mentor choice) and its referrals waiting, a handover's episodes, a payment statement's clients. The page
sizes are made small here so that a few rows show the paging."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from cases.models import Handover
from cases.selectors import episodes as episode_selectors
from cases.services import handover_run
from cases.views import episodes as episode_views
from reporting import statements
from tests import factories as f
from tests.cases.episode_support import days_ago, log_in

D = datetime.date


def test_team_view_pages_the_episodes_to_act_on_and_lists_the_oldest_referrals(
    client, provider_x, monkeypatch
):
    monkeypatch.setattr(episode_views, "TEAM_PAGE_SIZE", 2)
    monkeypatch.setattr(episode_selectors, "TEAM_REFERRALS_SHOWN", 2)
    for n in range(3):  # no mentor: each needs a mentor, the team view offers the choice
        f.EpisodeFactory(
            contract=provider_x.contract,
            client=f.ClientFactory(given_name=f"Unassigned{n}", family_name="Test"),
            started_on=days_ago(1),
        )
    referrals = [
        f.ReferralFactory(
            contract=provider_x.contract,
            submitted_at=timezone.now() - datetime.timedelta(days=3 - n),
        )
        for n in range(3)
    ]
    log_in(client, provider_x.coordinator.user)
    team = reverse("cases:team")
    first = client.get(team).content.decode()
    assert first.count('name="mentor" required') == 2  # two episodes on this page, each with a choice
    assert "Page 1 of 2" in first
    second = client.get(team, {"attention_page": 2}).content.decode()
    assert second.count('name="mentor" required') == 1
    assert sum(f"Unassigned{n} Test" in first + second for n in range(3)) == 3
    # The two oldest referrals, the count of all, and the inbox for the rest.
    shown = [str(referral.client) in first for referral in referrals]  # oldest first
    assert shown == [True, True, False]
    assert "All 3 referrals waiting, in the inbox" in first
    assert f'href="{reverse("cases:referral_list")}" data-testid="referrals-more"' in first


def test_team_view_with_few_referrals_has_no_inbox_link(client, provider_x):
    f.ReferralFactory(contract=provider_x.contract)
    page = log_in(client, provider_x.coordinator.user).get(reverse("cases:team")).content.decode()
    assert 'data-testid="referrals-waiting"' in page and 'data-testid="referrals-more"' not in page
    assert "Page 1 of" not in page


@pytest.fixture
def handover(fund):
    esf = f.programme("AS-ESF")
    old = f.ContractFactory(
        provider=f.ProviderFactory(code="LSK"),
        programme=esf,
        starts_on=D(2016, 11, 1),
        ends_on=D(2022, 12, 31),
    )
    new = f.ContractFactory(
        provider=f.ProviderFactory(code="CARITAS"),
        programme=esf,
        starts_on=D(2022, 2, 1),
        ends_on=D(2023, 11, 30),
    )
    seeker = f.legal_status("asylum_seeker")
    for n in range(3):
        f.EpisodeFactory(
            contract=old, started_on=D(2021, 10, 1 + n), client=f.ClientFactory(legal_status=seeker)
        )
    return handover_run(from_contract=old, to_contract=new, handed_over_on=D(2022, 2, 1), by=fund)


def test_handover_detail_pages_the_episodes_moved(client, fund, handover, monkeypatch):
    monkeypatch.setattr(episode_views, "HANDOVER_PAGE_SIZE", 2)
    moved = sorted(handover.episodes.values_list("pk", "client_id"))
    url = reverse("cases:handover_detail", args=[handover.pk])
    log_in(client, fund)
    first = client.get(url).content.decode()
    second = client.get(url, {"page": 2}).content.decode()
    assert 'data-testid="moved-count">3<' in first  # all of them, whatever the page
    assert "Page 1 of 2" in first and "Page 2 of 2" in second
    for number, (_episode, client_id) in enumerate(moved):
        pseudonym = f"K-{client_id:07d}"
        assert (pseudonym in first) == (number < 2) and (pseudonym in second) == (number >= 2)
    assert Handover.objects.count() == 1


def test_statement_page_pages_its_clients_and_the_download_has_them_all(
    client, fund, provider_x, monkeypatch
):
    monkeypatch.setattr(statements, "STATEMENT_PAGE_SIZE", 2)
    day = D(2024, 3, 4)
    people = []
    for _ in range(3):
        episode = f.EpisodeFactory(contract=provider_x.contract, started_on=D(2024, 3, 1))
        f.VisitFactory(episode=episode, visited_on=day)
        people.append(episode.client)
    numbers = sorted(f"K-{person.pk:07d}" for person in people)
    log_in(client, fund)
    url = reverse("reporting:statement", args=[provider_x.contract.pk, "2024-03"])
    first = client.get(url).content.decode()
    second = client.get(url, {"page": 2}).content.decode()
    assert 'data-testid="statement-served">3<' in first and 'data-testid="statement-served">3<' in second
    assert [number in first for number in numbers] == [True, True, False]
    assert [number in second for number in numbers] == [False, False, True]
    assert "The printed statement and the CSV and XLSX downloads list every client." in first
    csv = client.get(reverse("reporting:statement_export", args=[provider_x.contract.pk, "2024-03", "csv"]))
    assert all(number in csv.content.decode() for number in numbers)
