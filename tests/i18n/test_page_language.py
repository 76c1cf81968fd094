"""Every page of every role speaks the page's language (issue 12).

Each page of the access matrix that a member of the cast may open (and each form the matrix posts
empty, which comes back with its errors) is rendered in Latvian, Ukrainian and Russian. What a person
sees there — the text, the tooltips, labels read aloud, placeholders, image descriptions and button
captions — must contain no English source string of our catalogues that has a translation, no raw
choice code (`active`, `plan_achieved`, `STATE`), no ISO date and no select's empty choice as Django
names it ("---------"). Every <form> on every page carries
`novalidate`, so that the server, not the browser, says what is wrong, in the page's language.

The world is the access matrix's, built once for the module, with a few more records whose pages
show what the matrix's do not (an ended episode, an extension, a locked month).
"""

import datetime
import gettext
import html.parser
import re
from functools import cache
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import formats, timezone, translation

from cases.models import Activity, EndReason, EpisodeEvent, GoalArea, LegalStatus
from mentors.models import FundingSource
from tests import factories as f
from tests import standing
from tests.access.matrix import CAST, all_rows, row_modules

LANGUAGES = ("lv", "uk", "ru")
VISIBLE_ATTRIBUTES = ("title", "aria-label", "placeholder", "alt")
BUTTON_INPUTS = ("submit", "button", "reset")
SKIPPED_TAGS = ("script", "style", "template")
ISO_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")
DJANGO_EMPTY_CHOICE = "---------"  # a select's empty choice as Django names it, in no language
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%[sd]|\{\w*\}")
# Codes that are also words of the names shown (the municipalities' Latvian names: "Ropažu novads").
WORDS_OF_NAMES = {"novads"}
# Source strings too short or too common to look for inside a longer text (they are still found when
# they are the whole of a text or an attribute).
MIN_WORDS_INSIDE = 2


class _Visible(html.parser.HTMLParser):
    """The pieces of a page a person sees or hears in the page's language: text nodes and the visible
    attributes (not what is marked as another language, like each language's own name in the language
    menu); and the page's forms."""

    def __init__(self, language: str):
        super().__init__(convert_charrefs=True)
        self.language = language
        self.pieces: list[str] = []
        self.forms: list[dict] = []
        self._skipping: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag in SKIPPED_TAGS or attributes.get("lang", self.language) != self.language:
            self._skipping.append(tag)
        if tag == "form":
            self.forms.append(attributes)
        self.pieces += [attributes[name] for name in VISIBLE_ATTRIBUTES if attributes.get(name)]
        if tag == "input" and attributes.get("type") in BUTTON_INPUTS and attributes.get("value"):
            self.pieces.append(attributes["value"])

    def handle_endtag(self, tag):
        if self._skipping and self._skipping[-1] == tag:
            self._skipping.pop()

    def handle_data(self, data):
        if not self._skipping and data.strip():
            self.pieces.append(" ".join(data.split()))


def _literal_pattern(msgid: str) -> re.Pattern | None:
    """A pattern finding `msgid` inside a text, its placeholders matching anything; None for a source
    string too short to look for inside a longer text."""
    literals = [part.strip() for part in PLACEHOLDER.split(msgid)]
    if len(re.findall(r"[^\W\d_]{2,}", " ".join(literals))) < MIN_WORDS_INSIDE:
        return None
    body = r".+?".join(re.escape(" ".join(part.split())) for part in literals if part)
    return re.compile(rf"(?<![\w]){body}(?![\w])")


@cache
def english_sources(language: str) -> tuple[frozenset, tuple]:
    """The English source strings of our catalogue that `language` translates to something else:
    (the strings themselves, to match a whole text; patterns to find them inside a longer text, each
    with its longest literal part, a quick test before the pattern's)."""
    path = Path(settings.BASE_DIR) / "locale" / language / "LC_MESSAGES" / "django.mo"
    with path.open("rb") as catalogue:
        messages = gettext.GNUTranslations(catalogue)._catalog
    sources = set()
    for msgid, msgstr in messages.items():
        if isinstance(msgid, tuple):  # a plural form: (singular, index); the plural is not kept
            msgid = msgid[0]
        msgid = msgid.split("\x04")[-1]  # without its context
        if not msgid or msgstr == msgid:
            continue
        sources.add(" ".join(msgid.split()))
    patterns = tuple(
        (source, max(PLACEHOLDER.split(source), key=len).strip(), pattern)
        for source in sorted(sources)
        if (pattern := _literal_pattern(source)) is not None
    )
    return frozenset(sources), patterns


