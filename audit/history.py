"""A record's history as its page shows it: in the reader's language, field names and values as the
forms show them (verbose names, choice labels, today's names of related records), never raw codes."""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from auditlog import get_logentry_model
from django.contrib.auth import get_user_model
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models
from django.utils import formats, timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from mentors.access import Role

LogEntry = get_logentry_model()
EMPTY = "—"
ACTION_LABELS = {
    LogEntry.Action.CREATE: pgettext_lazy("log action", "created"),
    LogEntry.Action.UPDATE: pgettext_lazy("log action", "changed"),
    LogEntry.Action.DELETE: pgettext_lazy("log action", "deleted"),
    LogEntry.Action.ACCESS: pgettext_lazy("log action", "opened"),
}
DOWNLOADED = pgettext_lazy("log action", "downloaded")


@dataclass
class Change:
    field: str
    before: str = ""
    after: str = ""
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)


@dataclass
class HistoryRow:
    at: datetime.datetime
    who: str
    action: str
    record: str
    changes: list[Change]


def person_name(user) -> str:
    if user is None:
        return str(_("the system"))
    return user.get_full_name() or user.get_username()


def record_label(entry) -> str:
    model = entry.content_type.model_class()
    return capfirst(model._meta.verbose_name) if model else entry.content_type.model


def history_rows(entries, *, known=()) -> list[HistoryRow]:
    """Rows for the template: one per entry, with each changed field's name and values displayed.
    Related records are looked up together (one query per related model, not per value); `known`, the
    records the page has already loaded (with what their names are made of), are not looked up again."""
    entries = list(entries)
    related = _related_names(entries, known)
    rows = []
    for entry in entries:
        model = entry.content_type.model_class()
        changes = []
        for name, value in _in_field_order(model, entry.changes):
            model_field = _field(model, name)
            if model_field is None:
                continue
            change = _change(model_field, value, related, entry.action)
            if change.before != EMPTY and change.after != EMPTY or entry.action == LogEntry.Action.UPDATE:
                changes.append(change)
        rows.append(
            HistoryRow(
                at=entry.timestamp,
                who=person_name(entry.actor),
                action=ACTION_LABELS.get(entry.action, ""),
                record=record_label(entry),
                changes=changes,
            )
        )
    return rows


def changed_field_names(entry) -> list[str]:
    """The names of the fields an entry changed, without their values (the officer's log)."""
    model = entry.content_type.model_class()
    names = []
    for name in entry.changes or {}:
        model_field = _field(model, name)
        names.append(str(capfirst(model_field.verbose_name)) if model_field else name)
    return names


def _in_field_order(model, changes):
    """The changes in the order the model declares its fields (as its forms show them)."""
    if not changes:
        return []
    order = {f.name: i for i, f in enumerate(model._meta.get_fields())} if model else {}
    return sorted(changes.items(), key=lambda item: order.get(item[0], len(order)))


def _field(model, name):
    if model is None:
        return None
    try:
        model_field = model._meta.get_field(name)
    except FieldDoesNotExist:
        return None
    return model_field if isinstance(model_field, models.Field) else None  # not a reverse relation


def _change(model_field, value, related, action) -> Change:
    """One field's change; a created record shows only the values it got, a deleted one those it had."""
    label = str(capfirst(model_field.verbose_name))
    if isinstance(value, dict):  # many-to-many: what was added or removed
        names = _m2m_names(model_field, value, related)
        if value.get("operation") == "add":
            return Change(label, added=names)
        return Change(label, removed=names)
    before, after = (_display(model_field, one, related) for one in value)
    if action == LogEntry.Action.CREATE:
        return Change(label, after=after)
    if action == LogEntry.Action.DELETE:
        return Change(label, before=before)
    return Change(label, before=before, after=after)


def _m2m_names(model_field, value, related) -> list[str]:
    pks = value.get("pks")
    if not pks:
        return list(value.get("objects", []))
    names = related[model_field.related_model]
    stored = value.get("objects", [])
    return [names.get(pk) or (stored[i] if i < len(stored) else f"#{pk}") for i, pk in enumerate(pks)]


