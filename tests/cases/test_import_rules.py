"""The visit import keeps the rules the forms keep (issue 9, defect 1) and refuses crafted files with a
clear, translated message instead of a traceback (issue 10, defect 4)."""

import csv
import datetime
import io
import threading
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import connection, transaction
from django.utils import translation
from django.utils.formats import date_format

from cases.models import Activity, Client, Episode, LegalStatusRecord, ServedMonth, Visit
from cases.services import ServiceError, client_register, consent_record, intake_episode_open, visit_log
from cases.services.import_rows import COLUMNS, ImportFileError, read_records
from cases.services.imports import visits_import
from mentors.services import contract_month_lock
from reporting.statements import PaymentStatement
from tests import factories as f

D = datetime.date


def row(**values) -> list[str]:
    """A UA-MENTOR row of provider X: Olena Koval, whose episode starts on 1 March 2023."""
    values = {
        "programme": "UA-MENTOR",
        "provider": "X-NGO",
        "client_ref": "X-1",
        "given_name": "Olena",
        "family_name": "Koval",
        "date_of_birth": "1980-01-01",
        "sex": "F",
        "citizenship": "UA",
        "legal_status": "ua_civilian",
        "municipality": "Rīga",
        "episode_start": "2023-03-01",
        "duration_minutes": "60",
        "activities": "housing",
    } | values
    return [values.get(name, "") for name in COLUMNS]


