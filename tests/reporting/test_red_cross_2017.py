"""The Red Cross 2017 scenario of DOMAIN.md (tests/reporting/conftest.py): exactly the seed figures in
the counting queries, `monthly_report`, the dashboard, the exports and the payment statement."""

import csv
import datetime
import io
import re
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.db.models import Q
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from cases.models import Activity, Episode, Visit
from cases.services import ServiceError, episode_transfer, visit_delete, visit_edit, visit_log
from mentors.models import ContractMonth, FundingSource, ProviderStaff
from reporting.periods import Period
from reporting.queries import monthly_report
from tests import factories as f
from tests.reporting.conftest import EXPECTED_MONTHS, EXPECTED_PERIOD, PAYABLE
from tests.reporting.spreadsheets import csv_dicts, csv_rows, label


@pytest.fixture(autouse=True)
def english_messages():
    """Service and command messages are compared in the source language (English)."""
    with translation.override("en"):
        yield


pytestmark = pytest.mark.django_db

D = datetime.date
APRIL_TO_AUGUST = Period(D(2017, 4, 1), D(2017, 8, 1))
QUERY = {"programme": "AS-ESF", "start": "2017-04", "end": "2017-08"}
HEADER = (
    "programme,provider,month,served,new,active_end,children,visits,contact_minutes,ended,"
    "ended_plan_achieved,ended_limit_reached,ended_left_country,ended_declined,ended_transferred,"
    "ended_unreachable,ended_ineligible,ended_other,payable_eur"
)


def run(*args) -> str:
    out = io.StringIO()
    call_command("monthly_report", *args, stdout=out)
    return out.getvalue()


def test_red_cross_2017_month_by_month(lsk_2017):
    report = monthly_report(programme=f.programme("AS-ESF"), period=APRIL_TO_AUGUST)
    lsk = lsk_2017.lsk.provider
    assert [p.code for p in report.providers] == ["CARITAS", "LSK"]
    for month in APRIL_TO_AUGUST.months:
        figures = report.provider_months[(lsk.pk, month)]
        served, new, active_end, children, visits, minutes, ended = EXPECTED_MONTHS[f"{month:%Y-%m}"]
        assert (
            figures.served,
            figures.new,
            figures.active_end,
            figures.children,
            figures.visits,
            figures.contact_minutes,
            figures.ended_by_reason,
        ) == (served, new, active_end, children, visits, minutes, ended), month
        assert figures.payable_eur == PAYABLE[f"{month:%Y-%m}"]
        assert figures.capacity == 120
        caritas = report.provider_months[(lsk_2017.caritas.provider.pk, month)]
        assert (caritas.served, caritas.visits, caritas.payable_eur, caritas.capacity) == (0, 0, 0, 0)


def test_red_cross_2017_over_the_period(lsk_2017):
    report = monthly_report(programme=f.programme("AS-ESF"), period=APRIL_TO_AUGUST)
    period = report.provider_periods[lsk_2017.lsk.provider.pk]
    # Distinct over the period, never the sum of the months (69 + 103 + 111 + 135 + 120 = 538).
    assert (period.served, period.new, period.children, period.active_end, period.visits) == tuple(
        EXPECTED_PERIOD.values()
    )
    assert period.payable_eur == Decimal("32280.00") == 538 * 60
    assert period.ended_by_reason == {
        "left_country": 20,
        "plan_achieved": 10,
        "limit_reached": 25,
        "declined": 15,
    }
    # All providers: the same people, counted once.
    assert report.all_period.served == 190 and report.all_period.payable_eur == Decimal("32280.00")
    assert [report.all_months[m].served for m in APRIL_TO_AUGUST.months] == [69, 103, 111, 135, 120]
    # April to July at 60 EUR: the "25,000 EUR paid to the end of July".
    assert sum(report.all_months[m].payable_eur for m in APRIL_TO_AUGUST.months[:4]) == Decimal("25080.00")
    assert report.payable_split() == [
        (FundingSource.objects.get(code="ESF"), Decimal("27438.00")),
        (FundingSource.objects.get(code="STATE"), Decimal("4842.00")),
    ]


