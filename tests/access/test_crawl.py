"""A check from outside (issue 10): as users of different organisations, start at `/` and follow every
same-site link (GET only), and on every page and download look for the names and client numbers of the
people outside the user's scope. None may appear, and no page may fail.

The world gives each organisation people with names found nowhere else, so that a name on a page can
only have come from that person's record:
- Rīga (social worker `sw_a`) refers to provider X; Daugavpils (`sw_b`) to provider Y;
- X has an open episode (with a plan and a visit), a referral waiting, a referral Rīga withdrew, and an
  episode its mentor ended three years ago; Y has an open episode and a referral waiting;
- X registered a person itself (intake); X's open client has a household member; an episode begun
  with X was transferred to Y, and the visit X logged before stays X's;
- each municipality has a resident never referred anywhere.
Visit notes are secrets too: the provider they were logged under reads them, municipal staff never.
Fund staff see client numbers (in statements), never names.
"""

import datetime
import html.parser
import io
import zipfile
from urllib.parse import urljoin, urlsplit

import pytest
from django.db import transaction
from django.utils import timezone

from cases.models import Client, EndReason, Referral
from cases.services import episode_reassign, episode_transfer
from tests import factories as f
from tests import standing

MAX_PAGES = 300
MAX_DOWNLOAD_BYTES = 2_000_000
SKIPPED_PATHS = ("/logout/", "/admin/", "/static/", "/language/")

X_TEAM = ("coordinator_x", "social_worker_x")
Y_TEAM = ("coordinator_y", "social_worker_y")
# Who each person is known to: the users who may see their name (and client number).
PEOPLE = {
    "Xopenova": ("sw_a", *X_TEAM, "mentor_x"),
    # A household member: the visit form offers the family to mark who was present, so the provider
    # working with the family knows their names (the member's own record stays the mentor's).
    "Xhouseova": ("sw_a", *X_TEAM, "mentor_x"),
    "Xwaitova": ("sw_a", *X_TEAM),
    "Xwithdrawnova": ("sw_a",),
    "Xformerova": ("sw_a", *X_TEAM),
    "Xintakeova": ("sw_a", *X_TEAM),
    # Begun with X, transferred to Y: X keeps the months it served (statements, its visit).
    "Xmovedova": ("sw_a", *X_TEAM, *Y_TEAM, "mentor_y"),
    "Rigonlyova": ("sw_a",),
    "Yopenova": ("sw_b", *Y_TEAM, "mentor_y"),
    "Ywaitova": ("sw_b", *Y_TEAM),
    "Daugonlyova": ("sw_b",),
}
# Visit notes: read by the provider the visit was logged under (its mentor while the episode is theirs).
NOTES = {
    "Notexopen": (*X_TEAM, "mentor_x"),
    "Notexformer": X_TEAM,
    "Notexmoved": X_TEAM,
    "Noteyopen": (*Y_TEAM, "mentor_y"),
}
OPEN_EPISODE_NOTES = ("Notexopen", "Noteyopen")  # the crawl must reach these (the others may be deep)
# Fund staff see the numbers of the people served under any contract, never a name.
NUMBERS_FOR_FUND = ("Xopenova", "Xformerova", "Xmovedova", "Yopenova")
CRAWLERS = [
    "sw_a",
    "sw_b",
    "coordinator_x",
    "social_worker_x",
    "mentor_x",
    "coordinator_y",
    "social_worker_y",
    "mentor_y",
    "fund",
]


def _days_ago(days: int) -> datetime.date:
    return timezone.localdate() - datetime.timedelta(days=days)


def _build(world) -> dict:
    cast, x, y = world["cast"], world["provider_x"], world["provider_y"]
    riga, daugavpils = f.municipality("Rīga"), f.municipality("Daugavpils")
    people = {}

    def person(name, *, by, place):
        people[name] = f.ConsentedClientFactory(
            given_name="Crawl", family_name=name, registered_by=by, residence_municipality=place
        )
        return people[name]

    def referral(name, contract, by, place, **kwargs):
        return f.ReferralFactory(
            client=person(name, by=by, place=place), contract=contract, filed_by=by, **kwargs
        )

    opened = referral(
        "Xopenova", x.contract, cast["sw_a"], riga, status=Referral.Status.ACCEPTED, mentor=x.mentor
    ).episode
    f.InclusionPlanFactory(episode=opened)
    f.VisitFactory(episode=opened, notes="Notexopen: asked about the language course.")
    f.household(people["Xopenova"], person("Xhouseova", by=cast["sw_a"], place=riga))
    referral("Xwaitova", x.contract, cast["sw_a"], riga)
    people["Xintakeova"] = f.ConsentedClientFactory(
        given_name="Crawl",
        family_name="Xintakeova",
        registered_by_provider=x.provider,
        residence_municipality=riga,
    )
    moved = f.EpisodeFactory(
        client=person("Xmovedova", by=cast["sw_a"], place=riga),
        contract=x.contract,
        mentor=x.mentor,
        started_on=_days_ago(40),
    )
    f.VisitFactory(episode=moved, visited_on=_days_ago(30), notes="Notexmoved: a flat in Imanta.")
    episode_transfer(episode=moved, contract=y.contract, transferred_on=_days_ago(10), by=x.coordinator.user)
    moved.refresh_from_db()
    episode_reassign(episode=moved, mentor=y.mentor, by=y.coordinator.user)
    referral("Xwithdrawnova", x.contract, cast["sw_a"], riga, status=Referral.Status.WITHDRAWN)
    former = f.EpisodeFactory(
        client=person("Xformerova", by=cast["sw_a"], place=riga),
        contract=x.contract,
        mentor=x.mentor,
        started_on=_days_ago(3 * 365 + 90),
    )
    f.VisitFactory(episode=former, visited_on=_days_ago(3 * 365 + 60), notes="Notexformer: found work.")
    f._end_as_history(
        former,
        ended_on=_days_ago(3 * 365),
        end_reason=EndReason.objects.get(code="plan_achieved"),
        closing_summary="Xformerova settled.",
    )
    person("Rigonlyova", by=cast["sw_a"], place=riga)

    y_open = referral(
        "Yopenova", y.contract, cast["sw_b"], daugavpils, status=Referral.Status.ACCEPTED, mentor=y.mentor
    ).episode
    f.VisitFactory(episode=y_open, notes="Noteyopen: needs a doctor.")
    referral("Ywaitova", y.contract, cast["sw_b"], daugavpils)
    person("Daugonlyova", by=cast["sw_b"], place=daugavpils)
    return people


