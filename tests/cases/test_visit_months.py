"""The visit-months table the reports add visits and minutes from: the visit services and the import keep
it equal to a raw count over the visits, per contract and month, and `served_months` checks it."""

import datetime
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Count, Sum
from django.db.models.functions import TruncMonth

from cases.models import Activity, Visit, VisitMonth
from cases.services import visit_delete, visit_edit, visit_log
from cases.services.visit_months import visit_months_differences
from reporting.periods import Period
from reporting.queries import visits_by_month
from tests import factories as f
from tests.cases.episode_support import days_ago, today
from tests.cases.test_import_visits import EXAMPLE, contracts, run  # noqa: F401 (the fixture)
from tests.cases.test_served_months import family  # noqa: F401 (the fixture)

D = datetime.date


def _log(episode, by, day, minutes, *people):
    return visit_log(
        episode=episode,
        visited_on=day,
        duration_minutes=minutes,
        place=Visit.Place.HOME,
        activities=list(Activity.objects.filter(code="housing")),
        attendees=list(people),
        by=by,
    )


def _from_summary() -> dict:
    rows = VisitMonth.objects.values("contract_id", "month").annotate(
        visits=Sum("visits"), minutes=Sum("minutes")
    )
    return {(row["contract_id"], row["month"]): (row["visits"], row["minutes"]) for row in rows}


def _from_visits() -> dict:
    rows = (
        Visit.objects.order_by()
        .annotate(month=TruncMonth("visited_on"))
        .values("contract_id", "month")
        .annotate(visits=Count("id"), minutes=Sum("duration_minutes"))
    )
    return {(row["contract_id"], row["month"]): (row["visits"], row["minutes"]) for row in rows}


def _agree():
    assert _from_summary() == _from_visits()
    assert visit_months_differences() == (set(), set())


def test_log_edit_and_delete_keep_the_summary_equal_to_the_visits(provider_x, family):  # noqa: F811
    episode, olena, son = family
    mentor = provider_x.mentor.user
    this_month, last_month = today().replace(day=1), days_ago(35).replace(day=1)
    other = f.EpisodeFactory(contract=provider_x.contract, mentor=provider_x.mentor, started_on=days_ago(40))
    first = _log(episode, mentor, today(), 45, olena, son)  # a family visit counts once
    second = _log(episode, mentor, today(), 30, olena)
    _log(episode, mentor, days_ago(35), 60, olena, son)
    _log(other, mentor, today(), 20, other.client)
    _agree()
    assert VisitMonth.objects.get(episode=episode, month=this_month).visits == 2
    assert _from_summary()[(provider_x.contract.pk, this_month)] == (3, 95)

    visit_edit(  # moved to last month, and shorter
        visit=first,
        visited_on=days_ago(35),
        duration_minutes=15,
        place=Visit.Place.HOME,
        activities=list(Activity.objects.filter(code="housing")),
        attendees=[olena],
        by=mentor,
    )
    _agree()
    assert _from_summary() == {
        (provider_x.contract.pk, this_month): (2, 50),
        (provider_x.contract.pk, last_month): (2, 75),
    }

    visit_delete(visit=second, by=mentor)
    _agree()
    assert not VisitMonth.objects.filter(episode=episode, month=this_month).exists()

    month = Period(last_month, this_month)
    provider = provider_x.contract.provider_id
    assert visits_by_month(provider_x.contract.programme, month, [provider_x.contract]) == {
        (provider, last_month): {"visits": 2, "minutes": 75},
        (provider, this_month): {"visits": 1, "minutes": 20},
    }


def test_the_import_keeps_the_summary_equal_to_the_visits(contracts):  # noqa: F811
    lsk, _caritas = contracts
    run(EXAMPLE)
    _agree()
    assert _from_summary()[(lsk.pk, D(2017, 4, 1))] == (3, 210)  # the example's April 2017 contacts
    run(EXAMPLE)  # a re-import adds no visit
    _agree()


def test_the_command_finds_a_difference_and_the_rebuild_mends_it(provider_x, family):  # noqa: F811
    episode, olena, _son = family
    _log(episode, provider_x.mentor.user, today(), 45, olena)
    out = StringIO()
    call_command("served_months", stdout=out)
    assert "Visit months agree with the visits." in out.getvalue()

    VisitMonth.objects.all().delete()  # as a bulk load outside the services would leave it
    errors = StringIO()
    with pytest.raises(CommandError, match=r"differ from the visits \(rows: 1\)"):
        call_command("served_months", stdout=StringIO(), stderr=errors)
    assert (
        f"Missing: episode {episode.pk}, contract {provider_x.contract.pk}, month {today():%Y-%m}: "
        "visits 1, minutes 45"
    ) in errors.getvalue()

    out = StringIO()
    call_command("served_months", "--rebuild", stdout=out)
    assert "Visit months rebuilt; rows written: 1." in out.getvalue()
    _agree()
