"""A locked month keeps the payment it was approved with (issue 9, defect 3): editing the contract's
rate or the programme's funding shares afterwards moves neither the statement, nor its export, nor
the dashboard, nor `monthly_report`; unlocking discards the frozen payment, and the month follows the
rules of the day again. And AS-OSA is paid from ESF+ and the state budget (defect 5)."""

import csv
import datetime
import io
import re
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.urls import reverse

from mentors.models import ContractMonth, FundingShare
from mentors.services import contract_month_lock
from reporting.statements import PaymentStatement
from tests import factories as f
from tests.reporting.spreadsheets import csv_dicts, sheet_dicts, workbook

D = datetime.date
MARCH, APRIL = D(2024, 3, 1), D(2024, 4, 1)
PERIOD = {"programme": "UA-MENTOR", "start": "2024-03", "end": "2024-04"}
# The downloads' column labels in English (the language `english` chooses).
PAYABLE, RATE = "Payable, EUR", "Rate per client-month, EUR excl. VAT"
ESF, STATE = "Payable, EUR: European Social Fund", "Payable, EUR: State budget"


def english(client, user):
    client.force_login(user)
    client.cookies["atbalsts_language"] = "en"
    return client


def serve(contract, day: datetime.date, people: int) -> None:
    """One family visit on `day` under `contract`, `people` persons present."""
    episode = f.EpisodeFactory(contract=contract, started_on=day)
    family = [f.ClientFactory() for _ in range(people - 1)]
    if family:
        f.household(episode.client, *family)
    f.VisitFactory(episode=episode, visited_on=day, attendees=family)


def statement_page(client, contract, month: datetime.date) -> dict:
    """The payment as the statement page shows it (English number format)."""
    html = client.get(reverse("reporting:statement", args=[contract.pk, month])).content.decode()

    def cell(testid):
        return re.search(rf'data-testid="{testid}">([^<]*)<', html).group(1)

    split = re.findall(r'data-testid="statement-split"><th[^>]*>([^<]+)</th><td[^>]*>([^<]+)</td>', html)
    return {
        "served": cell("statement-served"),
        "rate": cell("statement-rate"),
        "payable": cell("statement-payable"),
        "split": split,
        "approved": 'data-testid="statement-approved"' in html,
    }


def statement_xlsx(client, contract, month: datetime.date) -> dict:
    response = client.get(reverse("reporting:statement_export", args=[contract.pk, month, "xlsx"]))
    [payment] = sheet_dicts(
        list(workbook(response.content)["Payment"].iter_rows(values_only=True)), "Contract"
    )
    return payment


def contracts_csv(client) -> dict:
    """{month: row} of the dashboard's contracts export, provider X."""
    response = client.get(reverse("reporting:export", args=["contracts", "csv"]), PERIOD)
    return {row["Month"]: row for row in csv_dicts(response.content) if row["Provider"] == "X-NGO"}


def command_payable() -> dict:
    """{month: payable_eur} of provider X in `manage.py monthly_report`."""
    out = io.StringIO()
    call_command(
        "monthly_report", "--programme", "UA-MENTOR", "--from", "2024-03", "--to", "2024-04", stdout=out
    )
    rows = csv.DictReader(io.StringIO(out.getvalue()))
    return {row["month"]: row["payable_eur"] for row in rows if row["provider"] == "X-NGO"}


def dashboard_payable(client) -> tuple[str, list[str]]:
    html = client.get(reverse("reporting:dashboard"), PERIOD).content.decode()
    total = re.search(r'data-testid="payable-total">([^<]+)<', html).group(1)
    return total, re.findall(r'data-testid="payable-split">([^<]+)<', html)


def everything(client, contract) -> dict:
    return {
        "page": statement_page(client, contract, MARCH),
        "xlsx": statement_xlsx(client, contract, MARCH),
        "contracts": contracts_csv(client)["2024-03"],
        "command": command_payable()["2024-03"],
        "dashboard": dashboard_payable(client),
    }


