"""Project middleware: the interface language, and a strict Content-Security-Policy."""

from django.conf import settings
from django.middleware.locale import LocaleMiddleware
from django.utils import translation
from django.utils.translation.trans_real import parse_accept_lang_header

CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'self'"
)


class ContentSecurityPolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        # The admin ships inline scripts of its own; the policy guards the application pages.
        if not request.path.startswith("/admin/"):
            response.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
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
