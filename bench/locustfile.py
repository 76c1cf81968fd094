"""The 20 people of bench/load.py (run it, not this file): Locust users with think time, each logged in as
their own demo account under production settings (password, then the authenticator code), doing what
their role does most. The accounts, their authenticator keys and the mentors' episodes come from the
JSON file named by $LOAD_PLAN, which bench/load.py writes.

Every request says it came through the TLS proxy (`X-Forwarded-Proto: https`), as the production smoke
does (.ci/smoke_pages.py), and the cookies are kept by hand: the production cookies are `Secure` and
`__Host-`, which a cookie jar does not send over plain HTTP."""

import datetime
import hashlib
import hmac
import json
import os
import random
import re
import struct
import time
from http.cookies import SimpleCookie

from locust import HttpUser, between, task

PLAN = json.loads(open(os.environ["LOAD_PLAN"], encoding="utf-8").read())  # noqa: SIM115, PTH123
PASSWORD = PLAN["password"]
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def totp(key_hex: str, step: int = 30, digits: int = 6) -> str:
    """The current code of an authenticator key (RFC 6238), as .ci/smoke_pages.py computes it."""
    counter = struct.pack(">Q", int(time.time()) // step)
    digest = hmac.new(bytes.fromhex(key_hex), counter, hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    number = struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF
    return str(number % 10**digits).zfill(digits)


def page(path: str, name: str, *, weight: int):
    """A task that fetches one page (`path`, reported as `name`), `weight` times as often as a task of 1."""

    @task(weight)
    def fetch(self):
        self.get(path, name)

    return fetch


class Person(HttpUser):
    abstract = True
    wait_time = between(1, 5)  # think time between two requests of one person
    role = ""

    def on_start(self):
        accounts = PLAN["accounts"][self.role]
        self.account = accounts.pop(0)  # each Locust user its own account (a code is accepted once)
        self.cookies: dict[str, str] = {}
        self.origin = "https://" + self.host.split("://", 1)[1]
        self.log_in()

    # --- requests through the "proxy", with the cookies kept by hand

    def _headers(self, path: str, post: bool) -> dict:
        headers = {"X-Forwarded-Proto": "https", "Accept-Language": "lv"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if post:
            headers |= {"Origin": self.origin, "Referer": self.origin + path}
        return headers

    def _keep(self, response) -> None:
        for header in response.raw.headers.getlist("Set-Cookie") if response.raw else []:
            for name, morsel in SimpleCookie(header).items():
                self.cookies[name] = morsel.value
        self.client.cookies.clear()

    def request(self, method: str, path: str, name: str, expect: int, **kwargs):
        """One request as the proxy passes it on; a status other than `expect` counts as a failure."""
        with self.client.request(
            method,
            path,
            headers=self._headers(path, method == "POST"),
            name=name,
            allow_redirects=False,
            catch_response=True,
            **kwargs,
        ) as response:
            self._keep(response)
            if response.status_code != expect:
                response.failure(f"{response.status_code} {response.headers.get('Location', '')}")
            return response

    def get(self, path: str, name: str, expect=200, **params) -> str:
        return self.request("GET", path, name, expect, params=params or None).text

    def post(self, path: str, name: str, data: dict, expect=302):
        return self.request("POST", path, name, expect, data=data)

    def form_token(self, html: str) -> str:
        match = TOKEN.search(html)
        return match.group(1) if match else ""

    def log_in(self):
        form = self.get("/login/", "login page")
        self.post(
            "/login/",
            "login",
            {
                "username": self.account["username"],
                "password": PASSWORD,
                "csrfmiddlewaretoken": self.form_token(form),
            },
        )
        code_page = "/account/two-factor/code/"
        form = self.get(code_page, "login code page")
        self.post(
            code_page,
            "login code",
            {"code": totp(self.account["key"]), "csrfmiddlewaretoken": self.form_token(form)},
        )

    # A trivial signed-in page (the password form): the server's floor under the same load.
    floor = page("/password/", "floor: a trivial signed-in page", weight=1)


class Mentor(Person):
    """Looks at the caseload, opens an episode, logs a visit: a mentor's day on a phone."""

    role = "mentor"

    caseload = page("/cases/caseload/", "mentor: caseload", weight=3)

    @task(2)
    def episode(self):
        if not self.account["episodes"]:  # none that takes a visit today (a small database)
            return self.caseload()
        episode = random.choice(self.account["episodes"])  # noqa: S311
        self.get(f"/cases/episodes/{episode['pk']}/", "mentor: episode")

    @task(3)
    def log_visit(self):
        if not self.account["episodes"]:
            return self.caseload()
        episode = random.choice(self.account["episodes"])  # noqa: S311
        path = f"/cases/episodes/{episode['pk']}/visits/new/"
        form = self.get(path, "mentor: visit form")
        activities = re.findall(r'name="activities" value="(\d+)"', form)[:2]
        self.post(
            path,
            "mentor: visit save",
            {
                "visited_on": datetime.date.today().isoformat(),  # noqa: DTZ011 - the server's day
                "duration_minutes": random.choice([30, 45, 60, 90]),  # noqa: S311
                "place": "home",
                "activities": activities,
                "attendees": [episode["client"]],
                "notes": "",
                "save_duplicate": "on",
                "csrfmiddlewaretoken": self.form_token(form),
            },
        )


class SocialWorker(Person):
    """Searches for people and opens them (municipal and provider social workers)."""

    role = "social_worker"

    def clients(self, name: str, **params):
        """The client list (searched or paged), keeping its people's links for `client`."""
        html = self.get("/cases/clients/", name, **params)
        self.links = re.findall(r'href="/cases/clients/(\d+)/"', html) or getattr(self, "links", [])

    @task(3)
    def search(self):
        self.clients("social worker: search", q=random.choice(PLAN["searches"]))  # noqa: S311

    @task(2)
    def client_list(self):
        self.clients("social worker: client list", page=random.randint(1, 5))  # noqa: S311

    @task(3)
    def client(self):
        links = getattr(self, "links", [])
        if links:
            self.get(f"/cases/clients/{random.choice(links)}/", "social worker: client")  # noqa: S311

    referrals = page("/cases/referrals/", "social worker: referrals", weight=1)


class Coordinator(Person):
    """The referral inbox and the team view."""

    role = "coordinator"

    inbox = page("/cases/referrals/", "coordinator: inbox", weight=3)
    team = page("/cases/team/", "coordinator: team", weight=2)
    home = page("/", "coordinator: home", weight=1)


class Fund(Person):
    """The dashboards of the programmes, 12 months."""

    role = "fund"

    @task(3)
    def dashboard(self):
        programme, period = random.choice(PLAN["dashboards"])  # noqa: S311
        self.get("/reporting/", "fund: dashboard, 12 months", programme=programme, **period)

    @task(1)
    def statements(self):
        programme, period = random.choice(PLAN["dashboards"])  # noqa: S311
        self.get("/reporting/statements/", "fund: statements", programme=programme, **period)


Mentor.fixed_count = len(PLAN["accounts"]["mentor"])
SocialWorker.fixed_count = len(PLAN["accounts"]["social_worker"])
Coordinator.fixed_count = len(PLAN["accounts"]["coordinator"])
Fund.fixed_count = len(PLAN["accounts"]["fund"])
