"""Headers: no caching of what a signed-in person sees, the CSP in the admin too, `__Host-` cookies
in production."""

import re

import pytest
from django.urls import reverse

from config.middleware import CONTENT_SECURITY_POLICY


def _no_store(response) -> bool:
    return "no-store" in response.get("Cache-Control", "")


def test_every_response_to_a_signed_in_user_is_not_stored(client, fund, admin_user):
    client.force_login(fund)
    page = client.get(reverse("reporting:dashboard"))
    download = client.get(reverse("reporting:export", args=["monthly", "csv"]))
    assert (page.status_code, download.status_code) == (200, 200)
    assert _no_store(page)
    assert _no_store(download)
    assert _no_store(client.get(reverse("healthz")))

    client.force_login(admin_user)
    admin_page = client.get(reverse("admin:index"))
    assert admin_page.status_code == 200
    assert _no_store(admin_page)


def test_static_files_keep_their_caching(client, settings, fund):
    settings.WHITENOISE_USE_FINDERS = True
    settings.WHITENOISE_AUTOREFRESH = True
    client.force_login(fund)
    static = client.get("/static/css/app.css")
    assert static.status_code == 200
    assert not _no_store(static)


ADMIN_PAGES = [
    ("admin:index", []),
    ("admin:mentors_programme_changelist", []),
    ("admin:mentors_programme_add", []),
    ("admin:mentors_contract_add", []),
    ("admin:auth_user_changelist", []),
]


@pytest.mark.parametrize(("name", "args"), ADMIN_PAGES)
def test_the_admin_has_the_applications_csp_and_needs_nothing_inline(client, admin_user, name, args):
    """The policy forbids inline scripts, styles and event handlers; the admin pages have none."""
    client.force_login(admin_user)
    response = client.get(reverse(name, args=args))
    assert response.status_code == 200
    assert response["Content-Security-Policy"] == CONTENT_SECURITY_POLICY
    html = response.content.decode()
    assert not [tag for tag in re.findall(r"<script\b[^>]*>", html) if "src=" not in tag]
    assert "<style" not in html
    assert not re.search(r"\sstyle=\"", html)
    assert not re.search(r"\son[a-z]+=\"", html)


COOKIE_SETTINGS = (
    "SESSION_COOKIE_NAME",
    "SESSION_COOKIE_SECURE",
    "SESSION_COOKIE_PATH",
    "SESSION_COOKIE_DOMAIN",
    "CSRF_COOKIE_NAME",
    "CSRF_COOKIE_SECURE",
    "CSRF_COOKIE_PATH",
    "CSRF_COOKIE_DOMAIN",
)


def test_production_session_and_csrf_cookies_carry_the_host_prefix(
    client, settings, fund, production_settings
):
    production = production_settings(*COOKIE_SETTINGS)
    assert production["SESSION_COOKIE_NAME"].startswith("__Host-")
    assert production["CSRF_COOKIE_NAME"].startswith("__Host-")

    # A browser accepts a __Host- cookie only if it is Secure, for path / and without a Domain.
    for name, value in production.items():
        setattr(settings, name, value)
    fund.set_password("correct horse battery staple")
    fund.save(update_fields=["password"])
    login = client.get(reverse("login"), secure=True)
    response = client.post(
        reverse("login"),
        {"username": fund.username, "password": "correct horse battery staple"},
        secure=True,
    )
    assert response.status_code == 302
    cookies = {**login.cookies, **response.cookies}
    for name in (production["SESSION_COOKIE_NAME"], production["CSRF_COOKIE_NAME"]):
        cookie = cookies[name]
        assert (cookie["secure"], cookie["path"], cookie["domain"]) == (True, "/", ""), name
