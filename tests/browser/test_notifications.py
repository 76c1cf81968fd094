"""Notifications end to end in Chromium, in Latvian and in Ukrainian: a social worker has a referral
waiting; the coordinator accepts it in another browser; the social worker's bell counts it without a
reload, the list shows it, and the accepted e-mail arrives at a real SMTP server (aiosmtpd) in the
social worker's language."""

import pytest
from django.utils import translation
from django.utils.translation import ngettext

from tests import factories as f
from tests.browser.conftest import close, log_in, screenshot
from tests.notifications.smtp import MailServer
from tests.notifications.test_outbox import run_worker

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

LOCALES = {"lv": "lv-LV", "uk": "uk-UA"}


def _(text: str, language: str) -> str:
    with translation.override(language):
        return str(translation.gettext(text))


@pytest.fixture
def mail_server(settings):
    server = MailServer().start()
    server.settings(settings)
    yield server
    server.stop()


@pytest.mark.parametrize("language", ["lv", "uk"])
def test_the_social_worker_hears_of_the_acceptance_at_once_and_by_e_mail(
    live_server, browser, settings, mail_server, cast, provider_x, language
):
    settings.NOTIFICATION_POLL_SECONDS = 1
    sw_a = cast["sw_a"]
    client = f.ConsentedClientFactory(registered_by=sw_a, given_name="Olena", family_name="Shevchenko")
    referral = f.ReferralFactory(client=client, contract=provider_x.contract, filed_by=sw_a)

    social_worker = browser.new_context(viewport={"width": 360, "height": 740}, locale=LOCALES[language])
    coordinator = browser.new_context(viewport={"width": 1280, "height": 900}, locale=LOCALES[language])
    try:
        sw_page = social_worker.new_page()
        sw_page.set_default_timeout(15_000)
        log_in(sw_page, live_server, sw_a.username)  # the first login records the interface language
        bell = sw_page.locator("[data-testid=bell]")
        bell.locator("[data-bell-count]").wait_for(state="hidden")
        assert sw_page.locator("html").get_attribute("lang") == language

        page = coordinator.new_page()
        page.set_default_timeout(15_000)
        log_in(page, live_server, cast["coordinator_x"].username)
        waiting = page.locator("[data-testid=bell] [data-bell-count]")
        waiting.wait_for(state="visible")  # the count arrives with the bell's first request
        assert waiting.inner_text() == "1"  # the referral
        page.goto(f"{live_server.url}/cases/referrals/{referral.pk}/")
        page.locator("[data-testid=accept-form] input[name=accept-mentor]").first.check()
        page.locator("[data-testid=accept-form] button[type=submit]").click()
        page.wait_for_selector("[data-testid=outcome]")

        # The social worker's page, untouched, counts the news within a poll or two.
        count = bell.locator("[data-bell-count]")
        count.wait_for(state="visible")
        assert count.inner_text() == "1"
        with translation.override(language):
            label = ngettext("%(count)d unread notification", "%(count)d unread notifications", 1) % {
                "count": 1
            }
        assert bell.locator("[data-bell-label]").text_content() == label
        screenshot(sw_page, f"notifications-bell-{language}")
        bell.click()
        item = sw_page.locator("[data-testid=notification]").first
        assert "Olena" in item.inner_text() and client.pseudonym in item.inner_text()
        assert provider_x.mentor.user.get_full_name() in item.inner_text()
        screenshot(sw_page, f"notifications-list-{language}")
        item.get_by_role("link").click()
        sw_page.wait_for_url(f"{live_server.url}/cases/referrals/{referral.pk}/")
        sw_page.goto(f"{live_server.url}/")
        count.wait_for(state="hidden")  # read now
    finally:
        close(social_worker)
        close(coordinator)

    # The worker sends the e-mails; the social worker's is in their language.
    run_worker()
    [message] = mail_server.to(sw_a.email)
    body = message.get_content()
    greeting = _("Hello %(first_name)s,", language) % {"first_name": sw_a.first_name}
    assert greeting in body
    with translation.override(language):
        expected = _(
            "Your referral of %(first_name)s (%(client)s) was accepted; the mentor is %(mentor)s.", language
        ) % {"first_name": "Olena", "client": client.pseudonym, "mentor": provider_x.mentor.user.first_name}
    assert expected in body
    assert "Shevchenko" not in body
