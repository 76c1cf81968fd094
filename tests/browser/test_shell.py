"""Each role logs in, sees its home page in Latvian, then in Ukrainian and Russian after switching."""

import pytest
from django.utils import translation

from mentors.access import Role
from tests.browser.conftest import log_in, screenshot, switch_language

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def _label(text: str, language: str) -> str:
    with translation.override(language):
        return str(translation.gettext(text))


@pytest.mark.parametrize(
    ("who", "role"),
    [
        ("sw_a", Role.MUNICIPAL_SOCIAL_WORKER),
        ("coordinator_x", Role.COORDINATOR),
        ("social_worker_x", Role.PROVIDER_SOCIAL_WORKER),
        ("mentor_x", Role.MENTOR),
        ("fund", Role.FUND_STAFF),
    ],
)
def test_role_sees_home_in_three_languages(live_server, desktop, cast, who, role):
    page = desktop
    refused = []
    page.on(
        "console",
        lambda message: refused.append(message.text) if "Content Security Policy" in message.text else None,
    )
    log_in(page, live_server, cast[who].username)
    nav = page.locator("nav")
    for language in ("lv", "uk", "ru"):
        if language != "lv":
            switch_language(page, language)
        home, logout, role_label = (_label(text, language) for text in ("Home", "Log out", role.label))
        assert home != "Home" and logout != "Log out"
        assert page.locator("html").get_attribute("lang") == language
        assert nav.get_by_role("link", name=home, exact=True).is_visible()
        assert role_label in nav.inner_text()
    screenshot(page, f"home-{who}-ru")
    # The choice is remembered on the next visit.
    page.goto(f"{live_server.url}/")
    assert page.locator("html").get_attribute("lang") == "ru"
    assert refused == []  # nothing on the page breaks the Content-Security-Policy


def test_phone_width_menu(live_server, phone, cast):
    page = phone
    log_in(page, live_server, cast["mentor_x"].username)
    home = _label("Home", "lv")
    link = page.locator("nav").get_by_role("link", name=home, exact=True)
    assert not link.is_visible()  # collapsed behind the menu button at 360 px
    page.locator(".navbar-toggler").click()
    link.wait_for(state="visible")
    screenshot(page, "home-mentor-phone")


def test_wrong_password_keeps_the_username(live_server, desktop, cast):
    page = desktop
    page.goto(f"{live_server.url}/login/")
    page.fill("input[name=username]", cast["sw_a"].username)
    page.fill("input[name=password]", "not-the-password")
    page.click("main button[type=submit]")
    page.locator(".alert-danger, .invalid-feedback, .errorlist").first.wait_for(state="visible")
    assert page.input_value("input[name=username]") == cast["sw_a"].username
