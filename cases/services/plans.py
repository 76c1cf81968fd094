"""Inclusion plans: drawing up and revising, the situation assessment, the client's agreement, goals
and the steps towards them."""

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from mentors.access import Action
from mentors.models import SpokenLanguage

from ..models import Episode, GoalArea, InclusionPlan, PlanAssessment, PlanGoal, PlanStep
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
def plan_revise(*, plan: InclusionPlan, reason: str, note: str = "", by) -> InclusionPlan:
    """Start version N+1 of a plan for `reason`, copying its situation assessment, goals and steps
    (each copied goal remembers the one it came from, so that versions compare); the old version is
    kept as it was, no longer current. The client agrees to the new version anew."""
    plan = InclusionPlan.objects.select_for_update(of=("self",)).select_related("episode").get(pk=plan.pk)
    authorize(by, Action.WRITE_PLAN, plan)
    _require_active(plan.episode)
    if not plan.is_current:
        raise ServiceError(_("Only the current version of a plan can be revised."))
    reason = reason.strip()
    if not reason:
        raise ServiceError({"reason": _("Give the reason for revising the plan.")})
    plan.is_current = False
    plan.save(update_fields=["is_current", "updated_at"])
    revision = InclusionPlan.objects.create(
        episode=plan.episode,
        version=plan.version + 1,
        is_current=True,
        drawn_up_by=by,
        note=note,
        revision_reason=reason,
        review_on=plan.review_on,
    )
    PlanAssessment.objects.bulk_create(
        PlanAssessment(plan=revision, area_id=row.area_id, situation=row.situation)
        for row in plan.assessments.all()
    )
    for goal in plan.goals.prefetch_related("steps"):
        copy = PlanGoal.objects.create(
            plan=revision,
            area_id=goal.area_id,
            description=goal.description,
            target_on=goal.target_on,
            status=goal.status,
            achieved_on=goal.achieved_on,
            copied_from=goal,
        )
        PlanStep.objects.bulk_create(
            PlanStep(
                goal=copy,
                description=step.description,
                done_by=step.done_by,
                done_by_other=step.done_by_other,
                due_on=step.due_on,
                done_on=step.done_on,
            )
            for step in goal.steps.all()
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


@transaction.atomic
def plan_assessment_set(*, plan: InclusionPlan, situations: dict[GoalArea, str], by) -> InclusionPlan:
    """Record the person's situation in each goal area (an empty text removes the area's assessment)."""
    authorize(by, Action.WRITE_PLAN, plan)
    _require_current_plan(plan)
    existing = {row.area_id: row for row in plan.assessments.all()}
    for area, situation in situations.items():
        situation = situation.strip()
        row = existing.get(area.pk)
        if not situation:
            if row is not None:
                row.delete()
        elif row is None:
            PlanAssessment.objects.create(plan=plan, area=area, situation=situation)
        elif row.situation != situation:
            row.situation = situation
            row.save(update_fields=["situation", "updated_at"])
    return plan


@transaction.atomic
def plan_agreement_record(
    *,
    plan: InclusionPlan,
    agreed_on: datetime.date | None,
    interpreter_used: bool,
    agreement_language: SpokenLanguage | None,
    review_on: datetime.date | None,
    by,
) -> InclusionPlan:
    """Record that the client agreed to this version of the plan (on which day, in which language,
    with or without an interpreter) and when it is to be reviewed."""
    authorize(by, Action.WRITE_PLAN, plan)
    _require_current_plan(plan)
    errors = {}
    drawn_up_on = timezone.localdate(plan.created_at)
    if agreed_on is not None and agreed_on > timezone.localdate():
        errors["agreed_on"] = _("The date cannot be in the future.")
    elif agreed_on is not None and agreed_on < drawn_up_on:
        errors["agreed_on"] = _("The client cannot agree to the plan before it was drawn up.")
    if review_on is not None and review_on < (agreed_on or drawn_up_on):
        errors["review_on"] = _("The review cannot be before the plan was agreed.")
    if errors:
        raise ServiceError(errors)
    plan.agreed_on = agreed_on
    plan.interpreter_used = interpreter_used
    plan.agreement_language = agreement_language
    plan.review_on = review_on
    plan.save(
        update_fields=["agreed_on", "interpreter_used", "agreement_language", "review_on", "updated_at"]
    )
    return plan


def _step_fields(done_by: str, done_by_other: str) -> str:
    done_by_other = done_by_other.strip()
    if done_by == PlanStep.DoneBy.OTHER and not done_by_other:
        raise ServiceError({"done_by_other": _("Say who takes the step.")})
    return done_by_other if done_by == PlanStep.DoneBy.OTHER else ""


@transaction.atomic
def plan_step_add(
    *, goal: PlanGoal, description: str, done_by: str, done_by_other: str = "", due_on=None, by
) -> PlanStep:
    """Add a step towards a goal of the current plan and say who takes it."""
    authorize(by, Action.WRITE_PLAN, goal)
    _require_current_plan(goal.plan)
    return PlanStep.objects.create(
        goal=goal,
        description=description,
        done_by=done_by,
        done_by_other=_step_fields(done_by, done_by_other),
        due_on=due_on,
    )


@transaction.atomic
def plan_step_edit(
    *,
    step: PlanStep,
    description: str,
    done_by: str,
    done_by_other: str = "",
    due_on=None,
    done_on=None,
    by,
) -> PlanStep:
    """Change a step of the current plan, or record the day it was done."""
    authorize(by, Action.WRITE_PLAN, step)
    _require_current_plan(step.goal.plan)
    if done_on is not None and done_on > timezone.localdate():
        raise ServiceError({"done_on": _("The date cannot be in the future.")})
    step.description = description
    step.done_by = done_by
    step.done_by_other = _step_fields(done_by, done_by_other)
    step.due_on = due_on
    step.done_on = done_on
    step.save(update_fields=["description", "done_by", "done_by_other", "due_on", "done_on", "updated_at"])
    return step
