"""The provider's social worker opens the plan from the person's page in one tap and prints it for the
client in Ukrainian or Russian, whatever the interface language (Chromium, 360 and 1280 px)."""

import datetime

import pytest
from django.utils import timezone

from cases.models import GoalArea
from cases.services import (
    plan_agreement_record,
    plan_assessment_set,
    plan_create,
    plan_goal_add,
    plan_step_add,
)
from tests import factories as f
from tests.browser.conftest import log_in, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def _plan(provider_x):
    today = timezone.localdate()
    person = f.ClientFactory(
        given_name="Olena",
        family_name="Koval",
        given_name_original="Олена",
        family_name_original="Коваль",
        preferred_language=f.language("uk"),
    )
    osa = f.ContractFactory(provider=provider_x.provider, programme=f.programme("AS-OSA"))
    episode = f.EpisodeFactory(
        client=person,
        contract=osa,
        mentor=provider_x.mentor,
        social_worker=provider_x.social_worker,
        started_on=today - datetime.timedelta(days=30),
    )
    worker = provider_x.social_worker.user
    plan = plan_create(episode=episode, by=worker)
    housing = GoalArea.objects.get(code="housing")
    plan_assessment_set(plan=plan, situations={housing: "Живе у знайомих"}, by=worker)
    goal = plan_goal_add(
        plan=plan, area=housing, description="Орендувати квартиру", target_on=None, by=worker
    )
    plan_step_add(goal=goal, description="Переглянути три квартири", done_by="client", by=worker)
    plan_agreement_record(
        plan=plan,
        agreed_on=today,
        interpreter_used=False,
        agreement_language=f.language("uk"),
        review_on=today + datetime.timedelta(days=90),
        by=worker,
    )
    return plan


@pytest.mark.parametrize(
    ("language", "title", "step_header", "who"),
    [
        ("uk", "Індивідуальний план соціально-економічної інтеграції", "Крок", "клієнт"),
        ("ru", "Индивидуальный план социально-экономической интеграции", "Шаг", "клиент"),
    ],
)
def test_the_printed_plan_in_the_clients_language(
    live_server, desktop, provider_x, language, title, step_header, who
):
    plan = _plan(provider_x)
    housing = GoalArea.objects.get(code="housing")
    page = desktop
    log_in(page, live_server, provider_x.social_worker.user.username)
    page.goto(f"{live_server.url}/cases/clients/{plan.episode.client.pk}/")
    page.click("[data-testid=client-plan-link]")  # one tap from the person to the plan
    page.wait_for_url(f"**/cases/plans/{plan.pk}/")
    page.click(f"[data-testid=print-links] a[href$='language={language}']")
    page.wait_for_url(f"**/cases/plans/{plan.pk}/print/?language={language}")
    assert page.locator("html").get_attribute("lang") == language
    assert page.locator("h1").inner_text() == title
    body = page.locator("main").inner_text()
    assert getattr(housing, f"name_{language}") in body
    assert step_header in body and who in body
    assert "Individuāl" not in body  # nothing of the Latvian interface on the client's copy
    assert page.locator(".signature-line").count() == 2
    screenshot(page, f"plan-print-{language}-1280")
    # A4 print: the toolbar is not printed
    page.emulate_media(media="print")
    assert not page.locator(".toolbar").is_visible()


def test_the_printed_plan_fits_a_phone(live_server, phone, provider_x):
    plan = _plan(provider_x)
    log_in(phone, live_server, provider_x.social_worker.user.username)
    phone.goto(f"{live_server.url}/cases/plans/{plan.pk}/print/?language=ru")
    screenshot(phone, "plan-print-ru-360")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
    assert "подпись" in phone.locator("main").inner_text()