def write_csv(path: Path, rows: list[list[str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as stream:
        csv.writer(stream).writerows([COLUMNS, *rows])
    return path


def run(path: Path) -> list[str]:
    """The command's error lines, in English; raises CommandError as the command does."""
    err = io.StringIO()
    try:
        call_command("import_visits", str(path), stdout=io.StringIO(), stderr=err)
    finally:
        run.errors = err.getvalue().splitlines()
    return run.errors


def rejected(path: Path) -> list[str]:
    with pytest.raises(CommandError, match="nothing was imported"):
        run(path)
    return run.errors


# --- The visit rules --------------------------------------------------------------------------------


def test_a_ua_mentor_contact_after_the_60_day_limit_is_a_row_error(provider_x, tmp_path):
    """1 March + 60 days (the start day counted) ends on 29 April; a contact 47 days later is refused
    with the visit form's own message, and the whole file with it."""
    file = write_csv(tmp_path / "late.csv", [row(visit_date="2023-03-10"), row(visit_date="2023-06-15")])
    limit = D(2023, 4, 29)
    assert (D(2023, 6, 15) - limit).days == 47
    message = f"The date is after the time limit ({date_format(limit)})."
    assert rejected(file) == [
        f"Line 3: visit_date 2023-06-15 (contract {provider_x.contract.number}): {message}"
    ]
    assert not Client.objects.filter(family_name="Koval").exists()
    assert not Visit.objects.exists() and not ServedMonth.objects.exists()

    # Without the late row the file imports, and the visit form refuses that contact the same way.
    run(write_csv(tmp_path / "good.csv", [row(visit_date="2023-03-10")]))
    episode = Episode.objects.get(client__family_name="Koval")
    assert episode.limit_on == limit
    with pytest.raises(ServiceError) as refusal:
        visit_log(
            episode=episode,
            visited_on=D(2023, 6, 15),
            duration_minutes=60,
            place=Visit.Place.HOME,
            activities=list(Activity.objects.filter(code="housing")),
            attendees=[episode.client],
            by=provider_x.coordinator.user,
        )
    assert refusal.value.message_dict == {"visited_on": [message]}


def test_an_imported_asylum_seeker_has_no_grant_date_as_in_the_browser(provider_x, tmp_path):
    """An asylum seeker's decision date grants nothing: no AS-ESF limit runs, imported or registered."""
    as_esf = f.ContractFactory(
        provider=provider_x.provider,
        programme=f.programme("AS-ESF"),
        starts_on=D(2022, 2, 1),
        ends_on=D(2027, 12, 31),
    )
    seeker = {
        "programme": "AS-ESF",
        "legal_status": "asylum_seeker",
        "status_granted_on": "2023-01-10",
        "episode_start": "2023-01-15",
    }
    # 14 months after the decision date: past a 12-month limit if the date were a grant.
    run(write_csv(tmp_path / "seeker.csv", [row(**seeker, visit_date="2024-03-01")]))
    imported = Client.objects.get(family_name="Koval")
    assert imported.status_granted_on is None
    assert Episode.objects.get(client=imported).limit_on is None
    assert Visit.objects.filter(episode__client=imported, visited_on=D(2024, 3, 1)).exists()
    record = LegalStatusRecord.objects.get(client=imported)
    assert (record.status.code, record.decided_on) == ("asylum_seeker", D(2023, 1, 10))

    social_worker = provider_x.social_worker.user
    registered = client_register(
        fields={"given_name": "Amir", "family_name": "Said", "date_of_birth": D(1990, 5, 5), "sex": "M"},
        legal_status=f.legal_status("asylum_seeker"),
        status_decided_on=D(2023, 1, 10),
        by=social_worker,
    )
    consent_record(client=registered, given_on=D(2023, 1, 15), scope="mentoring", by=social_worker)
    episode = intake_episode_open(
        client=registered,
        contract=as_esf,
        mentor=provider_x.mentor,
        social_worker=provider_x.social_worker,
        intake_source=Episode.IntakeSource.ACCOMMODATION_CENTRE,
        started_on=D(2023, 1, 15),
        by=social_worker,
    )
    assert (registered.status_granted_on, episode.limit_on) == (
        imported.status_granted_on,
        Episode.objects.get(client=imported).limit_on,
    )


def test_a_decision_date_before_birth_is_a_row_error(provider_x, tmp_path):
    file = write_csv(
        tmp_path / "born.csv",
        [row(legal_status="refugee", status_granted_on="1979-12-31", visit_date="2023-03-02")],
    )
    assert rejected(file) == [
        "Line 2: status_granted_on: The decision date cannot be before the date of birth."
    ]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL")
def test_a_month_locked_while_an_import_is_written_waits_for_it(provider_x, fund, tmp_path):
    """The import holds each contract it records contacts under, as a visit write does: fund staff
    locking that month wait for the import to commit, and the locked statement includes its contacts."""
    file = write_csv(tmp_path / "march.csv", [row(visit_date="2023-03-10")])
    imported, release = threading.Event(), threading.Event()
    outcomes = {}

    def importer():
        try:
            with transaction.atomic():
                visits_import(path=file)
                imported.set()
                release.wait(10)
            outcomes["import"] = "done"
        finally:
            connection.close()

    def fund_locks():
        try:
            contract_month_lock(contract=provider_x.contract, month=D(2023, 3, 1), by=fund)
            outcomes["lock"] = "locked"
        finally:
            connection.close()

    importing = threading.Thread(target=importer)
    importing.start()
    assert imported.wait(10)
    locker = threading.Thread(target=fund_locks)
    locker.start()
    locker.join(1.0)
    waited = locker.is_alive()
    release.set()
    importing.join()
    locker.join()
    assert waited
    assert outcomes == {"import": "done", "lock": "locked"}
    statement = PaymentStatement(provider_x.contract, D(2023, 3, 1))
    assert (statement.is_locked, statement.served) == (True, 1)


# --- Crafted files --------------------------------------------------------------------------------


def test_a_file_over_the_size_limit_is_refused_before_reading(provider_x, tmp_path, settings):
    settings.IMPORT_MAX_MEGABYTES = 1
    path = write_csv(tmp_path / "big.csv", [row(visit_date="2023-03-02")] * 14_000)
    assert 1.2 < path.stat().st_size / 2**20 < 1.6
    with pytest.raises(CommandError, match=r"The file is 1\.\d MB; files up to 1 MB can be imported"):
        run(path)
    with translation.override("lv"), pytest.raises(CommandError, match="MB"):
        call_command("import_visits", str(path), stdout=io.StringIO(), stderr=io.StringIO())


def test_an_xlsx_that_is_not_a_workbook(db, tmp_path):
    path = tmp_path / "fake.xlsx"
    path.write_text("programme,provider\nUA-MENTOR,X-NGO\n")
    with pytest.raises(CommandError, match="not a readable XLSX workbook"):
        run(path)
    with translation.override("lv"), pytest.raises(CommandError) as error:
        call_command("import_visits", str(path), stdout=io.StringIO(), stderr=io.StringIO())
    assert "XLSX" in str(error.value) and "not a readable" not in str(error.value)


def test_a_csv_field_over_128_kb(provider_x, tmp_path):
    path = write_csv(
        tmp_path / "huge.csv", [row(visit_date="2023-03-02"), row(notes="x", given_name="A" * 140_000)]
    )
    with pytest.raises(CommandError, match="Line 3 cannot be read: a field is longer than 131072 characters"):
        run(path)
    assert not Client.objects.exists()


@pytest.mark.parametrize(
    ("values", "message"),
    [
        (
            {"given_name": "Ol\x00ena"},
            "given_name contains a control character (such as NUL or a line break)",
        ),
        ({"client_ref": "X-1\x00"}, "client_ref contains a control character (such as NUL or a line break)"),
        ({"family_name": "K" * 101}, "family_name is longer than 100 characters"),
        ({"programme": "U" * 5000}, "programme is longer than 100 characters"),
    ],
)
def test_values_no_column_may_hold_are_row_errors(provider_x, tmp_path, values, message):
    """On SQLite a NUL byte used to be stored, on PostgreSQL it failed with a traceback."""
    path = write_csv(
        tmp_path / "bad.csv", [row(visit_date="2023-03-02"), row(**values, visit_date="2023-03-03")]
    )
    assert rejected(path) == [f"Line 3: {message}"]
    assert not Client.objects.exists()


def test_rows_are_read_as_they_are_consumed(tmp_path):
    """The reader streams: a broken line is only met when the rows before it have been handed on."""
    path = tmp_path / "stream.csv"
    path.write_text(",".join(COLUMNS) + "\n" + ",".join(row()) + "\n" + '"' + "A" * 140_000 + '"\n')
    records = read_records(path)
    line, record = next(records)
    assert (line, record["given_name"]) == (2, "Olena")
    with pytest.raises(ImportFileError):
        next(records)
