"""The inclusion plan worth signing (issue 12): the situation assessment by goal area, goals with the
steps and who takes them, the client's agreement and review, the revision with its reason, versions
compared side by side, the printed plan in the client's language, and the plan one tap away."""

import datetime
import html

import pytest
from django.urls import reverse

from cases.models import GoalArea, InclusionPlan, PlanGoal, PlanStep
from cases.services import (
    ServiceError,
    plan_agreement_record,
    plan_assessment_set,
    plan_create,
    plan_goal_add,
    plan_goal_edit,
    plan_revise,
    plan_step_add,
)
from cases.services.errors import ServiceDenied
from tests import factories as f
from tests.cases.episode_support import days_ago, log_in, today


@pytest.fixture
def episode(provider_x):
    client = f.ClientFactory(
        given_name="Olena",
        family_name="Shevchenko",
        given_name_original="Олена",
        family_name_original="Шевченко",
        preferred_language=f.language("uk"),
    )
    return f.EpisodeFactory(
        client=client,
        contract=provider_x.contract,
        mentor=provider_x.mentor,
        social_worker=provider_x.social_worker,
        started_on=days_ago(20),
    )


@pytest.fixture
def plan(provider_x, episode):
    """A plan with an assessment, a goal with two steps, agreed with an interpreter."""
    worker = provider_x.social_worker.user
    plan = plan_create(episode=episode, by=worker)
    housing = GoalArea.objects.get(code="housing")
    plan_assessment_set(plan=plan, situations={housing: "Lives with friends, no lease"}, by=worker)
    goal = plan_goal_add(
        plan=plan,
        area=housing,
        description="Rent a flat",
        target_on=today() + datetime.timedelta(60),
        by=worker,
    )
    plan_step_add(goal=goal, description="View three flats", done_by="client", by=worker)
    plan_step_add(
        goal=goal,
        description="Apply for the housing benefit",
        done_by="other",
        done_by_other="Rīga social service",
        by=worker,
    )
    plan_agreement_record(
        plan=plan,
        agreed_on=today(),
        interpreter_used=True,
        agreement_language=f.language("uk"),
        review_on=today() + datetime.timedelta(90),
        by=worker,
    )
    return plan


def test_social_worker_records_assessment_steps_and_agreement_through_the_pages(client, provider_x, episode):
    worker = provider_x.social_worker.user
    plan = plan_create(episode=episode, by=worker)
    housing = GoalArea.objects.get(code="housing")
    language = GoalArea.objects.get(code="language")
    log_in(client, worker)

    response = client.post(
        reverse("cases:plan_assessment", args=[plan.pk]),
        {f"area_{housing.pk}": "Lives in a hostel", f"area_{language.pk}": "Speaks no Latvian"},
    )
    assert response.status_code == 302
    assert dict(plan.assessments.values_list("area__code", "situation")) == {
        "housing": "Lives in a hostel",
        "language": "Speaks no Latvian",
    }

    goal = plan_goal_add(plan=plan, area=housing, description="Rent a flat", target_on=None, by=worker)
    url = reverse("cases:step_create", args=[goal.pk])
    response = client.post(url, {"description": "Ask the landlord", "done_by": "other", "done_by_other": ""})
    assert response.status_code == 200
    assert "Say who takes the step." in response.content.decode()
    assert "Ask the landlord" in response.content.decode()  # what was typed is kept
    response = client.post(url, {"description": "Ask the landlord", "done_by": "mentor"})
    assert response.status_code == 302
    step = goal.steps.get()
    assert (step.done_by, step.who) == ("mentor", "the social mentor")

    response = client.post(
        reverse("cases:plan_agreement", args=[plan.pk]),
        {"agreed_on": (today() + datetime.timedelta(1)).isoformat(), "interpreter_used": "on"},
    )
    assert "The date cannot be in the future." in response.content.decode()
    response = client.post(
        reverse("cases:plan_agreement", args=[plan.pk]),
        {
            "agreed_on": today().isoformat(),
            "interpreter_used": "on",
            "agreement_language": f.language("uk").pk,
            "review_on": (today() + datetime.timedelta(90)).isoformat(),
        },
    )
    assert response.status_code == 302
    plan.refresh_from_db()
    assert (plan.agreed_on, plan.interpreter_used, plan.agreement_language.code) == (today(), True, "uk")

    page = client.get(reverse("cases:plan_detail", args=[plan.pk])).content.decode()
    for text in (
        "Lives in a hostel",
        "Speaks no Latvian",
        "Ask the landlord",
        "the social mentor",
        "Next review",
    ):
        assert text in page


