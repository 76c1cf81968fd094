"""The plan migrations keep the existing plans: their goals, versions and notes are as they were, the
new fields empty, and a revised plan's goals are linked to the goals of the version before."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from tests import factories as f

BEFORE = [("cases", "0011_list_indexes")]
AFTER = [("cases", "0013_plan_goal_copied_from_fill")]

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def test_existing_plans_are_kept_and_revisions_linked(provider_x):
    episode = f.EpisodeFactory(contract=provider_x.contract, mentor=provider_x.mentor)
    user_id = provider_x.social_worker.user.pk
    old = _migrate(BEFORE)
    try:
        Plan, Goal = old.get_model("cases", "InclusionPlan"), old.get_model("cases", "PlanGoal")
        area = old.get_model("cases", "GoalArea").objects.get(code="housing")
        first = Plan.objects.create(
            episode_id=episode.pk, version=1, is_current=False, drawn_up_by_id=user_id, note="v1"
        )
        second = Plan.objects.create(
            episode_id=episode.pk, version=2, is_current=True, drawn_up_by_id=user_id
        )
        earlier = Goal.objects.create(plan=first, area=area, description="Rent a flat", status="in_progress")
        Goal.objects.create(
            plan=second, area=area, description="Rent a flat", status="achieved", achieved_on="2026-01-05"
        )
        Goal.objects.create(plan=second, area=area, description="New goal", status="planned")

        new = _migrate(AFTER)
        Plan, Goal = new.get_model("cases", "InclusionPlan"), new.get_model("cases", "PlanGoal")
        kept = Plan.objects.filter(episode_id=episode.pk).values_list(
            "version", "note", "agreed_on", "interpreter_used"
        )
        assert sorted(kept) == [(1, "v1", None, False), (2, "", None, False)]
        goals = {g.description: g for g in Goal.objects.filter(plan__version=2, plan__episode_id=episode.pk)}
        assert goals["Rent a flat"].copied_from_id == earlier.pk
        assert goals["Rent a flat"].status == "achieved"
        assert goals["New goal"].copied_from_id is None
    finally:
        _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
