"""Project middleware: the request log, the interface language, a strict Content-Security-Policy, and
no caching of what signed-in users see."""

import logging
import time

from django.conf import settings
from django.middleware.locale import LocaleMiddleware
from django.utils import translation
from django.utils.cache import add_never_cache_headers
from django.utils.translation.trans_real import parse_accept_lang_header

CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'self'"
)


request_log = logging.getLogger("atbalsts.requests")


class RequestLogMiddleware:
    """One line per request: method, path (never the query string, which can hold names searched
    for), status, duration and the user's id (never a name). Errors are logged with their traceback
    by Django's `django.request` logger through the same handler."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = time.perf_counter()
        response = self.get_response(request)
        duration_ms = round((time.perf_counter() - started) * 1000, 1)
        # Set by AuthenticationMiddleware; absent for what whitenoise serves before it.
        user = getattr(request, "user", None)
        user_id = user.pk if user is not None and user.is_authenticated else None
        request_log.info(
            "%s %s %s %.1f ms user=%s",
            request.method,
            request.path,
            response.status_code,
            duration_ms,
            user_id if user_id is not None else "-",
            extra={
                "method": request.method,
                "path": request.path,
                "status": response.status_code,
                "duration_ms": duration_ms,
                "user_id": user_id,
            },
        )
        return response


class ContentSecurityPolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        # The admin too: Django's admin pages load their scripts and styles from files.
        response.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        return response


class NoStoreMiddleware:
    """Nothing a signed-in person is shown is kept by the browser or a proxy: every response to a
    signed-in user (pages, downloads, the admin) says `Cache-Control: no-store`. Static files are served
    by whitenoise before the session is read, and keep their long cache lifetimes."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.user.is_authenticated:
            add_never_cache_headers(response)
        return response


class LanguageMiddleware(LocaleMiddleware):
    """Latvian unless the person chose otherwise (cookie) or their browser asks for Ukrainian or Russian.

    English is the source language: selectable, but never picked from a browser's Accept-Language, so
    that an English-language browser in a Latvian office still shows the Latvian interface.
    """

    AUTOMATIC = ("lv", "uk", "ru")

    def process_request(self, request):
        language = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if language not in dict(settings.LANGUAGES):
            language = settings.LANGUAGE_CODE
            for accepted, _quality in parse_accept_lang_header(request.headers.get("Accept-Language", "")):
                code = accepted.split("-")[0].lower()
                if code in self.AUTOMATIC:
                    language = code
                    break
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
