"""Fund staff approve the statements waiting on their home page (issue 12): they untick one, add a note,
are told what will happen (how many statements, the months, the providers, the sum) and only then are
the months locked; the list's filter stays. In Latvian and Ukrainian, at 1280 and 360 px."""

import datetime

import pytest
from django.utils import timezone, translation

from cases.rules.limits import add_months
from mentors.models import ContractMonth
from reporting.periods import month_start
from tests import factories as f
from tests.browser.conftest import close, log_in, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def _label(text: str, language: str) -> str:
    with translation.override(language):
        return str(translation.gettext(text))


@pytest.mark.parametrize(("language", "width"), [("lv", 1280), ("uk", 360)])
def test_fund_staff_approve_the_chosen_statements_after_confirming(
    live_server, browser, cast, provider_x, provider_y, language, width
):
    last = add_months(month_start(timezone.localdate()), -1)
    for cast_member in (provider_x, provider_y):
        episode = f.EpisodeFactory(
            contract=cast_member.contract, started_on=last - datetime.timedelta(days=3)
        )
        f.VisitFactory(episode=episode, visited_on=last)
    context = browser.new_context(viewport={"width": width, "height": 900}, locale="lv-LV")
    page = context.new_page()
    page.set_default_timeout(10_000)
    log_in(page, live_server, cast["fund"].username)
    page.context.add_cookies([{"name": "atbalsts_language", "value": language, "url": live_server.url}])
    page.goto(f"{live_server.url}/?provider={provider_x.provider.code}")
    rows = page.locator("[data-testid=awaiting-row]")
    assert rows.count() >= 1 and all(
        provider_x.contract.number in text for text in rows.all_inner_texts()
    )  # the filter: X only
    page.fill("#approve-note", "Pārbaudīts")
    screenshot(page, f"home-fund-approve-{language}-{width}")
    page.get_by_role("button", name=_label("Approve the chosen statements…", language)).click()

    confirmation = page.locator("[data-testid=confirmation]")
    text = confirmation.inner_text()
    assert provider_x.provider.name in text and "Pārbaudīts" in text
    assert not ContractMonth.objects.filter(status=ContractMonth.Status.LOCKED).exists()
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    screenshot(page, f"approve-confirm-{language}-{width}")
    page.locator("[data-testid=confirm]").click()

    page.wait_for_url(f"**/?provider={provider_x.provider.code}")
    locked = ContractMonth.objects.filter(status=ContractMonth.Status.LOCKED)
    assert set(locked.values_list("contract_id", flat=True)) == {provider_x.contract.pk}
    assert page.locator(".alert-success").is_visible()
    close(context)
