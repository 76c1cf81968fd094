"""`manage.py import_visits`: a good file imports, re-importing it changes nothing, and one bad row
rejects the whole file with every bad row listed."""

import csv
import datetime
import io
import shutil
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.utils import translation
from openpyxl import Workbook

from cases.models import (
    Client,
    Episode,
    EpisodeEvent,
    ImportedClientRef,
    LegalStatusRecord,
    Visit,
    VisitAttendance,
)
from cases.rules.names import name_key
from mentors.services import contract_month_lock
from tests import factories as f


@pytest.fixture(autouse=True)
def english_messages():
    """Service and command messages are compared in the source language (English)."""
    with translation.override("en"):
        yield


D = datetime.date
EXAMPLE = Path(settings.BASE_DIR) / "docs" / "example-import.csv"
LOCKED = "The month is locked for payment; visits in it cannot be changed."
MODELS = [
    Client,
    LegalStatusRecord,
    ImportedClientRef,
    Episode,
    EpisodeEvent,
    Visit,
    VisitAttendance,
    Visit.activities.through,
]


@pytest.fixture
def contracts(db):
    """The AS-ESF contract history of DOMAIN.md: LSK until January 2022, then Caritas."""
    programme = f.programme("AS-ESF")
    lsk = f.ContractFactory(
        provider=f.ProviderFactory(code="LSK"),
        programme=programme,
        starts_on=D(2016, 11, 1),
        ends_on=D(2023, 11, 30),
        terminated_on=D(2022, 1, 31),
        rate_eur=Decimal("60.00"),
    )
    caritas = f.ContractFactory(
        provider=f.ProviderFactory(code="CARITAS"),
        programme=programme,
        starts_on=D(2022, 2, 1),
        ends_on=D(2023, 11, 30),
        rate_eur=Decimal("60.00"),
    )
    return lsk, caritas


def run(*args, stderr=None) -> str:
    """The command's output, in English (the source language of its messages)."""
    out = io.StringIO()
    with translation.override("en"):
        call_command("import_visits", *map(str, args), stdout=out, stderr=stderr or io.StringIO())
    return out.getvalue()


def counts() -> dict:
    return {model.__name__: model.objects.count() for model in MODELS}


def example_rows() -> list[list[str]]:
    with EXAMPLE.open(encoding="utf-8") as stream:
        return list(csv.reader(stream))


