"""Sessions end: after 30 idle minutes, 8 hours after the login, when the browser closes, when the
password changes (elsewhere), and everywhere at once on request."""

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from config.accounts.models import UserSession
from config.accounts.sessions import LAST_SEEN, LOGIN_AT
from tests.accounts.conftest import log_in, new_client

pytestmark = pytest.mark.django_db


def _logged_in(client) -> bool:
    return client.get(reverse("home")).status_code == 200


def _move_back(client, key: str, seconds: int) -> None:
    session = client.session
    session[key] -= seconds
    session.save()


def test_idle_for_longer_than_the_timeout_logs_out(client, sw_a):
    assert settings.SESSION_IDLE_TIMEOUT == 30 * 60
    log_in(client, sw_a)
    _move_back(client, LAST_SEEN, settings.SESSION_IDLE_TIMEOUT - 60)
    assert _logged_in(client)  # 29 idle minutes: still in, and the clock starts again
    _move_back(client, LAST_SEEN, settings.SESSION_IDLE_TIMEOUT + 1)
    response = client.get(reverse("cases:client_list"), follow=True)
    assert response.redirect_chain[0][0].startswith(reverse("login"))
    assert "You were logged out after 30 minutes without activity." in response.content.decode()
    assert not _logged_in(client)


def test_the_idle_timeout_is_configurable(client, sw_a, settings):
    settings.SESSION_IDLE_TIMEOUT = 5 * 60
    log_in(client, sw_a)
    _move_back(client, LAST_SEEN, 6 * 60)
    assert not _logged_in(client)


def test_a_busy_session_still_ends_eight_hours_after_the_login(client, sw_a):
    assert settings.SESSION_COOKIE_AGE == 8 * 60 * 60
    log_in(client, sw_a)
    _move_back(client, LOGIN_AT, settings.SESSION_COOKIE_AGE - 60)
    assert _logged_in(client)
    _move_back(client, LOGIN_AT, 120)
    assert not _logged_in(client)


def test_the_session_cookie_does_not_outlive_the_browser(client, sw_a):
    response = log_in(client, sw_a)
    cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie.value and cookie["max-age"] == "" and cookie["expires"] == ""
    assert cookie["httponly"]


def test_changing_the_password_ends_the_other_sessions(sw_a):
    here, elsewhere = new_client(), new_client()
    log_in(here, sw_a)
    log_in(elsewhere, sw_a)
    response = here.post(
        reverse("password_change"),
        {
            "old_password": "correct-horse-battery",
            "new_password1": "lauku-ceļš-pie-upes-42",
            "new_password2": "lauku-ceļš-pie-upes-42",
        },
    )
    assert response.status_code == 302
    assert _logged_in(here)
    assert not _logged_in(elsewhere)


def test_log_out_everywhere(sw_a, sw_b):
    phone, desk, colleague = new_client(), new_client(), new_client()
    log_in(phone, sw_a)
    log_in(desk, sw_a)
    log_in(colleague, sw_b)
    assert UserSession.objects.filter(user=sw_a).count() == 2

    response = desk.post(reverse("account:sessions_end"), follow=True)
    assert response.redirect_chain[-1][0] == reverse("login")
    assert "You were logged out on every device." in response.content.decode()
    assert not _logged_in(desk)
    assert not _logged_in(phone)
    assert _logged_in(colleague)
    assert not UserSession.objects.filter(user=sw_a).exists()


def test_log_out_everywhere_reads_only_the_users_sessions(client, sw_a, sw_b):
    """Ending a user's sessions asks the session table by its user column (or a session's own key), and
    never reads the whole table, however many sessions others have open."""
    for _other in range(20):
        new_client().force_login(sw_b)
    client.force_login(sw_a)
    with CaptureQueriesContext(connection) as queries:
        client.post(reverse("account:sessions_end"))
    on_sessions = [q["sql"] for q in queries if UserSession._meta.db_table in q["sql"]]
    assert on_sessions
    for sql in on_sessions:
        where = sql.partition("WHERE")[2]
        assert "user_id" in where or "session_key" in where, sql
    assert UserSession.objects.filter(user=sw_b).count() == 20
