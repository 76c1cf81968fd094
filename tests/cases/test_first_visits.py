"""The date of a referral's first visit (`Referral.first_visit_on`), from which the referral figures count
the days to the first visit: the visit services and the import keep it equal to the first visit of the
referral's episode, and `served_months` checks it and writes it again."""

import datetime
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from cases.models import Activity, Referral, Visit
from cases.services import visit_delete, visit_edit, visit_log
from cases.services.visit_months import first_visits_differences
from tests import factories as f
from tests.cases.episode_support import days_ago
from tests.cases.test_import_visits import example_rows, run, write_csv

D = datetime.date


@pytest.fixture
def referral(provider_x):
    """A referral accepted 30 days ago, its episode started that day, no visit yet."""
    return f.ReferralFactory(
        contract=provider_x.contract,
        status=Referral.Status.ACCEPTED,
        mentor=provider_x.mentor,
        accepted_on=days_ago(30),
        submitted_at=timezone.now() - datetime.timedelta(days=32),
    )


def _log(referral, day):
    episode = referral.episode
    return visit_log(
        episode=episode,
        visited_on=day,
        duration_minutes=45,
        place=Visit.Place.HOME,
        activities=list(Activity.objects.filter(code="housing")),
        attendees=[episode.client],
        by=episode.mentor.user,
    )


def _move(visit, day):
    visit_edit(
        visit=visit,
        visited_on=day,
        duration_minutes=visit.duration_minutes,
        place=visit.place,
        activities=list(visit.activities.all()),
        attendees=list(visit.attendees.all()),
        by=visit.logged_by,
    )


def _first_visit(referral):
    referral.refresh_from_db(fields=["first_visit_on"])
    assert first_visits_differences() == []
    return referral.first_visit_on


def test_visits_logged_corrected_and_deleted_keep_the_first_visit(referral):
    assert _first_visit(referral) is None
    later = _log(referral, days_ago(20))
    assert _first_visit(referral) == days_ago(20)
    _log(referral, days_ago(10))  # after the first: no change
    assert _first_visit(referral) == days_ago(20)
    earlier = _log(referral, days_ago(25))
    assert _first_visit(referral) == days_ago(25)

    _move(earlier, days_ago(5))  # the first visit corrected to a later day: the next one is first
    assert _first_visit(referral) == days_ago(20)
    _move(later, days_ago(28))
    assert _first_visit(referral) == days_ago(28)

    visit_delete(visit=later, by=later.logged_by)
    assert _first_visit(referral) == days_ago(10)


def test_deleting_the_only_visit_leaves_no_first_visit(referral):
    visit = _log(referral, days_ago(20))
    assert _first_visit(referral) == days_ago(20)
    visit_delete(visit=visit, by=visit.logged_by)
    assert _first_visit(referral) is None


def test_visits_of_another_episode_do_not_count(provider_x, referral):
    _log(referral, days_ago(20))
    other = f.EpisodeFactory(contract=provider_x.contract, mentor=provider_x.mentor, started_on=days_ago(40))
    f.VisitFactory(episode=other, visited_on=days_ago(39))
    assert _first_visit(referral) == days_ago(20)
    waiting = f.ReferralFactory(contract=provider_x.contract)
    assert waiting.first_visit_on is None and first_visits_differences() == []


def test_the_import_writes_the_first_visit(provider_x, referral, tmp_path):
    """Visits imported into the episode of a referral (the person found by name and date of birth, the
    episode by programme and start) move its first visit."""
    client = referral.client
    _log(referral, days_ago(20))
    header, row, *_rest = example_rows()
    columns = dict(zip(header, row, strict=True)) | {
        "programme": "UA-MENTOR",
        "provider": provider_x.provider.code,
        "client_ref": "X-0001",
        "given_name": client.given_name,
        "family_name": client.family_name,
        "date_of_birth": client.date_of_birth.isoformat(),
        "citizenship": "UA",
        "legal_status": "ua_civilian",
        "status_granted_on": "",
        "municipality": "Rīga",
        "episode_start": referral.episode.started_on.isoformat(),
        "episode_end": "",
        "end_reason": "",
        "visit_date": days_ago(27).isoformat(),
    }
    out = run(write_csv(tmp_path / "file.csv", [header, [columns[name] for name in header]]))
    assert "1 new visits" in out and "0 new episodes" in out
    assert _first_visit(referral) == days_ago(27)


def test_the_command_finds_a_wrong_first_visit_and_the_rebuild_mends_it(referral):
    _log(referral, days_ago(20))
    out = StringIO()
    call_command("served_months", stdout=out)
    assert "First visits of referrals agree with the visits." in out.getvalue()

    # As a bulk load outside the services would leave it.
    Referral.objects.filter(pk=referral.pk).update(first_visit_on=days_ago(21))
    waiting = f.ReferralFactory(contract=referral.contract)
    Referral.objects.filter(pk=waiting.pk).update(first_visit_on=days_ago(3))
    errors = StringIO()
    with pytest.raises(CommandError, match=r"differ from the visits \(rows: 2\)"):
        call_command("served_months", stdout=StringIO(), stderr=errors)
    assert errors.getvalue().splitlines() == [
        f"Referral {referral.pk}: first visit {days_ago(21).isoformat()}, the visits give {days_ago(20).isoformat()}",
        f"Referral {waiting.pk}: first visit {days_ago(3).isoformat()}, the visits give none",
        "First visits of referrals differ from the visits (referrals: 2).",
    ]

    out = StringIO()
    call_command("served_months", "--rebuild", stdout=out)
    assert "First visits of referrals rebuilt; referrals corrected: 2." in out.getvalue()
    out = StringIO()
    call_command("served_months", "--rebuild", stdout=out)
    assert "First visits of referrals rebuilt; referrals corrected: 0." in out.getvalue()
    assert _first_visit(referral) == days_ago(20)
    assert Referral.objects.get(pk=waiting.pk).first_visit_on is None


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_migration_fills_the_first_visits_there_are(provider_x, referral):
    _log(referral, days_ago(12))
    _log(referral, days_ago(20))
    waiting = f.ReferralFactory(contract=provider_x.contract)
    try:
        _migrate([("cases", "0021_served_month_client_index")])  # the column goes
        apps = _migrate([("cases", "0024_referral_reporting_first_visit_idx")])
        filled = dict(apps.get_model("cases", "Referral").objects.values_list("pk", "first_visit_on"))
        assert filled == {referral.pk: days_ago(20), waiting.pk: None}
    finally:
        _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
