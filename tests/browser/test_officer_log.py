"""The data protection officer finds who opened a person's file: the log filtered by person, in Chromium."""

import pytest
from django.urls import reverse
from django.utils import translation

from cases.models import Episode
from tests import factories as f
from tests.browser.conftest import log_in, screenshot
from tests.cases.episode_support import days_ago

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def _lv(text: str) -> str:
    with translation.override("lv"):
        return str(translation.gettext(text))


def test_the_officer_filters_the_log_by_person(live_server, desktop, cast, provider_x):
    olena = f.SearchableClientFactory(given_name="Olena", family_name="Koval", phone="+371 29999999")
    other = f.SearchableClientFactory(given_name="Olena", family_name="Kovalenko")
    episode = f.EpisodeFactory(
        client=olena, contract=provider_x.contract, mentor=provider_x.mentor, started_on=days_ago(10)
    )
    page = desktop
    log_in(page, live_server, cast["mentor_x"].username)
    page.goto(live_server.url + reverse("cases:client_detail", args=[olena.pk]))
    page.goto(live_server.url + reverse("cases:episode_detail", args=[episode.pk]))
    page.context.clear_cookies()
    assert Episode.objects.filter(pk=episode.pk).exists() and other.pk

    log_in(page, live_server, cast["dpo"].username)
    page.get_by_role("link", name=_lv("Change and read log")).first.click()
    form = page.locator("[data-testid=log-filter]")
    form.get_by_label(_lv("Person")).fill("Olena Kov")
    form.get_by_label(_lv("Entries")).select_option("reads")
    form.get_by_role("button", name=_lv("Show")).click()

    matches = page.locator("[data-testid=log-person-matches]")
    assert "Olena Kovalenko" in matches.inner_text()
    matches.get_by_role("link", name=f"{olena.pseudonym} Olena Koval", exact=True).click()

    assert olena.pseudonym in page.locator("[data-testid=log-person]").inner_text()
    rows = page.locator("[data-testid=log-table] tbody tr")
    assert rows.count() == 2  # the client's page and the episode's page, by the mentor
    assert cast["mentor_x"].username in rows.first.inner_text()
    assert "+371 29999999" not in page.content()
    screenshot(page, "officer-log-by-person")
    response = page.goto(live_server.url + reverse("cases:client_detail", args=[olena.pk]))
    assert response.status == 404
