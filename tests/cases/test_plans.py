"""Individual socio-economic inclusion plans: drawn up by the social worker, progress by the mentor,
versions kept when revised."""

import pytest
from django.urls import reverse

from cases.models import GoalArea, InclusionPlan, PlanGoal
from cases.services import ServiceError, plan_create, plan_goal_add, plan_goal_set_status, plan_revise
from tests import factories as f
from tests.cases.episode_support import days_ago, log_in, today


@pytest.fixture
def episode(provider_x):
    return f.EpisodeFactory(
        contract=provider_x.contract,
        mentor=provider_x.mentor,
        social_worker=provider_x.social_worker,
        started_on=days_ago(10),
    )


def test_social_worker_draws_up_a_plan_and_the_mentor_updates_progress(client, provider_x, episode):
    log_in(client, provider_x.social_worker.user)
    response = client.post(reverse("cases:plan_create", args=[episode.pk]))
    plan = InclusionPlan.objects.get(episode=episode)
    assert response["Location"] == reverse("cases:plan_detail", args=[plan.pk])
    assert (plan.version, plan.is_current, plan.drawn_up_by) == (1, True, provider_x.social_worker.user)

    housing = GoalArea.objects.get(code="housing")
    response = client.post(
        reverse("cases:goal_create", args=[plan.pk]),
        {"area": housing.pk, "description": "Rent a flat in Rīga", "target_on": today().isoformat()},
    )
    assert response.status_code == 302
    goal = plan.goals.get()

    log_in(client, provider_x.mentor.user)
    assert client.get(reverse("cases:goal_edit", args=[goal.pk])).status_code == 403
    response = client.post(reverse("cases:goal_progress", args=[goal.pk]), {"status": "achieved"})
    assert response.status_code == 302
    goal.refresh_from_db()
    assert (goal.status, goal.achieved_on) == (PlanGoal.Status.ACHIEVED, today())
    page = client.get(reverse("cases:episode_detail", args=[episode.pk])).content.decode()
    assert "Rent a flat in Rīga" in page


def test_a_mentor_cannot_draw_up_a_plan(client, provider_x, episode):
    log_in(client, provider_x.mentor.user)
    assert client.post(reverse("cases:plan_create", args=[episode.pk])).status_code == 403
    assert not InclusionPlan.objects.exists()


def test_revision_keeps_the_old_version_and_copies_the_goals(client, provider_x, episode):
    plan = plan_create(episode=episode, by=provider_x.social_worker.user)
    goal = plan_goal_add(
        plan=plan,
        area=GoalArea.objects.get(code="language"),
        description="Latvian A1",
        target_on=None,
        by=provider_x.social_worker.user,
    )
    plan_goal_set_status(goal=goal, status=PlanGoal.Status.IN_PROGRESS, by=provider_x.mentor.user)

    log_in(client, provider_x.coordinator.user)
    response = client.post(
        reverse("cases:plan_revise", args=[plan.pk]), {"reason": "Status granted", "confirmed": "1"}
    )
    revision = InclusionPlan.objects.get(episode=episode, is_current=True)
    assert revision.revision_reason == "Status granted"
    assert response["Location"] == reverse("cases:plan_detail", args=[revision.pk])
    assert revision.version == 2
    plan.refresh_from_db()
    assert not plan.is_current
    assert list(revision.goals.values_list("description", "status")) == [("Latvian A1", "in_progress")]
    assert list(plan.goals.values_list("description", "status")) == [("Latvian A1", "in_progress")]

    with pytest.raises(ServiceError, match="earlier version"):
        plan_goal_set_status(goal=goal, status=PlanGoal.Status.DROPPED, by=provider_x.mentor.user)
    with pytest.raises(ServiceError, match="Only the current version"):
        plan_revise(plan=plan, reason="Again", by=provider_x.social_worker.user)
    page = client.get(reverse("cases:plan_detail", args=[plan.pk])).content.decode()
    assert "An earlier version, kept as it was" in page
    assert "Version 2" in page


def test_achieved_date_cannot_be_in_the_future(provider_x, episode):
    goal = f.PlanGoalFactory(plan=f.InclusionPlanFactory(episode=episode))
    with pytest.raises(ServiceError, match="future"):
        plan_goal_set_status(
            goal=goal,
            status="achieved",
            achieved_on=today().replace(year=today().year + 1),
            by=provider_x.mentor.user,
        )


def test_a_second_plan_is_a_revision(provider_x, episode):
    plan_create(episode=episode, by=provider_x.social_worker.user)
    with pytest.raises(ServiceError, match="revise"):
        plan_create(episode=episode, by=provider_x.social_worker.user)


def test_required_plan_is_flagged(client, provider_x):
    contract = f.ContractFactory(provider=provider_x.provider, programme=f.programme("AS-OSA"))
    episode = f.EpisodeFactory(contract=contract, mentor=provider_x.mentor, started_on=days_ago(3))
    page = log_in(client, provider_x.social_worker.user).get(
        reverse("cases:episode_detail", args=[episode.pk])
    )
    assert "This programme requires a plan" in page.content.decode()
    home = client.get(reverse("home")).content.decode()
    assert "Waiting for an inclusion plan" in home and str(episode.client) in home
