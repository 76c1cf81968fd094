"""Reading inclusion plans: two versions side by side (what changed and why)."""

from dataclasses import dataclass, field

from ..models import InclusionPlan, PlanGoal


@dataclass
class AreaChange:
    area: object
    before: str
    after: str

    @property
    def changed(self) -> bool:
        return self.before != self.after


@dataclass
class GoalChange:
    """A goal in the earlier version (`before`) and in the later one (`after`); either may be None
    (added or removed). `changed` names the fields that differ."""

    before: PlanGoal | None
    after: PlanGoal | None
    changed: list[str] = field(default_factory=list)

    @property
    def kind(self) -> str:
        if self.before is None:
            return "added"
        if self.after is None:
            return "removed"
        return "changed" if self.changed else "same"


@dataclass
class PlanComparison:
    before: InclusionPlan
    after: InclusionPlan
    areas: list[AreaChange]
    goals: list[GoalChange]
    agreement_changed: bool


def _steps(goal: PlanGoal) -> list[tuple]:
    return [(s.description, s.done_by, s.done_by_other, s.due_on, s.done_on) for s in goal.steps.all()]


def _goal_differences(before: PlanGoal, after: PlanGoal) -> list[str]:
    names = [
        name
        for name in ("area_id", "description", "target_on", "status", "achieved_on")
        if getattr(before, name) != getattr(after, name)
    ]
    if _steps(before) != _steps(after):
        names.append("steps")
    return names


def plan_comparison(before: InclusionPlan, after: InclusionPlan) -> PlanComparison:
    """Two versions of an episode's plan side by side: the assessment by area, the goals (a goal of
    the later version is matched to the one it was copied from) and the agreement."""
    assessments = {}
    for row in before.assessments.select_related("area"):
        assessments[row.area_id] = AreaChange(row.area, row.situation, "")
    for row in after.assessments.select_related("area"):
        assessments.setdefault(row.area_id, AreaChange(row.area, "", "")).after = row.situation
    areas = sorted(assessments.values(), key=lambda change: (change.area.order, change.area.pk))

    goals_before = {g.pk: g for g in before.goals.select_related("area").prefetch_related("steps")}
    changes = []
    for goal in after.goals.select_related("area").prefetch_related("steps"):
        earlier = goals_before.pop(goal.copied_from_id, None)
        changes.append(
            GoalChange(earlier, goal, _goal_differences(earlier, goal) if earlier else ["description"])
        )
    changes.extend(GoalChange(goal, None, ["description"]) for goal in goals_before.values())
    agreement_changed = (before.agreed_on, before.review_on, before.interpreter_used) != (
        after.agreed_on,
        after.review_on,
        after.interpreter_used,
    ) or before.agreement_language_id != after.agreement_language_id
    return PlanComparison(before, after, areas, changes, agreement_changed)