def test_csv_layout_and_figures(lsk_2017):
    text = run("--programme", "AS-ESF", "--from", "2017-04", "--to", "2017-08")
    lines = text.splitlines()
    assert lines[0] == HEADER
    rows = list(csv.DictReader(io.StringIO(text)))
    # CARITAS × 5 months, LSK × 5 months, 2 period rows, ALL × 5 months, ALL period row.
    assert [(r["provider"], r["month"]) for r in rows] == [
        *[("CARITAS", m) for m in EXPECTED_MONTHS],
        *[("LSK", m) for m in EXPECTED_MONTHS],
        ("CARITAS", "2017-04..2017-08"),
        ("LSK", "2017-04..2017-08"),
        *[("ALL", m) for m in EXPECTED_MONTHS],
        ("ALL", "2017-04..2017-08"),
    ]
    lsk = {r["month"]: r for r in rows if r["provider"] == "LSK"}
    for month, (served, new, active_end, children, visits, minutes, ended) in EXPECTED_MONTHS.items():
        row = lsk[month]
        assert [
            int(row[k]) for k in ("served", "new", "active_end", "children", "visits", "contact_minutes")
        ] == [
            served,
            new,
            active_end,
            children,
            visits,
            minutes,
        ]
        assert int(row["ended"]) == sum(ended.values())
        assert {k[6:]: int(v) for k, v in row.items() if k.startswith("ended_") and v != "0"} == ended
        assert row["payable_eur"] == f"{served * 60}.00"
    period = lsk["2017-04..2017-08"]
    assert {k: int(period[k]) for k in EXPECTED_PERIOD} == EXPECTED_PERIOD
    assert period["payable_eur"] == "32280.00"
    assert rows[-1]["served"] == "190" and rows[-1]["payable_eur"] == "32280.00"
    caritas_april = rows[0]
    assert caritas_april["served"] == "0" and caritas_april["payable_eur"] == "0.00"


def test_one_provider_and_xlsx(lsk_2017, tmp_path):
    text = run("--programme", "AS-ESF", "--from", "2017-05", "--to", "2017-06", "--provider", "LSK")
    assert [line.split(",")[1:4] for line in text.splitlines()[1:]] == [
        ["LSK", "2017-05", "103"],
        ["LSK", "2017-06", "111"],
        ["LSK", "2017-05..2017-06", "141"],
    ]
    target = tmp_path / "report.xlsx"
    run(
        "--programme",
        "AS-ESF",
        "--from",
        "2017-04",
        "--to",
        "2017-08",
        "--format",
        "xlsx",
        "--output",
        str(target),
    )
    sheet = load_workbook(target).active
    values = list(sheet.iter_rows(values_only=True))
    assert ",".join(values[0]) == HEADER
    lsk_rows = [row for row in values[1:] if row[1] == "LSK"]
    assert [row[3] for row in lsk_rows] == [69, 103, 111, 135, 120, 190]
    assert float(lsk_rows[-1][-1]) == 32280.0


def figures_in_table(html: str) -> dict[tuple[str, str], tuple[str, str]]:
    """{(provider, month): (served, payable)} as the dashboard table shows them."""
    rows = re.findall(
        r'data-provider="([^"]+)" data-month="([^"]+)">.*?data-figure="served">(\d+)<.*?'
        r'data-figure="payable">([^<]+)<',
        html,
        re.S,
    )
    return {(provider, month): (served, payable) for provider, month, served, payable in rows}


def test_fund_dashboard_matches_the_export_and_the_command(client, fund, lsk_2017):
    client.force_login(fund)
    response = client.get(reverse("reporting:dashboard"), QUERY)
    assert response.status_code == 200
    shown = figures_in_table(response.content.decode())
    for month, values in EXPECTED_MONTHS.items():
        assert shown[("LSK", month)] == (str(values[0]), f"{values[0] * 60:,}".replace(",", "\xa0") + ",00")
    assert shown[("LSK", "2017-04..2017-08")][0] == "190"
    assert shown[("ALL", "2017-04..2017-08")][0] == "190"
    assert shown[("CARITAS", "2017-04")] == ("0", "0,00")
    assert response.context["report"].totals.served == 190

    export = client.get(reverse("reporting:export", args=["monthly", "csv"]), QUERY)
    assert export["Content-Type"].startswith("text/csv")
    command = io.StringIO()
    call_command(
        "monthly_report", "--programme", "AS-ESF", "--from", "2017-04", "--to", "2017-08", stdout=command
    )
    exported = {
        (line.split(",")[1], line.split(",")[2]): line.split(",")[3]
        for line in command.getvalue().splitlines()[1:]
    }
    assert {key: served for key, (served, _) in shown.items()} == exported
    # The download has the command's figures, in the reader's language (Latvian by default).
    everyone = label("All providers")
    downloaded = {
        (row[label("Provider")].replace(everyone, "ALL"), row[label("Month")]): row[label("Served")]
        for row in csv_dicts(export.content)
    }
    assert downloaded == exported