def _display(model_field, value, related) -> str:
    if value is None or value == "None" or value == "":
        return EMPTY
    if model_field.is_relation:
        try:
            pk = model_field.related_model._meta.pk.to_python(value)
        except ValidationError:
            return str(value)
        return related[model_field.related_model].get(pk, f"#{value}")
    if model_field.flatchoices:
        return str(dict(model_field.flatchoices).get(value, value))
    if isinstance(model_field, models.BooleanField):
        return str(_("yes") if value in ("True", True) else _("no"))
    if isinstance(model_field, models.DateTimeField):
        moment = parse_datetime(str(value))  # auditlog writes moments in UTC, without the zone
        if moment is None:
            return str(value)
        if timezone.is_naive(moment):
            moment = timezone.make_aware(moment, datetime.UTC)
        return formats.date_format(timezone.localtime(moment), "SHORT_DATETIME_FORMAT")
    if isinstance(model_field, models.DateField):
        day = parse_date(str(value))
        return formats.date_format(day, "SHORT_DATE_FORMAT") if day else str(value)
    return str(value)


def _related_names(entries, known=()) -> dict:
    """{related model: {pk: today's name}} for every related record the entries mention."""
    wanted = defaultdict(set)
    for entry in entries:
        model = entry.content_type.model_class()
        for name, value in (entry.changes or {}).items():
            model_field = _field(model, name)
            if model_field is None or not model_field.is_relation:
                continue
            target = model_field.related_model
            if isinstance(value, dict):
                wanted[target].update(value.get("pks") or ())
                continue
            for one in value:
                if one not in (None, "None", ""):
                    try:
                        wanted[target].add(target._meta.pk.to_python(one))
                    except ValidationError:  # a value written as text: shown as written
                        continue
    names = defaultdict(dict)
    user_model = get_user_model()
    for obj in known:
        target = obj._meta.model
        if obj.pk in wanted.get(target, ()):
            names[target][obj.pk] = person_name(obj) if target is user_model else str(obj)
            wanted[target].discard(obj.pk)
    for target, pks in wanted.items():
        if not pks:
            continue
        # select_related(): the names of episodes, contracts and staff are made of their relations.
        for pk, obj in target._base_manager.select_related().in_bulk(pks).items():
            names[target][pk] = person_name(obj) if target is user_model else str(obj)
    return names


@dataclass
class LogRow:
    """One line of the officer's log: who, when, from where, what kind of record — no content."""

    at: datetime.datetime
    who: str
    username: str
    role: str
    organisation: str
    action: str
    what: str
    record: str
    record_number: str
    person: str
    fields: list[str]
    address: str


def log_rows(entries, *, person_label) -> list[LogRow]:
    """The officer's rows: no record's name or value, only the kind of record, its number, the person
    (`person_label(person_id)`: their client number) and the names of the fields changed."""
    rows = []
    for entry in entries:
        organisation = entry.actor_provider or entry.actor_municipality
        additional = entry.additional_data if isinstance(entry.additional_data, dict) else {}
        what = additional.get("what", "")
        rows.append(
            LogRow(
                at=entry.timestamp,
                who=person_name(entry.actor),
                username=entry.actor.get_username() if entry.actor else "",
                role=_role_label(entry.actor_role),
                organisation=str(organisation) if organisation else "",
                action=str(DOWNLOADED) if what else ACTION_LABELS.get(entry.action, ""),
                what=what,
                record=record_label(entry),
                record_number=entry.object_pk,
                person=person_label(entry.person_id) if entry.person_id else "",
                fields=changed_field_names(entry) if entry.action == LogEntry.Action.UPDATE else [],
                address=entry.remote_addr or "",
            )
        )
    return rows


def _role_label(value: str) -> str:
    try:
        return str(Role(value).label)
    except ValueError:
        return ""
