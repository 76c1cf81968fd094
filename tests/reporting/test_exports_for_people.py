"""Every download as the person downloading it opens it: headers, end reasons, warnings and statuses
in their language (Latvian by default, Ukrainian here too), the CSV as Excel reads it (a byte-order
mark, `;`), the statement with its approval and signature lines; and the publication files with no
count of 1 to 4 persons anywhere (issue 12)."""

import datetime
import re

import pytest
from django.urls import reverse

from cases.models import EndReason, Episode
from mentors.services import contract_month_lock
from tests import factories as f
from tests.reporting.spreadsheets import csv_rows, label, workbook

D = datetime.date
QUERY = {"programme": "UA-MENTOR", "start": "2024-03", "end": "2024-04"}
DASHBOARD_TABLES = ("monthly", "contracts", "countries", "end_reasons", "municipalities", "warnings")
MACHINE_CODE = re.compile(r"^[a-z]+(_[a-z0-9]+)+$")  # active_end, payable_STATE is caught below too


@pytest.fixture
def small_numbers(provider_x):
    """Two persons served in March, three in April (one of them left Latvia in April), a referral
    waiting since March: every count of persons from 1 to 4, and an under-capacity run (2/150, 3/150)."""
    contract = provider_x.contract
    for n, months in enumerate(((3,), (3, 4), (4,), (4,))):
        episode = f.EpisodeFactory(contract=contract, started_on=D(2024, 3, 1))
        for month in months:
            f.VisitFactory(episode=episode, visited_on=D(2024, month, 2 + n))
    f.EpisodeFactory(
        contract=contract,
        started_on=D(2024, 3, 1),
        status=Episode.Status.ENDED,
        ended_on=D(2024, 4, 20),
        end_reason=EndReason.objects.get(code="left_country"),
    )
    zone = datetime.UTC
    f.ReferralFactory(contract=contract, submitted_at=datetime.datetime(2024, 3, 1, 9, tzinfo=zone))
    return provider_x


def _in(client, user, language):
    client.force_login(user)
    client.cookies["atbalsts_language"] = language
    return client


def _sheets(content) -> dict[str, list[tuple]]:
    return {sheet.title: list(sheet.iter_rows(values_only=True)) for sheet in workbook(content)}


@pytest.mark.parametrize("language", ["lv", "uk"])
def test_every_dashboard_table_is_in_the_readers_language(client, fund, small_numbers, language):
    _in(client, fund, language)
    for table in DASHBOARD_TABLES:
        csv_response = client.get(reverse("reporting:export", args=[table, "csv"]), QUERY)
        assert csv_response["Content-Type"] == "text/csv; charset=utf-8"
        header, *rows = csv_rows(csv_response.content)
        assert rows and all(len(row) == len(header) for row in rows), table
        assert header[0] == label("Programme", language)
        assert not [name for name in header if MACHINE_CODE.match(name) or "_" in name], (table, header)
        sheets = _sheets(client.get(reverse("reporting:export", args=[table, "xlsx"]), QUERY).content)
        [(title, sheet)] = sheets.items()
        assert list(sheet[0]) == header
        assert not MACHINE_CODE.match(title)

    every = _sheets(client.get(reverse("reporting:export", args=["all", "xlsx"]), QUERY).content)
    monthly = every[label("Monthly figures", language)]
    for name in ("Provider", "Month", "Served", "New", "Active at month end", "Children", "Visits"):
        assert label(name, language) in monthly[0]
    left_country = EndReason.objects.get(code="left_country")
    assert (
        label("Ended: %(reason)s", language, reason=getattr(left_country, f"name_{language}")) in monthly[0]
    )
    assert label("All providers", language) in [row[1] for row in monthly]
    end_reasons = every[label("End reasons", language)]
    assert (getattr(left_country, f"name_{language}"), 1) in [row[2:] for row in end_reasons]
    warnings = {row[3] for row in every[label("Early warnings", language)][1:]}
    assert {
        label("Served under 80 percent of the capacity", language),
        label("Referrals waiting too long", language),
        label("Open episodes past their time limit", language),
    } <= warnings
    countries = every[label("Countries", language)]
    assert countries[1][2] == {"lv": "Ukraina", "uk": "Україна"}[language]


