"""Tables as CSV and XLSX, from the same figures the pages show.

A `Table` has columns with a stable code and a label, and rows of plain values. A download for people
is in the language of the person downloading it: the labels as the header, end reasons, warnings and
statuses by their names (`Column.show`), the CSV as Excel opens it with Latvian regional settings
(UTF-8 with a byte-order mark, `;` between values, a decimal comma). The machine form — the codes as the
header, the values as they are, `,` between them — is `manage.py monthly_report`'s output, an interface
for scripts. The publication form of a table (`for_publication`) passes every count of persons through
`reporting.disclosure.suppress_persons` and leaves out money columns.
"""

from .formats import (
    BOLD,
    BYTE_ORDER_MARK,
    EXCEL_SEPARATOR,
    FORMULA_TRIGGERS,
    NUMBER_FORMATS,
    NUMERIC_KINDS,
    SHEET_TITLE_FORBIDDEN,
    Column,
    Table,
    add_sheet,
    column_widths,
    csv_text,
    excel_csv_bytes,
    spreadsheet_safe,
    write_csv,
    xlsx_bytes,
)
from .tables import (
    contract_months_table,
    countries_table,
    end_reasons_table,
    monthly_table,
    municipalities_table,
    payment_table,
    press_table,
    signature_rows,
    statement_table,
    warnings_table,
)

__all__ = [
    "BOLD",
    "BYTE_ORDER_MARK",
    "Column",
    "EXCEL_SEPARATOR",
    "FORMULA_TRIGGERS",
    "NUMBER_FORMATS",
    "NUMERIC_KINDS",
    "SHEET_TITLE_FORBIDDEN",
    "Table",
    "add_sheet",
    "column_widths",
    "contract_months_table",
    "countries_table",
    "csv_text",
    "end_reasons_table",
    "excel_csv_bytes",
    "monthly_table",
    "municipalities_table",
    "payment_table",
    "press_table",
    "signature_rows",
    "spreadsheet_safe",
    "statement_table",
    "warnings_table",
    "write_csv",
    "xlsx_bytes",
]