def test_a_mentor_may_not_write_the_assessment_steps_or_agreement(client, provider_x, plan):
    log_in(client, provider_x.mentor.user)
    goal = plan.goals.get()
    for url in (
        reverse("cases:plan_assessment", args=[plan.pk]),
        reverse("cases:plan_agreement", args=[plan.pk]),
        reverse("cases:step_create", args=[goal.pk]),
        reverse("cases:step_edit", args=[goal.steps.first().pk]),
        reverse("cases:plan_revise", args=[plan.pk]),
    ):
        assert client.get(url).status_code == 403, url


def test_revising_asks_for_the_reason_and_copies_everything(client, provider_x, plan):
    log_in(client, provider_x.social_worker.user)
    url = reverse("cases:plan_revise", args=[plan.pk])
    assert 'name="reason"' in client.get(url).content.decode()
    response = client.post(url, {"reason": "  "})
    assert "Give the reason for revising the plan." in response.content.decode()
    assert InclusionPlan.objects.filter(episode=plan.episode).count() == 1

    # The one confirmation step: what will happen, the reason repeated; nothing is done yet.
    asked = html.unescape(client.post(url, {"reason": "Refugee status granted"}).content.decode())
    assert 'data-testid="confirmation"' in asked
    assert "Version 2 will be started from version 1" in asked
    assert "Version 1 is kept as it is and can no longer be changed." in asked
    assert "The reason is recorded: Refugee status granted" in asked
    assert InclusionPlan.objects.filter(episode=plan.episode).count() == 1
    back = client.post(url, {"reason": "Refugee status granted", "change": "1"}).content.decode()
    assert "Refugee status granted</textarea>" in back
    assert InclusionPlan.objects.filter(episode=plan.episode).count() == 1

    response = client.post(url, {"reason": "Refugee status granted", "confirmed": "1"})
    revision = InclusionPlan.objects.get(episode=plan.episode, is_current=True)
    assert response["Location"] == reverse("cases:plan_detail", args=[revision.pk])
    assert (revision.version, revision.revision_reason, revision.agreed_on) == (
        2,
        "Refugee status granted",
        None,
    )
    assert list(revision.assessments.values_list("situation", flat=True)) == ["Lives with friends, no lease"]
    copied = revision.goals.get()
    assert copied.copied_from == plan.goals.get()
    assert list(copied.steps.values_list("description", "done_by_other")) == [
        ("View three flats", ""),
        ("Apply for the housing benefit", "Rīga social service"),
    ]
    with pytest.raises(ServiceError):
        plan_revise(plan=revision, reason="", by=provider_x.social_worker.user)


def test_versions_compare_side_by_side(client, provider_x, plan):
    worker = provider_x.social_worker.user
    revision = plan_revise(plan=plan, reason="Found a job; housing first", by=worker)
    goal = revision.goals.get()
    plan_goal_edit(goal=goal, area=goal.area, description="Rent a flat near work", target_on=None, by=worker)
    plan_goal_add(
        plan=revision,
        area=GoalArea.objects.get(code="employment"),
        description="Keep the job",
        target_on=None,
        by=worker,
    )
    plan_assessment_set(
        plan=revision, situations={GoalArea.objects.get(code="housing"): "Still with friends"}, by=worker
    )

    log_in(client, worker)
    page = client.get(reverse("cases:plan_detail", args=[revision.pk])).content.decode()
    compare_url = reverse("cases:plan_compare", args=[revision.pk])
    assert compare_url in page
    response = client.get(compare_url)
    assert response.status_code == 200
    comparison = response.context["comparison"]
    assert [(c.kind, c.before and c.before.description, c.after.description) for c in comparison.goals] == [
        ("changed", "Rent a flat", "Rent a flat near work"),
        ("added", None, "Keep the job"),
    ]
    assert comparison.goals[0].changed == ["description", "target_on"]
    assert [(a.before, a.after, a.changed) for a in comparison.areas] == [
        ("Lives with friends, no lease", "Still with friends", True)
    ]
    html = response.content.decode()
    assert "Found a job; housing first" in html
    assert "Version 2 compared with version 1" in html
    # the first version has nothing before it
    assert client.get(reverse("cases:plan_compare", args=[plan.pk])).status_code == 404


