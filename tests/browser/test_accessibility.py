"""WCAG 2.2 AA on every page (issue 12): axe-core (vendored, static/vendor/axe-core) runs on every page
each role may open — the access matrix's GET rows that answer the role with an HTML page — at 1280 and
at 360 px, and no serious or critical violation is allowed. And the navigation bar fits at 1280 px in
the longest languages (Ukrainian and Russian), for the role with the most links.

One browser page serves each group of roles at both widths (the viewport is resized in place, with no
reload); the roles come in two groups of about equal work, so that the test runners share them.
"""

import pytest
from django.test import Client
from django.utils import translation

from tests import standing
from tests.access.matrix import all_rows, row_modules
from tests.browser.conftest import close, log_in, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

# Loaded from the site itself, as the Content-Security-Policy allows scripts only from there.
AXE = "/static/vendor/axe-core/axe.min.js"
# One member of each role (the Y side of the cast mirrors the X side); the administrator's Django admin
# is Django's own and outside the matrix.
ROLE_GROUPS = {
    "case workers": ("coordinator_x", "mentor_x", "dpo", "nobody"),
    "referrers, fund and admin": ("sw_a", "social_worker_x", "fund", "admin"),
}
WIDTHS = (1280, 360)
WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
RUN_AXE = """async (tags) => {
  const result = await axe.run(document, {runOnly: {type: "tag", values: tags}, resultTypes: ["violations"]});
  return result.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => ({id: v.id, impact: v.impact, help: v.help,
                  targets: v.nodes.slice(0, 5).map((n) => n.target.join(" ") + " — " + n.failureSummary.split("\\n").slice(1, 2).join(""))}));
}"""


def _html_pages(world, who: str) -> list[str]:
    """The paths of the matrix's GET rows that answer `who` with an HTML page (not a download)."""
    client = Client()
    client.force_login(world["cast"][who])
    paths = []
    for row in all_rows():
        if row.method != "get" or row.expected(who) != 200:
            continue
        path = row.path(world)
        response = client.get(path, row.data(world))
        if response.status_code == 200 and response["Content-Type"].startswith("text/html"):
            query = response.request.get("QUERY_STRING", "")
            paths.append(f"{path}?{query}" if query else path)
    return list(dict.fromkeys(paths))


def _violations(page, base_url: str, width: int) -> list[dict]:
    page.set_viewport_size({"width": width, "height": 900})
    # Two frames: the page's resize handlers have run (wide tables become reachable by keyboard).
    page.evaluate("() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))")
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(url=f"{base_url}{AXE}")
    return page.evaluate(RUN_AXE, WCAG_AA)


@pytest.mark.parametrize("roles", ROLE_GROUPS.values(), ids=ROLE_GROUPS.keys())
def test_no_serious_or_critical_violation_on_any_page_of_any_role(live_server, browser, roles):
    world = standing.world()
    for module in row_modules():
        module.build(world)
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="lv-LV")
    page = context.new_page()
    page.set_default_timeout(15_000)
    found, checked = [], 0
    try:
        for who in roles:
            paths = _html_pages(world, who)
            assert paths, who
            context.clear_cookies()
            log_in(page, live_server, world["cast"][who].username)
            for path in paths:
                page.set_viewport_size({"width": 1280, "height": 900})
                response = page.goto(f"{live_server.url}{path}")
                assert response.status == 200, (who, path, response.status)
                for width in WIDTHS:
                    checked += 1
                    for violation in _violations(page, live_server.url, width):
                        found.append(
                            f"{who} {path} at {width} px: {violation['id']} ({violation['impact']}: "
                            f"{violation['help']}) on " + "; ".join(violation["targets"])
                        )
    finally:
        close(context)
    assert checked > 40
    assert not found, "\n".join(found)


def _label(text: str, language: str) -> str:
    with translation.override(language):
        return translation.gettext(text)


@pytest.mark.parametrize("language", ["uk", "ru", "lv"])
def test_the_navigation_bar_fits_at_1280_px(live_server, desktop, cast, language):
    """The coordinator has the most links; in Ukrainian and Russian they are longest. Nothing may stick
    out of the bar or wrap under it out of sight."""
    page = desktop
    log_in(page, live_server, cast["coordinator_x"].username)
    page.context.add_cookies([{"name": "atbalsts_language", "value": language, "url": live_server.url}])
    page.goto(f"{live_server.url}/")
    assert page.locator("html").get_attribute("lang") == language
    nav = page.locator("nav.navbar")
    overflow = page.evaluate(
        """() => {
          const nav = document.querySelector("nav.navbar");
          const bar = nav.getBoundingClientRect();
          const out = [...nav.querySelectorAll("a, button, select")]
            .filter((el) => el.offsetParent !== null)
            .filter((el) => { const r = el.getBoundingClientRect();
                              return r.right > bar.right + 0.5 || r.bottom > bar.bottom + 0.5 || r.left < bar.left - 0.5; })
            .map((el) => el.textContent.trim() || el.tagName);
          return {out, scroll: document.documentElement.scrollWidth, width: window.innerWidth,
                  navScroll: nav.scrollWidth, navWidth: nav.clientWidth};
        }"""
    )
    assert overflow["out"] == [], overflow
    assert overflow["navScroll"] <= overflow["navWidth"], overflow
    assert overflow["scroll"] <= overflow["width"], overflow
    home = _label("Home", language)
    assert nav.get_by_role("link", name=home, exact=True).is_visible()  # not folded behind the menu
    screenshot(page, f"nav-coordinator-1280-{language}")
    # At 360 px the links fold behind the menu button and open in one column, within the screen.
    page.set_viewport_size({"width": 360, "height": 740})
    page.locator(".navbar-toggler").click()
    nav.get_by_role("link", name=home, exact=True).wait_for(state="visible")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    screenshot(page, f"nav-coordinator-360-{language}")
