"""Two factors: enrolment at the first login, a code at every login, recovery codes, the admin alike,
and an administrator's reset of a lost device."""

import base64
import datetime
import logging
import re

import pytest
from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from config.accounts.models import UserSession
from config.accounts.sessions import PENDING_KEY
from tests.access.matrix import all_rows, row_modules
from tests.accounts.conftest import authenticator, log_in, new_client, totp_code

pytestmark = pytest.mark.django_db

OPEN_BEFORE_SECOND_FACTOR = {"account:enrol", "account:qr", "set_language"}


@pytest.fixture
def world(cast, provider_x, provider_y):
    world = {"cast": cast, "provider_x": provider_x, "provider_y": provider_y}
    for module in row_modules():
        module.build(world)
    return world


def _request(client, row, world):
    if row.method == "post":
        return client.post(row.path(world), row.data(world))
    return client.get(row.path(world), row.data(world))


@pytest.mark.parametrize("who", ["coordinator_x", "fund", "admin"])
def test_without_a_second_factor_only_enrolment_opens(mfa, client, world, who):
    """Logged in with the password only: every page of the access matrix (and the admin) sends the
    person to set the second factor up; enrolment, its QR code and the language switch open."""
    log_in(client, world["cast"][who])
    enrol = reverse("account:enrol")
    for row in all_rows():
        response = _request(client, row, world)
        if row.url_name in OPEN_BEFORE_SECOND_FACTOR:
            assert response.status_code in (200, 302), row.id
            if response.status_code == 302:
                assert not response["Location"].startswith(enrol), row.id
            continue
        assert response.status_code == 302, f"{row.id}: {response.status_code}"
        assert response["Location"].startswith(enrol), f"{row.id}: {response['Location']}"
    admin_page = client.get(reverse("admin:index"))
    assert admin_page.status_code == 302 and admin_page["Location"].startswith(enrol)


def test_enrolment_then_home(mfa, client, provider_x):
    user = provider_x.coordinator.user
    response = log_in(client, user)
    assert response.status_code == 302
    response = client.get(response["Location"], follow=True)
    assert response.redirect_chain[-1][0].startswith(reverse("account:enrol"))
    page = response.content.decode()
    secret = re.search(r'data-testid="secret">([A-Z2-7 ]+)<', page).group(1).replace(" ", "")
    key = client.session[PENDING_KEY]
    assert bytes.fromhex(key) == base64.b32decode(secret)
    qr = client.get(reverse("account:qr"))
    assert qr["Content-Type"] == "image/svg+xml" and qr.content.startswith(b"<svg")
    assert "no-store" in qr["Cache-Control"]

    wrong = client.post(reverse("account:enrol"), {"code": "123"})
    assert "That code is not right" in wrong.content.decode()
    assert not TOTPDevice.objects.filter(user=user).exists()

    done = client.post(reverse("account:enrol"), {"code": totp_code(key), "next": "/"})
    assert done.status_code == 200
    codes = re.findall(r"<li>([a-z2-7]{8})</li>", done.content.decode())
    assert len(codes) == 10
    assert set(StaticToken.objects.filter(device__user=user).values_list("token", flat=True)) == set(codes)
    assert TOTPDevice.objects.get(user=user).confirmed
    assert client.get(reverse("home")).status_code == 200
    # Shown once: the enrolment page now sends the person on, and shows no codes.
    again = client.get(reverse("account:enrol"))
    assert again.status_code == 302
    assert client.get(reverse("account:qr")).status_code == 404


def test_login_with_a_code(mfa, client, provider_x):
    user = provider_x.mentor.user
    device = authenticator(user)
    response = log_in(client, user)
    home = client.get(response["Location"])
    assert home.status_code == 302 and home["Location"].startswith(reverse("account:verify"))
    page = client.get(home["Location"])
    assert 'name="code"' in page.content.decode()

    wrong_code = "000000" if totp_code(device.key) != "000000" else "111111"
    wrong = client.post(reverse("account:verify"), {"code": wrong_code})
    assert "That code is not right" in wrong.content.decode()
    assert client.get(reverse("home")).status_code == 302
    # Each wrong code doubles the wait before the next try (django-otp's throttling).
    too_soon = client.post(reverse("account:verify"), {"code": totp_code(device.key)})
    assert "Too many wrong codes. Try again in 1 second." in too_soon.content.decode()
    TOTPDevice.objects.filter(pk=device.pk).update(
        throttling_failure_timestamp=timezone.now() - datetime.timedelta(seconds=2)
    )

    response = client.post(reverse("account:verify"), {"code": totp_code(device.key), "next": "/cases/"})
    assert response.status_code == 302 and response["Location"] == "/cases/"
    assert client.get(reverse("home")).status_code == 200


