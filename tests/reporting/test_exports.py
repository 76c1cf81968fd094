"""The CSV and XLSX writers: layout, number formats, and cells a spreadsheet must not run."""

import io
from decimal import Decimal

from openpyxl import load_workbook

from reporting.exports import Column, Table, xlsx_bytes


def _table() -> Table:
    columns = [
        Column("provider", "text"),
        Column("served"),
        Column("contact_minutes", "number"),
        Column("payable_eur", "money"),
        Column("capacity_use", "percent"),
    ]
    rows = [["LSK", 69, 90.0, Decimal("4140.00"), 0.69], ["CARITAS", 0, 0.0, Decimal("0.00"), None]]
    return Table("contracts", columns, rows)


def test_xlsx_layout_title_rows_bold_header_formats_widths_and_frozen_header():
    content = xlsx_bytes(_table(), title_rows=[["Statement", "SIF/2016/AS-01"], ["Month", "2017-04"]])
    sheet = load_workbook(io.BytesIO(content))["contracts"]
    assert list(sheet.iter_rows(values_only=True)) == [
        ("Statement", "SIF/2016/AS-01", None, None, None),
        ("Month", "2017-04", None, None, None),
        (None, None, None, None, None),
        ("provider", "served", "contact_minutes", "payable_eur", "capacity_use"),
        ("LSK", 69, 90, 4140, 0.69),
        ("CARITAS", 0, 0, 0, None),
    ]
    assert all(cell.font.b for cell in sheet[4])
    assert not any(cell.font.b for cell in sheet[5])
    assert [cell.number_format for cell in sheet[5]] == ["General", "General", "0.0", "#,##0.00", "0.0%"]
    assert sheet.freeze_panes == "A5"
    assert sheet.column_dimensions["C"].width == len("contact_minutes") + 2
    assert sheet.column_dimensions["B"].width == 10


def test_xlsx_without_title_rows_freezes_below_the_header():
    sheet = load_workbook(io.BytesIO(xlsx_bytes(_table())))["contracts"]
    assert next(sheet.iter_rows(values_only=True))[0] == "provider"
    assert sheet.freeze_panes == "A2"
