"""Lists in Chromium, in Latvian and in Ukrainian: a mentor plans the next contact from the visit form
and, on that day, finds the client at the top of the caseload; the coordinator's inbox shows the
overdue referral first and filters by programme."""

import datetime

import pytest
from django.db.models import F
from django.utils import timezone, translation

from cases.models import Episode, Visit
from mentors.models import Programme
from tests import factories as f
from tests.browser.conftest import log_in, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]
LANGUAGES = ["lv", "uk"]


def _(text: str, language: str) -> str:
    with translation.override(language):
        return str(translation.gettext(text))


def _days_ago(days: int) -> datetime.date:
    return timezone.localdate() - datetime.timedelta(days=days)


def _in_language(page, live_server, language: str) -> None:
    page.context.add_cookies([{"name": "atbalsts_language", "value": language, "url": live_server.url}])


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_mentor_plans_the_next_contact_and_finds_the_client_first_on_that_day(
    live_server, phone, provider_x, language
):
    for name, started in (("Anna", 40), ("Bohdan", 30)):  # no contact for weeks: flagged, first today
        f.EpisodeFactory(
            contract=provider_x.contract,
            mentor=provider_x.mentor,
            started_on=_days_ago(started),
            client=f.ClientFactory(given_name=name, family_name="Shevchenko"),
        )
    episode = f.EpisodeFactory(
        contract=provider_x.contract,
        mentor=provider_x.mentor,
        started_on=_days_ago(10),
        client=f.ClientFactory(given_name="Olena", family_name="Koval"),
    )
    page = phone
    _in_language(page, live_server, language)
    log_in(page, live_server, provider_x.mentor.user.username)
    page.goto(f"{live_server.url}/cases/caseload/")
    names = page.locator("[data-testid=caseload-item] a.fw-semibold").all_inner_texts()
    assert names[-1] == "Olena Koval"

    page.click("[data-testid=caseload-item]:has-text('Olena Koval') [data-testid=log-visit]")
    page.wait_for_selector("[data-testid=visit-form]")
    page.locator("input[name=activities] + label").first.click()
    in_three_days = timezone.localdate() + datetime.timedelta(days=3)
    page.fill("input[name=next_contact_on]", in_three_days.isoformat())
    page.fill("input[name=next_contact_at]", "10:30")
    screenshot(page, f"lists-visit-next-contact-{language}")
    page.click("[data-testid=visit-form] button[type=submit]")
    page.wait_for_url(f"{live_server.url}/cases/episodes/{episode.pk}/")
    episode.refresh_from_db()
    assert (episode.next_contact_on, episode.next_contact_at) == (in_three_days, datetime.time(10, 30))

    # Three days pass: every date of the caseload moves three days back, as the calendar would.
    shift = datetime.timedelta(days=3)
    Episode.objects.update(
        started_on=F("started_on") - shift,
        limit_on=F("limit_on") - shift,
        next_contact_on=F("next_contact_on") - shift,
    )
    Visit.objects.update(visited_on=F("visited_on") - shift)

    page.goto(f"{live_server.url}/cases/caseload/")
    first = page.locator("[data-testid=caseload-item]").first
    assert "Olena Koval" in first.inner_text()
    assert _("Contact today at %(time)s", language) % {"time": "10:30"} in first.inner_text()
    assert "Olena Koval" in page.locator("[data-testid=today]").inner_text()
    screenshot(page, f"lists-caseload-that-day-{language}")


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_inbox_shows_overdue_referrals_first_and_filters_by_programme(
    live_server, desktop, provider_x, language
):
    def referral(family_name, days_ago):
        return f.ReferralFactory(
            contract=provider_x.contract,
            client=f.ConsentedClientFactory(
                family_name=family_name, residence_municipality=f.municipality("Rīga")
            ),
            submitted_at=timezone.now() - datetime.timedelta(days=days_ago),
        )

    referral("Fresh", 0)
    referral("Late", 20)
    page = desktop
    _in_language(page, live_server, language)
    log_in(page, live_server, provider_x.coordinator.user.username)
    page.goto(f"{live_server.url}/cases/referrals/")
    rows = page.locator("[data-testid=referral-row]")
    assert "Late" in rows.nth(0).inner_text() and "Fresh" in rows.nth(1).inner_text()
    assert _("overdue", language) in rows.nth(0).inner_text().lower()
    screenshot(page, f"lists-inbox-{language}")

    other = Programme.objects.exclude(pk=provider_x.contract.programme_id).first()
    page.select_option("[data-testid=filters] select[name=programme]", str(other.pk))
    page.click("[data-testid=filters] button[type=submit]")
    page.wait_for_url(f"**programme={other.pk}**")
    assert page.locator("[data-testid=referral-row]").count() == 0
    assert _("No referral matches these filters.", language) in page.content()

    page.select_option("[data-testid=filters] select[name=programme]", str(provider_x.contract.programme_id))
    page.click("[data-testid=filters] button[type=submit]")
    page.wait_for_url(f"**programme={provider_x.contract.programme_id}**")
    assert page.locator("[data-testid=referral-row]").count() == 2
    # The filter stays when the list is sorted by a column.
    page.locator("thead a").first.click()
    page.wait_for_url("**sort=client**")
    assert f"programme={provider_x.contract.programme_id}" in page.url
    assert page.locator("[data-testid=referral-row]").count() == 2
