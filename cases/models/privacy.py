"""Events in the life of a person's record: leaving a household, a subject-access download, anonymisation,
a merge of two records."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .clients import Client


class ClientEvent(models.Model):
    """One row per change of a person's record that has no row of its own (who, when, what).

    `value` holds a machine value (the household's number, the reason of an anonymisation); `note` is
    free text and is blanked when the person is anonymised."""

    class Kind(models.TextChoices):
        HOUSEHOLD_LEFT = "household_left", _("removed from the household")
        SUBJECT_ACCESS = "subject_access", _("subject access download (Art. 15)")
        ANONYMISED = "anonymised", _("anonymised")
        MERGED = "merged", _("merged with a second record of the person")

    class Reason(models.TextChoices):
        RETENTION = "retention", _("retention period over")
        ERASURE = "erasure", _("erasure request (Art. 17)")

    client = models.ForeignKey(
        Client, on_delete=models.CASCADE, related_name="events", verbose_name=_("client")
    )
    kind = models.CharField(_("change"), max_length=20, choices=Kind.choices)
    value = models.CharField(_("value"), max_length=40, blank=True)
    # Empty when the system did it (the retention command run without a user).
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("by")
    )
    at = models.DateTimeField(_("at"), auto_now_add=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("client event")
        verbose_name_plural = _("client events")

    def __str__(self):
        return f"{self.client_id}: {self.kind}"
