"""What the demo case generator plans (staff, contracts, people, episodes, referrals, units) and how
it writes rows in bulk."""

import contextlib
import datetime
import itertools
from dataclasses import dataclass, field

from django.db import connections, models, router
from django.utils import timezone

from cases.models import (
    Consent,
    EpisodeContract,
)

from .parameters import BATCH_SIZE


@dataclass(eq=False)
class _Staff:
    pk: int
    user_id: int
    name: str
    max_caseload: int = 20
    social_worker: "_Staff | None" = None
    open_episodes: int = 0


@dataclass(eq=False)
class _Contract:
    pk: int
    number: str
    label: str  # as the contract names itself (`str(contract)`), in the opening event of an episode
    programme: str
    provider_id: int
    first_day: datetime.date
    last_day: datetime.date
    coordinator_user_id: int
    mentors: list
    social_workers: list


@dataclass(eq=False)
class _Person:
    names: tuple  # given, family, given original, family original
    sex: str
    date_of_birth: datetime.date
    country: str
    preferred_language: str
    languages: list
    relation: str = ""
    phone: str = ""
    personal_code: str = ""
    id_document: str = ""
    pk: int | None = None


@dataclass(eq=False)
class _Segment:
    """A stretch of an episode under one contract and one mentor (ends_on None: still running)."""

    starts_on: datetime.date
    ends_on: datetime.date | None
    contract: _Contract
    mentor: _Staff


@dataclass(eq=False)
class _EpisodePlan:
    programme: str
    started_on: datetime.date
    ended_on: datetime.date | None
    end_reason: str | None
    limit_on: datetime.date | None
    intake_source: str
    created_by: int
    segments: list
    closing_summary: str = ""
    events: list = field(default_factory=list)  # (kind, from, to, by, at, note)
    extension: tuple | None = None  # (length, reason, requested_by, approved_by, approved_on)
    handed_over: bool = False
    continues_elsewhere: bool = False
    with_plan: bool = False
    pk: int | None = None


@dataclass(eq=False)
class _ReferralPlan:
    status: str
    contract: _Contract
    municipality_id: int
    filed_by: int
    submitted_at: datetime.datetime
    events: list  # (from, to, by, at, note)
    urgency: str
    needs_areas: list
    needs_text: str
    notes_for_provider: str
    decided_at: datetime.datetime | None = None
    decided_by: int | None = None
    return_reason: str = ""
    episode: _EpisodePlan | None = None


@dataclass(eq=False)
class _Unit:
    group: str  # "UA" or "AS"
    people: list
    registered_on: datetime.date
    municipality_id: int | None = None
    centre_id: int | None = None
    at_centre: bool = False
    legal_status: str = "ua_civilian"
    granted_on: datetime.date | None = None
    status_history: list = field(default_factory=list)  # (status, decided on, recorded by, recorded on)
    registered_by: int | None = None
    registered_by_provider_id: int | None = None
    consent_scope: str = Consent.Scope.MENTORING
    consent_withdrawn_on: datetime.date | None = None
    referrals: list = field(default_factory=list)
    episodes: list = field(default_factory=list)

    @property
    def head(self) -> _Person:
        return self.people[0]


VISIT_COLUMNS = (
    "id",
    "episode",
    "contract",
    "visited_on",
    "duration_minutes",
    "place",
    "interpreter_used",
    "notes",
    "logged_by",
    "created_at",
    "updated_at",
)


class _Rows:
    """The visit rows of one chunk, as tuples in VISIT_COLUMNS order, and their link rows."""

    def __init__(self):
        self.visits = []
        self.visit_activities = []  # (visit id, activity id)
        self.visit_goals = []  # (visit id, plan goal id)
        self.attendance = []  # (visit id, client id)


class _RawInsert:
    """Writes rows of plain values to one table: COPY on PostgreSQL, executemany elsewhere.

    About five million visit, attendance and activity rows make up a 100,000-client data set; the
    ORM's per-value preparation in bulk_create would take most of the run. The generator prepares
    the values itself (ints, strings, booleans, dates, aware datetimes), so nothing is lost.
    """

    def __init__(self, model, fields: tuple):
        self.connection = connections[router.db_for_write(model)]
        quote = self.connection.ops.quote_name
        concrete = [model._meta.get_field(name) for name in fields]
        self.table = quote(model._meta.db_table)
        self.columns = ", ".join(quote(f.column) for f in concrete)
        self.placeholders = ", ".join(["%s"] * len(concrete))
        ops = self.connection.ops
        self.adapters = [
            ops.adapt_datetimefield_value
            if isinstance(f, models.DateTimeField)
            else ops.adapt_datefield_value
            if isinstance(f, models.DateField)
            else None
            for f in concrete
        ]

    def write(self, rows: list) -> None:
        if not rows:
            return
        with self.connection.cursor() as cursor:
            if self.connection.vendor == "postgresql":
                with cursor.cursor.copy(f"COPY {self.table} ({self.columns}) FROM STDIN") as copy:
                    for row in rows:
                        copy.write_row(row)
                return
            if any(self.adapters):
                adapters = self.adapters
                rows = [
                    tuple(
                        adapt(value) if adapt else value for adapt, value in zip(adapters, row, strict=True)
                    )
                    for row in rows
                ]
            # Table and column names come from the model's metadata, quoted by the backend.
            sql = f"INSERT INTO {self.table} ({self.columns}) VALUES ({self.placeholders})"  # noqa: S608
            for first in range(0, len(rows), BATCH_SIZE):
                cursor.executemany(sql, rows[first : first + BATCH_SIZE])


def _moment(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    """An aware datetime on `day` in the project's time zone (Europe/Riga)."""
    return datetime.datetime(
        day.year, day.month, day.day, hour, minute, tzinfo=timezone.get_default_timezone()
    )


def _cumulative(weights) -> list:
    return list(itertools.accumulate(weights))


@contextlib.contextmanager
def _historical_timestamps(*models):
    """Let bulk_create write the given created/updated/at values instead of "now".

    The demo data reaches back to 2016; an event dated today for a referral filed in 2022 would tell
    a false story. Only this bulk load switches auto_now off, and it switches it back.
    """
    fields = [
        f
        for model in models
        for f in model._meta.concrete_fields
        if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)
    ]
    saved = [(f, f.auto_now, f.auto_now_add) for f in fields]
    for f in fields:
        f.auto_now = f.auto_now_add = False
    try:
        yield
    finally:
        for f, auto_now, auto_now_add in saved:
            f.auto_now, f.auto_now_add = auto_now, auto_now_add


def _contract_history(episode_pk: int, plan) -> list:
    """The episode's stretches under each contract: a new stretch where the contract changes (a
    handover), each ending the day before the next begins; the last one is current."""
    stretches = []
    for segment in plan.segments:
        if stretches and stretches[-1].contract_id == segment.contract.pk:
            continue
        if stretches:
            stretches[-1].until_on = segment.starts_on - datetime.timedelta(days=1)
        stretches.append(
            EpisodeContract(episode_id=episode_pk, contract_id=segment.contract.pk, from_on=segment.starts_on)
        )
    return stretches
