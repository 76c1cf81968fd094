"""The episode page on a phone: the essentials first (status, limit, next contact, plan), then the latest
visits, the rest on request, in a number of queries that does not grow with the visits."""

import pytest
from auditlog.context import set_extra_data
from django.urls import reverse

from cases.selectors.history import client_history, episode_history
from cases.services import episode_extend, plan_revise
from tests import factories as f
from tests.cases.episode_support import days_ago, log_in, shown


@pytest.fixture
def long_episode(provider_x):
    episode = f.EpisodeFactory(
        contract=provider_x.contract,
        mentor=provider_x.mentor,
        started_on=days_ago(58),
        client=f.ClientFactory(given_name="Olena", phone="+371 2000 1234", street_address="Tērbatas iela 3"),
    )
    for day in range(54):
        f.VisitFactory(episode=episode, visited_on=days_ago(day + 1), notes=f"Visit note {day + 1}.")
    return episode


def test_the_essentials_come_before_the_visits(client, provider_x, long_episode):
    html = log_in(client, provider_x.mentor.user).get(reverse("cases:episode_detail", args=[long_episode.pk]))
    html = html.content.decode()
    order = [
        html.index('data-testid="status"'),
        html.index(">Time limit<"),
        html.index('data-testid="next-contact-detail"'),
        html.index("Individual socio-economic inclusion plan"),
        html.index('data-testid="visits"'),
    ]
    assert order == sorted(order)
    assert 'href="tel:+37120001234"' in html and "Tērbatas iela 3, Rīga" in html


def test_the_latest_visits_are_shown_and_the_rest_on_request(client, provider_x, long_episode):
    log_in(client, provider_x.mentor.user)
    url = reverse("cases:episode_detail", args=[long_episode.pk])
    html = client.get(url).content.decode()
    assert html.count('data-testid="visit"') == 5
    assert html.count(f"Present: {long_episode.client}</div>") == 5  # no one else is looked up
    assert "Visit note 1." in html and "Visit note 5." in html and "Visit note 6." not in html
    assert "Show all 54 visits" in html
    assert f"<strong>{shown(days_ago(1))}</strong>" in html
    html = client.get(url, {"visits": "all"}).content.decode()
    assert html.count('data-testid="visit"') == 54 and "Visit note 54." in html
    assert "Show all" not in html


@pytest.mark.parametrize("visits", [1, 30])
@pytest.mark.parametrize(("with_plan", "most"), [(False, 8), (True, 9)])
def test_query_count_does_not_grow_with_visits(
    client, provider_x, django_assert_max_num_queries, visits, with_plan, most
):
    """Eight queries with the session, the user with their role and the read log; a plan (loaded with the
    episode) adds one for its goals and the visits' goals together. No one but the person was present:
    no one else is asked for. The history's records already on the page are not looked up again."""
    episode = f.EpisodeFactory(
        contract=provider_x.contract, mentor=provider_x.mentor, started_on=days_ago(40)
    )
    f.ConsentFactory(client=episode.client)
    goal = f.PlanGoalFactory(plan=f.InclusionPlanFactory(episode=episode)) if with_plan else None
    for day in range(visits):
        visit = f.VisitFactory(episode=episode, visited_on=days_ago(day + 1))
        if goal:
            visit.goals.add(goal)
    log_in(client, provider_x.mentor.user)
    url = reverse("cases:episode_detail", args=[episode.pk])
    client.get(url)
    with django_assert_max_num_queries(most):
        assert client.get(url, {"visits": "all"}).status_code == 200


@pytest.fixture
def rich_episode(provider_x):
    """An AS-OSA episode with all the page shows: a plan with two goals, an approved extension, a visit
    with a household member present that worked on a goal, and the client's own visit."""
    contract = f.ContractFactory(provider=provider_x.provider, programme=f.programme("AS-OSA"))
    person = f.ClientFactory(
        given_name="Olena", legal_status=f.legal_status("refugee"), status_granted_on=days_ago(400)
    )
    f.ConsentFactory(client=person)
    son = f.ClientFactory(given_name="Taras", family_name=person.family_name)
    f.household(person, son, relation="child")
    episode = f.EpisodeFactory(
        contract=contract,
        client=person,
        mentor=provider_x.mentor,
        social_worker=provider_x.social_worker,
        started_on=days_ago(300),
    )
    # Written as the provider's staff write them, so that the page's history shows them too.
    with set_extra_data(
        {"actor": provider_x.social_worker.user, "actor_provider_id": provider_x.provider.pk}
    ):
        plan = f.InclusionPlanFactory(episode=episode)
        housing = f.PlanGoalFactory(plan=plan, description="Find a flat to rent")
        f.PlanGoalFactory(plan=plan, area=f.goal_area("employment"), description="A job in logistics")
        episode_extend(
            episode=episode,
            length=18,
            reason="Housing not yet found",
            requested_by=provider_x.mentor.user,
            approved_on=days_ago(5),
            by=provider_x.coordinator.user,
        )
        f.VisitFactory(episode=episode, visited_on=days_ago(3), attendees=[son], goals=[housing])
        f.VisitFactory(episode=episode, visited_on=days_ago(2), activities=("documents",))
    return episode


