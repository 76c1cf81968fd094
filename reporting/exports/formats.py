"""Tables (`Column`, `Table`) and how they are written: CSV for scripts, CSV as Excel opens it with
Latvian regional settings, XLSX in openpyxl's write-only mode (see the package's docstring)."""

import csv
import io
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from ..disclosure import SUPPRESSED, suppress_persons

# Column kinds: "text"; "persons" (a count of persons: suppressed for publication); "count" (visits and
# other counts that are not persons); "number"; "money" (left out for publication); "percent".
NUMERIC_KINDS = ("persons", "count", "number", "money", "percent")


@dataclass(frozen=True)
class Column:
    code: str
    kind: str = "persons"
    label: str = ""
    # People read this value as shown(value) (an end reason's name for its code); machines the value.
    show: Callable | None = None
    # The persons column whose count this figure would give away (suppressed together for publication).
    reveals: str | None = None

    @property
    def title(self) -> str:
        return str(self.label or self.code)


@dataclass
class Table:
    """`name`: the machine sheet name; `label`: the sheet name people read (at most 31 characters)."""

    name: str
    columns: list[Column]
    rows: list[list] = field(default_factory=list)
    label: str = ""

    @property
    def header(self) -> list[str]:
        """The machine header: the columns' codes."""
        return [column.code for column in self.columns]

    @property
    def labels(self) -> list[str]:
        """The header people read: the columns' labels in the active language."""
        return [column.title for column in self.columns]

    @property
    def title(self) -> str:
        return str(self.label or self.name)

    def rows_for_people(self):
        """The rows with each value as people read it (names for codes); a generator (large tables)."""
        shows = [column.show for column in self.columns]
        for row in self.rows:
            yield [
                show(value) if show and value is not None else value
                for value, show in zip(row, shows, strict=True)
            ]

    def for_publication(self) -> "Table":
        """Every count of persons through `suppress_persons`, with the figures that would give it away;
        money columns left out."""
        keep = [i for i, column in enumerate(self.columns) if column.kind != "money"]
        index = {column.code: i for i, column in enumerate(self.columns)}
        persons = {i for i, column in enumerate(self.columns) if column.kind == "persons"}
        reveals = {
            i: index[column.reveals] for i, column in enumerate(self.columns) if column.reveals in index
        }
        rows = []
        for row in self.rows:
            shown = [suppress_persons(value) if i in persons else value for i, value in enumerate(row)]
            for i, source in reveals.items():
                if shown[source] == SUPPRESSED and row[i] not in (None, 0):
                    shown[i] = SUPPRESSED
            rows.append([shown[i] for i in keep])
        return Table(self.name, [self.columns[i] for i in keep], rows, self.label)


# A text beginning with one of these is run as a formula by spreadsheet programs (OWASP: CSV injection).
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value):
    """Text a spreadsheet would run as a formula, prefixed with a single quote so that it stays text;
    every other value (numbers, dates, other text) unchanged. Every CSV and XLSX cell passes here."""
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return f"'{value}"
    return value


# --- CSV -----------------------------------------------------------------------------------------


def _csv_value(value):
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return f"{value:.2f}"
    return spreadsheet_safe(value)


def write_csv(table: Table, stream) -> None:
    """The machine CSV: codes as the header, `,` between values, a decimal point."""
    writer = csv.writer(stream, lineterminator="\n")
    writer.writerow([_csv_value(code) for code in table.header])
    for row in table.rows:
        writer.writerow([_csv_value(value) for value in row])


def csv_text(table: Table) -> str:
    stream = io.StringIO()
    write_csv(table, stream)
    return stream.getvalue()


EXCEL_SEPARATOR = ";"
BYTE_ORDER_MARK = "\ufeff"


def _excel_value(value, kind: str):
    """A value as Excel with Latvian (Ukrainian, Russian) regional settings reads it: a decimal comma,
    no thousands separator (it would make the number text), a percentage with its sign."""
    if value is None:
        return ""
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
        return spreadsheet_safe(value)
    if kind == "percent":
        return f"{value * 100:.1f}%".replace(".", ",")
    if isinstance(value, Decimal):
        return f"{value:.2f}".replace(".", ",")
    return str(value).replace(".", ",")


