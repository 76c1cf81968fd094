"""Tables as CSV and XLSX, from the same figures the pages show.

A `Table` has stable column codes (the CSV and XLSX header) and rows of plain values. The publication
form of a table suppresses counts from 1 to 4 as "<5" and leaves out money columns (an amount is a
count times a rate, so it would reveal the count).
"""

import csv
import io
from dataclasses import dataclass, field
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from .queries import MonthlyReport

SUPPRESSED = "<5"


@dataclass(frozen=True)
class Column:
    code: str
    kind: str = "count"  # "text", "count" (persons, visits, episodes), "number", "money", "percent"


@dataclass
class Table:
    name: str
    columns: list[Column]
    rows: list[list] = field(default_factory=list)

    @property
    def header(self) -> list[str]:
        return [column.code for column in self.columns]

    def for_publication(self) -> "Table":
        """Counts from 1 to 4 shown as "<5"; money columns left out."""
        keep = [i for i, column in enumerate(self.columns) if column.kind != "money"]
        counts = {i for i, column in enumerate(self.columns) if column.kind == "count"}
        rows = [
            [
                SUPPRESSED if i in counts and isinstance(row[i], int) and 1 <= row[i] <= 4 else row[i]
                for i in keep
            ]
            for row in self.rows
        ]
        return Table(self.name, [self.columns[i] for i in keep], rows)


# A text beginning with one of these is run as a formula by spreadsheet programs (OWASP: CSV injection).
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value):
    """Text a spreadsheet would run as a formula, prefixed with a single quote so that it stays text;
    every other value (numbers, dates, other text) unchanged. Every CSV and XLSX cell passes here."""
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return f"'{value}"
    return value


def _csv_value(value):
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return f"{value:.2f}"
    return spreadsheet_safe(value)


def write_csv(table: Table, stream) -> None:
    writer = csv.writer(stream, lineterminator="\n")
    writer.writerow([_csv_value(code) for code in table.header])
    for row in table.rows:
        writer.writerow([_csv_value(value) for value in row])


def csv_text(table: Table) -> str:
    stream = io.StringIO()
    write_csv(table, stream)
    return stream.getvalue()


NUMBER_FORMATS = {"money": "#,##0.00", "percent": "0.0%", "number": "0.0"}


def add_sheet(workbook: Workbook, table: Table, *, title_rows: list[list] | None = None) -> None:
    """A sheet named after the table: optional title rows, the header in bold, then the rows.

    The workbook is write-only (`xlsx_bytes`): rows are streamed to the file as they are appended, so
    time grows linearly with the rows and memory stays flat; widths and panes are set before the rows.
    """
    sheet = workbook.create_sheet(table.name[:31])
    for i, column in enumerate(table.columns, start=1):
        sheet.column_dimensions[get_column_letter(i)].width = max(10, len(column.code) + 2)
    header_row = len(title_rows) + 2 if title_rows else 1
    sheet.freeze_panes = f"A{header_row + 1}"
    for title_row in title_rows or []:
        sheet.append([spreadsheet_safe(value) for value in title_row])
    if title_rows:
        sheet.append([])
    bold = Font(bold=True)
    sheet.append([_styled(sheet, code, font=bold) for code in table.header])
    formats = [NUMBER_FORMATS.get(column.kind) for column in table.columns]
    for row in table.rows:
        sheet.append(
            [
                _styled(sheet, value, number_format=number_format)
                if number_format and isinstance(value, int | float | Decimal)
                else spreadsheet_safe(value)
                for value, number_format in zip(row, formats, strict=True)
            ]
        )


def _styled(sheet, value, *, font: Font | None = None, number_format: str | None = None) -> WriteOnlyCell:
    cell = WriteOnlyCell(sheet, value=spreadsheet_safe(value))
    if font:
        cell.font = font
    if number_format:
        cell.number_format = number_format
    return cell


def xlsx_bytes(*tables: Table, title_rows: list[list] | None = None) -> bytes:
    workbook = Workbook(write_only=True)
    for table in tables:
        add_sheet(workbook, table, title_rows=title_rows)
    stream = io.BytesIO()
    workbook.save(stream)
    return stream.getvalue()


# --- The tables ----------------------------------------------------------------------------------


def monthly_table(report: MonthlyReport) -> Table:
    """The monthly report: `monthly_report`'s output and the dashboard's export, column for column."""
    columns = [
        Column("programme", "text"),
        Column("provider", "text"),
        Column("month", "text"),
        Column("served"),
        Column("new"),
        Column("active_end"),
        Column("children"),
        Column("visits"),
        Column("contact_minutes", "number"),
        Column("ended"),
        *[Column(f"ended_{reason.code}") for reason in report.end_reasons],
        Column("payable_eur", "money"),
    ]
    rows = []
    for row in report.rows():
        f = row.figures
        rows.append(
            [
                report.programme.code,
                row.provider_code,
                row.month_label,
                f.served,
                f.new,
                f.active_end,
                f.children,
                f.visits,
                f.contact_minutes,
                f.ended,
                *[f.ended_by_reason.get(reason.code, 0) for reason in report.end_reasons],
                f.payable_eur,
            ]
        )
    return Table("monthly", columns, rows)


