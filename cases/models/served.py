"""The served-months table the reports count."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from mentors.models import Contract, Programme, Provider

from .clients import Client


class ServedMonth(models.Model):
    """A person served under a contract in a month: the payment basis, one row per client, contract
    and month with at least one contact (the person present at a visit dated in the month).

    Derived data, kept by `cases.services.served.served_months_refresh`, which every service that changes a
    person's visits, episodes, date of birth or citizenship calls: reports count these rows instead
    of joining a million visits. The person's date of birth, citizenship and the start of their
    first episode of the programme are copied here so that "child", "country" and "new" need no join.
    """

    contract = models.ForeignKey(
        Contract, on_delete=models.PROTECT, related_name="served_months", verbose_name=_("contract")
    )
    month = models.DateField(_("month"))  # the first day of the month
    client = models.ForeignKey(
        Client, on_delete=models.CASCADE, related_name="served_months", verbose_name=_("client")
    )
    programme = models.ForeignKey(
        Programme, on_delete=models.PROTECT, related_name="+", verbose_name=_("programme")
    )
    provider = models.ForeignKey(
        Provider, on_delete=models.PROTECT, related_name="+", verbose_name=_("provider")
    )
    contacts = models.PositiveIntegerField(_("contacts"))
    date_of_birth = models.DateField(_("date of birth"))
    citizenship = models.CharField(_("citizenship"), max_length=2, blank=True)
    first_started_on = models.DateField(_("first episode of the programme started on"), null=True)

    class Meta:
        ordering = ["month", "contract", "client"]
        verbose_name = _("client served in a month")
        verbose_name_plural = _("clients served in a month")
        constraints = [
            models.UniqueConstraint(fields=["contract", "month", "client"], name="served_month_unique"),
            models.CheckConstraint(condition=Q(contacts__gte=1), name="served_month_contacts"),
        ]
        indexes = [models.Index(fields=["programme", "month"], name="served_month_programme_idx")]

    def __str__(self):
        return f"{self.month:%Y-%m} {self.contract_id}: {self.client_id}"
