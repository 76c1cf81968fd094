"""Playwright driving the system Chromium (never a downloaded browser).

Chromium is looked up at $CHROMIUM_PATH, /usr/bin/chromium, /usr/bin/chromium-browser. Without one the
browser tests are skipped with a message on a developer's machine, and fail in CI (CI=true).
"""

import os
import shutil
from pathlib import Path

import pytest

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's sync API runs an event loop.

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


def _chromium_path():
    for candidate in (os.environ.get("CHROMIUM_PATH"), "/usr/bin/chromium", "/usr/bin/chromium-browser"):
        if candidate and shutil.which(candidate):
            return candidate
    return None


def _serialized_test_databases() -> dict:
    from django.db import connections

    return {
        alias: connections[alias]._test_serialized_contents
        for alias in connections
        if hasattr(connections[alias], "_test_serialized_contents")
    }


def _restore_serialized_test_databases(contents: dict) -> None:
    # Playwright's sync API keeps an event loop running in this thread, and Django then keeps its
    # connections in a context-local store: a fresh connection object without the snapshot that
    # `serialized_rollback` restores the reference data from. Hand the snapshot over.
    from django.db import connections

    for alias, serialized in contents.items():
        connections[alias]._test_serialized_contents = serialized


@pytest.fixture(scope="session")
def browser(django_db_setup):
    path = _chromium_path()
    if path is None:
        message = "No Chromium found (apt-get install chromium, or set CHROMIUM_PATH): browser tests skipped."
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    serialized = _serialized_test_databases()
    with sync_playwright() as playwright:
        _restore_serialized_test_databases(serialized)
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
    context.close()


@pytest.fixture
def phone(browser):
    context = browser.new_context(
        viewport={"width": 360, "height": 740}, locale="lv-LV", is_mobile=True, has_touch=True
    )
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
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