@pytest.mark.parametrize("who", ["social_worker", "coordinator", "mentor"])
def test_an_episode_with_everything_in_ten_queries(
    client, provider_x, django_assert_max_num_queries, rich_episode, who
):
    """The plan, its goals, the extension, the visits with who was present and the goals worked on, and
    their history: the session, the user, the episode with its plan and its extensions (a row each), the
    history, the read log, the visits, their activities, the people present, the goals (the plan's and
    those worked on, one query) and the events. The history looks up none of the records the page has
    loaded."""
    log_in(client, getattr(provider_x, who).user)
    url = reverse("cases:episode_detail", args=[rich_episode.pk])
    client.get(url)
    with django_assert_max_num_queries(10):
        html = client.get(url).content.decode()
    goals = html[html.index('data-testid="goals"') : html.index('data-testid="visits"')]
    assert "Find a flat to rent" in goals and "A job in logistics" in goals
    assert "Open the plan (version 1)" in html
    extensions = html[html.index('data-testid="extensions"') :]
    assert "Housing not yet found" in extensions[: extensions.index("</ul>")]
    visits = html[html.index('data-testid="visits"') : html.index('data-testid="events"')]
    group, own = visits.split('data-testid="visit"')[2:0:-1]
    assert (
        f"Present: Olena {rich_episode.client.family_name}, Taras {rich_episode.client.family_name}" in group
    )
    assert "Goals: Housing" in group
    assert f"Present: Olena {rich_episode.client.family_name}<" in own and "Goals:" not in own


@pytest.mark.parametrize("who", ["social_worker", "mentor"])
def test_the_history_reads_the_same_with_the_records_the_page_has_loaded(
    client, provider_x, rich_episode, who
):
    """The pages give the history the records they have loaded; its rows read as when it looks them all
    up itself (names of goals, activities, people present, the plan, the extension's staff)."""
    user = getattr(provider_x, who).user
    log_in(client, user)
    page = client.get(reverse("cases:episode_detail", args=[rich_episode.pk]))
    assert len(page.context["history"]) > 5
    assert page.context["history"] == episode_history(user, rich_episode)
    page = client.get(reverse("cases:client_detail", args=[rich_episode.client_id]))
    assert page.context["history"] == client_history(rich_episode.client, user)


def test_every_extension_is_listed_in_the_order_approved(
    client, provider_x, rich_episode, django_assert_max_num_queries
):
    """The extensions are read with the episode, a row each: two are listed, the earlier first, and the
    page asks no more than with one."""
    episode_extend(
        episode=rich_episode,
        length=24,
        reason="Still no flat",
        requested_by=provider_x.social_worker.user,
        approved_on=days_ago(1),
        by=provider_x.coordinator.user,
    )
    log_in(client, provider_x.mentor.user)
    url = reverse("cases:episode_detail", args=[rich_episode.pk])
    client.get(url)
    with django_assert_max_num_queries(10):
        html = client.get(url).content.decode()
    extensions = html[html.index('data-testid="extensions"') :]
    extensions = extensions[: extensions.index("</ul>")]
    assert extensions.count("<li>") == 2
    assert extensions.index("Housing not yet found") < extensions.index("Still no flat")
    assert f"approved {shown(days_ago(1))}" in extensions and f"approved {shown(days_ago(5))}" in extensions


def test_a_visit_shows_the_goals_of_the_plan_version_it_worked_on(client, provider_x, rich_episode):
    """After a revision the plan lists the new version's goals; a visit before it still shows the areas
    of the goals it worked on (the earlier version's), and a visit after it the new version's."""
    plan = rich_episode.plans.get()
    revision = plan_revise(plan=plan, reason="New job offer", by=provider_x.social_worker.user)
    job = revision.goals.get(area__code="employment")
    job.description = "A job in a warehouse"
    job.save(update_fields=["description"])
    f.VisitFactory(episode=rich_episode, visited_on=days_ago(1), goals=[job])
    log_in(client, provider_x.mentor.user)
    html = client.get(reverse("cases:episode_detail", args=[rich_episode.pk])).content.decode()
    goals = html[html.index('data-testid="goals"') : html.index('data-testid="visits"')]
    assert "A job in a warehouse" in goals and "A job in logistics" not in goals
    assert goals.count("Find a flat to rent") == 1
    assert "Open the plan (version 2)" in html
    visits = html[html.index('data-testid="visits"') : html.index('data-testid="events"')]
    latest, own, group = visits.split('data-testid="visit"')[1:]
    assert "Goals: Employment" in latest
    assert "Goals: Housing" in group and "Goals:" not in own
