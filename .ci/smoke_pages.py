"""Log in as every role of the demo data and fetch its main pages from a running server.

Used by `.ci/production-smoke`. Every request says it came through the TLS proxy
(`X-Forwarded-Proto: https`), as nginx in front of gunicorn would. Cookies are kept by hand: the
production cookies are `Secure` (and `__Host-`), which a cookie jar would not send over plain HTTP.
Exits non-zero on the first answer that is not 200, or a signed-in page without `Cache-Control:
no-store`. Production asks every login for a second factor: the smoke users are enrolled with a TOTP
key (`.ci/production-smoke` writes them to the file named by SMOKE_TOTP_KEYS, `username key-in-hex` a
line), and the code page gets the current code, as an authenticator app would give it.

    python .ci/smoke_pages.py http://127.0.0.1:8123 PASSWORD
"""

import hashlib
import hmac
import os
import re
import struct
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from http.cookies import SimpleCookie

# username → the pages opened after login; `~regex` fetches the first link on the pages so far that
# matches (a detail page reached the way a person reaches it).
JOURNEYS = {
    "admin": ["/", "/admin/", "/admin/mentors/contract/", "/admin/auth/user/"],
    "fund": [
        "/",
        "/reporting/",
        "/reporting/export/monthly.xlsx",
        "/reporting/statements/",
        r"~/reporting/statements/\d+/\d{4}-\d{2}/",
        "/reporting/referrals/",
        "/reporting/press/",
        "/cases/handovers/",
    ],
    "riga-sw1": [
        "/",
        "/cases/clients/",
        r"~/cases/clients/\d+/",
        "/cases/referrals/",
        r"~/cases/referrals/\d+/",
        "/cases/clients/new/",
        "/reporting/referrals/",
    ],
    "domus-coordinator": [
        "/",
        "/cases/referrals/",
        "/cases/team/",
        "/cases/caseload/",
        r"~/cases/episodes/\d+/",
        "/reporting/",
        "/reporting/statements/",
        r"~/reporting/statements/\d+/\d{4}-\d{2}/",
    ],
    "osa-sw1": [
        "/",
        "/cases/clients/",
        r"~/cases/clients/\d+/",
        "/cases/caseload/",
        r"~/cases/episodes/\d+/",
    ],
    "domus-mentor1": ["/", "/cases/caseload/", r"~/cases/episodes/\d+/", r"~/cases/episodes/\d+/visits/new/"],
    "dpo": ["/", "/reporting/log/", "/reporting/log/?kind=reads&person=Olena"],
}
UNAUTHENTICATED = ["/healthz", "/readyz", "/login/"]


class Browser:
    def __init__(self, base: str):
        self.base = base
        self.cookies: dict[str, str] = {}
        self.links: list[str] = []
        self.signed_in = False
        self.opener = urllib.request.build_opener(NoRedirect)

    def request(self, path: str, data: dict | None = None) -> tuple[int, dict, bytes]:
        headers = {"X-Forwarded-Proto": "https", "Accept-Language": "lv"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if data is not None:
            body = urllib.parse.urlencode(data).encode()
            origin = "https://" + urllib.parse.urlsplit(self.base).netloc
            headers |= {"Origin": origin, "Referer": origin + path}
        request = urllib.request.Request(self.base + path, data=body, headers=headers)  # noqa: S310 - http://127.0.0.1 only
        try:
            with self.opener.open(request, timeout=30) as response:
                status, headers, content = response.status, response.headers, response.read()
        except urllib.error.HTTPError as error:
            status, headers, content = error.code, error.headers, error.read()
        for header in headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                self.cookies[name] = morsel.value
        return status, headers, content

    def get(self, path: str) -> bytes:
        started = time.perf_counter()
        status, headers, content = self.request(path)
        print(f"  {status} {(time.perf_counter() - started) * 1000:6.0f} ms  {path}", flush=True)
        if status != 200:
            raise SystemExit(f"FAILED: {path} answered {status} {headers.get('Location', '')}")
        if self.signed_in and "no-store" not in headers.get("Cache-Control", ""):
            raise SystemExit(f"FAILED: {path} may be cached: {headers.get('Cache-Control')}")
        if headers.get_content_type() == "text/html":
            self.links += re.findall(r'href="(/[^"]*)"', content.decode())
        return content

    def log_in(self, username: str, password: str) -> None:
        form = self.get("/login/").decode()
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form).group(1)
        status, headers, _ = self.request(
            "/login/", {"username": username, "password": password, "csrfmiddlewaretoken": token}
        )
        if status != 302 or headers.get("Location") != "/":
            raise SystemExit(f"FAILED: {username} cannot log in ({status})")
        status, headers, _ = self.request("/")
        code_page = headers.get("Location", "")
        if status != 302 or not code_page.startswith("/account/two-factor/code/"):
            raise SystemExit(f"FAILED: {username} was not asked for the second factor ({status} {code_page})")
        form = self.get(code_page).decode()
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form).group(1)
        code = totp(TOTP_KEYS[username])
        status, headers, _ = self.request(code_page, {"code": code, "csrfmiddlewaretoken": token})
        if status != 302:
            raise SystemExit(f"FAILED: {username}'s code was refused ({status})")
        if not any(name.startswith("__Host-") for name in self.cookies):
            raise SystemExit(f"FAILED: no __Host- cookie after login: {sorted(self.cookies)}")
        self.signed_in = True

    def follow(self, pattern: str) -> None:
        link = next((link for link in self.links if re.fullmatch(pattern, link)), None)
        if link is None:
            raise SystemExit(f"FAILED: no link matching {pattern}")
        self.get(link)


def totp(key_hex: str, step: int = 30, digits: int = 6) -> str:
    """The current time-based one-time code of a key (RFC 6238, HMAC-SHA1), as authenticator apps make."""
    counter = struct.pack(">Q", int(time.time()) // step)
    digest = hmac.new(bytes.fromhex(key_hex), counter, hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    number = struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF
    return str(number % 10**digits).zfill(digits)


def read_keys(path: str) -> dict[str, str]:
    with open(path, encoding="utf-8") as lines:
        return dict(line.split() for line in lines if line.strip())


TOTP_KEYS = read_keys(os.environ["SMOKE_TOTP_KEYS"])


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def main(base: str, password: str) -> None:
    anonymous = Browser(base)
    print("anonymous")
    for path in UNAUTHENTICATED:
        page = anonymous.get(path).decode()
    for asset in sorted(set(re.findall(r'(?:href|src)="(/static/[^"]+)"', page))):
        anonymous.get(asset)  # the hashed names of the manifest, served by whitenoise
    for username, pages in JOURNEYS.items():
        print(username)
        browser = Browser(base)
        browser.log_in(username, password)
        for page in pages:
            if page.startswith("~"):
                browser.follow(page[1:])
            else:
                browser.get(page)
    print("Every page answered 200.")


if __name__ == "__main__":
    main(*sys.argv[1:3])
