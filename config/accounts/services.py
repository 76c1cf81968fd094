"""Every change of a staff login's state: setting up, using and resetting the second factor, and ending
a user's sessions. Each is one transaction and leaves a log line (the audit history hooks in here)."""

import logging
import math

import django_otp
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django_otp.models import Device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from .models import Preferences, UserSession

logger = logging.getLogger(__name__)

RECOVERY_CODE_COUNT = 10


class SecondFactorError(ValidationError):
    """The code was refused; the message is translated and shown beside the form."""


def has_second_factor(user) -> bool:
    """Whether the user has set up a second factor (a confirmed device of any kind)."""
    return django_otp.user_has_device(user, confirmed=True)


def normalise_code(code: str) -> str:
    """Codes are typed as read: spaces and dashes between groups do not count, nor does letter case."""
    return "".join(code.split()).replace("-", "").lower()


def user_second_factor_enrol(*, user, key: str, code: str) -> tuple[TOTPDevice, list[str]]:
    """Confirm the authenticator app the user set up with the secret `key` (hex) by a code it shows.

    Creates the app's device and a set of single-use recovery codes, which are returned to be shown
    once and are never shown again.
    """
    with transaction.atomic():
        # One enrolment at a time for a user (a double submit must not make two devices).
        get_user_model().objects.select_for_update().filter(pk=user.pk).first()
        if has_second_factor(user):
            raise SecondFactorError(_("A second factor is already set up for this account."))
        device = TOTPDevice.objects.create(user=user, name="authenticator app", key=key, confirmed=False)
        if not device.verify_token(normalise_code(code)):
            raise SecondFactorError(
                _(
                    "That code is not right. Check that the app shows the account you just added, and try again."
                )
            )
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        recovery = StaticDevice.objects.create(user=user, name="recovery codes", confirmed=True)
        codes = [StaticToken.random_token() for _index in range(RECOVERY_CODE_COUNT)]
        StaticToken.objects.bulk_create([StaticToken(device=recovery, token=code) for code in codes])
    logger.info("Second factor set up: user=%s", user.get_username())
    return device, codes


def user_second_factor_verify(*, user, code: str) -> Device:
    """The device that accepts `code`: six digits are asked of the authenticator app, anything else
    of the recovery codes (a recovery code works once). Raises `SecondFactorError` otherwise."""
    code = normalise_code(code)
    model = TOTPDevice if code.isdigit() else StaticDevice
    device = model.objects.devices_for_user(user, confirmed=True).first()
    allowed, refusal = device.verify_is_allowed() if device is not None else (True, None)
    if not allowed and "locked_until" in refusal:
        seconds = max(1, math.ceil((refusal["locked_until"] - timezone.now()).total_seconds()))
        raise SecondFactorError(
            ngettext(
                "Too many wrong codes. Try again in %(seconds)d second.",
                "Too many wrong codes. Try again in %(seconds)d seconds.",
                seconds,
            )
            % {"seconds": seconds}
        )
    verified = django_otp.verify_token(user, device.persistent_id, code) if device is not None else None
    if verified is None:
        logger.info("Second factor refused: user=%s", user.get_username())
        raise SecondFactorError(
            _("That code is not right or was used already. Wait for the next code in the app and try again.")
        )
    return verified


def recovery_codes_left(user) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def user_sessions_end(*, user) -> int:
    """End every session of the user, on every device ("log out everywhere"). Returns how many ended."""
    count, _deleted = UserSession.objects.filter(user=user).delete()
    logger.info("Sessions ended: user=%s sessions=%d", user.get_username(), count)
    return count


def user_second_factor_reset(*, user, by) -> None:
    """An administrator's answer to a lost device: every second factor of `user` is removed and their
    sessions end, so that they set a new one up at their next login. Logged (who reset whose)."""
    with transaction.atomic():
        for model in django_otp.device_classes():
            model.objects.filter(user=user).delete()
        sessions = user_sessions_end(user=user)
    logger.warning(
        "Second factor reset: user=%s by=%s sessions_ended=%d",
        user.get_username(),
        by.get_username(),
        sessions,
    )


def preferences_for(user) -> "Preferences":
    """The user's preferences, or the defaults (unsaved) when they never changed any."""
    try:
        return Preferences.objects.get(user=user)
    except Preferences.DoesNotExist:
        return Preferences(user=user)


@transaction.atomic
def preferences_update(*, user, **fields) -> "Preferences":
    """Save the user's own choices (`language`, `email`); only those given change."""
    unknown = set(fields) - {"language", "email"}
    if unknown:
        raise ValueError(f"Not a preference: {', '.join(sorted(unknown))}")
    preferences, _created = Preferences.objects.select_for_update().get_or_create(user=user)
    for name, value in fields.items():
        setattr(preferences, name, value)
    preferences.full_clean(exclude=["user"])
    preferences.save(update_fields=[*fields, "updated_at"])
    return preferences
