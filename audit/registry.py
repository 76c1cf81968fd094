"""Which models the change log follows, and whose data each of their rows is.

`track(Model, person="episode.client_id", episode="episode_id")` registers a model with django-auditlog
(every create, change and delete, field by field) and says how to find, from one of its rows, the
person (client) and the episode it belongs to — the columns the officer's log and the record pages
filter on. Each app registers its own models in its `AppConfig.ready` (`cases/apps.py`, `audit/apps.py`
for the payment models of `mentors`).
"""

from collections.abc import Iterable
from operator import attrgetter

from auditlog.registry import auditlog
from django.core.exceptions import ObjectDoesNotExist

# Bookkeeping columns, not data: their change is never the point of an entry.
UNTRACKED_FIELDS = ("created_at", "updated_at")

_subjects: dict[type, tuple] = {}


def track(
    model,
    *,
    person: str | None = None,
    episode: str | None = None,
    m2m_fields: Iterable[str] = (),
    exclude_fields: Iterable[str] = (),
) -> None:
    """Follow `model`'s changes. `person` and `episode` are dotted attribute paths from a row to the
    client's and the episode's id (`"client_id"`, `"episode.client_id"`); `m2m_fields` are followed too."""
    untracked = {*UNTRACKED_FIELDS, *exclude_fields}
    auditlog.register(
        model,
        # The model's own columns: auditlog would otherwise also write the reverse relations on create
        # and delete (as meaningless text); many-to-many changes are logged apart, as they happen.
        include_fields=[
            f.name for f in model._meta.concrete_fields if f.name not in untracked and not f.primary_key
        ],
        m2m_fields=set(m2m_fields),
    )
    _subjects[model] = (
        attrgetter(person) if person else None,
        attrgetter(episode) if episode else None,
    )


def tracked_models() -> list[type]:
    return list(_subjects)


def subject_of(instance) -> dict:
    """The `person_id` and `episode_id` columns for a log entry about `instance` (empty if untracked)."""
    person, episode = _subjects.get(type(instance), (None, None))
    return {
        "person_id": _follow(person, instance),
        "episode_id": _follow(episode, instance),
    }


def _follow(getter, instance):
    if getter is None:
        return None
    try:
        return getter(instance)
    except (ObjectDoesNotExist, AttributeError):  # a relation already gone (a cascade): left empty
        return None
