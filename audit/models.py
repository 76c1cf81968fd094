"""The one log of changes and reads: django-auditlog's entry, with the columns the officer filters on.

django-auditlog writes a row for every create, change and delete of a registered model (field by field,
before and after), and `audit.reads` adds a row for every read of a person's record. This model is
auditlog's swappable `LogEntry` (settings.AUDITLOG_LOGENTRY_MODEL) with, filled in when the row is
written:

- `person_id`: the client whose data the record is (a client, their consent, a visit in their episode…);
- `episode_id`: the episode the record belongs to, so an episode's page can show its own history;
- the actor's role and organisation at that moment (a mentor who later moves provider stays where they
  were when they read or wrote).

Rows are never changed or deleted by the application; the only exception is `audit_redact_person`,
which erases a person's text from them (GDPR Art. 17).
"""

from auditlog.models import AbstractLogEntry
from auditlog.models import LogEntryManager as AuditlogEntryManager
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.encoding import smart_str
from django.utils.translation import gettext_lazy as _

from mentors.models import Provider
from municipalities.models import Municipality

from .registry import subject_of


class LogEntryManager(AuditlogEntryManager):
    """auditlog's manager, adding the person, the episode and, for many-to-many changes, the keys of the
    related rows (so a history shows today's names in the reader's language)."""

    def log_create(self, instance, force_log: bool = False, **kwargs):
        for key, value in subject_of(instance).items():
            kwargs.setdefault(key, value)
        return super().log_create(instance, force_log, **kwargs)

    def log_m2m_changes(self, changed_queryset, instance, operation, field_name, **kwargs):
        from auditlog.cid import get_cid

        changed = list(changed_queryset)
        if not changed:
            return None
        changes = {
            field_name: {
                "type": "m2m",
                "operation": operation,
                "objects": [smart_str(related) for related in changed],
                "pks": [related.pk for related in changed],
            }
        }
        return self.create(
            content_type=ContentType.objects.get_for_model(instance),
            object_pk=str(instance.pk),
            object_id=instance.pk,
            object_repr=smart_str(instance),
            action=self.model.Action.UPDATE,
            changes=changes,
            cid=get_cid(),
            **subject_of(instance),
            **kwargs,
        )


class LogEntry(AbstractLogEntry):
    # PROTECT, not auditlog's SET_NULL: deleting a user must not rewrite who did what (deactivate them).
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        blank=True,
        null=True,
        related_name="+",
        verbose_name=_("user"),
    )
    person_id = models.BigIntegerField(_("person"), null=True, blank=True, db_index=True)
    episode_id = models.BigIntegerField(_("episode"), null=True, blank=True, db_index=True)
    actor_role = models.CharField(_("role"), max_length=30, blank=True)
    actor_provider = models.ForeignKey(
        Provider,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("provider"),
    )
    actor_municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("municipality"),
    )

    objects = LogEntryManager()

    class Meta(AbstractLogEntry.Meta):
        verbose_name = _("log entry")
        verbose_name_plural = _("log entries")
        indexes = [
            models.Index(fields=["person_id", "timestamp"], name="audit_person_time_idx"),
            models.Index(fields=["content_type", "object_id"], name="audit_object_idx"),
        ]
