"""Fund staff open the dashboard, change the period, see the chart, lock a month and download the
XLSX; a coordinator sees only their own provider."""

import datetime
import io

import pytest
from django.utils import translation
from openpyxl import load_workbook

from mentors.models import ContractMonth
from tests import factories as f
from tests.browser.conftest import log_in, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

D = datetime.date


def _label(text: str) -> str:
    with translation.override("lv"):
        return str(translation.gettext(text))


def _serve(contract, served_by_month: dict[datetime.date, int]):
    """Clients under `contract`, each seen in the months given (the first n of them): on the 5th, or in
    February on the 26th, the day their episodes start (the 60-day limit is 25 April)."""
    started_on = D(2024, 2, 26)
    clients = [
        f.EpisodeFactory(contract=contract, started_on=started_on)
        for _ in range(max(served_by_month.values()))
    ]
    for month, count in served_by_month.items():
        for episode in clients[:count]:
            f.VisitFactory(episode=episode, visited_on=max(month.replace(day=5), started_on))


@pytest.fixture
def figures(provider_x, provider_y):
    _serve(provider_x.contract, {D(2024, 2, 1): 3, D(2024, 3, 1): 5, D(2024, 4, 1): 4})
    _serve(provider_y.contract, {D(2024, 3, 1): 2})


def _workbook(download):
    with open(download.path(), "rb") as stream:
        return load_workbook(io.BytesIO(stream.read()))


def _watch_console(page) -> list[str]:
    """Errors in the browser console from the reporting pages' own scripts (charts, print)."""
    problems = []

    def note(message):
        source = message.location.get("url", "")
        if message.type == "error" and ("dashboard.js" in source or "chartjs" in source):
            problems.append(message.text)

    page.on("console", note)
    return problems


def test_fund_staff_dashboard_lock_and_xlsx(live_server, desktop, cast, provider_x, figures):
    page = desktop
    problems = _watch_console(page)
    log_in(page, live_server, cast["fund"].username)
    page.locator("nav").get_by_role("link", name=_label("Figures"), exact=True).click()
    page.wait_for_selector("[data-testid=chart-served][data-ready=true]")

    form = page.locator("[data-testid=period-form]")
    form.locator("select[name=programme]").select_option("UA-MENTOR")
    form.locator("input[name=start]").fill("2024-02")
    form.locator("input[name=end]").fill("2024-04")
    with page.expect_navigation():
        form.locator("[type=submit]").click()
    page.wait_for_selector("[data-testid=chart-served][data-ready=true]")
    table = page.locator("[data-testid=figures-table]")
    march_x = table.locator("tr[data-provider=X-NGO][data-month='2024-03'] [data-figure=served]")
    assert march_x.inner_text() == "5"
    assert (
        table.locator("tr[data-provider=ALL][data-month='2024-03'] [data-figure=served]").inner_text() == "7"
    )
    assert page.locator("[data-testid=served-total]").inner_text() == "7"
    # The chart drew one line per provider.
    assert page.evaluate("document.getElementById('chart-served').chart.data.datasets.length") == 2
    screenshot(page, "reporting-dashboard-fund")
    with page.expect_download() as download:
        page.locator("[data-testid=export-monthly-xlsx]").first.click()
    monthly = list(_workbook(download.value).active.iter_rows(values_only=True))
    assert monthly[0][:4] == tuple(_label(name) for name in ("Programme", "Provider", "Month", "Served"))
    assert ("UA-MENTOR", "X-NGO", "2024-03", 5) in [row[:4] for row in monthly]

    page.locator("nav").get_by_role("link", name=_label("Payment statements"), exact=True).click()
    page.locator("[data-testid=period-form] input[name=start]").fill("2024-02")
    page.locator("[data-testid=period-form] input[name=end]").fill("2024-04")
    with page.expect_navigation():
        page.locator("[data-testid=period-form] [type=submit]").click()
    row = page.locator("[data-testid=statements-table] tr", has_text=provider_x.contract.number).filter(
        has_text="2024-03"
    )
    with page.expect_navigation():
        row.get_by_role("link", name="2024-03").click()
    assert page.locator("[data-testid=statement-served]").inner_text() == "5"
    assert "K-" in page.locator("[data-testid=statement-clients]").inner_text()
    with page.expect_navigation():
        page.locator("[data-testid=lock-form] [type=submit]").click()
    assert page.locator("[data-testid=confirmation]").is_visible()  # what locking does, then confirm
    with page.expect_navigation():
        page.locator("[data-testid=confirm]").click()
    assert (
        page.locator("[data-testid=statement-status]")
        .inner_text()
        .strip()
        .startswith(_label("approved and locked"))
    )
    assert ContractMonth.objects.get(contract=provider_x.contract, month=D(2024, 3, 1)).status == "locked"
    screenshot(page, "reporting-statement-locked")

    with page.expect_download() as download:
        page.locator("[data-testid=statement-xlsx]").click()
    workbook = _workbook(download.value)
    payment = list(workbook[_label("Payment")].iter_rows(values_only=True))
    header = payment.index(next(row for row in payment if row and row[0] == _label("Contract")))
    values = dict(zip(payment[header], payment[header + 1], strict=True))
    assert (
        values[_label("Clients served")],
        float(values[_label("Payable, EUR")]),
        values[_label("Status")],
    ) == (5, 250.0, _label("approved and locked"))
    assert problems == []


def test_coordinator_sees_only_their_provider(live_server, phone, cast, provider_x, provider_y, figures):
    page = phone
    log_in(page, live_server, cast["coordinator_x"].username)
    page.goto(f"{live_server.url}/reporting/?programme=UA-MENTOR&start=2024-02&end=2024-04")
    page.wait_for_selector("[data-testid=chart-served][data-ready=true]")
    table = page.locator("[data-testid=figures-table]")
    assert table.locator("tr[data-provider=X-NGO]").count() == 4
    assert table.locator("tr[data-provider=Y-NGO]").count() == 0
    assert table.locator("tr[data-provider=ALL]").count() == 0
    assert page.locator("[data-testid=served-total]").inner_text() == "5"
    screenshot(page, "reporting-dashboard-coordinator-phone")
    response = page.goto(f"{live_server.url}/reporting/statements/{provider_y.contract.pk}/2024-03/")
    assert response.status == 404
