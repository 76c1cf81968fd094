"""Episodes, visits, plans, caseloads and handovers (issue 4).

Provider staff of X see X's episodes (mentors their own); the municipal social worker of Rīga sees the
outcome of a Rīga resident's episode and nothing of its visits or plan; fund staff only the handovers.
Users who can see an episode but not do an action get 403; everyone else 404.
"""

import datetime

from django.urls import reverse
from django.utils import timezone

from cases.services import handover_run, plan_revise, plan_step_add
from tests import factories as f
from tests.access.matrix import Row, only

X_STAFF = ("coordinator_x", "social_worker_x", "mentor_x")
PROVIDER_STAFF = (*X_STAFF, "coordinator_y", "social_worker_y", "mentor_y")


def build(world):
    x = world["provider_x"]
    today = timezone.localdate()
    client = f.ClientFactory(residence_municipality=f.municipality("Rīga"))
    episode = f.EpisodeFactory(
        client=client,
        contract=x.contract,
        mentor=x.mentor,
        social_worker=x.social_worker,
        started_on=today - datetime.timedelta(days=10),
    )
    osa_contract = f.ContractFactory(provider=x.provider, programme=f.programme("AS-OSA"))
    osa_episode = f.EpisodeFactory(
        contract=osa_contract, mentor=x.mentor, started_on=today - datetime.timedelta(days=30)
    )
    goal = f.PlanGoalFactory(plan=f.InclusionPlanFactory(episode=episode))
    step = plan_step_add(
        goal=goal, description="Visit the landlord", done_by="client", by=x.social_worker.user
    )
    revised = f.EpisodeFactory(
        contract=x.contract, mentor=x.mentor, started_on=today - datetime.timedelta(days=20)
    )
    plan_v2 = plan_revise(
        plan=f.InclusionPlanFactory(episode=revised), reason="Status granted", by=x.social_worker.user
    )
    visit = f.VisitFactory(episode=episode, visited_on=today - datetime.timedelta(days=2))
    y_contract = world["provider_y"].contract
    f.EpisodeFactory(contract=y_contract, started_on=today - datetime.timedelta(days=5))
    handover = handover_run(
        from_contract=y_contract, to_contract=x.contract, handed_over_on=today, by=world["cast"]["fund"]
    )
    world.update(
        episode=episode,
        osa_episode=osa_episode,
        plan=goal.plan,
        goal=goal,
        step=step,
        plan_v2=plan_v2,
        visit=visit,
        handover=handover,
    )


def _episode_url(name):
    return lambda w: reverse(f"cases:{name}", args=[w["episode"].pk])


COORDINATOR_ONLY = only(200, "coordinator_x") | only(403, "social_worker_x", "mentor_x", "sw_a")
PROVIDER_X = only(200, *X_STAFF)
PLAN_WRITERS = only(200, "coordinator_x", "social_worker_x") | only(403, "mentor_x")

