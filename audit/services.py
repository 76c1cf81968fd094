"""The one write the application makes to the logs: erasing a person's text from them."""

from auditlog import get_logentry_model
from django.contrib.contenttypes.models import ContentType
from django.db import transaction

from .registry import tracked_models

REDACTED = "[redacted]"
_REDACTED_FIELDS = ["object_repr", "changes", "changes_text", "serialized_data", "additional_data"]


@transaction.atomic
def audit_redact_person(*, client) -> int:
    """Erase a person's text from the change and read logs (GDPR Art. 17), keeping who did what, when,
    from where, to which kind of record — the accountability the logs are for.

    - Entries about the person's records (every entry whose person is `client`: the client, their
      consents and legal status records, referrals, episodes with their contract stretches and
      extensions, plans and goals, the visits of their episodes, the reads of any of these) keep their
      user, time, address, action, record type and number and the names of the fields changed; the
      record's name as written, every value before and after, the serialized copy and any additional
      data are replaced or removed.
    - Entries of other records that list the person in a many-to-many change (a visit in a relative's
      episode where the person was present) have the person's name in that list replaced.

    Call it in the same transaction as the erasure of the record itself; it can run again safely.
    Returns the number of entries changed."""
    LogEntry = get_logentry_model()
    changed = []
    for entry in LogEntry.objects.filter(person_id=client.pk).iterator(chunk_size=500):
        entry.object_repr = REDACTED
        entry.changes = _redacted_changes(entry.changes)
        entry.changes_text = ""
        entry.serialized_data = None
        entry.additional_data = None
        changed.append(entry)
    for entry in _entries_listing(client, LogEntry):
        if entry.person_id != client.pk:
            changed.append(entry)
    LogEntry.objects.bulk_update(changed, _REDACTED_FIELDS, batch_size=500)
    return len(changed)


def _redacted_changes(changes):
    if not changes:
        return changes
    redacted = {}
    for name, value in changes.items():
        if isinstance(value, dict):
            redacted[name] = value | {"objects": [REDACTED] * len(value.get("objects", []))}
        else:
            redacted[name] = [v if v in (None, "None", "") else REDACTED for v in value]
    return redacted


def _entries_listing(client, LogEntry):
    """Entries whose many-to-many changes name `client` among others; the name is replaced in place."""
    person_model = type(client)
    for model in tracked_models():
        fields = [f.name for f in model._meta.many_to_many if f.related_model is person_model]
        if not fields:
            continue
        content_type = ContentType.objects.get_for_model(model)
        for name in fields:
            candidates = LogEntry.objects.filter(content_type=content_type, changes__has_key=name)
            for entry in candidates.iterator(chunk_size=500):
                change = entry.changes[name]
                pks = change.get("pks") or []
                if client.pk not in pks:
                    continue
                objects = list(change.get("objects", []))
                for i, pk in enumerate(pks):
                    if pk == client.pk and i < len(objects):
                        objects[i] = REDACTED
                entry.changes = entry.changes | {name: change | {"objects": objects}}
                yield entry
