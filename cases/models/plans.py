"""Inclusion plans: the situation assessment by goal area, the goals and the steps towards them, the
client's agreement, and every earlier version kept as it was."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from mentors import access
from mentors.models import SpokenLanguage
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
    revision_reason = models.TextField(
        _("reason for the revision"), blank=True, help_text=_("Why this version replaced the previous one.")
    )
    agreed_on = models.DateField(_("agreed with the client on"), null=True, blank=True)
    interpreter_used = models.BooleanField(_("an interpreter was used"), default=False)
    agreement_language = models.ForeignKey(
        SpokenLanguage,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("language of the conversation"),
    )
    review_on = models.DateField(_("next review"), null=True, blank=True)

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


class PlanAssessmentQuerySet(models.QuerySet):
    def for_user(self, user):
        """Assessments of the plans the user may see (`mentors.access.goal_scope`, as for goals)."""
        return access.scoped(self, user, access.goal_scope)


class PlanAssessment(TimeStamped):
    """The person's situation in one goal area, as assessed when the plan version was drawn up."""

    plan = models.ForeignKey(
        InclusionPlan, on_delete=models.CASCADE, related_name="assessments", verbose_name=_("plan")
    )
    area = models.ForeignKey(GoalArea, on_delete=models.PROTECT, verbose_name=_("goal area"))
    situation = models.TextField(_("situation"))

    objects = PlanAssessmentQuerySet.as_manager()

    class Meta:
        ordering = ["plan", "area__order", "pk"]
        verbose_name = _("situation assessment")
        verbose_name_plural = _("situation assessments")
        constraints = [
            models.UniqueConstraint(fields=["plan", "area"], name="plan_assessment_one_per_area"),
        ]

    def __str__(self):
        return f"{self.area}: {self.situation[:40]}"


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
    copied_from = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("the same goal in the previous version"),
    )

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


class PlanStepQuerySet(models.QuerySet):
    def for_user(self, user):
        """Steps of the goals the user may see."""
        return access.scoped(self, user, access.step_scope)


class PlanStep(TimeStamped):
    """One step towards a goal and who takes it."""

    class DoneBy(models.TextChoices):
        CLIENT = "client", _("the client")
        MENTOR = "mentor", _("the social mentor")
        SOCIAL_WORKER = "social_worker", _("the social worker")
        OTHER = "other", _("someone else")

    goal = models.ForeignKey(PlanGoal, on_delete=models.CASCADE, related_name="steps", verbose_name=_("goal"))
    description = models.TextField(_("step"))
    done_by = models.CharField(_("who does it"), max_length=20, choices=DoneBy.choices)
    done_by_other = models.CharField(
        _("who else"),
        max_length=200,
        blank=True,
        help_text=_("An institution or a person, when someone else."),
    )
    due_on = models.DateField(_("due by"), null=True, blank=True)
    done_on = models.DateField(_("done on"), null=True, blank=True)

    objects = PlanStepQuerySet.as_manager()

    class Meta:
        ordering = ["goal", "pk"]
        verbose_name = _("plan step")
        verbose_name_plural = _("plan steps")
        constraints = [
            models.CheckConstraint(
                condition=~Q(done_by="other") | ~Q(done_by_other=""), name="plan_step_other_named"
            ),
        ]

    def __str__(self):
        return self.description[:60]

    @property
    def who(self) -> str:
        """Who takes the step, as the plan says it (someone else by their name)."""
        return self.done_by_other if self.done_by == self.DoneBy.OTHER else self.get_done_by_display()