def test_editing_the_rate_and_the_shares_leaves_a_locked_month_as_approved(client, fund, provider_x):
    contract = provider_x.contract  # UA-MENTOR, 50 EUR, ESF 85 % / state 15 %
    serve(contract, D(2024, 3, 5), people=3)
    serve(contract, D(2024, 4, 5), people=1)
    english(client, fund)
    response = client.post(
        reverse("reporting:statement_lock", args=[contract.pk, MARCH]), {"note": "Checked.", "confirmed": "1"}
    )
    assert response.status_code == 302

    # The frozen payment is the live one at the moment of the lock: three persons at 50 EUR.
    month = ContractMonth.objects.get(contract=contract, month=MARCH)
    assert month.served == len(PaymentStatement(contract, MARCH).clients) == 3
    approved = everything(client, contract)
    assert approved["page"] == {
        "served": "3",
        "rate": "50.00",
        "payable": "150.00",
        "split": [("European Social Fund", "127.50"), ("State budget", "22.50")],
        "approved": True,
    }
    assert (approved["xlsx"]["Clients served"], approved["xlsx"][PAYABLE]) == (3, Decimal("150.00"))
    assert (approved["xlsx"][ESF], approved["xlsx"][STATE]) == (127.5, 22.5)
    assert approved["xlsx"]["Status"] == "approved and locked"
    assert approved["command"] == "150.00"
    assert approved["dashboard"] == ("200.00", ["European Social Fund: 170.00", "State budget: 30.00"])

    # The administrator changes the rate and the funding shares.
    contract.rate_eur = Decimal("80.00")
    contract.save(update_fields=["rate_eur"])
    FundingShare.objects.filter(programme=contract.programme, source__code="ESF").update(percent=60)
    FundingShare.objects.filter(programme=contract.programme, source__code="STATE").update(percent=40)

    after = everything(client, contract)
    assert {key: after[key] for key in ("page", "xlsx", "contracts", "command")} == {
        key: approved[key] for key in ("page", "xlsx", "contracts", "command")
    }
    # April is open: it follows the new rate and shares (80 EUR: 48 + 32), March does not.
    assert contracts_csv(client)["2024-04"][PAYABLE] == "80,00"
    assert after["dashboard"] == ("230.00", ["European Social Fund: 175.50", "State budget: 54.50"])

    # Unlocking discards the frozen payment (its event keeps it); March follows the new rules.
    response = client.post(
        reverse("reporting:statement_unlock", args=[contract.pk, MARCH]),
        {"reason": "A visit was missing.", "confirmed": "1"},
    )
    assert response.status_code == 302
    unlocked = everything(client, contract)
    assert unlocked["page"] == {
        "served": "3",
        "rate": "80.00",
        "payable": "240.00",
        "split": [("European Social Fund", "144.00"), ("State budget", "96.00")],
        "approved": False,
    }
    assert (unlocked["xlsx"][RATE], unlocked["xlsx"][PAYABLE], unlocked["xlsx"]["Status"]) == (
        80,
        240,
        "open",
    )
    assert (unlocked["contracts"][RATE], unlocked["contracts"][ESF]) == ("80,00", "144,00")
    assert unlocked["command"] == "240.00"
    month.refresh_from_db()
    assert (month.status, month.served, month.payable_eur, month.shares.count()) == ("open", None, None, 0)
    assert [(e.to_status, e.served, e.rate_eur, e.payable_eur) for e in month.events.all()] == [
        ("locked", 3, Decimal("50.00"), Decimal("150.00")),
        ("open", 3, Decimal("50.00"), Decimal("150.00")),
    ]
    history = client.get(reverse("reporting:statement", args=[contract.pk, MARCH])).content.decode()
    assert history.count("3 clients, 150.00 EUR") == 2


@pytest.mark.django_db
def test_the_lock_freezes_the_rate_of_the_moment(fund, provider_x):
    """The contract object a caller holds may be stale: the lock reads the rate from the database."""
    contract = provider_x.contract
    serve(contract, D(2024, 3, 5), people=2)
    stale = type(contract).objects.get(pk=contract.pk)
    contract.rate_eur = Decimal("65.00")
    contract.save(update_fields=["rate_eur"])
    month = contract_month_lock(contract=stale, month=MARCH, by=fund)
    assert (month.served, month.rate_eur, month.payable_eur) == (2, Decimal("65.00"), Decimal("130.00"))
    assert [(s.source.code, s.percent, s.amount_eur) for s in month.shares.all()] == [
        ("ESF", Decimal("85.00"), Decimal("110.50")),
        ("STATE", Decimal("15.00"), Decimal("19.50")),
    ]


def test_as_osa_is_paid_from_esf_plus_and_the_state_budget(client, fund):
    osa = f.ContractFactory(
        provider=f.ProviderFactory(code="OSA"),
        programme=f.programme("AS-OSA"),
        starts_on=D(2023, 12, 1),
        rate_eur=Decimal("55.00"),
    )
    serve(osa, D(2024, 3, 5), people=1)
    english(client, fund)
    page = statement_page(client, osa, MARCH)
    assert page["split"] == [("European Social Fund Plus (ESF+)", "46.75"), ("State budget", "8.25")]
    html = client.get(reverse("reporting:statement", args=[osa.pk, MARCH])).content.decode()
    assert "Asylum, Migration and Integration Fund" not in html
    response = client.get(reverse("reporting:dashboard"), {**PERIOD, "programme": "AS-OSA"})
    split = re.findall(r'data-testid="payable-split">([^<]+)<', response.content.decode())
    assert split == ["European Social Fund Plus (ESF+): 46.75", "State budget: 8.25"]
    # The names are the reference data's, in the page's language.
    client.cookies["atbalsts_language"] = "lv"
    response = client.get(reverse("reporting:dashboard"), {**PERIOD, "programme": "AS-OSA"})
    split = re.findall(r'data-testid="payable-split">([^<]+)<', response.content.decode())
    assert split == ["Eiropas Sociālais fonds Plus (ESF+): 46,75", "Valsts budžets: 8,25"]
