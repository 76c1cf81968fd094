"""The dashboard's end-reason chart shows every reason's name whole on a phone and a desktop (issue 12):
long names are wrapped into lines, not cut off at the canvas edge."""

import pytest

from tests.browser.conftest import close, log_in, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

READ_AXIS = """() => {
  const chart = Chart.getChart(document.getElementById("chart-end-reasons"));
  const axis = chart.scales.y;
  const ctx = chart.ctx;
  ctx.save();
  ctx.font = Chart.helpers.toFont(axis.options.ticks.font).string;
  const widest = Math.max(...axis.ticks.flatMap((tick) =>
    [].concat(tick.label).map((line) => ctx.measureText(line).width)));
  ctx.restore();
  return {
    labels: axis.ticks.map((tick) => [].concat(tick.label).join(" ")),
    names: chart.data.labels,
    widest: widest,
    room: axis.width,
    left: axis.left,
  };
}"""


@pytest.mark.parametrize("width", [360, 1280])
def test_end_reason_names_are_whole(live_server, browser, cast, width):
    context = browser.new_context(viewport={"width": width, "height": 900})
    context.add_cookies([{"name": "atbalsts_language", "value": "uk", "url": live_server.url}])
    page = context.new_page()
    log_in(page, live_server, cast["fund"].username)
    page.goto(f"{live_server.url}/reporting/?programme=UA-MENTOR&start=2024-01&end=2024-06")
    page.wait_for_selector("[data-testid=chart-served][data-ready=true]")
    axis = page.evaluate(READ_AXIS)
    screenshot(page, f"dashboard-end-reasons-{width}")
    close(context)
    assert axis["labels"] == axis["names"]  # every reason, each name whole (in lines)
    assert axis["left"] >= 0
    assert axis["widest"] <= axis["room"]
