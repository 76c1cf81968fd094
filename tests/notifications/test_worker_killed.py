"""A real worker process (`manage.py db_worker`) killed in the middle of a send: nothing is lost and
nothing is sent twice.

The worker gets an e-mail to send and the mail server holds the conversation before the message is
handed over; the worker is killed there (SIGKILL: no clean-up of any kind). The database rolls its
transaction back, so the e-mail is pending again; the sweep hands it to a new worker, which sends it
once. (The one window left — killed after the server took the whole message but before `sent` was
committed — is the README's "Notifications".)"""

import asyncio
import os
import signal
import sqlite3
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from cases import services
from notifications.models import EmailDelivery
from tests import factories as f
from tests.notifications.smtp import Inbox, MailServer

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)
ROOT = Path(settings.BASE_DIR)


class HeldInbox(Inbox):
    """Takes the sender, then holds the recipient until released: the message is never handed over."""

    def __init__(self):
        super().__init__()
        self.reached = threading.Event()
        self.release = threading.Event()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):  # noqa: N802
        self.reached.set()
        while not self.release.is_set():
            await asyncio.sleep(0.05)
        envelope.rcpt_tos.append(address)
        return "250 OK"


def _database_env(tmp_path) -> tuple[dict, Path | None]:
    """The test database for a process of its own: a copy of SQLite's (in memory) in a file, or the
    same PostgreSQL database (the test's rows are committed)."""
    if connection.vendor == "sqlite":
        path = tmp_path / "worker.sqlite3"
        connection.ensure_connection()
        with sqlite3.connect(path) as target:
            connection.connection.backup(target)
        return {"DATABASE_URL": f"sqlite:///{path}"}, path
    db = connection.settings_dict
    url = f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
    return {"DATABASE_URL": url}, None


def _manage(*args, env, **kwargs):
    return subprocess.Popen(  # noqa: S603 (our own manage.py)
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, **kwargs
    )


def _delivery_state(path, delivery_pk):
    if path is None:
        row = EmailDelivery.objects.values_list("state", "attempts").get(pk=delivery_pk)
        return tuple(row)
    with sqlite3.connect(path) as db:
        return db.execute(
            "SELECT state, attempts FROM notifications_emaildelivery WHERE id = ?", [delivery_pk]
        ).fetchone()


def test_a_killed_worker_loses_nothing_and_sends_nothing_twice(tmp_path, provider_x, sw_a):
    client = f.ConsentedClientFactory(registered_by=sw_a, given_name="Olena")
    referral = f.ReferralFactory(client=client, contract=provider_x.contract, filed_by=sw_a)
    services.referral_accept(referral=referral, mentor=provider_x.mentor, by=provider_x.coordinator.user)
    # One e-mail in the worker's queue: the social worker's.
    delivery = EmailDelivery.objects.get(recipient=sw_a)
    EmailDelivery.objects.exclude(pk=delivery.pk).update(
        state=EmailDelivery.State.SENT, sent_at=delivery.created_at
    )
    database, path = _database_env(tmp_path)

    held = MailServer()
    held.inbox = HeldInbox()
    held.start()
    env = {
        **os.environ,
        **database,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(held.port),
        "EMAIL_TIMEOUT": "60",
    }
    worker = _manage("db_worker", "--no-reload", "--no-startup-delay", "--interval", "0.2", env=env)
    try:
        assert held.inbox.reached.wait(timeout=60), "the worker never reached the mail server"
        os.kill(worker.pid, signal.SIGKILL)
        worker.wait(timeout=10)
    finally:
        if worker.poll() is None:
            worker.kill()
        held.inbox.release.set()
        held.stop()
    assert held.messages == []
    assert _delivery_state(path, delivery.pk) == ("pending", 0)  # rolled back with the dead worker

    good = MailServer().start()
    env["EMAIL_PORT"] = str(good.port)
    try:
        sweep = _manage("notifications_sweep", "--stale-minutes", "0", env=env, stdout=subprocess.PIPE)
        assert sweep.wait(timeout=120) == 0
        for _round in range(2):  # a second worker finds nothing more to send
            batch = _manage("db_worker", "--batch", "--no-reload", "--no-startup-delay", env=env)
            assert batch.wait(timeout=120) == 0
    finally:
        good.stop()
    assert [message["To"] for message in good.messages] == [sw_a.email]
    assert _delivery_state(path, delivery.pk) == ("sent", 1)
