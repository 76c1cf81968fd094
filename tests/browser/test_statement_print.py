"""The payment statement as printed (issue 12): the statement page's "Print" opens the whole statement
(every client, not the page's 200), the figures, then the approval lines of a paper statement
(prepared by, approved by: name, date, signature), without the toolbar when printed and with no
Content-Security-Policy error; in Latvian, Ukrainian and Russian."""

import datetime

import pytest
from django.utils import translation

from mentors.services import contract_month_lock
from tests import factories as f
from tests.browser.conftest import log_in, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

D = datetime.date


def _label(text: str, language: str) -> str:
    with translation.override(language):
        return translation.gettext(text)


@pytest.mark.parametrize("language", ["lv", "uk", "ru"])
def test_printed_statement_has_the_signature_lines(live_server, desktop, cast, provider_x, language):
    contract = provider_x.contract
    for day in (4, 5, 6):
        episode = f.EpisodeFactory(contract=contract, started_on=D(2024, 3, 1))
        f.VisitFactory(episode=episode, visited_on=D(2024, 3, day))
    fund = cast["fund"]
    fund.first_name, fund.last_name = "Inese", "Ozola"
    fund.save(update_fields=["first_name", "last_name"])
    contract_month_lock(contract=contract, month=D(2024, 3, 1), by=fund, note="")

    page = desktop
    errors = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    log_in(page, live_server, fund.username)
    page.context.add_cookies([{"name": "atbalsts_language", "value": language, "url": live_server.url}])
    page.goto(f"{live_server.url}/reporting/statements/{contract.pk}/2024-03/")
    page.locator("[data-testid=statement-print]").click()
    page.wait_for_url(f"**/reporting/statements/{contract.pk}/2024-03/print/")
    assert page.locator("[data-testid=statement-clients] tbody tr").count() == 3
    assert page.evaluate("getComputedStyle(document.body).maxWidth") != "none"  # the document's style
    page.emulate_media(media="print")
    assert not page.locator(".toolbar").is_visible()
    signatures = page.locator("[data-testid=statement-signatures]")
    assert signatures.is_visible()
    text = signatures.inner_text()
    for line in ("Prepared by (provider)", "Approved by (the fund)", "Name, surname", "Date", "Signature"):
        assert _label(line, language) in text
    assert "Inese Ozola" in page.locator("[data-testid=signature-approved]").inner_text()
    # Each signature box leaves room to sign by hand.
    assert page.locator("[data-testid=signature-prepared] td").last.bounding_box()["height"] >= 40
    screenshot(page, f"statement-print-{language}")
    page.emulate_media(media="screen")
    page.set_viewport_size({"width": 360, "height": 740})
    wide = page.evaluate(
        """() => [...document.querySelectorAll("main *")].filter((el) => el.getBoundingClientRect().right > 361)
                 .map((el) => el.tagName + "." + el.className).slice(0, 8)"""
    )
    assert page.evaluate("document.documentElement.scrollWidth") <= 360, wide
    clipped = page.evaluate(
        """() => [...document.querySelectorAll(".signature-table th, .signature-table td")]
                 .filter((cell) => cell.scrollWidth > cell.clientWidth).map((cell) => cell.textContent.trim())"""
    )
    assert clipped == []  # every label fits its column on a phone
    screenshot(page, f"statement-360-{language}")
    assert not [error for error in errors if "Content Security Policy" in error], errors