@cache
def choice_codes() -> frozenset:
    """The stored codes of every choice field, the funding sources and the reference data (`active`,
    `STATE`, `plan_achieved`): each is shown by its name in the reader's language."""
    codes = set()
    for model in apps.get_models():
        for field in model._meta.get_fields():
            for value, _label in getattr(field, "flatchoices", None) or ():
                if isinstance(value, str) and len(value) >= 4:
                    codes.add(value)
    codes |= set(FundingSource.objects.values_list("code", flat=True))
    for model in (EndReason, Activity, GoalArea, LegalStatus):  # reference data, named in each language
        codes |= {code for code in model.objects.values_list("code", flat=True) if len(code) >= 4}
    return frozenset(codes - WORDS_OF_NAMES)


def _codes_shown(piece: str, codes: frozenset) -> list[str]:
    """The codes shown as values in `piece`. A code made of one plain word (`active`, `mentor`) is taken
    for a value only where a value stands — alone, after a colon or beside an arrow — since people write
    such words in their own notes; `plan_achieved` or `STATE` anywhere."""
    shown = []
    for word in re.findall(r"[\w+-]+", piece):
        if word not in codes:
            continue
        plain = word.isalpha() and not word.isupper()
        as_value = re.search(rf"(?:→|:)\s*{re.escape(word)}\b|\b{re.escape(word)}\s*→", piece)
        if not plain or piece == word or as_value:
            shown.append(word)
    return shown


def faults(body: str, language: str) -> list[str]:
    """What of the page is not in `language`: English source strings, choice codes, ISO dates."""
    parser = _Visible(language)
    parser.feed(body)
    whole, patterns = english_sources(language)
    codes = choice_codes()
    found = []
    for piece in parser.pieces:
        if piece in whole:
            found.append(f"English {piece!r}")
            continue
        found += [
            f"English {source!r} in {piece!r}"
            for source, longest_literal, pattern in patterns
            if longest_literal in piece and pattern.search(piece)
        ]
        found += [f"code {word!r} in {piece!r}" for word in _codes_shown(piece, codes)]
        found += [f"ISO date in {piece!r}" for _ in ISO_DATE.findall(piece)[:1]]
        found += [f"empty choice {piece!r}" for _ in [piece] if DJANGO_EMPTY_CHOICE in piece]
    found += [f"<form {form}> without novalidate" for form in parser.forms if "novalidate" not in form]
    return found


def _extra(world):
    """Records whose pages show what the matrix's pages do not: an extension and an ended episode."""
    x = world["provider_x"]
    today = timezone.localdate()
    from cases.services import episode_end, episode_extend

    episode_extend(
        episode=world["osa_episode"],
        length=18,
        reason="The plan needs more time.",
        requested_by=x.social_worker.user,
        approved_on=today,
        by=x.coordinator.user,
    )
    ended = f.EpisodeFactory(
        contract=x.contract, mentor=x.mentor, started_on=today - datetime.timedelta(days=40)
    )
    f.VisitFactory(episode=ended, visited_on=today - datetime.timedelta(days=35))
    episode_end(
        episode=ended,
        ended_on=today - datetime.timedelta(days=5),
        end_reason=EndReason.objects.get(code="declined"),
        closing_summary="Moved on.",
        by=x.coordinator.user,
    )
    world["ended_episode"] = ended


EXTRA_PAGES = [
    (
        "the extended episode",
        lambda w: reverse("cases:episode_detail", args=[w["osa_episode"].pk]),
        ("coordinator_x",),
    ),
    (
        "the ended episode",
        lambda w: reverse("cases:episode_detail", args=[w["ended_episode"].pk]),
        ("coordinator_x", "mentor_x"),
    ),
]


