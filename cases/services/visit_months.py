"""The visit-months table (`VisitMonth`): how many visits an episode had under a contract in a month,
and their contact minutes, which the reports add up instead of reading every visit of the period; and
the date of the first visit of a referral's episode (`Referral.first_visit_on`), from which the
referral figures count the days to the first visit.

Both are derived from the visits alone. A visit save recounts the (episode, contract, month) it touched
from the visits (`visit_months_refresh`: one small query on the episode and date index, then one
upsert or delete) and writes the episode's referral's first visit again (one update), inside the
caller's transaction, which holds the episode's row locked so that two saves in one episode never
interleave; a bulk load rewrites whole episodes (`visit_months_refresh_episodes`).
`visit_months_differences` and `first_visits_differences` compare them with a rebuild, which the
`served_months` command and the tests use.
"""

import datetime
from collections.abc import Iterable
from types import SimpleNamespace

from django.apps import apps as installed_apps
from django.db import transaction
from django.db.models import Count, OuterRef, Q, Subquery, Sum
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
        Referral=apps.get_model("cases", "Referral"),
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
    keys = sorted(set(keys))
    with transaction.atomic(savepoint=False):
        for episode_id, contract_id, month in keys:
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
        first_visits_refresh({episode_id for episode_id, _contract_id, _month in keys})


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
    """Write the rows of these episodes, and their referrals' first visits, again from their visits (after
    a bulk load of their visits), with the episodes' rows locked, in id order, in the caller's
    transaction."""
    m = _models()
    episode_ids = sorted(set(episode_ids))
    with transaction.atomic(savepoint=False):
        rewrite_locked(
            episode_ids,
            owner=m.Episode,
            rows=m.VisitMonth,
            key="episode_id",
            computed=lambda ids: _computed(ids, m),
        )
        first_visits_refresh(episode_ids)


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


# --- The referrals' first visits ------------------------------------------------------------------


def _first_visit(m: SimpleNamespace) -> Subquery:
    """The day of the first visit of the referral's episode (NULL: no episode, or no visit yet): one
    probe of the visits' (episode, date) index."""
    return Subquery(
        m.Visit.objects.filter(episode_id=OuterRef("episode_id"))
        .order_by("visited_on")
        .values("visited_on")[:1]
    )


def first_visits_refresh(episode_ids: Iterable[int]) -> None:
    """Write the first visit of these episodes' referrals (an episode has at most one) from their visits.

    Runs in the caller's transaction, which holds the episodes' rows locked (see
    `visit_months_refresh`). An episode without a referral (a provider's intake) costs an index probe."""
    m = _models()
    ids = sorted(set(episode_ids))
    for first in range(0, len(ids), CHUNK):
        m.Referral.objects.filter(episode_id__in=ids[first : first + CHUNK]).update(
            first_visit_on=_first_visit(m)
        )


def first_visits_rebuild(apps=None) -> int:
    """Write again the first visits that differ from what the visits give (after bulk loads: the demo
    data, a restore; the migration that made the column). Only those: a referral rewritten with the
    value it has would still leave a dead row and index entries behind. Returns how many were written."""
    m = _models(apps)
    ids = [pk for pk, _stored, _expected in _differences(m)]
    for first in range(0, len(ids), CHUNK):
        m.Referral.objects.filter(pk__in=ids[first : first + CHUNK]).update(first_visit_on=_first_visit(m))
    return len(ids)


def _differences(m: SimpleNamespace) -> list[tuple[int, datetime.date | None, datetime.date | None]]:
    rows = (
        m.Referral.objects.filter(Q(episode__isnull=False) | Q(first_visit_on__isnull=False))
        .annotate(expected=_first_visit(m))
        .order_by("pk")
        .values_list("pk", "first_visit_on", "expected")
    )
    return [(pk, stored, expected) for pk, stored, expected in rows if stored != expected]


def first_visits_differences() -> list[tuple[int, datetime.date | None, datetime.date | None]]:
    """The referrals whose first visit is not what their episode's visits give, in id order, as
    (referral id, stored, expected)."""
    return _differences(_models())
