"""Reading the downloads as a person's spreadsheet program does: the CSV as Excel with Latvian regional
settings (UTF-8 with a byte-order mark, `;` between values), the XLSX with openpyxl; headers by their
label in the language asked for."""

import csv
import io

from django.utils import translation
from django.utils.translation import gettext
from openpyxl import load_workbook

BOM = "\ufeff".encode()


def label(text: str, language: str = "lv", **values) -> str:
    """A source string (a column label) as it reads in `language`."""
    with translation.override(language):
        translated = gettext(text)
    return translated % values if values else translated


def csv_rows(content: bytes) -> list[list[str]]:
    assert content.startswith(BOM), "a CSV for Excel starts with the UTF-8 byte-order mark"
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))


def csv_dicts(content: bytes) -> list[dict[str, str]]:
    header, *rows = csv_rows(content)
    return [dict(zip(header, row, strict=True)) for row in rows]


def workbook(content: bytes):
    return load_workbook(io.BytesIO(content))


def sheet_dicts(rows: list[tuple], first_header: str) -> list[dict]:
    """The rows below the header row (the first row starting with `first_header`) as dicts."""
    start = next(i for i, row in enumerate(rows) if row and row[0] == first_header)
    header = rows[start]
    body = []
    for row in rows[start + 1 :]:
        if not any(value is not None for value in row):
            break
        body.append(dict(zip(header, row, strict=True)))
    return body
