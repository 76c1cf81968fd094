"""Tables as CSV and XLSX, from the same figures the pages show.

A `Table` has columns with a stable code and a label, and rows of plain values. A download for people
is in the language of the person downloading it: the labels as the header, end reasons, warnings and
statuses by their names (`Column.show`), the CSV as Excel opens it with Latvian regional settings
(UTF-8 with a byte-order mark, `;` between values, a decimal comma). The machine form — the codes as the
header, the values as they are, `,` between them — is `manage.py monthly_report`'s output, an interface
for scripts. The publication form of a table (`for_publication`) passes every count of persons through
`reporting.disclosure.suppress_persons` and leaves out money columns.
"""

import csv
import io
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_countries import countries as country_names
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from mentors.models import ContractMonth

from .disclosure import SUPPRESSED, suppress_persons
from .queries import ALL, MonthlyReport

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


# --- The tables ----------------------------------------------------------------------------------

# Columns several tables share: a code has one label and one kind in every table.
PROGRAMME = Column("programme", "text", gettext_lazy("Programme"))
PROVIDER = Column("provider", "text", gettext_lazy("Provider"))
CONTRACT = Column("contract", "text", gettext_lazy("Contract"))
MONTH = Column("month", "text", gettext_lazy("Month"))
PERIOD = Column("period", "text", gettext_lazy("Period"))
SERVED = Column("served", "persons", gettext_lazy("Served"))
ENDED = Column("ended", "persons", gettext_lazy("Ended"))
MONTHLY_CAPACITY = Column("monthly_capacity", "number", gettext_lazy("Monthly capacity"))
RATE = Column("rate_eur", "money", gettext_lazy("Rate per client-month, EUR excl. VAT"))
PAYABLE = Column("payable_eur", "money", gettext_lazy("Payable, EUR"))


def _provider_name(code: str) -> str:
    return _("All providers") if code == ALL else code


def _country_name(code: str) -> str:
    return str(country_names.name(code)) if code else _("not recorded")