@pytest.fixture(scope="module")
def module_world(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        world = standing.world()
        for module in row_modules():
            module.build(world)
        _extra(world)
        yield world
        transaction.set_rollback(True)


@pytest.fixture
def world(module_world, db):
    return module_world


def _one_of_each_role(members) -> tuple:
    """One member of each role (`coordinator_x` for `coordinator_x` and `coordinator_y`): the same
    templates in the same language, rendered once."""
    roles = {}
    for who in members:
        roles.setdefault(re.sub(r"_[abxy]$", "", who), who)
    return tuple(roles.values())


def _pages():
    for row in all_rows():
        viewers = _one_of_each_role(who for who in CAST if row.expected(who) == 200)
        if viewers:
            yield pytest.param(row.path, row.method, row.data, viewers, id=row.id)
    for label, path, viewers in EXTRA_PAGES:
        yield pytest.param(path, "get", lambda w: {}, viewers, id=label)


@pytest.mark.parametrize(("path", "method", "data", "viewers"), list(_pages()))
def test_every_page_in_the_pages_language(client, world, path, method, data, viewers):
    found = []
    for who in viewers:
        client.force_login(world["cast"][who])
        for language in LANGUAGES:
            client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
            url, params = path(world), data(world)
            if url.startswith("/cases/plans/") and url.endswith("/print/"):
                # The printable plan is in the language chosen for the client, whatever the page's.
                params = {"language": language, **params}
            response = getattr(client, method)(url, params)
            assert response.status_code == 200, (who, language)
            if "text/html" not in response.get("Content-Type", ""):
                break
            body = response.content.decode()
            # A document in a language chosen for its reader (`language=en` on the plan) is in that one.
            shown = params.get("language", language) if method == "get" else language
            assert f'<html lang="{shown}">' in body
            if shown in LANGUAGES:
                found += [f"{who} {shown}: {fault}" for fault in faults(body, shown)]
    assert not found, "\n".join(sorted(set(found)))


def test_no_template_text_hides_in_python():
    """A template tag that translates inside Python code (a crispy `HTML()` block) is never read by
    `makemessages`: its text stays English on every page. The text comes from `gettext` instead."""
    tags = re.compile(r"\{%-?\s*(translate|trans|blocktranslate|blocktrans)\b")
    root = Path(settings.BASE_DIR)
    offenders = [
        str(path.relative_to(root))
        for app in ("cases", "mentors", "municipalities", "reporting", "audit", "config")
        for path in (root / app).rglob("*.py")
        if tags.search(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []


@pytest.mark.parametrize(
    ("body", "fault"),
    [
        ("<p>Interpreter and notes</p>", "English 'Interpreter and notes'"),
        ('<button title="Log out">x</button>', "English 'Log out'"),
        ('<input type="submit" value="Save goal">', "English 'Save goal'"),
        ("<li>Opened: — → active</li>", "code 'active'"),
        ("<td>Status: ended</td>", "code 'ended'"),
        ("<td>plan_achieved</td>", "code 'plan_achieved'"),
        ("<td>STATE</td>", "code 'STATE'"),
        ("<li>Extended: 2027-11-02</li>", "ISO date"),
        ('<form method="post"></form>', "without novalidate"),
        ('<form novalidate><select><option value="">---------</option></select></form>', "empty choice"),
        ('<form method="GET" novalidate><select><option>---------</option></select></form>', "empty choice"),
    ],
)
def test_the_check_sees_each_kind_of_fault(db, body, fault):
    assert any(fault in found for found in faults(body, "lv"))


def test_the_check_accepts_what_is_in_the_pages_language(db):
    body = (
        '<form method="post" novalidate><select><option lang="en">English</option></select></form>'
        "<p>Tulks un piezīmes · Ropažu novads · 2.11.2027</p>"
        # What a person typed is theirs, whatever its language.
        "<p>Iemesls: No free mentor this month.</p>"
    )
    assert faults(body, "lv") == []


def test_episode_events_show_statuses_and_days_in_the_readers_language(client, world):
    """An opening recorded as "— → active" (as the demo data once did) shows the status by its name; an
    extension keeps its days as text."""
    x = world["provider_x"]
    episode = f.EpisodeFactory(contract=x.contract, mentor=x.mentor)
    by = x.coordinator.user
    EpisodeEvent.objects.create(episode=episode, kind=EpisodeEvent.Kind.OPENED, to_value="active", by=by)
    EpisodeEvent.objects.create(
        episode=episode,
        kind=EpisodeEvent.Kind.EXTENDED,
        from_value="2027-11-02",
        to_value="2028-05-02",
        by=by,
    )
    client.force_login(by)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "lv"
    page = client.get(reverse("cases:episode_detail", args=[episode.pk])).content.decode()
    assert "— → aktīva" in page
    with translation.override("lv"):
        days = [
            formats.date_format(datetime.date(*day), "SHORT_DATE_FORMAT")
            for day in ((2027, 11, 2), (2028, 5, 2))
        ]
    assert f"{days[0]} → {days[1]}" in page
    assert "2027-11-02" not in page
