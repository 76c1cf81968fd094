"""Reading and checking a visit import file (docs/import-format.md): the providers' spreadsheets and
the legacy records, one row per contact.

`read_records` reads CSV (UTF-8, comma) or XLSX (first sheet) row by row, refusing files over
IMPORT_MAX_MEGABYTES; `check_rows` turns its rows into typed `ImportRow`s as they are read, with every
problem of every row collected as a `RowError` (line number and message). A file that cannot be read at
all raises `ImportFileError`. `cases.services.imports.visits_import` plans and writes the rows; it too
adds `RowError`s for what only the database can tell (which client a row names, existing episodes, and
whether each contact may be recorded, by the visit services' own check).
"""

import csv
import datetime
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_countries import countries
from openpyxl import load_workbook

from mentors.models import Contract, Programme, Provider
from municipalities.models import Municipality

from ..models import Activity, Client, EndReason, ImportedClientRef, LegalStatus, Visit

COLUMNS = [
    "programme",
    "provider",
    "client_ref",
    "given_name",
    "family_name",
    "date_of_birth",
    "sex",
    "citizenship",
    "legal_status",
    "status_granted_on",
    "municipality",
    "episode_start",
    "episode_end",
    "end_reason",
    "visit_date",
    "duration_minutes",
    "activities",
]
REQUIRED = [
    "programme",
    "provider",
    "client_ref",
    "given_name",
    "family_name",
    "date_of_birth",
    "sex",
    "legal_status",
    "municipality",
    "episode_start",
]
# A legacy contact whose length was not recorded counts as one hour (documented in the format).
DEFAULT_DURATION_MINUTES = 60
DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
MEGABYTE = 1024 * 1024
# The longest text a column may hold: the names and the reference as the models store them, a list of
# activity codes, and for the other columns (codes and dates) more than any valid value.
MAX_CHARS = {
    "client_ref": ImportedClientRef._meta.get_field("client_ref").max_length,
    "given_name": Client._meta.get_field("given_name").max_length,
    "family_name": Client._meta.get_field("family_name").max_length,
    "activities": 1000,
}
MAX_CHARS_OTHER = 100
# NUL (which PostgreSQL cannot store), line breaks and other control characters.
CONTROL_CHARACTER = re.compile(r"[\x00-\x1f\x7f-\x9f]")


class ImportFileError(Exception):
    """The file cannot be read as an import file at all (format, encoding, header)."""


@dataclass(frozen=True)
class RowError:
    line: int
    message: str

    def __str__(self):
        return _("Line %(line)s: %(message)s") % {"line": self.line, "message": self.message}


@dataclass(slots=True)
class ImportRow:
    line: int
    programme: Programme
    provider: Provider
    client_ref: str
    given_name: str
    family_name: str
    date_of_birth: datetime.date
    sex: str
    citizenship: str
    legal_status: LegalStatus
    status_granted_on: datetime.date | None
    municipality: Municipality
    episode_start: datetime.date
    episode_end: datetime.date | None
    end_reason: EndReason | None
    contract: Contract
    visit_date: datetime.date | None = None
    duration_minutes: int | None = None
    activities: list[Activity] = field(default_factory=list)
    visit_contract: Contract | None = None

    @property
    def person(self) -> tuple:
        """The details that must be the same on every row of one person."""
        return (
            self.given_name.casefold(),
            self.family_name.casefold(),
            self.date_of_birth,
            self.sex,
            self.citizenship,
            self.legal_status.pk,
            self.status_granted_on,
        )

    @property
    def name_and_birth(self) -> tuple:
        return (self.given_name.casefold(), self.family_name.casefold(), self.date_of_birth)

    @property
    def episode_details(self) -> tuple:
        """What must be the same on every row of one episode."""
        return (
            self.programme.pk,
            self.provider.pk,
            self.episode_end,
            self.end_reason.pk if self.end_reason else None,
            self.municipality.pk,
        )


# --- Reading -------------------------------------------------------------------------------------


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _records(header, rows) -> Iterator[tuple[int, dict]]:
    """(line, {column: text}) for each row that is not empty, after checking the header."""
    if header is None:
        raise ImportFileError(_("The file is empty."))
    header = [_cell_text(name).lower() for name in header]
    missing = [name for name in COLUMNS if name not in header]
    if missing:
        raise ImportFileError(
            _("Columns missing from the header row: %(columns)s") % {"columns": ", ".join(missing)}
        )
    for line, values in rows:
        record = {
            name: _cell_text(value) for name, value in zip(header, values, strict=False) if name in COLUMNS
        }
        if any(record.values()):  # spreadsheets often end with empty rows
            yield line, {name: record.get(name, "") for name in COLUMNS}


def _csv_records(path: Path) -> Iterator[tuple[int, dict]]:
    with path.open(encoding="utf-8-sig", newline="") as stream:
        reader = csv.reader(stream)
        try:
            header = next(reader, None)
            yield from _records(header, ((reader.line_num, values) for values in reader))
        except UnicodeDecodeError as error:
            raise ImportFileError(_("The CSV file is not in UTF-8.")) from error
        except csv.Error as error:  # a field over the reader's limit, or broken quoting
            raise ImportFileError(
                _(
                    "Line %(line)s cannot be read: a field is longer than %(limit)s characters or its quotes are broken."
                )
                % {"line": reader.line_num, "limit": csv.field_size_limit()}
            ) from error


