"""Who hears what: each service writes the notifications of the issue's list in its transaction."""

import datetime

import pytest
from django.urls import reverse
from django.utils import translation

from cases import services
from cases.models import EndReason
from cases.services.privacy import clients_anonymise
from config.accounts.models import Preferences
from config.accounts.services import preferences_update
from mentors.services import contract_month_lock, contract_month_unlock
from notifications.kinds import Kind
from notifications.models import EmailDelivery, Notification
from tests import factories as f

pytestmark = pytest.mark.django_db


def told(user, kind=None):
    notifications = Notification.objects.filter(recipient=user)
    if kind:
        notifications = notifications.filter(kind=kind)
    return list(notifications)


@pytest.fixture
def referral(provider_x, sw_a):
    client = f.ConsentedClientFactory(registered_by=sw_a, given_name="Olena", family_name="Shevchenko")
    return f.ReferralFactory(client=client, contract=provider_x.contract, filed_by=sw_a)


def test_a_referral_arriving_tells_the_coordinators_of_the_provider(referral, provider_x, provider_y):
    [notification] = told(provider_x.coordinator.user)
    assert notification.kind == Kind.REFERRAL_SUBMITTED
    assert notification.url == reverse("cases:referral_detail", args=[referral.pk])
    assert notification.text == f"New referral: Olena ({referral.client.pseudonym}), UA-MENTOR."
    assert told(provider_x.mentor.user) == []
    assert told(provider_y.coordinator.user) == []
    # Written with an e-mail to send (the coordinator wants e-mails at once: the default).
    assert notification.email.state == EmailDelivery.State.PENDING


def test_accepting_tells_the_social_worker_with_the_mentor_and_the_mentor_of_the_client(
    referral, provider_x, sw_a
):
    mentor = provider_x.mentor
    episode = services.referral_accept(referral=referral, mentor=mentor, by=provider_x.coordinator.user)
    [accepted] = told(sw_a, Kind.REFERRAL_ACCEPTED)
    assert accepted.text == (
        f"Your referral of Olena ({referral.client.pseudonym}) was accepted; "
        f"the mentor is {mentor.user.first_name}."
    )
    assert accepted.detail == mentor.user.get_full_name()
    [assigned] = told(mentor.user, Kind.CLIENT_ASSIGNED)
    assert assigned.url == reverse("cases:episode_detail", args=[episode.pk])


def test_returning_tells_the_social_worker_the_reason_in_the_application_only(referral, provider_x, sw_a):
    services.referral_return(
        referral=referral, reason="The address is missing.", by=provider_x.coordinator.user
    )
    [returned] = told(sw_a, Kind.REFERRAL_RETURNED)
    assert returned.detail == "The address is missing."
    assert "address" not in returned.text


def test_reassigning_tells_the_new_mentor(referral, provider_x):
    episode = services.referral_accept(
        referral=referral, mentor=provider_x.mentor, by=provider_x.coordinator.user
    )
    other = f.ProviderStaffFactory(provider=provider_x.provider, role="mentor")
    services.episode_reassign(episode=episode, mentor=other, by=provider_x.coordinator.user)
    assert [n.kind for n in told(other.user)] == [Kind.CLIENT_ASSIGNED]


def test_ending_tells_the_referring_social_worker(referral, provider_x, sw_a):
    episode = services.referral_accept(
        referral=referral, mentor=provider_x.mentor, by=provider_x.coordinator.user
    )
    services.episode_end(
        episode=episode,
        end_reason=EndReason.objects.get(code="declined"),
        ended_on=episode.started_on,
        closing_summary="Declined the service.",
        by=provider_x.coordinator.user,
    )
    [ended] = told(sw_a, Kind.EPISODE_ENDED)
    assert ended.url == reverse("cases:referral_detail", args=[referral.pk])


def test_a_transfer_tells_the_new_coordinators_and_the_referring_social_worker(referral, provider_x, sw_a):
    episode = services.referral_accept(
        referral=referral, mentor=provider_x.mentor, by=provider_x.coordinator.user
    )
    other = f.ProviderFactory(code="Z-NGO")
    contract = f.ContractFactory(
        provider=other,
        programme=provider_x.contract.programme,
        starts_on=provider_x.contract.starts_on,
        ends_on=provider_x.contract.ends_on,
        municipalities=["Rīga"],
    )
    coordinator = f.ProviderStaffFactory(provider=other, role="coordinator")
    services.episode_transfer(
        episode=episode, contract=contract, transferred_on=episode.started_on, by=provider_x.coordinator.user
    )
    [transferred_in] = told(coordinator.user)
    assert transferred_in.kind == Kind.EPISODE_TRANSFERRED_IN
    assert [n.kind for n in told(sw_a, Kind.EPISODE_TRANSFERRED)] == [Kind.EPISODE_TRANSFERRED]


def test_locking_and_unlocking_a_month_tells_the_coordinators(provider_x, fund):
    month = datetime.date(2024, 3, 1)
    contract_month_lock(contract=provider_x.contract, month=month, by=fund)
    contract_month_unlock(contract=provider_x.contract, month=month, reason="A visit was missing.", by=fund)
    kinds = [n.kind for n in reversed(told(provider_x.coordinator.user))]
    assert kinds == [Kind.MONTH_LOCKED, Kind.MONTH_UNLOCKED]
    with translation.override("lv"):
        assert "2024" in told(provider_x.coordinator.user)[0].text


def test_a_change_that_fails_leaves_no_notification(referral, provider_x):
    with pytest.raises(services.ServiceError):
        services.referral_return(referral=referral, reason="   ", by=provider_x.coordinator.user)
    services.referral_accept(referral=referral, mentor=provider_x.mentor, by=provider_x.coordinator.user)
    with pytest.raises(services.ServiceError):
        services.referral_accept(referral=referral, mentor=provider_x.mentor, by=provider_x.coordinator.user)
    assert Notification.objects.filter(kind=Kind.REFERRAL_RETURNED).count() == 0
    assert Notification.objects.filter(kind=Kind.REFERRAL_ACCEPTED).count() == 1


def test_e_mail_preferences_decide_the_outbox(provider_x, sw_a):
    preferences_update(user=provider_x.coordinator.user, email=Preferences.Email.NEVER)
    client = f.ConsentedClientFactory(registered_by=sw_a)
    f.ReferralFactory(client=client, contract=provider_x.contract, filed_by=sw_a)
    [notification] = told(provider_x.coordinator.user)
    assert notification.email is None
    assert EmailDelivery.objects.count() == 0


def test_the_text_is_written_in_the_readers_language(referral, provider_x):
    [notification] = told(provider_x.coordinator.user)
    with translation.override("uk"):
        ukrainian = notification.text
    with translation.override("lv"):
        latvian = notification.text
    assert ukrainian.startswith("Нове направлення")
    assert latvian.startswith("Jauns nosūtījums")


def test_anonymising_a_person_deletes_the_notifications_about_them(referral, provider_x, sw_a):
    other = f.ConsentedClientFactory(registered_by=sw_a, given_name="Iryna")
    f.ReferralFactory(client=other, contract=provider_x.contract, filed_by=sw_a)
    clients_anonymise(client_ids=[referral.client_id], reason="retention")
    texts = [n.text for n in Notification.objects.all()]
    assert texts and not any("Olena" in text for text in texts)
    assert any("Iryna" in text for text in texts)