@pytest.mark.parametrize(
    ("language", "title", "agreement"),
    [
        ("uk", "Індивідуальний план соціально-економічної інтеграції", "підпис"),
        ("ru", "Индивидуальный план социально-экономической интеграции", "подпись"),
        ("lv", "Individuālais sociālekonomiskās iekļaušanas plāns", "paraksts"),
        ("en", "Individual socio-economic inclusion plan", "signature"),
    ],
)
def test_printed_plan_in_the_chosen_language_with_signature_lines(
    client, provider_x, plan, language, title, agreement
):
    client.force_login(provider_x.social_worker.user)
    client.cookies["atbalsts_language"] = "lv"  # the interface stays Latvian
    response = client.get(reverse("cases:plan_print", args=[plan.pk]), {"language": language})
    html = response.content.decode()
    assert f'<html lang="{language}">' in html
    assert title in html
    assert agreement in html
    assert html.count('class="signature-line"') == 2
    assert GoalArea.objects.get(code="housing").name_en != GoalArea.objects.get(code="housing").name_uk
    with_area = {
        "uk": GoalArea.objects.get(code="housing").name_uk,
        "ru": GoalArea.objects.get(code="housing").name_ru,
        "lv": GoalArea.objects.get(code="housing").name_lv,
        "en": GoalArea.objects.get(code="housing").name_en,
    }[language]
    assert with_area in html
    assert "View three flats" in html and "Rīga social service" in html


def test_printed_plan_defaults_to_the_clients_language_and_refuses_others(client, provider_x, plan, sw_a):
    log_in(client, provider_x.social_worker.user)
    url = reverse("cases:plan_print", args=[plan.pk])
    assert '<html lang="uk">' in client.get(url).content.decode()
    assert client.get(url, {"language": "de"}).status_code == 404
    log_in(client, sw_a)
    assert client.get(url).status_code == 404


def test_the_plan_is_one_tap_from_the_person_and_the_episode(client, provider_x, plan, sw_a):
    log_in(client, provider_x.social_worker.user)
    plan_url = reverse("cases:plan_detail", args=[plan.pk])
    episode_page = client.get(reverse("cases:episode_detail", args=[plan.episode.pk])).content.decode()
    assert f'href="{plan_url}" data-testid="open-plan"' in episode_page
    person_page = client.get(reverse("cases:client_detail", args=[plan.episode.client.pk])).content.decode()
    assert f'href="{plan_url}" data-testid="client-plan-link"' in person_page


def test_the_caseload_warns_of_a_missing_required_plan(client, provider_x):
    osa = f.ContractFactory(provider=provider_x.provider, programme=f.programme("AS-OSA"))
    without = f.EpisodeFactory(contract=osa, mentor=provider_x.mentor, started_on=days_ago(3))
    with_plan = f.EpisodeFactory(contract=osa, mentor=provider_x.mentor, started_on=days_ago(3))
    plan_create(episode=with_plan, by=provider_x.social_worker.user)
    optional = f.EpisodeFactory(
        contract=provider_x.contract, mentor=provider_x.mentor, started_on=days_ago(3)
    )
    assert not optional.programme.plan_required

    for user in (provider_x.mentor.user, provider_x.coordinator.user):
        log_in(client, user)
        response = client.get(reverse("cases:caseload"))
        items = {item.pk: item.plan_missing for item in response.context["episodes"]}
        assert items == {without.pk: True, with_plan.pk: False, optional.pk: False}
        assert response.content.decode().count('data-testid="flag-plan-missing"') == 1


def test_goal_steps_are_scoped_like_the_plan(provider_y, plan):
    assert not PlanStep.objects.for_user(provider_y.social_worker.user).exists()
    with pytest.raises(ServiceDenied):
        plan_step_add(
            goal=plan.goals.get(), description="x", done_by="client", by=provider_y.social_worker.user
        )
    assert PlanGoal.objects.get().steps.count() == 2
