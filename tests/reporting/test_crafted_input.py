"""Crafted query strings (issue 10, defect 4) get a clear, translated message, never a server error:
a month in the year 9999 (its end would fall in the year 10000), a NUL byte (PostgreSQL refuses it in
text), a number in another script ("²".isdigit() is True). Pages answer 200 with the message;
downloads 400 with it, as text."""

import pytest
from django.urls import reverse

from tests import factories as f
from tests.cases.episode_support import log_in

BAD_MONTH = "Enter a month as YYYY-MM, from 2000-01 to 2099-12."
BAD_CHOICE = "Select a valid choice."
BAD_NUMBER = "Enter a whole number."
LEFT_OUT = "was left out"

REPORT_PAGES = ["reporting:dashboard", "reporting:referrals", "reporting:statements"]
EXPORTS = [
    reverse_args
    for table in ("monthly", "contracts", "countries", "end_reasons", "municipalities", "warnings", "all")
    for reverse_args in (("reporting:export", {"table": table, "fmt": "xlsx"}),)
] + [("reporting:export", {"table": "monthly", "fmt": "csv"})]
PRESS_EXPORTS = [("reporting:press_export", {"fmt": fmt}) for fmt in ("csv", "xlsx")]

REPORT_INPUT = [
    ({"end": "9999-12"}, BAD_MONTH),
    ({"start": "9999-12", "end": "9999-12"}, BAD_MONTH),
    ({"end": "²⁰²⁴-⁰¹"}, BAD_MONTH),
    ({"start": "0000-00"}, BAD_MONTH),
    ({"programme": "\x00"}, BAD_CHOICE),
    ({"programme": "UA-MENTOR\x00"}, BAD_CHOICE),
    ({"provider": "\x00"}, BAD_CHOICE),
    ({"end": "2024-03\x00"}, BAD_MONTH),
]
PRESS_INPUT = [
    ({"programme": "\x00"}, BAD_CHOICE),
    ({"year": "²"}, BAD_NUMBER),
    ({"year": "\x00"}, BAD_NUMBER),
]


@pytest.fixture
def fund_in_english(client, provider_x, fund):
    f.EpisodeFactory(contract=provider_x.contract, mentor=provider_x.mentor)
    return log_in(client, fund)


def _ids(case):
    query, _message = case
    return "&".join(f"{key}={value!r}" for key, value in query.items())


@pytest.mark.parametrize("url_name", REPORT_PAGES)
@pytest.mark.parametrize("case", REPORT_INPUT, ids=_ids)
def test_report_pages_answer_crafted_input_with_a_message(fund_in_english, url_name, case):
    query, message = case
    response = fund_in_english.get(reverse(url_name), query)
    assert response.status_code == 200
    assert message in response.content.decode()


@pytest.mark.parametrize(("url_name", "kwargs"), EXPORTS, ids=lambda v: str(v))
@pytest.mark.parametrize("case", REPORT_INPUT, ids=_ids)
def test_exports_refuse_crafted_input_with_a_message(fund_in_english, url_name, kwargs, case):
    query, message = case
    response = fund_in_english.get(reverse(url_name, kwargs=kwargs), query)
    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/plain")
    assert message in response.content.decode()


@pytest.mark.parametrize("case", PRESS_INPUT, ids=_ids)
def test_the_press_page_and_its_downloads_answer_crafted_input_with_a_message(fund_in_english, case):
    query, message = case
    page = fund_in_english.get(reverse("reporting:press"), query)
    assert page.status_code == 200
    assert message in page.content.decode()
    for url_name, kwargs in PRESS_EXPORTS:
        download = fund_in_english.get(reverse(url_name, kwargs=kwargs), query)
        assert download.status_code == 400
        assert message in download.content.decode()


def test_a_statement_of_a_month_out_of_the_calendar_does_not_exist(fund_in_english, provider_x):
    for month in ("9999-12", "2024-13", "0000-01"):
        path = f"/reporting/statements/{provider_x.contract.pk}/{month}/"
        assert fund_in_english.get(path).status_code == 404, month


def test_the_message_is_in_the_users_language(client, provider_x, fund):
    client.force_login(fund)
    client.cookies["atbalsts_language"] = "lv"
    page = client.get(reverse("reporting:dashboard"), {"end": "9999-12"}).content.decode()
    assert "2000-01" in page
    assert BAD_MONTH not in page


@pytest.mark.parametrize(
    ("url_name", "query"),
    [
        ("cases:client_list", {"q": "\x00"}),
        ("cases:referral_list", {"q": "Olena\x00"}),
        ("cases:referral_list", {"status": "\x00"}),
        ("cases:referral_list", {"status": "nonsense"}),
        ("cases:caseload", {"mentor": "²"}),
        ("cases:caseload", {"mentor": "\x00"}),
        ("cases:caseload", {"mentor": "99999999999999999999999"}),
    ],
    ids=repr,
)
def test_case_lists_leave_out_a_crafted_filter_with_a_message(client, provider_x, url_name, query):
    f.EpisodeFactory(contract=provider_x.contract, mentor=provider_x.mentor)
    log_in(client, provider_x.coordinator.user)
    response = client.get(reverse(url_name), query)
    assert response.status_code == 200
    assert LEFT_OUT in response.content.decode()
