"""Passwords: at least 12 characters, not common, not like the user's name; reset by e-mail with a link
that works once."""

import re

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from tests.accounts.conftest import log_in, new_client

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "password",
    ["Ab3$efgh-jk", "password1234", "riga-sw-Kalnina"],
    ids=["eleven characters", "common", "like the name"],
)
def test_weak_passwords_are_refused(sw_a, password):
    sw_a.last_name = "Kalniņa"
    sw_a.username = "riga-sw-kalnina"
    with pytest.raises(ValidationError):
        validate_password(password, user=sw_a)


def test_a_strong_password_is_accepted(sw_a):
    validate_password("lauku-ceļš-pie-upes-42", user=sw_a)


def _reset_link(client, email: str) -> str:
    response = client.post(reverse("password_reset"), {"email": email})
    assert response.status_code == 302 and response["Location"] == reverse("password_reset_done")
    assert len(mail.outbox) == 1
    return re.search(r"https?://[^/]+(/password/reset/\S+/)", mail.outbox[0].body).group(1)


def test_password_reset_by_email_link_works_once(client, sw_a):
    link = _reset_link(client, sw_a.email)
    assert mail.outbox[0].to == [sw_a.email]
    form_page = client.get(link, follow=True)
    assert 'name="new_password1"' in form_page.content.decode()
    new_password = "lauku-ceļš-pie-upes-42"
    done = client.post(
        form_page.redirect_chain[-1][0], {"new_password1": new_password, "new_password2": new_password}
    )
    assert done.status_code == 302 and done["Location"] == reverse("password_reset_complete")

    assert log_in(new_client(), sw_a, password=new_password).status_code == 302
    assert log_in(new_client(), sw_a).status_code == 200  # the old password no longer works

    again = new_client().get(link, follow=True)
    assert 'name="new_password1"' not in again.content.decode()
    assert "This link does not work" in again.content.decode()


def test_password_reset_ends_open_sessions(client, sw_a):
    elsewhere = new_client()
    log_in(elsewhere, sw_a)
    form_page = client.get(_reset_link(client, sw_a.email), follow=True)
    client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": "lauku-ceļš-pie-upes-42", "new_password2": "lauku-ceļš-pie-upes-42"},
    )
    assert elsewhere.get(reverse("home")).status_code == 302


def test_an_unknown_address_looks_the_same_and_sends_nothing(client):
    response = client.post(reverse("password_reset"), {"email": "nobody-here@example.lv"})
    assert response.status_code == 302 and response["Location"] == reverse("password_reset_done")
    assert mail.outbox == []


@pytest.mark.parametrize("language", ["lv", "uk", "ru"])
def test_the_reset_email_is_in_the_persons_language(client, sw_a, language):
    client.cookies["atbalsts_language"] = language
    _reset_link(client, sw_a.email)
    message = mail.outbox[0]
    assert "choose a new password" not in message.subject
    assert "Someone asked to reset" not in message.body