ROWS = [
    Row("cases:caseload", lambda w: reverse("cases:caseload"), only(200, *PROVIDER_STAFF)),
    Row(
        "cases:team",
        lambda w: reverse("cases:team"),
        only(200, "coordinator_x", "social_worker_x", "coordinator_y", "social_worker_y"),
    ),
    Row("cases:episode_detail", _episode_url("episode_detail"), PROVIDER_X | only(200, "sw_a")),
    Row("cases:episode_end", _episode_url("episode_end"), COORDINATOR_ONLY),
    Row("cases:episode_end", _episode_url("episode_end"), COORDINATOR_ONLY, method="post", label="empty"),
    Row("cases:episode_reassign", _episode_url("episode_reassign"), COORDINATOR_ONLY),
    Row(
        "cases:episode_extend",
        lambda w: reverse("cases:episode_extend", args=[w["osa_episode"].pk]),
        COORDINATOR_ONLY,
    ),
    Row("cases:episode_extend", _episode_url("episode_extend"), {}, label="no extension in UA-MENTOR"),
    Row("cases:episode_transfer", _episode_url("episode_transfer"), COORDINATOR_ONLY),
    Row("cases:visit_create", _episode_url("visit_create"), PROVIDER_X | only(403, "sw_a")),
    Row(
        "cases:visit_create",
        _episode_url("visit_create"),
        PROVIDER_X | only(403, "sw_a"),
        method="post",
        label="empty",
    ),
    Row("cases:episode_plan_contact", _episode_url("episode_plan_contact"), PROVIDER_X | only(403, "sw_a")),
    Row(
        "cases:episode_plan_contact",
        _episode_url("episode_plan_contact"),
        only(302, *X_STAFF) | only(403, "sw_a"),
        method="post",
        data=lambda w: {"next_contact_on": (timezone.localdate() + datetime.timedelta(days=1)).isoformat()},
        label="tomorrow",
    ),
    Row("cases:visit_edit", lambda w: reverse("cases:visit_edit", args=[w["visit"].pk]), PROVIDER_X),
    Row("cases:visit_delete", lambda w: reverse("cases:visit_delete", args=[w["visit"].pk]), PROVIDER_X),
    Row(
        "cases:plan_create",
        _episode_url("plan_create"),
        only(302, "coordinator_x", "social_worker_x") | only(403, "mentor_x"),
        method="post",
    ),
    Row("cases:plan_detail", lambda w: reverse("cases:plan_detail", args=[w["plan"].pk]), PROVIDER_X),
    Row("cases:plan_revise", lambda w: reverse("cases:plan_revise", args=[w["plan"].pk]), PLAN_WRITERS),
    Row(
        "cases:plan_revise",
        lambda w: reverse("cases:plan_revise", args=[w["plan"].pk]),
        only(200, "coordinator_x", "social_worker_x") | only(403, "mentor_x"),
        method="post",
        data=lambda w: {"reason": "The person's situation changed"},
        label="asks first",
    ),
    Row(
        "cases:plan_revise",
        lambda w: reverse("cases:plan_revise", args=[w["plan"].pk]),
        only(302, "coordinator_x", "social_worker_x") | only(403, "mentor_x"),
        method="post",
        data=lambda w: {"reason": "The person's situation changed", "confirmed": "1"},
        label="confirmed",
    ),
    Row(
        "cases:plan_assessment", lambda w: reverse("cases:plan_assessment", args=[w["plan"].pk]), PLAN_WRITERS
    ),
    Row("cases:plan_agreement", lambda w: reverse("cases:plan_agreement", args=[w["plan"].pk]), PLAN_WRITERS),
    Row("cases:plan_print", lambda w: reverse("cases:plan_print", args=[w["plan"].pk]), PROVIDER_X),
    Row(
        "cases:plan_print",
        lambda w: reverse("cases:plan_print", args=[w["plan"].pk]),
        PROVIDER_X,
        data=lambda w: {"language": "en"},
        label="in English",
    ),
    Row("cases:plan_compare", lambda w: reverse("cases:plan_compare", args=[w["plan_v2"].pk]), PROVIDER_X),
    Row("cases:step_create", lambda w: reverse("cases:step_create", args=[w["goal"].pk]), PLAN_WRITERS),
    Row("cases:step_edit", lambda w: reverse("cases:step_edit", args=[w["step"].pk]), PLAN_WRITERS),
    Row("cases:goal_create", lambda w: reverse("cases:goal_create", args=[w["plan"].pk]), PLAN_WRITERS),
    Row("cases:goal_edit", lambda w: reverse("cases:goal_edit", args=[w["goal"].pk]), PLAN_WRITERS),
    Row("cases:goal_progress", lambda w: reverse("cases:goal_progress", args=[w["goal"].pk]), PROVIDER_X),
    Row("cases:handover_list", lambda w: reverse("cases:handover_list"), only(200, "fund")),
    Row("cases:handover_create", lambda w: reverse("cases:handover_create"), only(200, "fund")),
    Row(
        "cases:handover_create",
        lambda w: reverse("cases:handover_create"),
        only(200, "fund"),
        method="post",
        label="empty",
    ),
    Row(
        "cases:handover_create",
        lambda w: reverse("cases:handover_create"),
        only(200, "fund"),
        method="post",
        data=lambda w: {
            "from_contract": w["provider_x"].contract.pk,
            "to_contract": w["provider_y"].contract.pk,
            "handed_over_on": timezone.localdate().isoformat(),
        },
        label="asks first",
    ),
    Row(
        "cases:handover_detail",
        lambda w: reverse("cases:handover_detail", args=[w["handover"].pk]),
        only(200, "fund"),
    ),
]
