"""Enrol the smoke's users (the usernames of smoke_pages.JOURNEYS) with a TOTP authenticator key each,
as the enrolment page would; prints `username key-in-hex` a line for smoke_pages.py."""

import os
import sys
from pathlib import Path

import django

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / ".ci")]
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")
os.environ.setdefault("SMOKE_TOTP_KEYS", os.devnull)  # smoke_pages reads the keys at import
django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django_otp.plugins.otp_totp.models import TOTPDevice  # noqa: E402
from smoke_pages import JOURNEYS  # noqa: E402

for user in get_user_model().objects.filter(username__in=JOURNEYS):
    device = TOTPDevice.objects.create(user=user, name="smoke", confirmed=True)
    print(user.username, device.key)