def test_a_code_is_accepted_once(mfa, client, provider_x):
    user = provider_x.mentor.user
    device = authenticator(user)
    code = totp_code(device.key)
    log_in(client, user)
    assert client.post(reverse("account:verify"), {"code": code}).status_code == 302
    other = new_client()
    log_in(other, user)
    replay = other.post(reverse("account:verify"), {"code": code})
    assert replay.status_code == 200 and "used already" in replay.content.decode()


def test_a_recovery_code_works_once(mfa, client, provider_x):
    user = provider_x.mentor.user
    authenticator(user)
    recovery = StaticDevice.objects.create(user=user, name="recovery codes", confirmed=True)
    recovery.token_set.create(token="abcd2345")
    recovery.token_set.create(token="efgh6723")
    log_in(client, user)
    response = client.post(reverse("account:verify"), {"code": "ABCD 2345"}, follow=True)
    assert response.status_code == 200
    assert "1 is left" in response.content.decode()
    other = new_client()
    log_in(other, user)
    assert other.post(reverse("account:verify"), {"code": "abcd2345"}).status_code == 200  # refused


def test_admin_needs_the_second_factor(mfa, client, admin_user):
    device = authenticator(admin_user)
    anonymous = client.get(reverse("admin:index"), follow=True)
    assert anonymous.redirect_chain[-1][0].startswith(reverse("login"))  # one login page for all
    log_in(client, admin_user)
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("account:verify"))
    client.post(reverse("account:verify"), {"code": totp_code(device.key)})
    assert client.get(reverse("admin:index")).status_code == 200


def test_relaxed_setting_still_asks_those_who_set_it_up(client, provider_x, settings):
    """Local development (MFA_REQUIRED off): the password alone, unless the user set a second factor up."""
    settings.MFA_REQUIRED = False
    with_device, without = provider_x.mentor.user, provider_x.coordinator.user
    authenticator(with_device)
    log_in(client, without)
    assert client.get(reverse("home")).status_code == 200
    other = new_client()
    log_in(other, with_device)
    assert other.get(reverse("home"))["Location"].startswith(reverse("account:verify"))


def test_administrator_resets_a_lost_device(mfa, client, admin_user, provider_x, caplog):
    user = provider_x.mentor.user
    authenticator(user)
    StaticDevice.objects.create(user=user, name="recovery codes", confirmed=True)
    their_client = new_client()
    their_client.force_login(user)
    assert UserSession.objects.filter(user=user).exists()

    admin_device = authenticator(admin_user)
    log_in(client, admin_user)
    client.post(reverse("account:verify"), {"code": totp_code(admin_device.key)})
    with caplog.at_level(logging.INFO, logger="config.accounts"):
        response = client.post(
            reverse("admin:auth_user_changelist"),
            {"action": "reset_second_factor", "_selected_action": [user.pk]},
            follow=True,
        )
    assert response.status_code == 200
    assert not TOTPDevice.objects.filter(user=user).exists()
    assert not StaticDevice.objects.filter(user=user).exists()
    assert not UserSession.objects.filter(user=user).exists()  # their open sessions ended
    assert any(
        "Second factor reset" in record.getMessage()
        and user.username in record.getMessage()
        and admin_user.username in record.getMessage()
        for record in caplog.records
    )
    # At the next login they set a new one up.
    log_in(their_client, user)
    assert their_client.get(reverse("home"))["Location"].startswith(reverse("account:enrol"))


def test_enrolment_pages_in_three_languages(mfa, client, provider_x):
    log_in(client, provider_x.mentor.user)
    for language in ("lv", "uk", "ru"):
        client.cookies["atbalsts_language"] = language
        page = client.get(reverse("account:enrol")).content.decode()
        assert f'lang="{language}"' in page
        assert "Set up the second factor" not in page
        assert "authenticator app on your phone" not in page
