"""The mentor's caseload fits a 360 px phone in every language (issue 11/12): its longest badges (a
limit with the days left, a planned contact overdue, no contact in 14 days) are longest in Ukrainian
and Russian, and wrap inside the card instead of widening the page."""

import datetime

import pytest
from django.utils import timezone

from cases.models import Episode
from tests import factories as f
from tests.browser.conftest import log_in, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

WIDER_THAN_THE_SCREEN = """(width) => [...document.querySelectorAll("main *")]
  .filter((el) => el.offsetParent !== null && el.getBoundingClientRect().right > width + 0.5)
  .map((el) => `${el.tagName}.${el.className}: ${el.textContent.trim().slice(0, 60)}`)"""


def _days_ago(days: int) -> datetime.date:
    return timezone.localdate() - datetime.timedelta(days=days)


def _caseload(cast):
    """One episode of each kind of what is due, with the longest names the badges take."""
    for name, started, planned in (
        ("Oleksandra-Kateryna", 55, _days_ago(3)),  # limit within 7 days, planned contact overdue
        ("Volodymyr", 70, None),  # past the limit
        ("Svitlana", 20, timezone.localdate()),  # no contact in 14 days, contact today
        ("Mykhailo", 5, timezone.localdate() + datetime.timedelta(days=12)),
    ):
        episode = f.EpisodeFactory(
            contract=cast.contract,
            mentor=cast.mentor,
            started_on=_days_ago(started),
            client=f.ClientFactory(
                given_name=name,
                family_name="Hrytsenko-Shevchenko",
                phone="+371 2000 0000",
                street_address="Brīvības gatve 214-118",
                locality="Rīga",
            ),
        )
        Episode.objects.filter(pk=episode.pk).update(next_contact_on=planned)


@pytest.mark.parametrize("language", ["uk", "ru", "lv"])
def test_the_caseload_fits_a_360_px_phone(live_server, phone, provider_x, language):
    """The mentor's caseload and home page (the caseload first), and the coordinator's caseload (with
    each mentor's name) and team; each looked at at 360 and at 1280 px."""
    _caseload(provider_x)
    page = phone
    pages = (
        ("mentor", "caseload", "/cases/caseload/"),
        ("mentor", "home", "/"),
        ("coordinator", "caseload", "/cases/caseload/"),
        ("coordinator", "team", "/cases/team/"),
    )
    logged_in = None
    for who, name, path in pages:
        if who != logged_in:
            page.context.clear_cookies()
            page.context.add_cookies(
                [{"name": "atbalsts_language", "value": language, "url": live_server.url}]
            )
            log_in(page, live_server, getattr(provider_x, who).user.username)
            logged_in = who
        page.set_viewport_size({"width": 360, "height": 740})
        page.goto(f"{live_server.url}{path}")
        assert page.locator("html").get_attribute("lang") == language
        assert page.locator("[data-testid=caseload-item]").count() == 4 or name == "team"
        screenshot(page, f"{name}-{who}-360-{language}")
        wide = page.evaluate(WIDER_THAN_THE_SCREEN, 360)
        assert page.evaluate("document.documentElement.scrollWidth") <= 360, (who, path, wide)
        page.set_viewport_size({"width": 1280, "height": 900})
        page.goto(f"{live_server.url}{path}")
        screenshot(page, f"{name}-{who}-1280-{language}")
        assert page.evaluate("document.documentElement.scrollWidth") <= 1280, (who, path)
