"""Latvian by default; Ukrainian or Russian from the browser or the person's choice, which is remembered."""

import pytest
from django.urls import reverse


@pytest.mark.parametrize(
    ("accept", "expected"),
    [
        ("", "lv"),
        ("en-US,en;q=0.9", "lv"),
        ("uk-UA,uk;q=0.9,en;q=0.8", "uk"),
        ("de,ru;q=0.5", "ru"),
        ("lv", "lv"),
    ],
)
def test_language_from_browser(client, db, accept, expected):
    response = client.get(reverse("login"), HTTP_ACCEPT_LANGUAGE=accept)
    assert f'<html lang="{expected}">' in response.content.decode()


def test_choice_is_remembered_over_the_browser(client, db):
    response = client.post(reverse("set_language"), {"language": "ru", "next": "/login/"})
    assert response.status_code == 302 and response["Location"] == "/login/"
    page = client.get(reverse("login"), HTTP_ACCEPT_LANGUAGE="uk").content.decode()
    assert '<html lang="ru">' in page
    assert "Войти" in page


def test_english_only_by_choice(client, db):
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert '<html lang="en">' in client.get(reverse("login")).content.decode()


def test_unknown_language_and_foreign_redirect_are_ignored(client, db):
    response = client.post(reverse("set_language"), {"language": "xx", "next": "https://evil.example/"})
    assert response["Location"] == "/"
    assert '<html lang="lv">' in client.get(reverse("login")).content.decode()
