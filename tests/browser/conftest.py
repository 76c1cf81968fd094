"""Playwright driving the system Chromium (never a downloaded browser).

Chromium is looked up at $CHROMIUM_PATH, /usr/bin/chromium, /usr/bin/chromium-browser. Without one the
browser tests are skipped with a message on a developer's machine, and fail in CI (CI=true).
"""

import contextlib
import os
import shutil
from pathlib import Path

import pytest
from playwright.sync_api import Error as PlaywrightError

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's sync API runs an event loop.

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


def _chromium_path():
    for candidate in (os.environ.get("CHROMIUM_PATH"), "/usr/bin/chromium", "/usr/bin/chromium-browser"):
        if candidate and shutil.which(candidate):
            return candidate
    return None


@pytest.fixture(scope="session")
def browser(django_db_setup, django_db_blocker):
    path = _chromium_path()
    if path is None:
        message = "No Chromium found (apt-get install chromium, or set CHROMIUM_PATH): browser tests skipped."
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    from django.db import connections
    from playwright.sync_api import sync_playwright

    # Playwright's event loop gives Django a fresh connection object per context, without the
    # serialized test database that `serialized_rollback` restores the reference data from after each
    # browser test's flush; keep it on the class so that every connection object finds it.
    with django_db_blocker.unblock():
        wrapper = connections["default"]
        contents = getattr(wrapper, "_test_serialized_contents", None)
    if contents is not None:
        type(wrapper)._test_serialized_contents = contents

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=path,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def desktop(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="lv-LV")
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    close(context)


@pytest.fixture
def phone(browser):
    context = browser.new_context(
        viewport={"width": 360, "height": 740}, locale="lv-LV", is_mobile=True, has_touch=True
    )
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    close(context)


def close(context) -> None:
    """Close a browser context once its pages' requests are answered (a last page's notification count,
    a navigation the test did not wait for): a request the live server is still answering would read
    the tables while the test database is emptied after the test (on PostgreSQL, a deadlock)."""
    for page in context.pages:
        with contextlib.suppress(PlaywrightError):  # still busy after 5 s: close anyway
            page.wait_for_load_state("networkidle", timeout=5_000)
    context.close()


def screenshot(page, name: str) -> None:
    """Keep a picture of the page for people to look at (test-artifacts/, not committed)."""
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def log_in(page, live_server, username: str, password: str = "correct-horse-battery") -> None:
    page.goto(f"{live_server.url}/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.click("main button[type=submit]")
    page.wait_for_url(f"{live_server.url}/")


def switch_language(page, code: str) -> None:
    with page.expect_navigation():
        page.select_option("[data-testid=language]", code)
