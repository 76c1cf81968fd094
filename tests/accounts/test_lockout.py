"""Brute force: 5 failures for one account (from any address), or 30 from one address, and logging in
is refused for 15 minutes with a clear message; the event is logged."""

import datetime
import logging

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.urls import reverse

from tests.accounts.conftest import log_in

pytestmark = pytest.mark.django_db


def _after_the_window():
    """Move every recorded failure back past the cool-off, as if 15 minutes and a second went by."""
    for attempt in AccessAttempt.objects.all():
        attempt.attempt_time -= settings.AXES_COOLOFF_TIME + datetime.timedelta(seconds=1)
        attempt.save(update_fields=["attempt_time"])


def _logged_in(client) -> bool:
    return client.get(reverse("home")).status_code == 200


def test_thirty_wrong_passwords_lock_the_account_for_the_window(client, sw_a, caplog):
    with caplog.at_level(logging.WARNING, logger="config.accounts"):
        for _attempt in range(30):
            response = log_in(client, sw_a, password="not-the-password")
    assert response.status_code == 429
    assert any("locked out" in r.getMessage() and sw_a.username in r.getMessage() for r in caplog.records)

    refused = log_in(client, sw_a)
    assert refused.status_code == 429
    page = refused.content.decode()
    assert "Too many failed attempts to log in" in page and "15 minutes" in page
    assert f'value="{sw_a.username}"' in page  # the username stays in the form
    assert not _logged_in(client)

    _after_the_window()
    accepted = log_in(client, sw_a)
    assert accepted.status_code == 302 and accepted["Location"] == reverse("home")
    assert _logged_in(client)


def test_fewer_failures_than_the_limit_do_not_lock(client, sw_a):
    for _attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        assert log_in(client, sw_a, password="not-the-password").status_code == 200
    assert log_in(client, sw_a).status_code == 302


def test_a_login_forgets_the_accounts_failures_but_not_the_addresss(client, sw_a, sw_b):
    for _round in range(2):
        for _attempt in range(settings.AXES_FAILURE_LIMIT - 1):
            log_in(client, sw_a, password="not-the-password")
        assert log_in(client, sw_a).status_code == 302
        client.logout()
    log_in(client, sw_b, password="not-the-password")
    log_in(client, sw_a)
    assert AccessAttempt.objects.filter(username=sw_b.username).exists()


def test_the_account_is_locked_from_every_address(client, sw_a):
    for address in range(settings.AXES_FAILURE_LIMIT):
        log_in(client, sw_a, password="not-the-password", REMOTE_ADDR=f"192.0.2.{address + 1}")
    assert log_in(client, sw_a, REMOTE_ADDR="198.51.100.7").status_code == 429


def test_many_failures_from_one_address_lock_the_address(client, sw_a, sw_b, fund):
    """Thirty failures from one address for different accounts lock that address for every account, while
    fewer (colleagues in one office mistyping) lock nobody who did not fail five times."""
    office = "203.0.113.5"
    for attempt in range(settings.LOGIN_ADDRESS_FAILURE_LIMIT - 1):
        log_in(client, type(sw_a)(username=f"guess{attempt}"), password="x", REMOTE_ADDR=office)
    assert log_in(client, fund, REMOTE_ADDR=office).status_code == 302
    client.logout()
    log_in(client, type(sw_a)(username="guess-last"), password="x", REMOTE_ADDR=office)
    assert log_in(client, sw_b, REMOTE_ADDR=office).status_code == 429
    assert log_in(client, sw_b, REMOTE_ADDR="203.0.113.6").status_code == 302


def test_behind_the_proxy_the_address_it_saw_counts(client, sw_a, settings):
    settings.TRUST_X_FORWARDED_FOR = True
    for _attempt in range(settings.LOGIN_ADDRESS_FAILURE_LIMIT):
        # The client can write anything before the proxy's own entry; only the last entry counts.
        log_in(
            client, type(sw_a)(username="guess"), password="x", HTTP_X_FORWARDED_FOR="1.1.1.1, 203.0.113.9"
        )
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"203.0.113.9"}


@pytest.mark.parametrize("language", ["lv", "uk", "ru"])
def test_the_lockout_message_is_translated(client, sw_a, language):
    client.cookies["atbalsts_language"] = language
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        response = log_in(client, sw_a, password="not-the-password")
    assert response.status_code == 429
    page = response.content.decode()
    assert 'data-testid="locked-out"' in page
    assert "Too many failed attempts" not in page