def excel_csv_bytes(table: Table) -> bytes:
    """The CSV for people: the labels as the header, names for codes, UTF-8 with a byte-order mark and
    `;` between values, so that Excel opens it in columns with Latvian regional settings."""
    stream = io.StringIO()
    stream.write(BYTE_ORDER_MARK)
    writer = csv.writer(stream, delimiter=EXCEL_SEPARATOR, lineterminator="\r\n")
    writer.writerow([spreadsheet_safe(label) for label in table.labels])
    kinds = [column.kind for column in table.columns]
    for row in table.rows_for_people():
        writer.writerow([_excel_value(value, kind) for value, kind in zip(row, kinds, strict=True)])
    return stream.getvalue().encode("utf-8")


# --- XLSX ----------------------------------------------------------------------------------------

NUMBER_FORMATS = {
    "persons": "#,##0",
    "count": "#,##0",
    "money": "#,##0.00",
    "percent": "0.0%",
    "number": "#,##0.0",
}
NARROWEST, WIDEST = 8, 50


def _width(value) -> int:
    if value is None:
        return 0
    if isinstance(value, Decimal | float):
        return len(f"{value:,.2f}")
    return max(len(line) for line in str(value).split("\n")) if str(value) else 0


def column_widths(headers: list[str], rows: list[list]) -> list[int]:
    """Each column as wide as its longest value or header (within NARROWEST and WIDEST characters)."""
    widths = [_width(header) for header in headers]
    for row in rows:
        for i, value in enumerate(row):
            widths[i] = max(widths[i], _width(value))
    return [min(WIDEST, max(NARROWEST, width + 2)) for width in widths]


def add_sheet(
    workbook: Workbook,
    table: Table,
    *,
    title_rows: list[list] | None = None,
    footer_rows: list[list] | None = None,
    machine: bool = False,
) -> None:
    """A sheet: optional title rows, the header in bold (frozen), the rows with number formats by
    column kind, then optional footer rows (the signature lines of a statement).

    The workbook is write-only (`xlsx_bytes`): rows are streamed to the file as they are appended, so
    time grows linearly with the rows and memory stays flat; widths and panes are set before the rows
    (the widths from one pass over the rows, which are in memory already).
    """
    header = table.header if machine else table.labels
    rows = table.rows if machine else list(table.rows_for_people())
    sheet = workbook.create_sheet(_sheet_title(table.name if machine else table.title))
    for i, width in enumerate(column_widths(header, rows), start=1):
        sheet.column_dimensions[get_column_letter(i)].width = width
    header_row = len(title_rows) + 2 if title_rows else 1
    sheet.freeze_panes = f"A{header_row + 1}"
    for title_row in title_rows or []:
        sheet.append(
            [
                _styled(sheet, value, font=BOLD) if i == 0 else spreadsheet_safe(value)
                for i, value in enumerate(title_row)
            ]
        )
    if title_rows:
        sheet.append([])
    sheet.append([_styled(sheet, code, font=BOLD) for code in header])
    formats = [NUMBER_FORMATS.get(column.kind) for column in table.columns]
    for row in rows:
        sheet.append(
            [
                _styled(sheet, value, number_format=number_format)
                if number_format and isinstance(value, int | float | Decimal)
                else spreadsheet_safe(value)
                for value, number_format in zip(row, formats, strict=True)
            ]
        )
    if footer_rows:
        sheet.append([])
        for footer_row in footer_rows:
            sheet.append([spreadsheet_safe(value) for value in footer_row])


BOLD = Font(bold=True)
SHEET_TITLE_FORBIDDEN = str.maketrans({c: " " for c in "[]:*?/\\"})


def _sheet_title(title: str) -> str:
    return title.translate(SHEET_TITLE_FORBIDDEN).strip()[:31]


def _styled(sheet, value, *, font: Font | None = None, number_format: str | None = None) -> WriteOnlyCell:
    cell = WriteOnlyCell(sheet, value=spreadsheet_safe(value))
    if font:
        cell.font = font
    if number_format:
        cell.number_format = number_format
    return cell


def xlsx_bytes(
    *tables: Table,
    title_rows: list[list] | None = None,
    footer_rows: list[list] | None = None,
    machine: bool = False,
) -> bytes:
    """A workbook of one sheet per table, for people (labels, names) unless `machine` (codes, as
    `monthly_report` writes it). The footer rows go below the last table."""
    workbook = Workbook(write_only=True)
    for i, table in enumerate(tables):
        last = i == len(tables) - 1
        add_sheet(
            workbook, table, title_rows=title_rows, footer_rows=footer_rows if last else None, machine=machine
        )
    stream = io.BytesIO()
    workbook.save(stream)
    return stream.getvalue()
