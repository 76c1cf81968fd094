"""The referral journey end to end in Chromium: a Rīga social worker registers a Ukrainian mother and
her child (one household), records consent and files referrals; the coordinator of the covering
provider accepts and assigns a Ukrainian-speaking mentor; the social worker sees "accepted" with the
mentor's name, in Latvian and again in Ukrainian."""

import pytest
from django.utils import translation

from cases.models import Episode, Referral
from mentors.models import ProviderStaff
from tests import factories as f
from tests.browser.conftest import log_in, screenshot, switch_language

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def _(text: str, language: str = "lv") -> str:
    with translation.override(language):
        return str(translation.gettext(text))


def _register(page, *, given, family, given_original, family_original, born, languages=()):
    page.fill("#id_given_name", given)
    page.fill("#id_family_name", family)
    page.fill("#id_given_name_original", given_original)
    page.fill("#id_family_name_original", family_original)
    page.fill("#id_date_of_birth", born)
    page.check("input[name=sex][value=F]")
    for language in languages:
        page.check(f"input[name=languages][value='{f.language(language).pk}']")
    page.click("main button[type=submit]")


def _record_consent(page):
    page.get_by_role("link", name=_("Record consent")).first.click()
    page.click("main button[type=submit]")
    page.wait_for_selector(".alert-success")


def _file_referral(page, needs: str):
    page.get_by_role("link", name=_("File a referral")).click()
    page.check(f"input[name=needs_areas][value='{f.goal_area('education').pk}']")
    page.fill("#id_needs_text", needs)
    page.click("main button[type=submit]")
    page.wait_for_selector("[data-testid=referral-summary]")  # the summary, to confirm
    page.click("main button[name=confirmed]")
    page.wait_for_selector("[data-testid=referral-status]")


def test_social_worker_refers_a_family_and_sees_the_mentor(live_server, desktop, phone, cast, provider_x):
    # A second mentor of X who speaks only Latvian: the Ukrainian speaker must be suggested first.
    f.ProviderStaffFactory(provider=provider_x.provider, role=ProviderStaff.Role.MENTOR, languages=["lv"])
    mentor_name = str(provider_x.mentor)
    page = desktop

    log_in(page, live_server, cast["sw_a"].username)
    page.locator("nav").get_by_role("link", name=_("Clients"), exact=True).click()
    page.get_by_role("link", name=_("Register a person")).click()
    page.select_option("#id_citizenship", "UA")
    page.select_option("#id_preferred_language", str(f.language("uk").pk))
    page.select_option("#id_legal_status", str(f.legal_status("ua_civilian").pk))
    screenshot(page, "referrals-register-form")
    _register(
        page,
        given="Olena",
        family="Shevchenko",
        given_original="Олена",
        family_original="Шевченко",
        born="1988-03-14",
        languages=["uk", "ru"],
    )
    page.wait_for_selector("h1:has-text('Olena Shevchenko')")
    _record_consent(page)

    page.get_by_role("link", name=_("Add a household member")).click()
    assert page.input_value("#id_family_name") == "Shevchenko"
    _register(
        page,
        given="Sofiia",
        family="Shevchenko",
        given_original="Софія",
        family_original="Шевченко",
        born="2015-09-01",
    )
    page.wait_for_selector("h1:has-text('Sofiia Shevchenko')")
    screenshot(page, "referrals-child-registered")
    _record_consent(page)
    _file_referral(page, "School enrolment in Rīga.")

    page.goto(f"{live_server.url}/cases/clients/?q=Шевченко+Олена")
    page.get_by_role("link", name="Olena Shevchenko").click()
    _file_referral(page, "Housing and a family doctor.")
    assert page.locator("[data-testid=referral-status]").inner_text() == _("submitted")
    screenshot(page, "referrals-filed-sw")

    # The coordinator of the provider covering Rīga accepts and assigns the Ukrainian speaker.
    page.context.clear_cookies()
    log_in(page, live_server, cast["coordinator_x"].username)
    screenshot(page, "referrals-home-coordinator")
    page.locator("[data-testid=home-inbox]").get_by_role("link", name=_("Open the inbox")).click()
    assert page.locator("tbody tr").count() == 2
    page.get_by_role("link", name="Olena Shevchenko").click()
    first_choice = page.locator("[data-testid=accept-form] input[name=accept-mentor]").first
    assert mentor_name in page.locator(f"label[for='{first_choice.get_attribute('id')}']").inner_text()
    assert _("speaks the client's language") in page.locator("[data-testid=accept-form]").inner_text()
    screenshot(page, "referrals-accept-coordinator")
    first_choice.check()
    page.locator("[data-testid=accept-form] button[type=submit]").click()
    page.wait_for_selector("[data-testid=outcome]")
    assert page.locator("[data-testid=mentor]").inner_text() == mentor_name

    episode = Episode.objects.get(client__given_name="Olena")
    assert episode.mentor == provider_x.mentor and episode.contract == provider_x.contract
    assert Referral.objects.get(client__given_name="Sofiia").status == Referral.Status.SUBMITTED

    # The social worker follows the outcome, in Latvian and in Ukrainian, on a desktop and a phone.
    page.context.clear_cookies()
    log_in(page, live_server, cast["sw_a"].username)
    for language in ("lv", "uk"):
        if language != "lv":
            switch_language(page, language)
        page.goto(f"{live_server.url}/cases/referrals/?status=accepted")
        row = page.locator("tbody tr", has_text="Olena Shevchenko")
        assert row.locator("[data-testid=referral-status]").inner_text() == _("accepted", language)
        assert mentor_name in row.inner_text()
        row.get_by_role("link", name="Olena Shevchenko").click()
        outcome = page.locator("[data-testid=outcome]")
        assert page.locator("[data-testid=referral-status]").inner_text() == _("accepted", language)
        assert outcome.locator("[data-testid=mentor]").inner_text() == mentor_name
        assert outcome.locator("[data-testid=episode-status]").inner_text() == _("active", language)
    screenshot(page, "referrals-outcome-sw-uk")
    referral_url = page.url
    page.goto(f"{live_server.url}/")
    assert page.locator("[data-testid=home-referrals] li", has_text="Olena Shevchenko").is_visible()
    screenshot(page, "referrals-home-sw-uk")

    log_in(phone, live_server, cast["sw_a"].username)
    phone.goto(referral_url)
    assert phone.locator("[data-testid=mentor]").inner_text() == mentor_name
    screenshot(phone, "referrals-outcome-sw-phone")
    phone.goto(f"{live_server.url}/cases/clients/?q=Ševčenko")
    assert phone.locator("tbody tr").count() == 2
    screenshot(phone, "referrals-clients-phone")
    phone.get_by_role("link", name=_("Register a person", "lv")).click()
    screenshot(phone, "referrals-register-phone")
