"""Inclusion plans and their goals."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from mentors import access
from municipalities.models import TimeStamped

from .episodes import Episode
from .reference import GoalArea


class InclusionPlanQuerySet(models.QuerySet):
    def for_user(self, user):
        """Plans the user may see (`mentors.access.plan_scope`)."""
        return access.scoped(self, user, access.plan_scope)


class InclusionPlan(TimeStamped):
    """One version of an episode's individual socio-economic inclusion plan."""

    episode = models.ForeignKey(
        Episode, on_delete=models.CASCADE, related_name="plans", verbose_name=_("episode")
    )
    version = models.PositiveSmallIntegerField(_("version"))
    is_current = models.BooleanField(_("current version"), default=True)
    drawn_up_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, verbose_name=_("drawn up by")
    )
    note = models.TextField(_("note"), blank=True)

    objects = InclusionPlanQuerySet.as_manager()

    class Meta:
        ordering = ["episode", "-version"]
        verbose_name = _("individual socio-economic inclusion plan")
        verbose_name_plural = _("individual socio-economic inclusion plans")
        constraints = [
            models.UniqueConstraint(fields=["episode", "version"], name="plan_version_unique"),
            models.UniqueConstraint(
                fields=["episode"], condition=Q(is_current=True), name="plan_one_current"
            ),
        ]

    def __str__(self):
        return _("Plan v%(version)s") % {"version": self.version}


class PlanGoalQuerySet(models.QuerySet):
    def for_user(self, user):
        """Goals of the plans the user may see (`mentors.access.goal_scope`)."""
        return access.scoped(self, user, access.goal_scope)


class PlanGoal(TimeStamped):
    class Status(models.TextChoices):
        PLANNED = "planned", _("planned")
        IN_PROGRESS = "in_progress", _("in progress")
        ACHIEVED = "achieved", _("achieved")
        DROPPED = "dropped", _("dropped")

    plan = models.ForeignKey(
        InclusionPlan, on_delete=models.CASCADE, related_name="goals", verbose_name=_("plan")
    )
    area = models.ForeignKey(GoalArea, on_delete=models.PROTECT, verbose_name=_("goal area"))
    description = models.TextField(_("description"))
    target_on = models.DateField(_("target date"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PLANNED)
    achieved_on = models.DateField(_("achieved on"), null=True, blank=True)

    objects = PlanGoalQuerySet.as_manager()

    class Meta:
        ordering = ["plan", "area__order", "pk"]
        verbose_name = _("plan goal")
        verbose_name_plural = _("plan goals")
        constraints = [
            models.CheckConstraint(
                condition=Q(status="achieved", achieved_on__isnull=False)
                | (~Q(status="achieved") & Q(achieved_on__isnull=True)),
                name="plan_goal_achieved_date",
            ),
        ]

    def __str__(self):
        return f"{self.area}: {self.description[:40]}"

    @property
    def is_overdue(self) -> bool:
        """Past its target date and still to be achieved (planned or in progress)."""
        return (
            self.target_on is not None
            and self.target_on < timezone.localdate()
            and self.status in (self.Status.PLANNED, self.Status.IN_PROGRESS)
        )
