"""The visit-months table (`VisitMonth`): how many visits an episode had under a contract in a month,
and their contact minutes, which the reports add up instead of reading every visit of the period.

It is derived from the visits alone. A visit save recounts the (episode, contract, month) it touched
from the visits (`visit_months_refresh`: one small query on the episode and date index, then one
upsert or delete), inside the caller's transaction, which holds the episode's row locked so that two
saves in one episode never interleave; a bulk load rewrites whole episodes
(`visit_months_refresh_episodes`). `visit_months_differences` compares the table with a rebuild, which
the `served_months` command and the tests use.
"""

import datetime
from collections.abc import Iterable
from types import SimpleNamespace

from django.apps import apps as installed_apps
from django.db import transaction
from django.db.models import Count, Sum
from django.db.models.functions import TruncMonth

from ..rules.limits import add_months
from .served import rewrite_locked

CHUNK = 2000
FIELDS = ("episode_id", "contract_id", "month", "visits", "minutes")


def _models(apps=None) -> SimpleNamespace:
    """The models used here: the installed ones, or a migration's historical ones."""
    apps = apps or installed_apps
    return SimpleNamespace(
        Episode=apps.get_model("cases", "Episode"),
        Visit=apps.get_model("cases", "Visit"),
        VisitMonth=apps.get_model("cases", "VisitMonth"),
    )


def visit_month_key(visit) -> tuple[int, int, datetime.date]:
    """The (episode, contract, month) a visit is counted in."""
    return (visit.episode_id, visit.contract_id, visit.visited_on.replace(day=1))


def visit_months_refresh(keys: Iterable[tuple[int, int, datetime.date]]) -> None:
    """Recount these (episode, contract, month) from their visits and write the rows (none: no visits).

    Runs in the caller's transaction, which must hold the episodes' rows locked (the visit services
    do), so that the recount sees every committed visit of the episode."""
    m = _models()
    with transaction.atomic(savepoint=False):
        for episode_id, contract_id, month in sorted(set(keys)):
            counted = m.Visit.objects.filter(
                episode_id=episode_id,
                contract_id=contract_id,
                visited_on__gte=month,
                visited_on__lt=add_months(month, 1),
            ).aggregate(visits=Count("id"), minutes=Sum("duration_minutes"))
            row = {"episode_id": episode_id, "contract_id": contract_id, "month": month}
            if counted["visits"]:
                m.VisitMonth.objects.bulk_create(
                    [m.VisitMonth(**row, visits=counted["visits"], minutes=counted["minutes"] or 0)],
                    update_conflicts=True,
                    unique_fields=["episode", "contract", "month"],
                    update_fields=["visits", "minutes"],
                )
            else:
                m.VisitMonth.objects.filter(**row).delete()


def _computed(episode_ids: list[int] | None, m: SimpleNamespace) -> list:
    """The rows these episodes (None: all) should have, from their visits."""
    visits = (
        m.Visit.objects.all() if episode_ids is None else m.Visit.objects.filter(episode_id__in=episode_ids)
    )
    rows = (
        visits.order_by()
        .annotate(month=TruncMonth("visited_on"))
        .values("episode_id", "contract_id", "month")
        .annotate(visits=Count("id"), minutes=Sum("duration_minutes"))
    )
    return [
        m.VisitMonth(
            episode_id=row["episode_id"],
            contract_id=row["contract_id"],
            month=row["month"],
            visits=row["visits"],
            minutes=row["minutes"] or 0,
        )
        for row in rows
    ]


def visit_months_refresh_episodes(episode_ids: Iterable[int]) -> None:
    """Write the rows of these episodes again from their visits (after a bulk load of their visits),
    with the episodes' rows locked, in id order, in the caller's transaction."""
    m = _models()
    rewrite_locked(
        episode_ids,
        owner=m.Episode,
        rows=m.VisitMonth,
        key="episode_id",
        computed=lambda ids: _computed(ids, m),
    )


def visit_months_rebuild(apps=None) -> int:
    """Rebuild the whole table (after bulk loads: the demo data, a restore; the migration that made
    it). Returns the rows written."""
    m = _models(apps)
    with transaction.atomic():
        m.VisitMonth.objects.all().delete()
        m.VisitMonth.objects.bulk_create(_computed(None, m), batch_size=CHUNK)
    return m.VisitMonth.objects.count()


def _key(row) -> tuple:
    return tuple(getattr(row, name) for name in FIELDS)


def visit_months_differences() -> tuple[set, set]:
    """Rows the table has but should not, and rows it should have but lacks (as tuples of FIELDS)."""
    m = _models()
    stored = {_key(row) for row in m.VisitMonth.objects.all()}
    expected = {_key(row) for row in _computed(None, m)}
    return stored - expected, expected - stored
