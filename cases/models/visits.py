"""Visits and the people present at them (the payment basis)."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import formats
from django.utils.translation import gettext_lazy as _

from mentors import access
from mentors.models import Contract
from municipalities.models import TimeStamped

from .clients import Client
from .episodes import Episode
from .plans import PlanGoal
from .reference import Activity


class VisitQuerySet(models.QuerySet):
    def for_user(self, user):
        """Visits the user may see (`mentors.access.visit_scope`)."""
        return access.scoped(self, user, access.visit_scope)


class Visit(TimeStamped):
    class Place(models.TextChoices):
        ACCOMMODATION_CENTRE = "accommodation_centre", _("accommodation centre")
        HOME = "home", _("client's home")
        INSTITUTION = "institution", _("state or municipal institution")
        OFFICE = "office", _("provider's office")
        PHONE = "phone", _("by phone")
        ONLINE = "online", _("online")

    MAX_MINUTES = 12 * 60

    episode = models.ForeignKey(
        Episode, on_delete=models.PROTECT, related_name="visits", verbose_name=_("episode")
    )
    # The contract the episode had when the contact took place: the payment basis for its month.
    contract = models.ForeignKey(
        Contract, on_delete=models.PROTECT, related_name="visits", verbose_name=_("contract")
    )
    visited_on = models.DateField(_("date"))
    duration_minutes = models.PositiveSmallIntegerField(
        _("duration, minutes"), validators=[MinValueValidator(1), MaxValueValidator(MAX_MINUTES)]
    )
    place = models.CharField(_("place"), max_length=30, choices=Place.choices)
    activities = models.ManyToManyField(Activity, related_name="visits", verbose_name=_("activities"))
    goals = models.ManyToManyField(
        PlanGoal, blank=True, related_name="visits", verbose_name=_("plan goals worked on")
    )
    interpreter_used = models.BooleanField(_("interpreter used"), default=False)
    notes = models.TextField(_("notes"), blank=True)
    logged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("logged by")
    )
    attendees = models.ManyToManyField(
        Client, through="VisitAttendance", related_name="visits_attended", verbose_name=_("people present")
    )

    objects = VisitQuerySet.as_manager()

    class Meta:
        ordering = ["-visited_on", "-pk"]
        verbose_name = _("visit")
        verbose_name_plural = _("visits")
        constraints = [
            models.CheckConstraint(
                condition=Q(duration_minutes__gte=1) & Q(duration_minutes__lte=12 * 60),
                name="visit_duration_range",
            ),
        ]
        indexes = [
            models.Index(fields=["contract", "visited_on"], name="visit_contract_date_idx"),
            models.Index(fields=["episode", "visited_on"], name="visit_episode_date_idx"),
            # The visit form counts the activities of the person's own recent visits.
            models.Index(fields=["logged_by", "visited_on"], name="visit_logged_by_date_idx"),
        ]

    def __str__(self):
        return f"{formats.date_format(self.visited_on, 'SHORT_DATE_FORMAT')} ({self.duration_minutes} min)"


class VisitAttendance(models.Model):
    """A person present at a visit. Every person present counts as served in the visit's month."""

    visit = models.ForeignKey(
        Visit, on_delete=models.CASCADE, related_name="attendance", verbose_name=_("visit")
    )
    client = models.ForeignKey(
        Client, on_delete=models.PROTECT, related_name="attendance", verbose_name=_("client")
    )

    class Meta:
        ordering = ["visit", "client"]
        verbose_name = _("person present")
        verbose_name_plural = _("people present")
        constraints = [models.UniqueConstraint(fields=["visit", "client"], name="visit_attendance_unique")]

    def __str__(self):
        return f"{self.visit_id}: {self.client_id}"