def _xlsx_records(path: Path) -> Iterator[tuple[int, dict]]:
    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except Exception as error:  # not a zip, not a workbook, broken XML: openpyxl raises many kinds
        raise ImportFileError(_("The file is not a readable XLSX workbook.")) from error
    try:
        rows = workbook.worksheets[0].iter_rows(values_only=True)
        header = next(rows, None)
        yield from _records(header, enumerate(rows, start=2))
    except ImportFileError:
        raise
    except Exception as error:  # a sheet broken further on (read lazily, row by row)
        raise ImportFileError(_("The file is not a readable XLSX workbook.")) from error
    finally:
        workbook.close()


def read_records(path: str | Path) -> Iterator[tuple[int, dict]]:
    """The file's rows as (line number, {column: text}), read as they are consumed; the header row is
    line 1. Refuses a file over IMPORT_MAX_MEGABYTES before reading it."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in (".csv", ".xlsx"):
        raise ImportFileError(_("Import a .csv or .xlsx file."))
    try:
        size = path.stat().st_size
    except OSError as error:
        raise ImportFileError(_("The file cannot be read: %(error)s") % {"error": error.strerror}) from error
    if size > settings.IMPORT_MAX_MEGABYTES * MEGABYTE:
        raise ImportFileError(
            _(
                "The file is %(size)s MB; files up to %(limit)s MB can be imported: split it into several files."
            )
            % {"size": round(size / MEGABYTE, 1), "limit": settings.IMPORT_MAX_MEGABYTES}
        )
    return _csv_records(path) if suffix == ".csv" else _xlsx_records(path)


# --- Checking each row ---------------------------------------------------------------------------


class ReferenceData:
    """Every code an import row may name, loaded once (a few queries for the whole file)."""

    def __init__(self):
        self.programmes = {p.code: p for p in Programme.objects.all()}
        self.providers = {p.code: p for p in Provider.objects.all()}
        self.legal_statuses = {s.code: s for s in LegalStatus.objects.all()}
        self.end_reasons = {r.code: r for r in EndReason.objects.all()}
        self.activities = {a.code: a for a in Activity.objects.all()}
        self.municipalities = {m.code: m for m in Municipality.objects.all()}
        self.contracts = list(Contract.objects.select_related("provider", "programme").order_by("-starts_on"))

    def contract_on(self, provider: Provider, programme: Programme, day: datetime.date) -> Contract | None:
        """The provider's contract for the programme in force on `day` (the latest, if several)."""
        for contract in self.contracts:
            if (
                contract.provider_id == provider.pk
                and contract.programme_id == programme.pk
                and contract.starts_on <= day <= contract.last_day
            ):
                return contract
        return None


class _RowChecker:
    def __init__(self, line: int, record: dict, reference: ReferenceData, today: datetime.date):
        self.line, self.record, self.reference, self.today = line, record, reference, today
        self.errors: list[RowError] = []

    def error(self, message: str) -> None:
        self.errors.append(RowError(self.line, message))

    def text(self, name: str) -> str:
        return self.record[name].strip()

    def code(self, name: str, table: dict, unknown: str):
        """The object the code in column `name` stands for; `unknown` is the message if none."""
        value = self.text(name)
        if not value:
            return None
        if value not in table:
            self.error(unknown % {"code": value})
        return table.get(value)

    def date(self, name: str) -> datetime.date | None:
        value = self.text(name)
        if not value:
            return None
        try:
            if not DATE.fullmatch(value):
                raise ValueError(value)
            day = datetime.date.fromisoformat(value)
        except ValueError:
            self.error(
                _("%(column)s “%(value)s” is not a date YYYY-MM-DD") % {"column": name, "value": value}
            )
            return None
        if day > self.today:
            self.error(_("%(column)s %(value)s is in the future") % {"column": name, "value": value})
            return None
        return day


# Translated only when a row names an unknown code (the check runs for every row of a large file).
UNKNOWN = {
    "programme": gettext_lazy("unknown programme “%(code)s”"),
    "provider": gettext_lazy("unknown provider “%(code)s”"),
    "legal_status": gettext_lazy("unknown legal status “%(code)s”"),
    "municipality": gettext_lazy("unknown municipality “%(code)s”"),
    "end_reason": gettext_lazy("unknown end reason “%(code)s”"),
}


def _text_errors(line: int, record: dict) -> list[RowError]:
    """Values no column may hold: too long, or with a control character such as NUL."""
    errors = []
    for name, value in record.items():
        limit = MAX_CHARS.get(name, MAX_CHARS_OTHER)
        if len(value) > limit:
            errors.append(
                RowError(
                    line, _("%(column)s is longer than %(max)s characters") % {"column": name, "max": limit}
                )
            )
        elif CONTROL_CHARACTER.search(value):
            errors.append(
                RowError(
                    line,
                    _("%(column)s contains a control character (such as NUL or a line break)")
                    % {"column": name},
                )
            )
    return errors