@pytest.mark.parametrize("language", ["lv", "uk"])
def test_statement_and_press_downloads_in_the_readers_language(client, fund, small_numbers, language):
    contract = small_numbers.contract
    contract_month_lock(contract=contract, month=D(2024, 3, 1), by=fund, note="")
    fund.first_name, fund.last_name = "Inese", "Ozola"
    fund.save(update_fields=["first_name", "last_name"])
    _in(client, fund, language)

    url = reverse("reporting:statement_export", args=[contract.pk, "2024-03", "csv"])
    rows = csv_rows(client.get(url).content)
    assert rows[0] == [label("Client number", language), label("Contacts", language)]
    url = reverse("reporting:statement_export", args=[contract.pk, "2024-03", "xlsx"])
    sheets = _sheets(client.get(url).content)
    assert list(sheets) == [label("Clients served", language), label("Payment", language)]
    payment = sheets[label("Payment", language)]
    header = payment.index(next(row for row in payment if row[0] == label("Contract", language)))
    values = dict(zip(payment[header], payment[header + 1], strict=True))
    assert values[label("Status", language)] == label("approved and locked", language)
    assert values[label("Clients served", language)] == 2
    assert not [name for name in payment[header] if "_" in name]
    # The approval lines of a paper statement, below the payment: the fund's approver filled in.
    prepared, approved = payment[-2:]
    assert prepared[:2] == (label("Prepared by (provider)", language), label("Name, surname", language))
    assert label("Signature", language) in prepared and label("Date", language) in prepared
    assert approved[:3] == (
        label("Approved by (the fund)", language),
        label("Name, surname", language),
        "Inese Ozola",
    )
    assert label("Signature", language) in approved

    query = {"programme": "UA-MENTOR", "year": "2024"}
    header, *rows = csv_rows(client.get(reverse("reporting:press_export", args=["csv"]), query).content)
    assert header == [label(name, language) for name in ("Programme", "Figure", "Persons", "Number")]
    figures = {row[1] for row in rows}
    assert label("Clients since the start", language) in figures
    assert label("Countries of origin", language) in figures


def test_the_printed_statement_has_the_approval_and_signature_lines(client, fund, small_numbers):
    contract = small_numbers.contract
    url = reverse("reporting:statement", args=[contract.pk, "2024-03"])
    _in(client, fund, "uk")
    page = client.get(url).content.decode()
    section = page.split('data-testid="statement-signatures"')[1].split("</section>")[0]
    for text in ("Prepared by (provider)", "Approved by (the fund)", "Name, surname", "Date", "Signature"):
        assert label(text, "uk") in section
    assert "no-print" not in section

    fund.first_name, fund.last_name = "Inese", "Ozola"
    fund.save(update_fields=["first_name", "last_name"])
    contract_month_lock(contract=contract, month=D(2024, 3, 1), by=fund, note="")
    approved = client.get(url).content.decode().split('data-testid="signature-approved"')[1].split("</tr>")[0]
    assert "Inese Ozola" in approved


# Columns whose numbers are not counts of persons: never suppressed.
NOT_PERSONS = (
    "Contact minutes",
    "Monthly capacity",
    "Capacity use",
    "Median days to acceptance",
    "Median days to the first visit",
    "Number",
)


def _small_counts(rows: list[tuple]) -> list:
    header, *body = rows
    keep = [i for i, name in enumerate(header) if name not in {label(text) for text in NOT_PERSONS}]
    found = []
    for row in body:
        for i in keep:
            value = row[i]
            if isinstance(value, int | float) and 1 <= value <= 4:
                found.append((header[i], value))
            if isinstance(value, str) and re.search(r"(^|\D)[1-4](/|$)", value):
                found.append((header[i], value))
    return found


def test_publication_files_have_no_count_of_one_to_four_persons(client, fund, small_numbers):
    client.force_login(fund)
    url = reverse("reporting:export", args=["all", "xlsx"])
    plain = _sheets(client.get(url, QUERY).content)
    published = _sheets(client.get(url, {**QUERY, "publication": "1"}).content)
    assert any(_small_counts(rows) for rows in plain.values())  # the scenario has small counts
    for title, rows in published.items():
        assert _small_counts(rows) == [], title
        assert not [name for name in rows[0] if str(name).startswith(label("Payable, EUR"))], title
    warnings = published[label("Early warnings")]
    assert [row[5] for row in warnings[1:]] == ["<5"] * (len(warnings) - 1)
    contracts = published[label("Contracts")]
    use = contracts[0].index(label("Capacity use"))
    assert {row[use] for row in contracts[1:]} == {"<5"}  # 2/150 would give the two persons away

    for table in DASHBOARD_TABLES:
        rows = csv_rows(
            client.get(reverse("reporting:export", args=[table, "csv"]), {**QUERY, "publication": 1}).content
        )
        assert _small_counts(rows) == [], table

    query = {"programme": "UA-MENTOR", "year": "2024", "publication": "1"}
    [(_title, press)] = _sheets(
        client.get(reverse("reporting:press_export", args=["xlsx"]), query).content
    ).items()
    assert _small_counts(press) == []
    figures = {row[1]: row[2:] for row in press[1:]}
    assert figures[label("Clients since the start")] == ("<5", None)
    # The number of countries is not a count of persons: one country is shown as 1.
    assert figures[label("Countries of origin")] == (None, 1)