def test_coordinator_sees_their_own_provider_only(client, lsk_2017):
    coordinator = f.ProviderStaffFactory(
        provider=lsk_2017.lsk.provider, role=ProviderStaff.Role.COORDINATOR
    ).user
    client.force_login(coordinator)
    response = client.get(reverse("reporting:dashboard"), {**QUERY, "provider": "CARITAS"})
    shown = figures_in_table(response.content.decode())
    assert {provider for provider, _ in shown} == {"LSK"}
    assert shown[("LSK", "2017-07")][0] == "135"
    export = client.get(reverse("reporting:export", args=["monthly", "csv"]), QUERY).content
    assert {row[label("Provider")] for row in csv_dicts(export)} == {"LSK"}


def test_publication_export_suppresses_small_counts(client, fund, lsk_2017):
    f.VisitFactory(
        episode=f.EpisodeFactory(contract=lsk_2017.caritas, started_on=D(2022, 3, 1)),
        visited_on=D(2022, 3, 4),
    )
    client.force_login(fund)
    response = client.get(
        reverse("reporting:export", args=["monthly", "csv"]),
        {"programme": "AS-ESF", "start": "2022-03", "end": "2022-03", "publication": "1"},
    )
    rows = csv_dicts(response.content)
    assert label("Payable, EUR") not in rows[0]
    caritas = next(row for row in rows if row[label("Provider")] == "CARITAS")
    assert tuple(caritas[label(name)] for name in ("Served", "Visits", "Ended", "Contact minutes")) == (
        "<5",
        "<5",
        "0",
        "60",
    )


def test_every_table_exports_as_xlsx(client, fund, lsk_2017):
    from openpyxl import load_workbook

    client.force_login(fund)
    response = client.get(reverse("reporting:export", args=["all", "xlsx"]), QUERY)
    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == [
        label(title)
        for title in (
            "Monthly figures",
            "Contracts",
            "Countries",
            "End reasons",
            "Municipalities",
            "Early warnings",
        )
    ]
    contracts = list(workbook[label("Contracts")].iter_rows(values_only=True))
    lsk_april = next(row for row in contracts if row[2] == "SIF/2016/AS-01" and row[3] == "2017-04")
    header = contracts[0]
    row = dict(zip(header, lsk_april, strict=True))
    sources = {source.code: source.name_lv for source in FundingSource.objects.all()}
    assert (
        row[label("Served")],
        float(row[label("Payable, EUR")]),
        float(row[label("Payable, EUR: %(source)s", source=sources["ESF"])]),
        float(row[label("Payable, EUR: %(source)s", source=sources["STATE"])]),
    ) == (
        69,
        4140.0,
        3519.0,
        621.0,
    )
    countries = list(workbook[label("Countries")].iter_rows(values_only=True))
    assert countries[1][2:] == ("Sīrija", 70, 17, 66)  # served, children, new
    assert client.get(reverse("reporting:export", args=["all", "csv"]), QUERY).status_code == 404
    assert client.get(reverse("reporting:export", args=["nope", "csv"]), QUERY).status_code == 404


