"""Receivers: a login starts the session's clocks and decides whether it needs the second factor; a
refused login (django-axes lockout) is logged."""

import logging
import time

from axes.signals import user_locked_out
from django.conf import settings
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

from .models import Preferences
from .services import has_second_factor
from .sessions import LAST_SEEN, LOGIN_AT, SECOND_FACTOR_ASKED

logger = logging.getLogger(__name__)


@receiver(user_logged_in, dispatch_uid="accounts_login_started")
def login_started(sender, request, user, **kwargs):
    now = int(time.time())
    request.session[LOGIN_AT] = now
    request.session[LAST_SEEN] = now
    # Where the setting relaxes the rule (local development), those who set a second factor up still
    # use it. Asked once here, so that no request after the login needs a query for it.
    request.session[SECOND_FACTOR_ASKED] = settings.MFA_REQUIRED or has_second_factor(user)


@receiver(user_locked_out, dispatch_uid="accounts_login_locked_out")
def login_locked_out(sender, request, username, ip_address, **kwargs):
    logger.warning("Login refused, locked out: username=%r address=%s", username, ip_address)


@receiver(user_logged_in, dispatch_uid="accounts_language_remembered")
def language_remembered(sender, request, user, **kwargs):
    """Notifications and e-mails follow the language a person uses: their first login records the
    interface language of the moment; choosing another (header, settings) changes it."""
    language = getattr(request, "LANGUAGE_CODE", None)
    if language in dict(settings.LANGUAGES):
        Preferences.objects.get_or_create(user=user, defaults={"language": language})
