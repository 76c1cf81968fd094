"""The second factor's pages (enrolment, the code at login, the enrolment QR code) and "log out
everywhere". Login, logout and the password pages are Django's own views (config/urls.py)."""

from base64 import b32encode
from binascii import unhexlify

import django_otp
import qrcode
import qrcode.image.svg
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render, resolve_url
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp.util import random_hex

from .forms import CodeForm, PreferencesForm
from .services import (
    SecondFactorError,
    has_second_factor,
    preferences_for,
    preferences_update,
    recovery_codes_left,
    user_second_factor_enrol,
    user_second_factor_verify,
    user_sessions_end,
)
from .sessions import PENDING_KEY


def _next_param(request) -> str:
    return request.POST.get("next") or request.GET.get("next") or ""


def _next_url(request) -> str:
    next_url = _next_param(request)
    allowed = url_has_allowed_host_and_scheme(
        next_url, {request.get_host()}, require_https=request.is_secure()
    )
    return next_url if allowed else resolve_url(settings.LOGIN_REDIRECT_URL)


def _pending_key(request) -> str:
    """The secret offered at enrolment: kept in the session until a code confirms it, so that reloading
    the page keeps the same secret (the one already scanned)."""
    if PENDING_KEY not in request.session:
        request.session[PENDING_KEY] = random_hex(20)
    return request.session[PENDING_KEY]


@never_cache
@login_required
def enrol(request):
    """Set up the second factor: scan (or type) the secret into an authenticator app, confirm a code."""
    if has_second_factor(request.user):
        if request.user.is_verified():
            return redirect(_next_url(request))
        return redirect("account:verify")
    key = _pending_key(request)
    form = CodeForm(request.POST or None)
    if form.is_valid():
        try:
            device, codes = user_second_factor_enrol(
                user=request.user, key=key, code=form.cleaned_data["code"]
            )
        except SecondFactorError as error:
            form.add_error("code", error)
        else:
            django_otp.login(request, device)
            del request.session[PENDING_KEY]
            # Shown once, in this response; a reload cannot show them again.
            return render(
                request, "account/recovery_codes.html", {"codes": codes, "next": _next_url(request)}
            )
    secret = b32encode(unhexlify(key)).decode()
    context = {
        "form": form,
        "secret": " ".join(secret[index : index + 4] for index in range(0, len(secret), 4)),
        "next": _next_param(request),
    }
    return render(request, "account/enrol.html", context)


@never_cache
@login_required
def qr(request):
    """The enrolment secret as a QR code (SVG) for the authenticator app to scan."""
    if has_second_factor(request.user):
        raise Http404  # set up already: no secret to offer
    url = TOTPDevice(user=request.user, key=_pending_key(request)).config_url
    image = qrcode.make(url, image_factory=qrcode.image.svg.SvgPathFillImage, box_size=12, border=2)
    return HttpResponse(image.to_string(), content_type="image/svg+xml")


@never_cache
@login_required
def verify(request):
    """The second step of a login: a code from the authenticator app, or a recovery code."""
    if request.user.is_verified():
        return redirect(_next_url(request))
    if not has_second_factor(request.user):
        return redirect("account:enrol")
    form = CodeForm(request.POST or None, recovery=True)
    if form.is_valid():
        try:
            device = user_second_factor_verify(user=request.user, code=form.cleaned_data["code"])
        except SecondFactorError as error:
            form.add_error("code", error)
        else:
            django_otp.login(request, device)
            if isinstance(device, StaticDevice):
                left = recovery_codes_left(request.user)
                messages.warning(
                    request,
                    ngettext(
                        "You used a recovery code; %(count)d is left. If your phone is lost, ask an "
                        "administrator to reset your second factor.",
                        "You used a recovery code; %(count)d are left. If your phone is lost, ask an "
                        "administrator to reset your second factor.",
                        left,
                    )
                    % {"count": left},
                )
            return redirect(_next_url(request))
    return render(request, "account/verify.html", {"form": form, "next": _next_param(request)})


@require_POST
@login_required
def sessions_end(request):
    """Log out everywhere: every session of this user ends, this one too."""
    user_sessions_end(user=request.user)
    logout(request)
    messages.success(request, _("You were logged out on every device."))
    return redirect(settings.LOGIN_URL)


def remember_language(response, language: str) -> None:
    """The interface language in its cookie (read by `config.middleware.LanguageMiddleware`)."""
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        samesite="Lax",
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
    )


@never_cache
@login_required
def preferences(request):
    """The person's settings: language and notifications by e-mail."""
    current = preferences_for(request.user)
    form = PreferencesForm(request.POST or None, instance=current)
    if form.is_valid():
        saved = preferences_update(user=request.user, **form.cleaned_data)
        translation.activate(saved.language)
        messages.success(request, _("Your settings were saved."))
        response = redirect("account:preferences")
        remember_language(response, saved.language)
        return response
    return render(request, "account/preferences.html", {"form": form})
