"""A plan goal's target date cannot be before the plan was drawn up, and a goal past its target date
(still planned or in progress) is marked on the plan and the episode page (issue 12)."""

import datetime

import pytest
from django.urls import reverse

from cases.models import GoalArea, InclusionPlan, PlanGoal
from tests import factories as f
from tests.cases.episode_support import days_ago, log_in, today


@pytest.fixture
def plan(provider_x):
    episode = f.EpisodeFactory(
        contract=provider_x.contract,
        mentor=provider_x.mentor,
        social_worker=provider_x.social_worker,
        started_on=days_ago(40),
    )
    plan = f.InclusionPlanFactory(episode=episode)
    InclusionPlan.objects.filter(pk=plan.pk).update(
        created_at=datetime.datetime.combine(days_ago(30), datetime.time(12), tzinfo=datetime.UTC)
    )
    plan.refresh_from_db()
    return plan


def test_a_target_date_before_the_plan_is_refused(client, provider_x, plan):
    log_in(client, provider_x.social_worker.user)
    housing = GoalArea.objects.get(code="housing")
    url = reverse("cases:goal_create", args=[plan.pk])
    data = {"area": housing.pk, "description": "Rent a flat", "target_on": days_ago(31).isoformat()}
    response = client.post(url, data)
    assert response.status_code == 200
    assert "The target date cannot be before the plan was drawn up" in response.content.decode()
    assert "Rent a flat" in response.content.decode()  # what was typed is kept
    assert not plan.goals.exists()
    assert client.post(url, data | {"target_on": days_ago(30).isoformat()}).status_code == 302


def test_a_goal_keeps_a_target_it_already_had(client, provider_x, plan):
    """A revision copies its goals; an earlier target date they had is not refused when edited."""
    goal = f.PlanGoalFactory(plan=plan, target_on=days_ago(35))
    log_in(client, provider_x.social_worker.user)
    response = client.post(
        reverse("cases:goal_edit", args=[goal.pk]),
        {"area": goal.area.pk, "description": "Rent a flat soon", "target_on": days_ago(35).isoformat()},
    )
    assert response.status_code == 302


def test_a_goal_past_its_target_is_marked(client, provider_x, plan):
    late = f.PlanGoalFactory(plan=plan, description="Register with a doctor", target_on=days_ago(1))
    f.PlanGoalFactory(plan=plan, description="Open a bank account", target_on=today())
    f.PlanGoalFactory(
        plan=plan, description="Find a course", target_on=days_ago(2), status=PlanGoal.Status.DROPPED
    )
    log_in(client, provider_x.mentor.user)
    for url in (
        reverse("cases:plan_detail", args=[plan.pk]),
        reverse("cases:episode_detail", args=[plan.episode.pk]),
    ):
        page = client.get(url).content.decode()
        assert page.count('data-testid="goal-overdue"') == 1, url
    assert late.is_overdue
