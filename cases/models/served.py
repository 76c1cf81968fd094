"""The served-months and visit-months tables the reports count."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from mentors.models import Contract, Programme, Provider

from .clients import Client
from .episodes import Episode


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
    # Derived from the person's other rows, so that the reports count people without a DISTINCT: a row
    # is the person's first from a month on in the programme (or with the provider) when the previous
    # one, in the order of month then contract, is older or missing (`reporting.queries.served`).
    child_in_month = models.BooleanField(_("under 18 on the month's first day"))
    previous_month = models.DateField(_("previous month served in the programme"), null=True)
    previous_month_with_provider = models.DateField(
        _("previous month served in the programme by the provider"), null=True
    )

    class Meta:
        ordering = ["month", "contract", "client"]
        verbose_name = _("client served in a month")
        verbose_name_plural = _("clients served in a month")
        constraints = [
            models.UniqueConstraint(fields=["contract", "month", "client"], name="served_month_unique"),
            models.CheckConstraint(condition=Q(contacts__gte=1), name="served_month_contacts"),
        ]
        indexes = [
            # Every count of the reports reads the programme's months from this index alone (an
            # index-only scan on PostgreSQL), never the table: the columns they group and filter by.
            models.Index(
                fields=[
                    "programme",
                    "month",
                    "client",
                    "contract",
                    "provider",
                    "citizenship",
                    "date_of_birth",
                    "first_started_on",
                    "child_in_month",
                    "previous_month",
                    "previous_month_with_provider",
                ],
                name="served_month_counting_idx",
            ),
        ]

    def __str__(self):
        return f"{self.month:%Y-%m} {self.contract_id}: {self.client_id}"


class VisitMonth(models.Model):
    """The visits of an episode under a contract in a month, and their contact minutes: what the
    reports add up per provider and month instead of reading every visit of the period.

    Derived data, kept by `cases.services.served.visit_months_refresh` in the same transaction as every
    visit that is logged, corrected or deleted (and by the visit import). One row per episode, so the
    saves of different mentors never contend for one row.
    """

    episode = models.ForeignKey(
        Episode, on_delete=models.CASCADE, related_name="visit_months", verbose_name=_("episode")
    )
    contract = models.ForeignKey(
        Contract, on_delete=models.PROTECT, related_name="visit_months", verbose_name=_("contract")
    )
    month = models.DateField(_("month"))  # the first day of the month
    visits = models.PositiveIntegerField(_("visits"))
    minutes = models.PositiveIntegerField(_("contact minutes"))

    class Meta:
        ordering = ["month", "contract", "episode"]
        verbose_name = _("visits of an episode in a month")
        verbose_name_plural = _("visits of episodes in a month")
        constraints = [
            models.UniqueConstraint(fields=["episode", "contract", "month"], name="visit_month_unique"),
            models.CheckConstraint(condition=Q(visits__gte=1), name="visit_month_visits"),
        ]
        indexes = [
            # The reports' sums read from this index alone (visits and minutes in it too).
            models.Index(fields=["contract", "month", "visits", "minutes"], name="visit_month_contract_idx")
        ]

    def __str__(self):
        return f"{self.month:%Y-%m} {self.contract_id}: {self.episode_id}"
