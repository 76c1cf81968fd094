"""The CSV and XLSX writers: layout, number formats, and cells a spreadsheet must not run."""

import csv
import datetime
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from reporting.exports import Column, Table, csv_text, spreadsheet_safe, xlsx_bytes
from tests import factories as f


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

    rows = list(csv.reader(io.StringIO(download("csv").decode())))
    [row] = [row for row in rows if "HYPERLINK" in ",".join(row)]
    assert row[1:] == ['\'=HYPERLINK("http://x","y")', "'=1+1", "1"]

    workbook = load_workbook(io.BytesIO(download("xlsx")))
    cells = [cell for sheet in workbook for line in sheet.iter_rows() for cell in line]
    assert not [cell.coordinate for cell in cells if cell.data_type == "f"]
    names = [cell.value for cell in cells if isinstance(cell.value, str) and "HYPERLINK" in cell.value]
    assert names == ['\'=HYPERLINK("http://x","y")']
    assert [cell.value for cell in cells if cell.value in ("'=1+1", "=1+1")] == ["'=1+1"]
