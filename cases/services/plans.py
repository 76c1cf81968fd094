"""Inclusion plans and their goals."""

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from mentors.access import Action

from ..models import Episode, GoalArea, InclusionPlan, PlanGoal
from .episodes import _require_active
from .errors import ServiceError, authorize


@transaction.atomic
def plan_create(*, episode: Episode, note: str = "", by) -> InclusionPlan:
    """Draw up the first version of an episode's inclusion plan (goals are added one by one)."""
    authorize(by, Action.WRITE_PLAN, episode)
    _require_active(episode)
    if episode.plans.exists():
        raise ServiceError(_("This episode already has a plan; revise it instead."))
    return InclusionPlan.objects.create(
        episode=episode, version=1, is_current=True, drawn_up_by=by, note=note
    )


@transaction.atomic
def plan_revise(*, plan: InclusionPlan, note: str = "", by) -> InclusionPlan:
    """Start version N+1 of a plan, copying its goals; the old version is kept, no longer current."""
    plan = InclusionPlan.objects.select_for_update(of=("self",)).select_related("episode").get(pk=plan.pk)
    authorize(by, Action.WRITE_PLAN, plan)
    _require_active(plan.episode)
    if not plan.is_current:
        raise ServiceError(_("Only the current version of a plan can be revised."))
    plan.is_current = False
    plan.save(update_fields=["is_current", "updated_at"])
    revision = InclusionPlan.objects.create(
        episode=plan.episode, version=plan.version + 1, is_current=True, drawn_up_by=by, note=note
    )
    PlanGoal.objects.bulk_create(
        PlanGoal(
            plan=revision,
            area_id=goal.area_id,
            description=goal.description,
            target_on=goal.target_on,
            status=goal.status,
            achieved_on=goal.achieved_on,
        )
        for goal in plan.goals.all()
    )
    return revision


def _require_current_plan(plan: InclusionPlan) -> None:
    if not plan.is_current:
        raise ServiceError(_("This is an earlier version of the plan; it cannot be changed."))
    _require_active(plan.episode)


@transaction.atomic
def plan_goal_add(
    *, plan: InclusionPlan, area: GoalArea, description: str, target_on: datetime.date | None, by
) -> PlanGoal:
    """Add a goal to the current version of a plan."""
    authorize(by, Action.WRITE_PLAN, plan)
    _require_current_plan(plan)
    return PlanGoal.objects.create(plan=plan, area=area, description=description, target_on=target_on)


@transaction.atomic
def plan_goal_edit(
    *, goal: PlanGoal, area: GoalArea, description: str, target_on: datetime.date | None, by
) -> PlanGoal:
    """Change what a goal of the current plan is about."""
    authorize(by, Action.WRITE_PLAN, goal)
    _require_current_plan(goal.plan)
    goal.area = area
    goal.description = description
    goal.target_on = target_on
    goal.save(update_fields=["area", "description", "target_on", "updated_at"])
    return goal


@transaction.atomic
def plan_goal_set_status(
    *, goal: PlanGoal, status: str, achieved_on: datetime.date | None = None, by
) -> PlanGoal:
    """Record progress on a goal; an achieved goal carries the day it was achieved (today by default)."""
    authorize(by, Action.SET_GOAL_PROGRESS, goal)
    _require_current_plan(goal.plan)
    if status == PlanGoal.Status.ACHIEVED:
        achieved_on = achieved_on or timezone.localdate()
        if achieved_on > timezone.localdate():
            raise ServiceError({"achieved_on": _("The date cannot be in the future.")})
    else:
        achieved_on = None
    goal.status = status
    goal.achieved_on = achieved_on
    goal.save(update_fields=["status", "achieved_on", "updated_at"])
    return goal