def contract_months_table(report: MonthlyReport) -> Table:
    """Per contract and month: served, capacity and its use, rate, payable and its split (the payment
    frozen when the month was locked, served and rate included)."""
    sources = report.funding_sources
    columns = [
        Column("programme", "text"),
        Column("provider", "text"),
        Column("contract", "text"),
        Column("month", "text"),
        Column("served"),
        Column("monthly_capacity", "number"),
        Column("capacity_use", "percent"),
        Column("rate_eur", "money"),
        Column("payable_eur", "money"),
        *[Column(f"payable_{source.code}", "money") for source in sources],
    ]
    rows = []
    for figures in report.contract_months:
        contract, payment = figures.contract, figures.payment
        use = figures.capacity_use
        rows.append(
            [
                report.programme.code,
                contract.provider.code,
                contract.number,
                f"{figures.month:%Y-%m}",
                payment.served,
                contract.monthly_capacity,
                None if use is None else round(float(use), 4),
                payment.rate_eur,
                payment.payable_eur,
                *[payment.amount_for(source) for source in sources],
            ]
        )
    return Table("contracts", columns, rows)


def countries_table(report: MonthlyReport) -> Table:
    """Clients served over the period per citizenship (countries of origin)."""
    columns = [
        Column("programme", "text"),
        Column("period", "text"),
        Column("citizenship", "text"),
        Column("served"),
        Column("children"),
        Column("new"),
    ]
    rows = [
        [report.programme.code, report.period.label, c.citizenship, c.served, c.children, c.new]
        for c in report.countries
    ]
    return Table("countries", columns, rows)


def end_reasons_table(report: MonthlyReport) -> Table:
    return Table(
        "end_reasons",
        [
            Column("programme", "text"),
            Column("period", "text"),
            Column("end_reason", "text"),
            Column("ended"),
        ],
        [
            [report.programme.code, report.period.label, reason.code, n]
            for reason, n in report.ended_by_reason()
        ],
    )


def municipalities_table(programme, period, figures) -> Table:
    columns = [
        Column("programme", "text"),
        Column("period", "text"),
        Column("municipality", "text"),
        Column("referrals_filed"),
        Column("referrals_accepted"),
        Column("median_days_to_acceptance", "number"),
        Column("median_days_to_first_visit", "number"),
    ]
    rows = [
        [
            programme.code,
            period.label,
            row.municipality.code,
            row.filed,
            row.accepted,
            row.median_days_to_acceptance,
            row.median_days_to_first_visit,
        ]
        for row in figures
    ]
    return Table("municipalities", columns, rows)


def warnings_table(programme, warnings, under_capacity) -> Table:
    columns = [
        Column("programme", "text"),
        Column("provider", "text"),
        Column("contract", "text"),
        Column("warning", "text"),
        Column("count"),
        Column("months", "text"),
    ]
    rows = []
    for contract, run in under_capacity:
        months = " ".join(f"{f.month:%Y-%m}:{f.served}/{contract.monthly_capacity}" for f in run)
        rows.append(
            [programme.code, contract.provider.code, contract.number, "under_capacity", len(run), months]
        )
    for warning in warnings:
        for code in ("referrals_waiting", "past_limit", "no_contact"):
            if getattr(warning, code):
                rows.append([programme.code, warning.provider.code, "", code, getattr(warning, code), ""])
    return Table("warnings", columns, rows)


def press_table(press) -> Table:
    # Every value is a count of persons except the average, which is never suppressed (not an int).
    columns = [Column("programme", "text"), Column("figure", "text"), Column("value")]
    rows = [
        ["clients_since_start", press.clients_since_start],
        ["children_since_start", press.children_since_start],
        ["countries", press.countries],
        *[[f"country_{code}", n] for code, n in press.top_countries],
        [f"first_time_{press.year}", press.first_time_this_year],
        [f"left_latvia_{press.year}", press.left_latvia_this_year],
        [f"average_served_per_month_{press.year}", press.average_served_per_month],
    ]
    return Table("press", columns, [[press.programme.code, *row] for row in rows])


def statement_table(statement, *, with_names: bool) -> Table:
    """The clients of a payment statement: client number (names only for the provider's own staff)."""
    columns = [Column("client_number", "text")]
    if with_names:
        columns += [Column("given_name", "text"), Column("family_name", "text")]
    columns.append(Column("contacts"))
    rows = []
    for row in statement.clients:
        names = [row["client__given_name"], row["client__family_name"]] if with_names else []
        rows.append([row["number"], *names, row["contacts"]])
    return Table("statement", columns, rows)


def payment_table(statement) -> Table:
    """The payment of a statement: served × rate, the split by funding source, the month's status."""
    contract = statement.contract
    columns = [
        Column("contract", "text"),
        Column("provider", "text"),
        Column("programme", "text"),
        Column("month", "text"),
        Column("served"),
        Column("rate_eur", "money"),
        Column("payable_eur", "money"),
        *[Column(f"payable_{source.code}", "money") for source, _amount in statement.split],
        Column("status", "text"),
    ]
    row = [
        contract.number,
        contract.provider.code,
        contract.programme.code,
        f"{statement.month:%Y-%m}",
        statement.served,
        statement.rate_eur,
        statement.payable_eur,
        *[amount for _source, amount in statement.split],
        statement.status,
    ]
    return Table("payment", columns, [row])