def test_locked_month_figures_never_change(client, fund, lsk_2017):
    lsk = lsk_2017.lsk
    april = D(2017, 4, 1)
    before = monthly_report(programme=lsk.programme, period=APRIL_TO_AUGUST).provider_months[
        (lsk.provider_id, april)
    ]
    client.force_login(fund)
    statement_url = reverse("reporting:statement", args=[lsk.pk, "2017-04"])
    response = client.post(
        reverse("reporting:statement_lock", args=[lsk.pk, "2017-04"]), {"note": "Checked.", "confirmed": "1"}
    )
    assert response.status_code == 302 and response["Location"] == statement_url
    month = ContractMonth.objects.get(contract=lsk, month=april)
    assert month.status == ContractMonth.Status.LOCKED
    assert [(e.from_status, e.to_status, e.by, e.note) for e in month.events.all()] == [
        ("open", "locked", fund, "Checked.")
    ]

    # A visit dated in April can no longer be added, changed or deleted; May is still open.
    mentor = f.ProviderStaffFactory(provider=lsk.provider, role=ProviderStaff.Role.MENTOR).user
    april_visit = (
        Visit.objects.filter(contract=lsk, visited_on=D(2017, 4, 5))
        .filter(Q(episode__ended_on__isnull=True) | Q(episode__ended_on__gte=D(2017, 5, 20)))
        .filter(Q(episode__limit_on__isnull=True) | Q(episode__limit_on__gte=D(2017, 5, 20)))
        .select_related("episode")
        .first()
    )
    episode = april_visit.episode
    visit = {
        "duration_minutes": 60,
        "place": Visit.Place.HOME,
        "activities": list(Activity.objects.filter(code="housing")),
        "attendees": [episode.client],
        "by": mentor,
    }
    locked = "The month is locked for payment; visits in it cannot be changed."
    with translation.override("en"):
        for attempt in (
            lambda: visit_log(episode=episode, visited_on=D(2017, 4, 20), **visit),
            lambda: visit_edit(visit=april_visit, visited_on=D(2017, 4, 6), **visit),
            lambda: visit_delete(visit=april_visit, by=mentor),
        ):
            with pytest.raises(ServiceError) as refused:
                attempt()
            assert locked in refused.value.messages
    may_visit = visit_log(episode=episode, visited_on=D(2017, 5, 20), **visit)
    visit_delete(visit=may_visit, by=mentor)
    # Later changes to the episodes (transfers to Caritas when the LSK contract ended) leave April's
    # figures as they were: visits keep their contract, episodes their contract history.
    moved = list(Episode.objects.filter(contract=lsk, status="active").order_by("pk")[:10])
    assert len(moved) == 10
    active_before = [
        report.provider_months[(lsk.provider_id, month)].active_end
        for report in [monthly_report(programme=lsk.programme, period=APRIL_TO_AUGUST)]
        for month in APRIL_TO_AUGUST.months
    ]
    coordinator = f.ProviderStaffFactory(provider=lsk.provider, role=ProviderStaff.Role.COORDINATOR).user
    for episode in moved:
        episode_transfer(
            episode=episode, contract=lsk_2017.caritas, transferred_on=D(2022, 2, 1), by=coordinator
        )
    report = monthly_report(programme=lsk.programme, period=APRIL_TO_AUGUST)
    after = report.provider_months[(lsk.provider_id, april)]
    assert (after.served, after.payable_eur, after.visits) == (
        before.served,
        before.payable_eur,
        before.visits,
    )
    assert [report.provider_months[(lsk.provider_id, m)].active_end for m in APRIL_TO_AUGUST.months] == (
        active_before
    )
    assert (after.served, after.payable_eur) == (69, Decimal("4140.00"))

    page = client.get(statement_url).content.decode()
    assert "4\xa0140,00" in page and 'data-testid="statement-served">69<' in page
    assert "Persona0 " not in page  # fund staff see client numbers, not names

    # Unlocking needs a reason, and is recorded.
    response = client.post(reverse("reporting:statement_unlock", args=[lsk.pk, "2017-04"]), {"reason": "  "})
    assert response.status_code == 400
    assert response.context["unlock_form"].errors
    month.refresh_from_db()
    assert month.status == ContractMonth.Status.LOCKED
    client.post(
        reverse("reporting:statement_unlock", args=[lsk.pk, "2017-04"]),
        {"reason": "A visit was missed.", "confirmed": "1"},
    )
    month.refresh_from_db()
    assert month.status == ContractMonth.Status.OPEN
    assert [(e.to_status, e.note) for e in month.events.all()] == [
        ("locked", "Checked."),
        ("open", "A visit was missed."),
    ]


def test_statement_shows_names_to_the_providers_coordinator_only(client, fund, lsk_2017):
    coordinator = f.ProviderStaffFactory(
        provider=lsk_2017.lsk.provider, role=ProviderStaff.Role.COORDINATOR
    ).user
    url = reverse("reporting:statement", args=[lsk_2017.lsk.pk, "2017-07"])
    client.force_login(coordinator)
    page = client.get(url).content.decode()
    assert "Persona180 Testa" in page and 'data-testid="statement-served">135<' in page
    assert reverse("reporting:statement_lock", args=[lsk_2017.lsk.pk, "2017-07"]) not in page
    assert (
        client.post(reverse("reporting:statement_lock", args=[lsk_2017.lsk.pk, "2017-07"])).status_code == 403
    )
    client.force_login(fund)
    page = client.get(url).content.decode()
    assert "Persona180" not in page and f"K-{lsk_2017.clients[180].pk:07d}" in page
    rows = csv_rows(
        client.get(reverse("reporting:statement_export", args=[lsk_2017.lsk.pk, "2017-07", "csv"])).content
    )
    assert rows[0] == [label("Client number"), label("Contacts")] and len(rows) == 136
