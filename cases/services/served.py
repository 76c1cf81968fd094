"""The served-months table (`ServedMonth`): who was served under which contract in which month.

It is derived from the visits, their attendance, the person's date of birth and citizenship and the
start of their episodes, and is rebuilt per person: `served_months_refresh(client_ids)` deletes
the people's rows and writes them again from those sources, inside the caller's transaction, with
the people's rows locked so that two refreshes of one person never interleave. Every service that
changes one of those sources calls it; `served_months_differences` compares the table with a
rebuild, which the `served_months` command and the tests use.
"""

from collections.abc import Iterable
from types import SimpleNamespace

from django.apps import apps as installed_apps
from django.db import transaction
from django.db.models import Count, Min
from django.db.models.functions import TruncMonth

from ..rules.age import is_child_on

CHUNK = 2000


def _models(apps=None) -> SimpleNamespace:
    """The models used here: the installed ones, or a migration's historical ones."""
    apps = apps or installed_apps
    return SimpleNamespace(
        Client=apps.get_model("cases", "Client"),
        Contract=apps.get_model("mentors", "Contract"),
        Episode=apps.get_model("cases", "Episode"),
        ServedMonth=apps.get_model("cases", "ServedMonth"),
        VisitAttendance=apps.get_model("cases", "VisitAttendance"),
    )


def _computed(client_ids: list[int], m: SimpleNamespace | None = None) -> list:
    """The rows the people should have, from their visits, episodes and personal data."""
    m = m or _models()
    Episode, ServedMonth, VisitAttendance = m.Episode, m.ServedMonth, m.VisitAttendance  # noqa: N806
    # The contract's programme and provider and the person's data come with the counts (each is one
    # value per group): one query, not three.
    rows = list(
        VisitAttendance.objects.filter(client_id__in=client_ids)
        .annotate(month=TruncMonth("visit__visited_on"))
        .values(
            "client_id",
            "visit__contract_id",
            "month",
            "visit__contract__programme_id",
            "visit__contract__provider_id",
            "client__date_of_birth",
            "client__citizenship",
        )
        .annotate(contacts=Count("visit_id", distinct=True))
        .order_by()
    )
    if not rows:
        return []
    first_started = {
        (client_id, programme_id): first
        for client_id, programme_id, first in Episode.objects.filter(client_id__in=client_ids)
        .order_by()
        .values("client_id", "programme_id")
        .annotate(first=Min("started_on"))
        .values_list("client_id", "programme_id", "first")
    }
    served = [
        ServedMonth(
            contract_id=row["visit__contract_id"],
            month=row["month"],
            client_id=row["client_id"],
            programme_id=row["visit__contract__programme_id"],
            provider_id=row["visit__contract__provider_id"],
            contacts=row["contacts"],
            date_of_birth=row["client__date_of_birth"],
            citizenship=row["client__citizenship"] or "",
            first_started_on=first_started.get((row["client_id"], row["visit__contract__programme_id"])),
            child_in_month=is_child_on(row["client__date_of_birth"], row["month"]),
        )
        for row in rows
    ]
    _link_previous(served)
    return served


def _link_previous(served: list) -> None:
    """Set each row's previous month of the person in the programme, and with the provider: the month
    of the row before it, in the order of month then contract (the same month where the person had
    another contract's row first; None for their first row)."""
    previous, previous_with_provider = {}, {}
    for row in sorted(served, key=lambda row: (row.month, row.contract_id)):
        in_programme = (row.client_id, row.programme_id)
        with_provider = (*in_programme, row.provider_id)
        row.previous_month = previous.get(in_programme)
        row.previous_month_with_provider = previous_with_provider.get(with_provider)
        previous[in_programme] = previous_with_provider[with_provider] = row.month


def served_months_refresh(client_ids: Iterable[int]) -> None:
    """Write the served months of these people again from their visits, episodes and personal data.

    Runs in the caller's transaction (or its own), locking the people's rows first, in id order, so
    that concurrent refreshes of one person wait for each other and see each other's visits. The
    lock is FOR NO KEY UPDATE: it does not wait for the key-share locks that inserting a visit's
    attendance takes on the person, so two visits of one person cannot deadlock here."""
    m = _models()
    rewrite_locked(
        client_ids,
        owner=m.Client,
        rows=m.ServedMonth,
        key="client_id",
        computed=lambda ids: _computed(ids, m),
    )


def rewrite_locked(owner_ids: Iterable[int], *, owner, rows, key: str, computed) -> None:
    """Write the derived `rows` of these owners (people, episodes) again: `computed(ids)` gives them.

    A chunk of owners at a time, their rows locked FOR NO KEY UPDATE in id order, their derived rows
    deleted and written again. Part of the caller's transaction when there is one (no savepoint: a
    failure fails it whole)."""
    ids = sorted(set(owner_ids))
    if not ids:
        return
    with transaction.atomic(savepoint=False):
        for first in range(0, len(ids), CHUNK):
            chunk = ids[first : first + CHUNK]
            list(
                owner.objects.select_for_update(no_key=True)
                .filter(pk__in=chunk)
                .order_by("pk")
                .values_list("pk")
            )
            rows.objects.filter(**{f"{key}__in": chunk}).delete()
            rows.objects.bulk_create(computed(chunk), batch_size=CHUNK)


def served_months_rebuild(apps=None) -> int:
    """Rebuild the whole table (after bulk loads: the demo data, a restore; the migration that made
    it). Returns the rows written."""
    m = _models(apps)
    with transaction.atomic():
        m.ServedMonth.objects.all().delete()
        for chunk in _client_chunks(m):
            m.ServedMonth.objects.bulk_create(_computed(chunk, m), batch_size=CHUNK)
    return m.ServedMonth.objects.count()


def _client_chunks(m: SimpleNamespace):
    """The ids of everyone ever present at a visit, in chunks."""
    ids = list(m.VisitAttendance.objects.order_by("client_id").values_list("client_id", flat=True).distinct())
    for first in range(0, len(ids), CHUNK):
        yield ids[first : first + CHUNK]


FIELDS = (
    "contract_id",
    "month",
    "client_id",
    "programme_id",
    "provider_id",
    "contacts",
    "date_of_birth",
    "citizenship",
    "first_started_on",
    "child_in_month",
    "previous_month",
    "previous_month_with_provider",
)


def _key(row) -> tuple:
    return tuple(getattr(row, name) for name in FIELDS)


def served_months_differences() -> tuple[set, set]:
    """Rows the table has but should not, and rows it should have but lacks (as tuples of FIELDS)."""
    m = _models()
    stored = {_key(row) for row in m.ServedMonth.objects.all()}
    expected = set()
    for chunk in _client_chunks(m):
        expected |= {_key(row) for row in _computed(chunk, m)}
    return stored - expected, expected - stored
