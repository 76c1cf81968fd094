"""The printed payment statement (issue 12): every client served, not the page's 200, with the payment
and the approval lines a paper statement has, in the reader's language; as fast with many clients."""

import datetime

import pytest
from django.urls import reverse
from django.utils import translation

from reporting import statements
from tests import factories as f
from tests.cases.episode_support import lock_month

pytestmark = pytest.mark.django_db

MARCH = datetime.date(2024, 3, 1)
SIGNATURE_LABELS = ("Prepared by (provider)", "Approved by (the fund)", "Name, surname", "Date", "Signature")


def serve(contract, how_many: int) -> list[str]:
    """`how_many` clients seen under `contract` in March 2024: their client numbers, in order."""
    people = []
    for _ in range(how_many):
        episode = f.EpisodeFactory(contract=contract, started_on=MARCH)
        f.VisitFactory(episode=episode, visited_on=datetime.date(2024, 3, 4))
        people.append(episode.client)
    return sorted(person.pseudonym for person in people)


def print_url(contract) -> str:
    return reverse("reporting:statement_print", args=[contract.pk, "2024-03"])


@pytest.mark.parametrize("language", ["lv", "uk"])
def test_the_printed_statement_has_every_client_and_the_signature_lines(
    client, fund, provider_x, monkeypatch, language
):
    monkeypatch.setattr(statements, "STATEMENT_PAGE_SIZE", 2)  # the page shows two of three
    numbers = serve(provider_x.contract, 3)
    lock_month(provider_x.contract, MARCH)
    client.force_login(fund)
    client.cookies["atbalsts_language"] = language
    page = client.get(reverse("reporting:statement", args=[provider_x.contract.pk, "2024-03"]))
    assert numbers[-1] not in page.content.decode()  # on the second page of the screen
    assert f'href="{print_url(provider_x.contract)}"' in page.content.decode()

    response = client.get(print_url(provider_x.contract))
    html = response.content.decode()
    assert response.status_code == 200
    assert f'<html lang="{language}">' in html
    assert all(number in html for number in numbers)  # the last client too
    with translation.override(language):
        labels = [translation.gettext(label) for label in SIGNATURE_LABELS]
        title = translation.gettext("Payment statement")
    assert all(label in html for label in labels)
    assert labels[0] != SIGNATURE_LABELS[0]  # translated
    assert title in html
    assert 'data-testid="statement-served">3<' in html
    assert fund.get_full_name() in html  # the fund's approver on the approved line
    assert "<style" not in html and " style=" not in html  # the Content-Security-Policy forbids them


def test_the_coordinator_prints_their_own_statement_with_names_the_fund_without(client, fund, provider_x):
    [number] = serve(provider_x.contract, 1)
    episode = provider_x.contract.episodes.get()
    client.force_login(provider_x.coordinator.user)
    assert episode.client.family_name in client.get(print_url(provider_x.contract)).content.decode()
    client.force_login(fund)
    html = client.get(print_url(provider_x.contract)).content.decode()
    assert number in html and episode.client.family_name not in html


@pytest.mark.parametrize("how_many", [1, 40])
def test_the_printed_statement_reads_its_clients_in_one_query(
    client, fund, provider_x, how_many, django_assert_max_num_queries
):
    numbers = serve(provider_x.contract, how_many)
    client.force_login(fund)
    with django_assert_max_num_queries(10):
        html = client.get(print_url(provider_x.contract)).content.decode()
    assert numbers[-1] in html