def monthly_table(report: MonthlyReport) -> Table:
    """The monthly report: `monthly_report`'s output and the dashboard's export, column for column."""
    columns = [
        PROGRAMME,
        replace(PROVIDER, show=_provider_name),
        MONTH,
        SERVED,
        Column("new", "persons", gettext_lazy("New")),
        Column("active_end", "persons", gettext_lazy("Active at month end")),
        Column("children", "persons", gettext_lazy("Children")),
        Column("visits", "count", gettext_lazy("Visits"), reveals="served"),
        Column("contact_minutes", "number", gettext_lazy("Contact minutes")),
        ENDED,
        *[
            Column(f"ended_{reason.code}", "persons", _("Ended: %(reason)s") % {"reason": reason.name})
            for reason in report.end_reasons
        ],
        PAYABLE,
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
    return Table("monthly", columns, rows, gettext_lazy("Monthly figures"))


def _payable_columns(sources) -> list[Column]:
    return [
        Column(f"payable_{source.code}", "money", _("Payable, EUR: %(source)s") % {"source": source.name})
        for source in sources
    ]


def contract_months_table(report: MonthlyReport) -> Table:
    """Per contract and month: served, capacity and its use, rate, payable and its split (the payment
    frozen when the month was locked, served and rate included)."""
    sources = report.funding_sources
    columns = [
        PROGRAMME,
        PROVIDER,
        CONTRACT,
        MONTH,
        SERVED,
        MONTHLY_CAPACITY,
        Column("capacity_use", "percent", gettext_lazy("Capacity use"), reveals="served"),
        RATE,
        PAYABLE,
        *_payable_columns(sources),
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
    return Table("contracts", columns, rows, gettext_lazy("Contracts"))


def countries_table(report: MonthlyReport) -> Table:
    """Clients served over the period per citizenship (countries of origin)."""
    columns = [
        PROGRAMME,
        PERIOD,
        Column("citizenship", "text", gettext_lazy("Citizenship"), show=_country_name),
        SERVED,
        Column("children", "persons", gettext_lazy("Children")),
        Column("new", "persons", gettext_lazy("New")),
    ]
    rows = [
        [report.programme.code, report.period.label, c.citizenship, c.served, c.children, c.new]
        for c in report.countries
    ]
    return Table("countries", columns, rows, gettext_lazy("Countries"))


def end_reasons_table(report: MonthlyReport) -> Table:
    names = {reason.code: reason.name for reason in report.end_reasons}
    return Table(
        "end_reasons",
        [
            PROGRAMME,
            PERIOD,
            Column("end_reason", "text", gettext_lazy("End reason"), show=names.get),
            ENDED,
        ],
        [
            [report.programme.code, report.period.label, reason.code, n]
            for reason, n in report.ended_by_reason()
        ],
        gettext_lazy("End reasons"),
    )


def municipalities_table(programme, period, figures) -> Table:
    names = {row.municipality.code: row.municipality.name for row in figures}
    columns = [
        PROGRAMME,
        PERIOD,
        Column("municipality", "text", gettext_lazy("Municipality"), show=names.get),
        Column("referrals_filed", "persons", gettext_lazy("Referrals filed")),
        Column("referrals_accepted", "persons", gettext_lazy("Referrals accepted")),
        Column("median_days_to_acceptance", "number", gettext_lazy("Median days to acceptance")),
        Column("median_days_to_first_visit", "number", gettext_lazy("Median days to the first visit")),
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
    return Table("municipalities", columns, rows, gettext_lazy("Municipalities"))


WARNINGS = {
    "under_capacity": gettext_lazy("Served under 80 percent of the capacity"),
    "referrals_waiting": gettext_lazy("Referrals waiting too long"),
    "past_limit": gettext_lazy("Open episodes past their time limit"),
    "no_contact": gettext_lazy("Clients with no contact"),
}


def _warning_name(code: str) -> str:
    return str(WARNINGS.get(code, code))


def warnings_table(programme, warnings, under_capacity) -> Table:
    """One row per warning: a month of a run under capacity (served and the capacity), or a provider's
    referrals waiting, episodes past their limit, clients with no contact (how many persons)."""
    columns = [
        PROGRAMME,
        PROVIDER,
        CONTRACT,
        Column("warning", "text", gettext_lazy("Warning"), show=_warning_name),
        MONTH,
        Column("persons", "persons", gettext_lazy("Persons")),
        MONTHLY_CAPACITY,
    ]
    rows = []
    for contract, run in under_capacity:
        for figures in run:
            rows.append(
                [
                    programme.code,
                    contract.provider.code,
                    contract.number,
                    "under_capacity",
                    f"{figures.month:%Y-%m}",
                    figures.served,
                    contract.monthly_capacity,
                ]
            )
    for warning in warnings:
        for code in ("referrals_waiting", "past_limit", "no_contact"):
            if getattr(warning, code):
                rows.append(
                    [programme.code, warning.provider.code, "", code, "", getattr(warning, code), None]
                )
    return Table("warnings", columns, rows, gettext_lazy("Early warnings"))


def press_table(press) -> Table:
    """The press figures: counts of persons in one column (suppressed for publication), the other
    numbers (the number of countries, the average per month) in another."""
    year = press.year

    def figure_name(code: str) -> str:
        if code.startswith("country_"):
            return _("Served, citizens of %(country)s") % {
                "country": _country_name(code.removeprefix("country_"))
            }
        return str(
            {
                "clients_since_start": _("Clients since the start"),
                "children_since_start": _("Children since the start"),
                "countries": _("Countries of origin"),
                f"first_time_{year}": _("First-time clients in %(year)s") % {"year": year},
                f"left_latvia_{year}": _("Services ended because the person left Latvia, %(year)s")
                % {"year": year},
                f"average_served_per_month_{year}": _("Average served per month, %(year)s") % {"year": year},
            }.get(code, code)
        )

    columns = [
        PROGRAMME,
        Column("figure", "text", gettext_lazy("Figure"), show=figure_name),
        Column("persons", "persons", gettext_lazy("Persons")),
        Column("number", "number", gettext_lazy("Number")),
    ]
    rows = [
        ["clients_since_start", press.clients_since_start, None],
        ["children_since_start", press.children_since_start, None],
        ["countries", None, press.countries],
        *[[f"country_{code}", n, None] for code, n in press.top_countries],
        [f"first_time_{year}", press.first_time_this_year, None],
        [f"left_latvia_{year}", press.left_latvia_this_year, None],
        [f"average_served_per_month_{year}", None, press.average_served_per_month],
    ]
    return Table(
        "press", columns, [[press.programme.code, *row] for row in rows], gettext_lazy("Press figures")
    )


def statement_table(statement, *, with_names: bool) -> Table:
    """The clients of a payment statement: client number (names only for the provider's own staff)."""
    columns = [Column("client_number", "text", gettext_lazy("Client number"))]
    if with_names:
        columns += [
            Column("given_name", "text", gettext_lazy("Given name")),
            Column("family_name", "text", gettext_lazy("Family name")),
        ]
    columns.append(Column("contacts", "count", gettext_lazy("Contacts")))
    rows = []
    for row in statement.clients:
        names = [row["client__given_name"], row["client__family_name"]] if with_names else []
        rows.append([row["number"], *names, row["contacts"]])
    return Table("statement", columns, rows, gettext_lazy("Clients served"))


def _status_name(code: str) -> str:
    return str(ContractMonth.Status(code).label)


def payment_table(statement) -> Table:
    """The payment of a statement: served × rate, the split by funding source, the month's status."""
    contract = statement.contract
    columns = [
        CONTRACT,
        PROVIDER,
        PROGRAMME,
        MONTH,
        Column("served", "persons", gettext_lazy("Clients served")),
        RATE,
        PAYABLE,
        *_payable_columns([source for source, _amount in statement.split]),
        Column("status", "text", gettext_lazy("Status"), show=_status_name),
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
    return Table("payment", columns, [row], gettext_lazy("Payment"))


def signature_rows(statement) -> list[list]:
    """The approval lines of a paper statement: who prepared it and who approved it, each with a
    name, a date and a signature (the fund's approver and date filled in once the month is locked)."""
    approved = statement.approval
    return [
        [_("Prepared by (provider)"), _("Name, surname"), "", _("Date"), "", _("Signature"), ""],
        [
            _("Approved by (the fund)"),
            _("Name, surname"),
            approved.by_name if approved else "",
            _("Date"),
            approved.on if approved else "",
            _("Signature"),
            "",
        ],
    ]
