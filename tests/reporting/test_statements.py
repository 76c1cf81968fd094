"""Locking rules of a payment month, and the statement list."""

import datetime

import pytest
from django.urls import reverse
from django.utils import translation

from mentors.models import ContractMonth
from mentors.services import ContractMonthError, contract_month_lock, contract_month_unlock
from tests import factories as f


@pytest.fixture(autouse=True)
def english_messages():
    """Service and command messages are compared in the source language (English)."""
    with translation.override("en"):
        yield


D = datetime.date


@pytest.mark.django_db
def test_only_a_month_that_is_over_and_in_the_contract_can_be_locked(provider_x, fund):
    contract = provider_x.contract  # 2022-05-01 – 2027-12-31
    today = D(2024, 6, 15)
    for month, message in (
        (D(2024, 6, 1), "over"),
        (D(2024, 7, 1), "over"),
        (D(2022, 4, 1), "not in force"),
    ):
        with pytest.raises(ContractMonthError, match=message):
            contract_month_lock(contract=contract, month=month, by=fund, today=today)
    assert not ContractMonth.objects.exists()
    locked = contract_month_lock(contract=contract, month=D(2024, 5, 20), by=fund, today=today)
    assert (locked.month, locked.status) == (D(2024, 5, 1), "locked")
    with pytest.raises(ContractMonthError, match="already locked"):
        contract_month_lock(contract=contract, month=D(2024, 5, 1), by=fund, today=today)
    with pytest.raises(ContractMonthError, match="not locked"):
        contract_month_unlock(contract=contract, month=D(2024, 4, 1), reason="Why not", by=fund)
    assert locked.events.count() == 1


def test_a_second_lock_shows_the_message(client, fund, provider_x):
    client.force_login(fund)
    url = reverse("reporting:statement_lock", args=[provider_x.contract.pk, "2024-03"])
    assert client.post(url, {"confirmed": "1"}).status_code == 302
    response = client.post(url, {"confirmed": "1"})
    assert response.status_code == 400
    with translation.override("lv"):
        message = translation.gettext("This month is already locked.")
    assert message != "This month is already locked."
    assert message in response.content.decode()


def test_statement_list_shows_what_is_locked(client, fund, provider_x, provider_y):
    f.VisitFactory(episode=f.EpisodeFactory(contract=provider_x.contract, started_on=D(2024, 3, 1)))
    contract_month_lock(contract=provider_x.contract, month=D(2024, 3, 1), by=fund)
    client.force_login(fund)
    response = client.get(
        reverse("reporting:statements"), {"programme": "UA-MENTOR", "start": "2024-03", "end": "2024-04"}
    )
    rows = [
        (figures.contract.provider.code, figures.month, figures.served, figures.payment.approved)
        for figures in response.context["rows"]
    ]
    assert rows == [
        ("X-NGO", D(2024, 3, 1), 1, True),
        ("X-NGO", D(2024, 4, 1), 0, False),
        ("Y-NGO", D(2024, 3, 1), 0, False),
        ("Y-NGO", D(2024, 4, 1), 0, False),
    ]
    client.force_login(provider_y.coordinator.user)
    response = client.get(
        reverse("reporting:statements"), {"programme": "UA-MENTOR", "start": "2024-03", "end": "2024-04"}
    )
    assert {figures.contract.provider.code for figures in response.context["rows"]} == {"Y-NGO"}
