"""Sessions that end (idle and absolute time limits) and the second factor, asked before any page."""

import functools
import time
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from .services import has_second_factor
from .sessions import LAST_SEEN, LOGIN_AT, SECOND_FACTOR_ASKED

# What a user who has not passed the second factor may open.
OPEN_BEFORE_SECOND_FACTOR = frozenset(
    {"account:enrol", "account:qr", "account:verify", "logout", "set_language"}
)
# The last-request time is written at most this often, not on every request.
LAST_SEEN_RESOLUTION = 60
# What a page asks by itself (the bell's unread count, every half minute): not activity, so that a tab
# left open does not keep its session alive past the idle timeout.
NOT_ACTIVITY = ("notifications:unread",)


@functools.cache
def _not_activity_paths() -> frozenset:
    return frozenset(reverse(name) for name in NOT_ACTIVITY)


def second_factor_missing(request) -> bool:
    """The user logged in with a password, and this login still needs the second factor."""
    user = request.user
    if not user.is_authenticated or user.is_verified():
        return False
    return settings.MFA_REQUIRED or bool(request.session.get(SECOND_FACTOR_ASKED))


class SessionTimeoutMiddleware:
    """Ends a session SESSION_IDLE_TIMEOUT seconds after its last request, and SESSION_COOKIE_AGE seconds
    after the login however busy it was; the person is sent to the login page with a message."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            now = int(time.time())
            session = request.session
            login_at = session.setdefault(LOGIN_AT, now)
            last_seen = session.get(LAST_SEEN, now)
            if now - login_at > settings.SESSION_COOKIE_AGE:
                return self._end(
                    request, _("Your session ended: you were logged in for the longest time allowed.")
                )
            if now - last_seen > settings.SESSION_IDLE_TIMEOUT:
                minutes = settings.SESSION_IDLE_TIMEOUT // 60
                return self._end(
                    request,
                    _("You were logged out after %(minutes)d minutes without activity.")
                    % {"minutes": minutes},
                )
            if request.path in _not_activity_paths():
                session.setdefault(LAST_SEEN, now)
            elif LAST_SEEN not in session or now - last_seen >= LAST_SEEN_RESOLUTION:
                session[LAST_SEEN] = now
        return self.get_response(request)

    @staticmethod
    def _end(request, message):
        logout(request)
        messages.info(request, message)
        return redirect_to_login(request.get_full_path() if request.method == "GET" else reverse("home"))


class SecondFactorMiddleware:
    """Until the second factor is passed, every page but enrolment, the code page, logout and the
    language switch sends the person to set a second factor up (the first time) or to enter a code."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if (
            not second_factor_missing(request)
            or request.resolver_match.view_name in OPEN_BEFORE_SECOND_FACTOR
        ):
            return None
        url = reverse("account:verify" if has_second_factor(request.user) else "account:enrol")
        if request.method == "GET":
            url += "?" + urlencode({"next": request.get_full_path()})
        return redirect(url)
