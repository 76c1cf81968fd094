"""The CSV and XLSX writers: layout, number formats, and cells a spreadsheet must not run."""

import datetime
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from reporting.disclosure import suppress_persons
from reporting.exports import Column, Table, csv_text, excel_csv_bytes, spreadsheet_safe, xlsx_bytes
from tests import factories as f
from tests.reporting.spreadsheets import csv_rows


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
    assert [cell.number_format for cell in sheet[5]] == ["General", "#,##0", "#,##0.0", "#,##0.00", "0.0%"]
    assert sheet.freeze_panes == "A5"
    # As wide as the longest header or value, at least 8 characters.
    assert sheet.column_dimensions["C"].width == len("contact_minutes") + 2
    assert sheet.column_dimensions["A"].width == len("provider") + 2
    assert sheet.column_dimensions["B"].width == 8


def test_xlsx_without_title_rows_freezes_below_the_header():
    sheet = load_workbook(io.BytesIO(xlsx_bytes(_table())))["contracts"]
    assert next(sheet.iter_rows(values_only=True))[0] == "provider"
    assert sheet.freeze_panes == "A2"


def test_cells_a_spreadsheet_would_run_are_neutralised_numbers_stay_numbers():
    texts = ["=1+1", "+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1"]
    assert [spreadsheet_safe(text) for text in texts] == [f"'{text}" for text in texts]
    for harmless in ("Olena", "<5", "2024-03", "", "a=b", None, -5, -2.5, Decimal("-1.00"), 0):
        assert spreadsheet_safe(harmless) == harmless

    table = Table("clients", [Column("name", "text"), Column("balance", "money")], [["-x", -3]])
    title_rows = [["Provider", '=HYPERLINK("http://x","y")']]
    sheet = load_workbook(io.BytesIO(xlsx_bytes(table, title_rows=title_rows)))["clients"]
    assert sheet["B1"].value == '\'=HYPERLINK("http://x","y")'
    assert (sheet["A4"].value, sheet["B4"].value) == ("'-x", -3)
    assert csv_text(table) == "name,balance\n'-x,-3\n"


@pytest.mark.django_db
def test_names_that_are_formulas_reach_the_statement_as_text(client, provider_x):
    """A client named like a formula (the forms and the import accept any name) is text in both files."""
    person = f.ClientFactory(given_name='=HYPERLINK("http://x","y")', family_name="=1+1")
    episode = f.EpisodeFactory(
        client=person, contract=provider_x.contract, started_on=datetime.date(2024, 3, 1)
    )
    f.VisitFactory(episode=episode, visited_on=datetime.date(2024, 3, 4))
    client.force_login(provider_x.coordinator.user)

    def download(fmt):
        url = reverse("reporting:statement_export", args=[provider_x.contract.pk, "2024-03", fmt])
        response = client.get(url)
        assert response.status_code == 200
        return response.content

    rows = csv_rows(download("csv"))
    [row] = [row for row in rows if "HYPERLINK" in ";".join(row)]
    assert row[1:] == ['\'=HYPERLINK("http://x","y")', "'=1+1", "1"]

    workbook = load_workbook(io.BytesIO(download("xlsx")))
    cells = [cell for sheet in workbook for line in sheet.iter_rows() for cell in line]
    assert not [cell.coordinate for cell in cells if cell.data_type == "f"]
    names = [cell.value for cell in cells if isinstance(cell.value, str) and "HYPERLINK" in cell.value]
    assert names == ['\'=HYPERLINK("http://x","y")']
    assert [cell.value for cell in cells if cell.value in ("'=1+1", "=1+1")] == ["'=1+1"]


def test_csv_for_excel_byte_order_mark_semicolons_decimal_comma_and_names_for_codes():
    table = Table(
        "contracts",
        [
            Column(
                "provider", "text", "Provider", show=lambda code: {"ALL": "All providers"}.get(code, code)
            ),
            Column("served", "persons", "Served"),
            Column("payable_eur", "money", "Payable, EUR"),
            Column("capacity_use", "percent", "Capacity use"),
            Column("note", "text", "Note"),
        ],
        [["ALL", 1234, Decimal("4140.50"), 0.6875, "=1+1; a"], ["LSK", 0, None, None, ""]],
    )
    content = excel_csv_bytes(table)
    assert content.startswith("\ufeff".encode())
    assert content.decode("utf-8-sig").split("\r\n") == [
        "Provider;Served;Payable, EUR;Capacity use;Note",
        'All providers;1234;4140,50;68,8%;"\'=1+1; a"',
        "LSK;0;;;",
        "",
    ]
    assert csv_rows(content)[1] == ["All providers", "1234", "4140,50", "68,8%", "'=1+1; a"]
    # The machine CSV keeps the codes.
    assert csv_text(table).splitlines()[:2] == [
        "provider,served,payable_eur,capacity_use,note",
        "ALL,1234,4140.50,0.6875,'=1+1; a",
    ]


def test_one_suppression_rule_counts_of_persons_and_what_gives_them_away():
    assert [suppress_persons(n) for n in (0, 1, 4, 5, 150, None, 2.5, True)] == [
        0,
        "<5",
        "<5",
        5,
        150,
        None,
        2.5,
        True,
    ]
    table = Table(
        "t",
        [
            Column("provider", "text"),
            Column("served", "persons"),
            Column("visits", "count", reveals="served"),
            Column("countries", "number"),
            Column("capacity_use", "percent", reveals="served"),
            Column("payable_eur", "money"),
        ],
        [
            ["A", 3, 4, 2, 0.02, Decimal("150.00")],
            ["B", 0, 0, 3, 0.0, Decimal("0.00")],
            ["C", 7, 3, 1, 0.05, None],
        ],
    )
    assert table.for_publication().rows == [
        ["A", "<5", "<5", 2, "<5"],
        ["B", 0, 0, 3, 0.0],
        ["C", 7, 3, 1, 0.05],
    ]
