"""Brute-force protection (django-axes): who is counted, and what a locked-out person sees."""

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username, get_cool_off
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm
from django.db.models import Sum
from django.shortcuts import render


class LoginAttemptHandler(AxesDatabaseHandler):
    """Counts failures per account (from any address) against AXES_FAILURE_LIMIT, and per address (for
    any accounts) against the higher LOGIN_ADDRESS_FAILURE_LIMIT, so that one office behind one address
    is not locked out by a few colleagues' typing mistakes.

    Axes compares one number with AXES_FAILURE_LIMIT; an address's failures are scaled so that the
    number reaches that limit exactly when the address reaches its own.
    (AXES_LOCKOUT_PARAMETERS is ["username", "ip_address"], in that order.)
    """

    def get_failures(self, request, credentials=None) -> int:
        account, address = (
            attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0
            for attempts in self.get_user_attempts(request, credentials)
        )
        return max(account, address * settings.AXES_FAILURE_LIMIT // settings.LOGIN_ADDRESS_FAILURE_LIMIT)

    def reset_user_attempts(self, request, credentials=None) -> int:
        """After a successful login (AXES_RESET_ON_SUCCESS), forget that account's failures only: a
        login to one's own account must not clear what others tried from the same address."""
        username = get_client_username(request, credentials)
        count, _deleted = AccessAttempt.objects.filter(username=username).delete()
        return count


def client_address(request) -> str | None:
    """The address a login comes from: behind our own proxy (TRUST_X_FORWARDED_FOR), the address it saw
    and appended last to X-Forwarded-For (anything before it the client could have written)."""
    if settings.TRUST_X_FORWARDED_FOR:
        forwarded = request.headers.get("X-Forwarded-For", "").split(",")[-1].strip()
        if forwarded:
            return forwarded
    return request.META.get("REMOTE_ADDR")


def locked_out(request, original_response=None, credentials=None):
    """The login page again, saying why logging in is refused and for how long (HTTP 429)."""
    username = (credentials or {}).get("username") or request.POST.get("username", "")
    form = AuthenticationForm(request, initial={"username": username})
    minutes = int(get_cool_off(request).total_seconds() // 60)
    context = {"form": form, "locked_out_minutes": minutes, "next": request.POST.get("next", "")}
    return render(request, "registration/login.html", context, status=429)
