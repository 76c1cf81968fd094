"""Actions with consequences ask first and say what will happen (issue 12): approving and locking a
month, unlocking it, withdrawing a referral, handing over a contract's episodes. The server asks (no
script): the form comes back with what will happen and a button that confirms it; "Back to the form"
shows the form again as it was typed. Buttons that cannot succeed are not offered."""

import datetime
import html

import pytest
from django.urls import reverse
from django.utils import timezone

from cases.models import Episode, Handover, Referral
from mentors.models import ContractMonth
from mentors.services import contract_month_lock
from tests import factories as f

D = datetime.date


@pytest.fixture(autouse=True)
def english(client, settings):
    """Messages are compared in the source language."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


def _text(response) -> str:
    return html.unescape(response.content.decode())


def _served_in_march(contract, clients: int):
    for _ in range(clients):
        episode = f.EpisodeFactory(contract=contract, started_on=D(2024, 3, 1))
        f.VisitFactory(episode=episode, visited_on=D(2024, 3, 5))


def test_locking_a_month_says_what_is_approved_and_waits_for_the_confirmation(client, fund, provider_x):
    _served_in_march(provider_x.contract, 3)
    client.force_login(fund)
    url = reverse("reporting:statement_lock", args=[provider_x.contract.pk, "2024-03"])
    asked = client.post(url, {"note": "Checked."})
    assert asked.status_code == 200
    text = _text(asked)
    assert "3 clients served" in text
    assert "can no longer be added, changed or deleted" in text
    assert 'name="note" value="Checked."' in asked.content.decode()  # sent again with the confirmation
    assert not ContractMonth.objects.filter(status=ContractMonth.Status.LOCKED).exists()

    back = client.post(url, {"note": "Checked.", "change": "1"})
    assert back.status_code == 200 and "Checked." in _text(back)
    assert not ContractMonth.objects.filter(status=ContractMonth.Status.LOCKED).exists()

    assert client.post(url, {"note": "Checked.", "confirmed": "1"}).status_code == 302
    assert ContractMonth.objects.get().status == ContractMonth.Status.LOCKED


def test_unlocking_repeats_the_reason_before_it_is_done(client, fund, provider_x):
    contract_month_lock(contract=provider_x.contract, month=D(2024, 3, 1), by=fund)
    client.force_login(fund)
    url = reverse("reporting:statement_unlock", args=[provider_x.contract.pk, "2024-03"])
    asked = _text(client.post(url, {"reason": "A visit was missing."}))
    assert "The reason is recorded: A visit was missing." in asked
    assert "The approved payment is discarded" in asked
    assert ContractMonth.objects.get().status == ContractMonth.Status.LOCKED
    client.post(url, {"reason": "A visit was missing.", "confirmed": "1"})
    assert ContractMonth.objects.get().status == ContractMonth.Status.OPEN


def test_the_lock_is_not_offered_before_the_month_is_over(client, fund, provider_x):
    client.force_login(fund)
    this_month = timezone.localdate().strftime("%Y-%m")
    page = _text(client.get(reverse("reporting:statement", args=[provider_x.contract.pk, this_month])))
    assert 'data-testid="lock-form"' not in page
    assert "The month can be approved and locked once it is over." in page
    past = _text(client.get(reverse("reporting:statement", args=[provider_x.contract.pk, "2024-03"])))
    assert 'data-testid="lock-form"' in past


def test_withdrawing_a_referral_says_who_no_longer_sees_it(client, sw_a, provider_x):
    referral = f.ReferralFactory(
        client=f.ConsentedClientFactory(registered_by=sw_a), contract=provider_x.contract, filed_by=sw_a
    )
    client.force_login(sw_a)
    url = reverse("cases:referral_withdraw", args=[referral.pk])
    asked = _text(client.post(url, {"withdraw-note": "The family left."}))
    assert f"{provider_x.provider.name} no longer sees the referral" in asked
    referral.refresh_from_db()
    assert referral.status == Referral.Status.SUBMITTED
    client.post(url, {"withdraw-note": "The family left.", "confirmed": "1"})
    referral.refresh_from_db()
    assert referral.status == Referral.Status.WITHDRAWN


def test_a_handover_lists_how_many_episodes_move(client, fund, provider_x, provider_y):
    for _ in range(3):
        f.EpisodeFactory(
            contract=provider_x.contract, started_on=timezone.localdate() - datetime.timedelta(days=5)
        )
    client.force_login(fund)
    data = {
        "from_contract": provider_x.contract.pk,
        "to_contract": provider_y.contract.pk,
        "handed_over_on": timezone.localdate().isoformat(),
    }
    asked = _text(client.post(reverse("cases:handover_create"), data))
    assert f"3 open episodes move from contract {provider_x.contract.number}" in asked
    assert f"the coordinator of {provider_y.provider.name} assigns new ones" in asked
    assert not Handover.objects.exists()
    response = client.post(reverse("cases:handover_create"), data | {"confirmed": "1"})
    assert response.status_code == 302
    assert Episode.objects.filter(contract=provider_y.contract).count() == 3


def test_a_handover_to_the_same_contract_is_refused_before_asking(client, fund, provider_x):
    f.EpisodeFactory(contract=provider_x.contract)
    client.force_login(fund)
    data = {
        "from_contract": provider_x.contract.pk,
        "to_contract": provider_x.contract.pk,
        "handed_over_on": timezone.localdate().isoformat(),
    }
    response = client.post(reverse("cases:handover_create"), data)
    assert "Choose two different contracts." in _text(response)
    assert 'data-testid="confirmation"' not in response.content.decode()


def test_transfer_is_offered_only_where_another_provider_holds_a_contract(client, provider_x):
    episode = f.EpisodeFactory(contract=provider_x.contract, mentor=provider_x.mentor)
    transfer = reverse("cases:episode_transfer", args=[episode.pk])
    client.force_login(provider_x.coordinator.user)
    assert transfer not in _text(client.get(reverse("cases:episode_detail", args=[episode.pk])))
    f.ContractFactory(provider=f.ProviderFactory(code="Z-NGO"), programme=provider_x.contract.programme)
    assert transfer in _text(client.get(reverse("cases:episode_detail", args=[episode.pk])))
