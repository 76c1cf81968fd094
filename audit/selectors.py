"""Reading the log: a record's history for its page, and the officer's filtered log."""

import datetime

from auditlog import get_logentry_model
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.utils import timezone

LogEntry = get_logentry_model()
CHANGE_ACTIONS = (LogEntry.Action.CREATE, LogEntry.Action.UPDATE, LogEntry.Action.DELETE)
PAGE_HISTORY_LIMIT = 100


def _changes():
    return (
        LogEntry.objects.filter(action__in=CHANGE_ACTIONS)
        .select_related("actor", "content_type")
        .order_by("-timestamp", "-pk")
    )


def _types(models) -> list[int]:
    return [ct.pk for ct in ContentType.objects.get_for_models(*models, for_concrete_models=False).values()]


def record_changes(record, *related):
    """The change history of one record, and of the given related records (`(Model, pks)` pairs),
    newest first; shown on the record's page."""
    condition = Q(content_type_id=_types([type(record)])[0], object_id=record.pk)
    for model, pks in related:
        condition |= Q(content_type_id=_types([model])[0], object_id__in=pks)
    return _changes().filter(condition)[:PAGE_HISTORY_LIMIT]


def person_changes(person_id: int, models):
    """Changes of the person's records of the given models (a client's page: the client, consents…)."""
    return _changes().filter(person_id=person_id, content_type_id__in=_types(models))[:PAGE_HISTORY_LIMIT]


def episode_changes(episode_id: int, models, *, own_provider_models=(), provider_id=None):
    """Changes of an episode's records of `models`; and of `own_provider_models` (visits, plans) those
    made by the staff of `provider_id` — a provider that took the episode over does not read the earlier
    provider's notes in the history either."""
    condition = Q(content_type_id__in=_types(models))
    if own_provider_models and provider_id:
        condition |= Q(content_type_id__in=_types(own_provider_models), actor_provider_id=provider_id)
    return _changes().filter(condition, episode_id=episode_id)[:PAGE_HISTORY_LIMIT]


def officer_log(
    *,
    person_id: int | None = None,
    also_records=(),
    actor_ids=None,
    provider_id: int | None = None,
    municipality_id: int | None = None,
    start: datetime.date | None = None,
    end: datetime.date | None = None,
    reads: bool | None = None,
):
    """The data protection officer's log: changes and reads, filtered, newest first.

    `person_id` selects the person's entries, and `also_records` (`(Model, pks)` pairs) adds entries of
    records that concern them without being theirs (the visits of a relative's episode they attended).
    `reads` True: reads only; False: changes only; None: both. `start`/`end` are inclusive days."""
    entries = LogEntry.objects.select_related(
        "actor", "content_type", "actor_provider", "actor_municipality"
    ).order_by("-timestamp", "-pk")
    if person_id is not None:
        condition = Q(person_id=person_id)
        for model, pks in also_records:
            condition |= Q(content_type_id=_types([model])[0], object_id__in=pks)
        entries = entries.filter(condition)
    if actor_ids is not None:
        entries = entries.filter(actor_id__in=actor_ids)
    if provider_id is not None:
        entries = entries.filter(actor_provider_id=provider_id)
    if municipality_id is not None:
        entries = entries.filter(actor_municipality_id=municipality_id)
    if start is not None:
        entries = entries.filter(timestamp__gte=_midnight(start))
    if end is not None and end < datetime.date.max:
        entries = entries.filter(timestamp__lt=_midnight(end + datetime.timedelta(days=1)))
    if reads is True:
        entries = entries.filter(action=LogEntry.Action.ACCESS)
    elif reads is False:
        entries = entries.filter(action__in=CHANGE_ACTIONS)
    return entries


def _midnight(day: datetime.date) -> datetime.datetime:
    """The start of `day` in the project's time zone (so the timestamp index serves the period)."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))
