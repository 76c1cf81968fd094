"""Which client a provider's own ID of a person in its legacy spreadsheets stands for (the visit import)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from mentors.models import Provider
from municipalities.models import TimeStamped

from .clients import Client


class ImportedClientRef(TimeStamped):
    """A provider's own stable ID of a person in its spreadsheets, mapped to the client it imported as.

    `manage.py import_visits` looks the reference up first, so re-importing a file finds the same
    client, and a person who moved between providers is one client with one reference per provider.
    """

    provider = models.ForeignKey(
        Provider, on_delete=models.PROTECT, related_name="+", verbose_name=_("provider")
    )
    client_ref = models.CharField(_("provider's client ID"), max_length=100)
    client = models.ForeignKey(
        Client, on_delete=models.CASCADE, related_name="imported_refs", verbose_name=_("client")
    )

    class Meta:
        ordering = ["provider", "client_ref"]
        verbose_name = _("imported client reference")
        verbose_name_plural = _("imported client references")
        constraints = [
            models.UniqueConstraint(fields=["provider", "client_ref"], name="imported_client_ref_unique"),
        ]

    def __str__(self):
        return f"{self.provider.code}:{self.client_ref}"
