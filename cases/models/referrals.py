"""Referrals from a municipality to a provider, and their status events."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from mentors import access
from mentors.models import Contract, Programme, Provider, SpokenLanguage
from municipalities.models import Municipality, TimeStamped

from .clients import Client
from .reference import GoalArea


class ReferralQuerySet(models.QuerySet):
    def for_user(self, user):
        """Referrals the user may see (`mentors.access.referral_scope`)."""
        return access.scoped(self, user, access.referral_scope)

    def open(self):
        return self.filter(status__in=Referral.OPEN_STATUSES)


class Referral(TimeStamped):
    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("submitted")
        ACCEPTED = "accepted", _("accepted")
        RETURNED = "returned", _("returned")
        WITHDRAWN = "withdrawn", _("withdrawn")

    class Urgency(models.TextChoices):
        ROUTINE = "routine", _("routine")
        SOON = "soon", _("within a week")
        URGENT = "urgent", _("urgent")

    TRANSITIONS = {
        Status.SUBMITTED: {Status.ACCEPTED, Status.RETURNED, Status.WITHDRAWN},
        Status.RETURNED: {Status.SUBMITTED, Status.WITHDRAWN},
        Status.ACCEPTED: set(),
        Status.WITHDRAWN: set(),
    }
    OPEN_STATUSES = (Status.SUBMITTED, Status.RETURNED)

    client = models.ForeignKey(
        Client, on_delete=models.PROTECT, related_name="referrals", verbose_name=_("client")
    )
    programme = models.ForeignKey(
        Programme, on_delete=models.PROTECT, related_name="+", verbose_name=_("programme")
    )
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        related_name="referrals",
        verbose_name=_("referring municipality"),
    )
    provider = models.ForeignKey(
        Provider, on_delete=models.PROTECT, related_name="referrals", verbose_name=_("provider")
    )
    contract = models.ForeignKey(
        Contract, on_delete=models.PROTECT, related_name="referrals", verbose_name=_("contract")
    )
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("filed by")
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.SUBMITTED)
    needs_areas = models.ManyToManyField(
        GoalArea, blank=True, related_name="+", verbose_name=_("assessed needs")
    )
    needs_text = models.TextField(_("assessment of needs"), blank=True)
    urgency = models.CharField(_("urgency"), max_length=10, choices=Urgency.choices, default=Urgency.ROUTINE)
    contact_language = models.ForeignKey(
        SpokenLanguage,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("contact language"),
    )
    notes_for_provider = models.TextField(_("notes for the provider"), blank=True)
    submitted_at = models.DateTimeField(_("submitted at"))
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    return_reason = models.TextField(_("reason for returning"), blank=True)
    episode = models.OneToOneField(
        "Episode",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="referral",
        verbose_name=_("episode"),
    )
    # Derived from the visits (the first visit of the episode; NULL: no episode or no visit yet), kept by
    # the visit services beside the visit months (`cases.services.visit_months`), so that the referral
    # figures read the days to the first visit from an index instead of one visit lookup per referral.
    first_visit_on = models.DateField(_("first visit on"), null=True, editable=False)

    objects = ReferralQuerySet.as_manager()

    class Meta:
        ordering = ["-submitted_at", "-pk"]
        verbose_name = _("referral")
        verbose_name_plural = _("referrals")
        constraints = [
            models.UniqueConstraint(
                fields=["client", "programme"],
                condition=Q(status__in=["submitted", "returned"]),
                name="referral_one_open_per_client_programme",
            ),
            models.CheckConstraint(
                condition=~Q(status="accepted") | Q(episode__isnull=False),
                name="referral_accepted_has_episode",
            ),
        ]
        indexes = [
            # A municipality's referrals, newest first (its list, and the client scope of its staff).
            models.Index(fields=["municipality", "submitted_at"], name="referral_municipality_date_idx"),
            # The client scope of a provider's and a municipality's staff (`mentors.access._client_arms`):
            # the people's ids read from the index alone (the client list collects them per page).
            models.Index(fields=["provider", "status", "client"], name="referral_provider_client_idx"),
            models.Index(fields=["municipality", "client"], name="referral_municipal_client_idx"),
            # The referral figures of a programme's period (`reporting.referral_figures`), from the index
            # alone: filed and accepted per municipality, and the days to acceptance and to the first visit.
            models.Index(
                fields=[
                    "programme",
                    "submitted_at",
                    "status",
                    "provider",
                    "municipality",
                    "decided_at",
                    "first_visit_on",
                ],
                name="referral_reporting_idx",
            ),
        ]

    def __str__(self):
        return _("Referral %(number)s") % {"number": self.pk}


class ReferralEvent(models.Model):
    referral = models.ForeignKey(
        Referral, on_delete=models.CASCADE, related_name="events", verbose_name=_("referral")
    )
    from_status = models.CharField(_("from"), max_length=20, choices=Referral.Status.choices, blank=True)
    to_status = models.CharField(_("to"), max_length=20, choices=Referral.Status.choices)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, verbose_name=_("by"))
    at = models.DateTimeField(_("at"), auto_now_add=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("referral event")
        verbose_name_plural = _("referral events")

    def __str__(self):
        return f"{self.referral_id}: {self.from_status} → {self.to_status}"
