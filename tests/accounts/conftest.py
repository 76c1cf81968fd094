"""Helpers for the staff-login tests: the second factor switched on, and codes an authenticator app shows."""

import time

import pytest
from django.conf import settings
from django.test import Client
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp.util import random_hex


@pytest.fixture(autouse=True)
def english(client):
    """Pages are compared in the source language; the tests of translations choose theirs."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


def new_client() -> Client:
    """Another browser (cookies of its own), reading the source language."""
    other = Client()
    other.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return other


@pytest.fixture
def mfa(settings):
    """The production rule: every login needs the second factor (the test settings relax it)."""
    settings.MFA_REQUIRED = True
    return settings


def totp_code(key: str, steps_ahead: int = 0) -> str:
    """The six digits an authenticator app holding the hex secret `key` shows now (or that many 30-second
    steps later: the server accepts the next code too, and never a code twice)."""
    totp = TOTP(bytes.fromhex(key))
    totp.time = time.time() + steps_ahead * totp.step
    return f"{totp.token():06d}"


def authenticator(user) -> TOTPDevice:
    """A confirmed authenticator app for `user`, as enrolment leaves it."""
    return TOTPDevice.objects.create(user=user, name="authenticator app", key=random_hex(20), confirmed=True)


def log_in(client, user, password: str = "correct-horse-battery", **extra):
    return client.post("/login/", {"username": user.username, "password": password}, **extra)
