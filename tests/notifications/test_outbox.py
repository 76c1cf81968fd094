"""The outbox under a real SMTP server (aiosmtpd): e-mails arrive, in the recipient's language, once;
with the server down they wait and go out when it is back; a failing send never undoes the change."""

import datetime

import pytest
from django.utils import timezone
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

from cases import services
from cases.models import Referral
from config.accounts.models import Preferences
from config.accounts.services import preferences_update
from notifications.models import EmailDelivery, Notification
from notifications.services import digests_prepare, emails_sweep
from tests import factories as f

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def run_worker():
    """The database backend's worker (`manage.py db_worker --batch`), in this process: it runs every
    task that is due and stops."""
    Worker(
        queue_names=["default"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="test-worker",
        excluded_queue_names=[],
    ).run()


def time_passes():
    """The back-off is over: every waiting e-mail and its retry task are due now."""
    now = timezone.now()
    EmailDelivery.objects.filter(state=EmailDelivery.State.PENDING).update(next_attempt_at=now)
    DBTaskResult.objects.filter(status="READY").update(run_after=now)


@pytest.fixture
def accepted(provider_x, sw_a):
    """Olena's referral, accepted by provider X's coordinator (the worker has not run yet)."""
    client = f.ConsentedClientFactory(registered_by=sw_a, given_name="Olena", family_name="Shevchenko")
    referral = f.ReferralFactory(client=client, contract=provider_x.contract, filed_by=sw_a)
    services.referral_accept(referral=referral, mentor=provider_x.mentor, by=provider_x.coordinator.user)
    return referral


@pytest.mark.parametrize(
    ("language", "greeting", "accepted_words"),
    [("lv", "Labdien", "tika pieņemts"), ("uk", "Доброго дня", "прийнято")],
)
def test_the_accepted_e_mail_arrives_in_the_social_workers_language(
    mail_server, provider_x, sw_a, language, greeting, accepted_words
):
    preferences_update(user=sw_a, language=language)
    client = f.ConsentedClientFactory(registered_by=sw_a, given_name="Olena", family_name="Shevchenko")
    referral = f.ReferralFactory(client=client, contract=provider_x.contract, filed_by=sw_a)
    services.referral_accept(referral=referral, mentor=provider_x.mentor, by=provider_x.coordinator.user)
    run_worker()
    [message] = mail_server.to(sw_a.email)
    body = message.get_content()
    assert greeting in body
    assert accepted_words in message["Subject"] + body
    assert f"/cases/referrals/{referral.pk}/" in body
    # Nothing of the person beyond the first name and the client number.
    assert "Olena" in body and client.pseudonym in body
    assert "Shevchenko" not in body + message["Subject"]
    # The coordinator heard of the referral, the mentor of the client: one e-mail each.
    assert len(mail_server.to(provider_x.coordinator.user.email)) == 1
    assert len(mail_server.to(provider_x.mentor.user.email)) == 1


def test_with_the_server_down_the_e_mail_waits_and_goes_out_once_when_it_is_back(mail_server, accepted, sw_a):
    mail_server.stop()
    run_worker()
    # The acceptance stands; the e-mail waits with its error and a later time.
    assert Referral.objects.get(pk=accepted.pk).status == Referral.Status.ACCEPTED
    delivery = Notification.objects.get(recipient=sw_a, kind="referral_accepted").email
    assert delivery.state == EmailDelivery.State.PENDING
    assert delivery.attempts == 1
    assert delivery.next_attempt_at > timezone.now()
    assert "Connection" in delivery.last_error or "refused" in delivery.last_error
    assert mail_server.messages == []

    run_worker()  # too early: nothing is due
    delivery.refresh_from_db()
    assert delivery.attempts == 1

    time_passes()
    run_worker()  # still down: a second attempt, a longer wait
    delivery.refresh_from_db()
    assert delivery.attempts == 2

    mail_server.start()
    time_passes()
    run_worker()
    delivery.refresh_from_db()
    assert delivery.state == EmailDelivery.State.SENT
    assert len(mail_server.to(sw_a.email)) == 1

    # Handed to the worker again (a sweep, a duplicate task): nothing goes out twice.
    emails_sweep(stale_after=datetime.timedelta(0))
    run_worker()
    assert len(mail_server.to(sw_a.email)) == 1
    assert {message["Message-ID"] for message in mail_server.messages} == {
        f"<{row.key}@localhost>" for row in EmailDelivery.objects.all()
    }


def test_a_worker_that_died_mid_send_leaves_the_e_mail_to_the_sweep(mail_server, accepted, sw_a):
    """A worker killed while sending: its transaction rolled back (the row pending, not attempted), its
    task left running. The sweep hands the e-mail to a worker, which sends it once."""
    DBTaskResult.objects.update(status="RUNNING")  # claimed by a worker that then died
    run_worker()
    assert mail_server.messages == []
    assert emails_sweep() == 0  # not yet stale: its worker may still be busy with it
    EmailDelivery.objects.update(next_attempt_at=timezone.now() - datetime.timedelta(minutes=6))
    assert emails_sweep() == EmailDelivery.objects.count()
    run_worker()
    assert len(mail_server.to(sw_a.email)) == 1
    assert EmailDelivery.objects.exclude(state=EmailDelivery.State.SENT).count() == 0


def test_sweeping_while_the_worker_is_down_queues_no_second_task(mail_server, accepted, sw_a):
    """The sweep runs every few minutes; with the worker stopped, every e-mail's task still waits in
    the queue, so sweeping ten times adds none: one task per e-mail, and each goes out once."""
    EmailDelivery.objects.update(next_attempt_at=timezone.now() - datetime.timedelta(minutes=6))
    deliveries = set(EmailDelivery.objects.values_list("pk", flat=True))
    assert deliveries
    for _sweep in range(10):
        assert emails_sweep() == 0
    tasks = [row["args"][0] for row in DBTaskResult.objects.values_list("args_kwargs", flat=True)]
    assert sorted(tasks) == sorted(deliveries)
    run_worker()
    assert len(mail_server.to(sw_a.email)) == 1
    assert EmailDelivery.objects.exclude(state=EmailDelivery.State.SENT).count() == 0


def test_the_daily_digest_collects_the_days_notifications_in_one_e_mail(mail_server, provider_x, sw_a):
    preferences_update(user=provider_x.coordinator.user, email=Preferences.Email.DAILY, language="uk")
    for given_name in ("Olena", "Iryna"):
        client = f.ConsentedClientFactory(registered_by=sw_a, given_name=given_name)
        f.ReferralFactory(client=client, contract=provider_x.contract, filed_by=sw_a)
    run_worker()
    assert mail_server.to(provider_x.coordinator.user.email) == []
    today = timezone.localdate()
    assert digests_prepare(day=today) == 1
    assert digests_prepare(day=today) == 0  # once a day
    run_worker()
    [digest] = mail_server.to(provider_x.coordinator.user.email)
    body = digest.get_content()
    assert "Olena" in body and "Iryna" in body
    assert "Нове направлення" in body