@pytest.fixture(scope="module")
def crawl_world(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        world = standing.world()
        world["people"] = _build(world)
        yield world
        transaction.set_rollback(True)


class _Links(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs = []

    def handle_starttag(self, tag, attrs):
        href = dict(attrs).get("href")
        if tag == "a" and href:
            self.hrefs.append(href)


def _same_site_links(page_url: str, body: str) -> list[str]:
    parser = _Links()
    parser.feed(body)
    links = []
    for href in parser.hrefs:
        parts = urlsplit(urljoin(page_url, href))
        if parts.scheme not in ("", "http") or parts.netloc not in ("", "testserver"):
            continue
        if parts.path.startswith(SKIPPED_PATHS):
            continue
        links.append(parts.path + (f"?{parts.query}" if parts.query else ""))
    return links


def _text(response) -> str:
    """What a reader of the response sees: the page, or the cells of a CSV or an XLSX download."""
    content = response.content
    if content.startswith(b"PK"):  # an XLSX: its sheets and shared strings
        with zipfile.ZipFile(io.BytesIO(content)) as book:
            return "".join(book.read(name).decode("utf-8", "replace") for name in book.namelist())
    return content.decode("utf-8", "replace")


def _forbidden(world, who: str) -> dict[str, str]:
    """The strings `who` must never meet, each with what it is."""
    forbidden = {note: f"the visit note {note}" for note, knowers in NOTES.items() if who not in knowers}
    for name, knowers in PEOPLE.items():
        client = world["people"][name]
        if who not in knowers:
            forbidden[name] = f"the name of {name}"
            if not (who == "fund" and name in NUMBERS_FOR_FUND):
                forbidden[client.pseudonym] = f"the client number of {name}"
    return forbidden


def crawl(client, start: str = "/"):
    """Visit every same-site link from `start` (at most MAX_PAGES); yield (url, response)."""
    seen, queue = {start}, [start]
    while queue and len(seen) <= MAX_PAGES:
        url = queue.pop(0)
        response = client.get(url)
        yield url, response
        if response.status_code in (301, 302) and response["Location"].startswith("/"):
            target = response["Location"]
            if target not in seen and not target.startswith(SKIPPED_PATHS):
                seen.add(target)
                queue.append(target)
            continue
        if "text/html" not in response.get("Content-Type", ""):
            continue
        for link in _same_site_links(url, response.content.decode()):
            if link not in seen:
                seen.add(link)
                queue.append(link)


@pytest.mark.parametrize("who", CRAWLERS)
def test_no_page_shows_anyone_outside_the_users_scope(client, crawl_world, db, who):
    client.force_login(crawl_world["cast"][who])
    client.cookies["atbalsts_language"] = "en"
    forbidden = _forbidden(crawl_world, who)
    # The crawl must reach everyone whose record the user may open (a check that it went far enough).
    in_scope = set(
        Client.objects.for_user(crawl_world["cast"][who])
        .filter(family_name__in=PEOPLE)
        .values_list("family_name", flat=True)
    )
    assert all(who in PEOPLE[name] for name in in_scope), in_scope
    allowed = in_scope | {note for note in OPEN_EPISODE_NOTES if who in NOTES[note]}
    leaks, failures, seen_allowed, pages = [], [], set(), 0
    for url, response in crawl(client):
        pages += 1
        if response.status_code >= 500:
            failures.append(f"{url}: {response.status_code}")
            continue
        if len(response.content) > MAX_DOWNLOAD_BYTES:
            continue
        text = _text(response)
        leaks += [f"{url} shows {what}" for needle, what in forbidden.items() if needle in text]
        seen_allowed |= {secret for secret in allowed if secret in text}
    assert not failures, failures
    assert not leaks, leaks
    assert seen_allowed == allowed, f"{who} never reached {set(allowed) - seen_allowed} in {pages} pages"
    assert pages > 3
