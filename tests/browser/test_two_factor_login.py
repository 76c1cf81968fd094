"""A staff user's first login sets up the second factor (a code from an authenticator app), and every
later login asks for the password and a current code."""

import base64
import time

import pytest
from django.utils import translation
from django_otp.oath import TOTP

from tests.browser.conftest import screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def _label(text: str, language: str = "lv") -> str:
    with translation.override(language):
        return str(translation.gettext(text))


def _code(secret: str, steps_ahead: int = 0) -> str:
    """What an authenticator app holding `secret` (base32, as the page shows it) displays."""
    totp = TOTP(base64.b32decode(secret.replace(" ", "")))
    totp.time = time.time() + steps_ahead * totp.step
    return f"{totp.token():06d}"


def _password_step(page, live_server, username: str) -> None:
    page.goto(f"{live_server.url}/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", "correct-horse-battery")
    page.click("main button[type=submit]")


def test_enrolment_and_login_with_a_totp_code(live_server, desktop, cast, settings):
    settings.MFA_REQUIRED = True
    page = desktop
    refused = []
    page.on(
        "console",
        lambda message: refused.append(message.text) if "Content Security Policy" in message.text else None,
    )
    user = cast["coordinator_x"]

    # First login: the password, then straight to setting up the second factor.
    _password_step(page, live_server, user.username)
    page.wait_for_url(f"{live_server.url}/account/two-factor/**")
    assert page.get_by_role("heading", name=_label("Set up the second factor")).is_visible()
    qr = page.locator("main img")
    qr.wait_for(state="visible")
    assert qr.evaluate("image => image.complete && image.naturalWidth > 0")  # the QR code loads
    secret = page.locator("[data-testid=secret]").inner_text()
    screenshot(page, "two-factor-enrolment")

    page.fill("input[name=code]", _code(secret))
    page.get_by_role("button", name=_label("Confirm")).click()
    codes = page.locator("[data-testid=recovery-codes] li")
    codes.first.wait_for(state="visible")
    assert codes.count() == 10
    screenshot(page, "two-factor-recovery-codes")
    page.get_by_role("link", name=_label("I have saved the codes, continue")).click()
    page.wait_for_url(f"{live_server.url}/")
    assert page.locator("nav").get_by_role("link", name=_label("Home"), exact=True).is_visible()

    # Log out, and in again: the password, then a current code from the app.
    page.locator("nav .dropdown-toggle").click()
    page.get_by_role("button", name=_label("Log out"), exact=True).click()
    page.wait_for_url(f"{live_server.url}/login/**")
    _password_step(page, live_server, user.username)
    page.wait_for_url(f"{live_server.url}/account/two-factor/code/**")
    assert page.get_by_role("heading", name=_label("Enter the code")).is_visible()
    # The code just used at enrolment is never accepted twice: the app's next code is.
    page.fill("input[name=code]", _code(secret, steps_ahead=1))
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_url(f"{live_server.url}/")
    assert page.locator("nav").get_by_role("link", name=_label("Home"), exact=True).is_visible()
    screenshot(page, "two-factor-logged-in")
    assert refused == []