def _check_row(line: int, record: dict, reference: ReferenceData, today: datetime.date):
    """One row → (ImportRow or None, its errors)."""
    text_errors = _text_errors(line, record)
    if text_errors:  # nothing else is read from such a row, nor repeated in a message
        return None, text_errors
    check = _RowChecker(line, record, reference, today)
    for name in REQUIRED:
        if not check.text(name):
            check.error(_("%(column)s is empty") % {"column": name})
    programme = check.code("programme", reference.programmes, UNKNOWN["programme"])
    provider = check.code("provider", reference.providers, UNKNOWN["provider"])
    legal_status = check.code("legal_status", reference.legal_statuses, UNKNOWN["legal_status"])
    municipality = check.code("municipality", reference.municipalities, UNKNOWN["municipality"])
    end_reason = check.code("end_reason", reference.end_reasons, UNKNOWN["end_reason"])
    sex = check.text("sex")
    if sex and sex not in Client.Sex.values:
        check.error(_("unknown sex “%(code)s” (F, M or X)") % {"code": sex})
    citizenship = check.text("citizenship").upper()
    if citizenship and citizenship not in countries:
        check.error(_("unknown country “%(code)s” (ISO 3166-1 alpha-2)") % {"code": citizenship})
    activities = []
    for code in filter(None, (part.strip() for part in check.text("activities").split(";"))):
        if code in reference.activities:
            activities.append(reference.activities[code])
        else:
            check.error(_("unknown activity “%(code)s”") % {"code": code})

    date_of_birth = check.date("date_of_birth")
    status_granted_on = check.date("status_granted_on")
    episode_start = check.date("episode_start")
    episode_end = check.date("episode_end")
    visit_date = check.date("visit_date")
    duration = None
    if check.text("duration_minutes"):
        try:
            duration = int(check.text("duration_minutes"))
        except ValueError:
            duration = 0
        if not 1 <= duration <= Visit.MAX_MINUTES:
            check.error(
                _("duration_minutes must be a whole number from 1 to %(max)s") % {"max": Visit.MAX_MINUTES}
            )
    if end_reason and not check.text("episode_end"):
        check.error(_("an end reason needs an episode_end date"))
    if check.text("episode_end") and not check.text("end_reason"):
        check.error(_("an episode_end date needs an end reason"))
    if not check.text("visit_date") and (check.text("duration_minutes") or check.text("activities")):
        check.error(_("duration_minutes and activities belong to a visit: visit_date is empty"))
    if episode_start and episode_end and episode_end < episode_start:
        check.error(_("episode_end is before episode_start"))
    if date_of_birth and episode_start and episode_start < date_of_birth:
        check.error(_("episode_start is before the date of birth"))
    # Whether the contact may be recorded in its episode (its dates, the time limit, a locked month) is
    # decided with the episode, by the visit services' own check (`visits_import`).

    contract = visit_contract = None
    if provider and programme and episode_start:
        contract = reference.contract_on(provider, programme, episode_start)
        if contract is None:
            check.error(
                _("%(provider)s has no %(programme)s contract in force on %(day)s")
                % {"provider": provider.code, "programme": programme.code, "day": episode_start.isoformat()}
            )
        elif visit_date:
            in_force = contract.starts_on <= visit_date <= contract.last_day
            visit_contract = contract if in_force else reference.contract_on(provider, programme, visit_date)
            if visit_contract is None:
                check.error(
                    _("%(provider)s has no %(programme)s contract in force on %(day)s")
                    % {"provider": provider.code, "programme": programme.code, "day": visit_date.isoformat()}
                )
    if check.errors:
        return None, check.errors
    return (
        ImportRow(
            line=line,
            programme=programme,
            provider=provider,
            client_ref=check.text("client_ref"),
            given_name=check.text("given_name"),
            family_name=check.text("family_name"),
            date_of_birth=date_of_birth,
            sex=sex,
            citizenship=citizenship,
            legal_status=legal_status,
            status_granted_on=status_granted_on,
            municipality=municipality,
            episode_start=episode_start,
            episode_end=episode_end,
            end_reason=end_reason,
            contract=contract,
            visit_date=visit_date,
            duration_minutes=(duration or DEFAULT_DURATION_MINUTES) if visit_date else None,
            activities=activities,
            visit_contract=visit_contract,
        ),
        [],
    )


def check_rows(
    records: Iterable[tuple[int, dict]], *, today: datetime.date
) -> tuple[list[ImportRow], list[RowError], int]:
    """Every row checked on its own (codes, dates, lengths, the contract), as the rows are read:
    the good rows, every error, and how many rows the file has."""
    reference = ReferenceData()
    rows, errors, count = [], [], 0
    for line, record in records:
        count += 1
        row, row_errors = _check_row(line, record, reference, today)
        if row:
            rows.append(row)
        errors.extend(row_errors)
    if not count:
        errors.append(RowError(1, _("The file has no rows under the header.")))
    return rows, errors, count