def write_csv(path: Path, rows: list[list[str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as stream:
        csv.writer(stream).writerows(rows)
    return path


def test_the_example_file_imports(contracts):
    lsk, caritas = contracts
    out = run(EXAMPLE)
    assert "5 new clients" in out and "6 new episodes" in out and "9 new visits" in out
    # Layla moved from LSK to Caritas: one client with both providers' references.
    layla = Client.objects.get(given_name="Layla")
    assert set(
        ImportedClientRef.objects.filter(client=layla).values_list("provider__code", "client_ref")
    ) == {
        ("LSK", "LSK-0002"),
        ("CARITAS", "CAR-0101"),
    }
    assert layla.residence_municipality.code == "Rīga"  # where she lived at her latest episode
    assert [
        (e.contract, e.status, e.end_reason and e.end_reason.code)
        for e in layla.episodes.order_by("started_on")
    ] == [
        (lsk, "ended", "transferred"),
        (caritas, "active", None),
    ]
    ahmad = Client.objects.get(given_name="Ahmad")
    episode = ahmad.episodes.get()
    assert (episode.intake_source, episode.limit_on, episode.created_by.username) == (
        "import",
        D(2018, 2, 20),
        "import",
    )
    assert not episode.created_by.is_active
    visits = list(Visit.objects.filter(episode=episode).order_by("visited_on"))
    assert [(v.visited_on, v.duration_minutes, v.contract) for v in visits] == [
        (D(2017, 4, 5), 90, lsk),
        (D(2017, 5, 10), 60, lsk),
        (D(2017, 6, 14), 45, lsk),
    ]
    assert sorted(visits[0].activities.values_list("code", flat=True)) == ["documents", "needs_assessment"]
    assert list(visits[0].attendance.values_list("client", flat=True)) == [ahmad.pk]
    # A contact without a length counts as an hour; an episode row without a visit has no visit.
    assert Visit.objects.get(episode__client=layla, visited_on=D(2022, 3, 2)).duration_minutes == 60
    assert not Visit.objects.filter(episode__client__given_name="Amina").exists()
    assert LegalStatusRecord.objects.get(client=ahmad).decided_on == D(2017, 2, 20)


def test_reimporting_changes_nothing_also_as_xlsx(contracts, tmp_path):
    run(EXAMPLE)
    before = counts()
    out = run(EXAMPLE)
    assert "already recorded" in out
    assert counts() == before
    workbook = Workbook()
    for row in example_rows():
        workbook.active.append(
            [datetime.date.fromisoformat(v) if len(v) == 10 and v[4] == "-" else v for v in row]
        )
    workbook.save(tmp_path / "example.xlsx")
    run(tmp_path / "example.xlsx")
    assert counts() == before


def test_a_bad_row_rejects_the_whole_file_listing_every_bad_row(contracts, tmp_path):
    rows = example_rows()
    rows[3][13] = "moved"  # line 4: unknown end reason
    rows[5][14] = "2017-13-01"  # line 6: bad date
    rows[6][14] = "2017-10-02"  # line 7: visit after its episode ended
    rows[7][12] = ""  # line 8: end reason without end date
    err = io.StringIO()
    with pytest.raises(CommandError, match="4 bad rows: nothing was imported"):
        call_command(
            "import_visits", str(write_csv(tmp_path / "bad.csv", rows)), stdout=io.StringIO(), stderr=err
        )
    number = contracts[0].number
    assert err.getvalue().splitlines() == [
        "Line 4: unknown end reason “moved”",
        "Line 6: visit_date “2017-13-01” is not a date YYYY-MM-DD",
        f"Line 7: visit_date 2017-10-02 (contract {number}): The date is after the episode ended.",
        "Line 8: an end reason needs an episode_end date",
    ]
    assert sum(counts().values()) == 0


def test_dry_run_saves_nothing(contracts):
    out = run(EXAMPLE, "--dry-run")
    assert "nothing saved" in out and "9 new visits" in out
    assert sum(counts().values()) == 0
    assert not get_user_model().objects.filter(username="import").exists()


def test_an_existing_client_is_found_by_name_and_birth_date(contracts, tmp_path):
    known = f.ClientFactory(given_name="Ahmad", family_name="Karimi", date_of_birth=D(1988, 3, 14))
    rows = example_rows()
    rows[1][3], rows[1][4] = "AHMAD", "karimi"
    run(write_csv(tmp_path / "file.csv", rows))
    assert Client.objects.filter(given_name__iexact="ahmad").count() == 1
    assert ImportedClientRef.objects.get(client_ref="LSK-0001").client == known
    assert known.episodes.count() == 1


def test_refusals_that_need_the_database(contracts, tmp_path, django_user_model):
    lsk, _ = contracts
    fund = f.FundStaffFactory().user
    contract_month_lock(contract=lsk, month=D(2017, 5, 1), by=fund)
    header, *rows = example_rows()
    second_open = list(rows[0])
    second_open[11], second_open[12], second_open[13], second_open[14] = "2017-09-01", "", "", "2017-09-02"
    too_early = list(rows[0])
    too_early[2], too_early[11], too_early[12], too_early[14] = (
        "LSK-0099",
        "2016-10-01",
        "2016-10-30",
        "2016-10-05",
    )
    rows[0][12] = rows[1][12] = rows[2][12] = ""  # Ahmad's first episode open too …
    rows[0][13] = rows[1][13] = rows[2][13] = ""
    file = write_csv(tmp_path / "file.csv", [header, *rows, second_open, too_early])
    err = io.StringIO()
    with pytest.raises(CommandError):
        run(file, stderr=err)
    assert err.getvalue().splitlines() == [
        "Line 2: the person would have more than one open AS-ESF episode",
        f"Line 3: visit_date 2017-05-10 (contract {lsk.number}): {LOCKED}",
        f"Line 6: visit_date 2017-05-03 (contract {lsk.number}): {LOCKED}",
        "Line 12: the person would have more than one open AS-ESF episode",
        "Line 13: LSK has no AS-ESF contract in force on 2016-10-01",
    ]


@pytest.mark.django_db
def test_bad_files(tmp_path):
    (tmp_path / "notes.txt").write_text("hello")
    with pytest.raises(CommandError, match="csv"):
        run(tmp_path / "notes.txt")
    write_csv(tmp_path / "short.csv", [["programme", "provider"], ["AS-ESF", "LSK"]])
    with pytest.raises(CommandError, match="Columns missing"):
        run(tmp_path / "short.csv")
    shutil.copy(EXAMPLE, tmp_path / "copy.csv")
    with pytest.raises(CommandError, match="No user"):
        run(tmp_path / "copy.csv", "--by", "nobody-here")


def test_by_user(contracts, tmp_path):
    user = f.UserFactory(username="archivist")
    run(EXAMPLE, "--by", "archivist")
    assert set(Visit.objects.values_list("logged_by", flat=True)) == {user.pk}
    assert not get_user_model().objects.filter(username="import").exists()


def test_imported_clients_can_be_found_by_name(contracts):
    run(EXAMPLE)
    layla = Client.objects.get(given_name="Layla")
    assert layla.name_key and layla.name_key == name_key("Layla", "Haddad")
