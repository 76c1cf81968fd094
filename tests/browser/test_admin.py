"""The admin works under the application's Content-Security-Policy: no refusals, its scripts run."""

import pytest

from tests.browser.conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_admin_pages_run_under_the_csp(live_server, desktop, admin_user, provider_x):
    page = desktop
    refused = []
    page.on(
        "console",
        lambda message: refused.append(message.text) if "Content Security Policy" in message.text else None,
    )
    log_in(page, live_server, admin_user.username)
    for path in ("/admin/", "/admin/mentors/programme/", "/admin/mentors/programme/add/"):
        page.goto(f"{live_server.url}{path}")
    page.goto(f"{live_server.url}/admin/mentors/contract/{provider_x.contract.pk}/change/")
    # DateTimeShortcuts.js adds the "Today" link and the calendar beside each date field.
    starts_on = page.locator("input[name=starts_on]")
    before = starts_on.input_value()
    page.locator(".datetimeshortcuts a").first.click()  # "Today"
    assert starts_on.input_value() not in ("", before)
    assert refused == []
