"""The visit form and the visit save read only the visits of the mentor and the episode at hand, never
the visits other people logged (issue 13: the form's activity order once joined every visit's activities
to every visit, so the mentor's most frequent action slowed down with every visit anyone logged).

Checked on PostgreSQL with EXPLAIN ANALYZE: every plan node that reads the visits, their activities or
their attendance may touch (return or filter away) only a handful of rows, while thousands of other
mentors' visits sit in the same tables. Timings are never asserted (see bench/pages.py)."""

import datetime
import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cases.models import Activity, Visit, VisitAttendance
from cases.selectors import activities_for_visit_form
from tests import factories as f
from tests.cases.episode_support import days_ago, log_in, today

pytestmark = pytest.mark.skipif(connection.vendor != "postgresql", reason="EXPLAIN ANALYZE of PostgreSQL")

VISIT_TABLES = {"cases_visit", "cases_visit_activities", "cases_visitattendance"}
OTHER_VISITS = 3000
# Mine: 3 visits with 2 activities and 1 person present each. A node may read each of them a few
# times over (an index scan, then the heap); anything near the others' 3,000 is a scan of their visits.
TOUCHED_AT_MOST = 60


@pytest.fixture
def others_visits(provider_x):
    """Thousands of visits logged by other mentors of the same provider, with activities and people."""
    activities = list(Activity.objects.filter(is_active=True).order_by("pk")[:4])
    visits = []
    for n in range(10):
        mentor = f.ProviderStaffFactory(
            provider=provider_x.provider, user=f.UserFactory(username=f"other-{n}")
        )
        episode = f.EpisodeFactory(contract=provider_x.contract, mentor=mentor, started_on=days_ago(150))
        visits += [
            Visit(
                episode=episode,
                contract=provider_x.contract,
                visited_on=days_ago(1 + day % 140),
                duration_minutes=60,
                place=Visit.Place.HOME,
                logged_by=mentor.user,
            )
            for day in range(OTHER_VISITS // 10)
        ]
    visits = Visit.objects.bulk_create(visits)
    Visit.activities.through.objects.bulk_create(
        Visit.activities.through(visit=visit, activity=activity)
        for visit in visits
        for activity in activities[:2]
    )
    VisitAttendance.objects.bulk_create(
        VisitAttendance(visit=visit, client_id=visit.episode.client_id) for visit in visits
    )
    return visits


@pytest.fixture
def my_episode(provider_x, others_visits):
    """Mentor X's episode with three visits of theirs; then the tables' statistics are brought up to
    date, as autovacuum would, so that the planner knows how many rows there are."""
    episode = f.EpisodeFactory(
        contract=provider_x.contract, mentor=provider_x.mentor, started_on=days_ago(20)
    )
    for days in (15, 10, 5):
        f.VisitFactory(episode=episode, visited_on=days_ago(days), activities=("documents", "housing"))
    with connection.cursor() as cursor:
        for table in sorted(VISIT_TABLES):
            cursor.execute(f"ANALYZE {table}")
    return episode


def _nodes(plan):
    yield plan
    for child in plan.get("Plans", []):
        yield from _nodes(child)


def rows_touched(queries) -> dict[str, int]:
    """Per table of visits, the rows the plans of these SELECTs returned or filtered away, over all
    loops (EXPLAIN ANALYZE runs each query again, inside the test's transaction)."""
    touched = dict.fromkeys(VISIT_TABLES, 0)
    with connection.cursor() as cursor:
        for query in queries:
            sql = query["sql"]
            if not sql.lstrip().upper().startswith("SELECT"):
                continue
            cursor.execute(f"EXPLAIN (ANALYZE, FORMAT JSON) {sql}")
            result = cursor.fetchone()[0]
            (plan,) = json.loads(result) if isinstance(result, str) else result
            for node in _nodes(plan["Plan"]):
                if node.get("Relation Name") in VISIT_TABLES:
                    rows = (
                        node["Actual Rows"]
                        + node.get("Rows Removed by Filter", 0)
                        + node.get("Rows Removed by Index Recheck", 0)
                    )
                    touched[node["Relation Name"]] += rows * node["Actual Loops"]
    return touched


def test_the_activity_order_reads_only_my_recent_visits(provider_x, my_episode):
    with CaptureQueriesContext(connection) as captured:
        activities = activities_for_visit_form(user=provider_x.mentor.user, today=today())
    # My two activities first (three uses each), although the others logged other activities 6,000 times.
    assert {a.code: a.uses for a in activities[:2]} == {"documents": 3, "housing": 3}
    assert all(a.uses == 0 for a in activities[2:])
    touched = rows_touched(captured.captured_queries)
    assert max(touched.values()) <= TOUCHED_AT_MOST, touched


def test_the_visit_form_and_its_save_read_no_other_mentors_visits(client, provider_x, my_episode):
    log_in(client, provider_x.mentor.user)
    url = reverse("cases:visit_create", args=[my_episode.pk])
    with CaptureQueriesContext(connection) as form:
        assert client.get(url).status_code == 200
    assert max(rows_touched(form.captured_queries).values()) <= TOUCHED_AT_MOST

    data = {
        "visited_on": today().isoformat(),
        "duration_minutes": 45,
        "place": Visit.Place.HOME,
        "activities": [Activity.objects.get(code="documents").pk],
        "attendees": [my_episode.client_id],
        "notes": "",
    }
    with CaptureQueriesContext(connection) as save:
        response = client.post(url, data)
    assert response.status_code == 302, response.context["form"].errors
    assert Visit.objects.filter(episode=my_episode, visited_on=today(), duration_minutes=45).count() == 1
    assert max(rows_touched(save.captured_queries).values()) <= TOUCHED_AT_MOST
    assert Visit.objects.count() == OTHER_VISITS + 4


def test_the_check_counts_a_scan_of_everyones_visits(provider_x, my_episode):
    """The measure itself: the activity order as it was (a count over every visit's activities,
    filtered afterwards) touches all the others' visits."""
    from django.db.models import Count, Q

    since = today() - datetime.timedelta(days=183)
    old = Activity.objects.filter(is_active=True).annotate(
        uses=Count(
            "visits", filter=Q(visits__logged_by=provider_x.mentor.user, visits__visited_on__gte=since)
        )
    )
    with CaptureQueriesContext(connection) as captured:
        list(old)
    assert rows_touched(captured.captured_queries)["cases_visit"] >= OTHER_VISITS
