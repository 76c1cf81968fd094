"""At phone size (360×740): a mentor logs a family visit from the caseload in a few taps; a coordinator
extends an AS-OSA episode and closes another because the client left Latvia."""

import datetime

import pytest
from django.utils import timezone, translation
from django.utils.formats import date_format

from cases.models import Activity, EndReason, Episode, Visit
from cases.rules.limits import add_months
from tests import factories as f
from tests.browser.conftest import log_in, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


class Taps:
    """The page, counting what a person does: every click, fill, check and choice."""

    def __init__(self, page):
        self.page = page
        self.count = 0

    def __getattr__(self, name):
        action = getattr(self.page, name)
        if name not in {"click", "fill", "check", "select_option"}:
            return action

        def counted(*args, **kwargs):
            self.count += 1
            return action(*args, **kwargs)

        return counted


def _days_ago(days):
    return timezone.localdate() - datetime.timedelta(days=days)


def _toggle(code_or_pk, name):
    """The large toggle button (the label) of a checkbox or radio."""
    return f"input[name={name}][value='{code_or_pk}'] + label"


def test_mentor_logs_a_family_visit_from_the_caseload(live_server, phone, provider_x):
    mother = f.ClientFactory(given_name="Olena", family_name="Koval")
    son = f.ClientFactory(given_name="Taras", family_name="Koval", date_of_birth=datetime.date(2014, 5, 1))
    f.household(mother, son)
    episode = f.EpisodeFactory(
        client=mother, contract=provider_x.contract, mentor=provider_x.mentor, started_on=_days_ago(50)
    )
    f.VisitFactory(episode=episode, visited_on=_days_ago(16))
    for days in (5, 30):
        f.EpisodeFactory(contract=provider_x.contract, mentor=provider_x.mentor, started_on=_days_ago(days))
    activities = {
        a.code: a.pk for a in Activity.objects.filter(code__in=["needs_assessment", "gp_registration"])
    }

    page = phone
    log_in(page, live_server, provider_x.mentor.user.username)
    item = page.locator("[data-testid=caseload-item]", has_text="Olena Koval")
    assert item.locator("[data-testid=limit]").is_visible()
    assert item.locator("[data-testid=flag-no-contact]").is_visible()
    screenshot(page, "mentor-caseload-phone")

    taps = Taps(page)
    taps.click("[data-testid=caseload-item]:has-text('Olena Koval') [data-testid=log-visit]")
    page.wait_for_selector("[data-testid=visit-form]")
    screenshot(page, "mentor-visit-form-phone")
    taps.click(_toggle(activities["needs_assessment"], "activities"))
    taps.click(_toggle(activities["gp_registration"], "activities"))
    taps.click(_toggle(son.pk, "attendees"))
    taps.click("[data-testid=visit-form] button[type=submit]")
    page.wait_for_url(f"{live_server.url}/cases/episodes/{episode.pk}/")
    assert taps.count < 10

    visit = page.locator("[data-testid=visit]").first
    assert "Taras Koval" in visit.inner_text()
    assert visit.locator(".badge").count() == 2
    screenshot(page, "mentor-episode-after-visit-phone")
    logged = Visit.objects.order_by("-pk").first()
    assert logged.visited_on == timezone.localdate()
    assert set(logged.attendees.all()) == {mother, son}


def test_coordinator_extends_and_closes_episodes(live_server, phone, provider_x):
    osa_contract = f.ContractFactory(provider=provider_x.provider, programme=f.programme("AS-OSA"))
    osa = f.EpisodeFactory(
        contract=osa_contract,
        mentor=provider_x.mentor,
        started_on=_days_ago(350),
        client=f.ClientFactory(
            given_name="Ahmad", family_name="Karimi", legal_status=f.legal_status("refugee")
        ),
    )
    leaving = f.EpisodeFactory(
        contract=provider_x.contract,
        mentor=provider_x.mentor,
        started_on=_days_ago(20),
        client=f.ClientFactory(given_name="Iryna", family_name="Melnyk"),
    )
    f.ReferralFactory(contract=provider_x.contract)

    page = phone
    log_in(page, live_server, provider_x.coordinator.user.username)
    screenshot(page, "coordinator-home-phone")
    page.goto(f"{live_server.url}/cases/team/")
    screenshot(page, "coordinator-team-phone")

    page.goto(f"{live_server.url}/cases/episodes/{osa.pk}/")
    page.click(f"a[href='/cases/episodes/{osa.pk}/extend/']")
    page.select_option("select[name=length]", "18")
    page.fill("textarea[name=reason]", "The family is still looking for a flat.")
    screenshot(page, "coordinator-extend-phone")
    page.click("main [type=submit]")
    page.wait_for_url(f"{live_server.url}/cases/episodes/{osa.pk}/")
    osa.refresh_from_db()
    assert osa.limit_on == add_months(osa.started_on, 18)
    with translation.override("lv"):
        shown = date_format(osa.limit_on, "SHORT_DATE_FORMAT")
    assert shown in page.locator("[data-testid=limit]").first.inner_text()
    screenshot(page, "coordinator-episode-extended-phone")

    page.goto(f"{live_server.url}/cases/episodes/{leaving.pk}/")
    page.click(f"a[href='/cases/episodes/{leaving.pk}/end/']")
    page.select_option("select[name=end_reason]", str(EndReason.objects.get(code="left_country").pk))
    page.fill("textarea[name=closing_summary]", "Moved to Poland to join relatives.")
    screenshot(page, "coordinator-end-phone")
    page.click("main [type=submit]")
    page.wait_for_url(f"{live_server.url}/cases/episodes/{leaving.pk}/")
    leaving.refresh_from_db()
    assert (leaving.status, leaving.end_reason.code) == (Episode.Status.ENDED, "left_country")
    assert "Moved to Poland" in page.content()
    screenshot(page, "coordinator-episode-ended-phone")

    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{live_server.url}/cases/team/")
    screenshot(page, "coordinator-team-desktop")
    page.goto(f"{live_server.url}/cases/episodes/{osa.pk}/")
    screenshot(page, "coordinator-episode-desktop")
