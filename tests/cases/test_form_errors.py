"""Forms say everything at once, in the page's language (issue 12): the server validates (no browser
bubbles), every error of a submission shows together, a radio group shows its message, and each
required reason says what is missing."""

import datetime
import html
import re

import pytest
from django.urls import reverse

from cases.models import Activity, Visit
from mentors.services import contract_month_lock
from tests import factories as f
from tests.cases.episode_support import days_ago, log_in, today


@pytest.fixture(autouse=True)
def english(client, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


def _text(response) -> str:
    return html.unescape(response.content.decode())


def _shown_errors(response) -> list[str]:
    """The messages under the fields that Bootstrap shows: an `invalid-feedback` box is visible only
    next to an invalid input, or with `d-block`."""
    body = response.content.decode()
    shown = []
    for match in re.finditer(
        r'<div id="(\w+)_error" class="invalid-feedback( d-block)?">(.*?)</div>', body, re.S
    ):
        field_id, block, content = match.groups()
        beside_input = re.search(
            rf'id="{field_id}"[^>]*\bis-invalid\b|\bis-invalid\b[^>]*id="{field_id}"', body
        )
        if block or beside_input:
            shown += [html.unescape(text) for text in re.findall(r"<strong>(.*?)</strong>", content)]
    return shown


def test_the_visit_form_shows_the_date_error_with_the_others(client, provider_x):
    episode = f.EpisodeFactory(
        contract=provider_x.contract, mentor=provider_x.mentor, started_on=days_ago(20)
    )
    log_in(client, provider_x.mentor.user)
    response = client.post(
        reverse("cases:visit_create", args=[episode.pk]),
        {
            "visited_on": (today() + datetime.timedelta(days=1)).isoformat(),
            "duration_minutes": 60,
            "place": Visit.Place.HOME,
            "activities": [],
            "attendees": [episode.client_id],
        },
    )
    assert response.status_code == 200
    page = _text(response)
    assert "The date cannot be in the future." in page
    assert "Choose at least one activity." in page
    assert not Visit.objects.exists()


def test_the_visit_form_refuses_a_day_in_a_locked_month_with_the_other_errors(client, provider_x, fund):
    last_month = (today().replace(day=1) - datetime.timedelta(days=1)).replace(day=1)
    episode = f.EpisodeFactory(contract=provider_x.contract, mentor=provider_x.mentor, started_on=last_month)
    contract_month_lock(contract=provider_x.contract, month=last_month, by=fund)
    log_in(client, provider_x.mentor.user)
    response = client.post(
        reverse("cases:visit_create", args=[episode.pk]),
        {
            "visited_on": last_month.isoformat(),
            "duration_minutes": 0,
            "place": Visit.Place.HOME,
            "activities": [Activity.objects.get(code="housing").pk],
            "attendees": [episode.client_id],
        },
    )
    page = _text(response)
    assert "The month is locked for payment" in page
    assert "The duration must be between 1 minute and 12 hours." in page


def test_a_radio_group_shows_its_message(client, sw_a):
    client.force_login(sw_a)
    response = client.post(reverse("cases:client_register"), {"given_name": "Olena"})
    assert response.status_code == 200
    assert "Choose the person's sex." in _shown_errors(response)


def test_every_form_has_novalidate(client, sw_a):
    client.force_login(sw_a)
    body = client.get(reverse("cases:client_register")).content.decode()
    forms = re.findall(r"<form\b[^>]*>", body)
    assert forms and all("novalidate" in form for form in forms)


@pytest.fixture
def osa(provider_x):
    contract = f.ContractFactory(provider=provider_x.provider, programme=f.programme("AS-OSA"))
    return f.EpisodeFactory(
        contract=contract,
        mentor=provider_x.mentor,
        social_worker=provider_x.social_worker,
        started_on=days_ago(300),
        client=f.ClientFactory(legal_status=f.legal_status("refugee"), status_granted_on=days_ago(400)),
    )


def test_each_required_reason_has_its_own_message(client, provider_x, osa, fund):
    log_in(client, provider_x.coordinator.user)
    extend = client.post(reverse("cases:episode_extend", args=[osa.pk]), {"length": 18})
    assert "Give the reason for the extension." in _shown_errors(extend)
    end = client.post(reverse("cases:episode_end", args=[osa.pk]), {"ended_on": today().isoformat()})
    assert {"Choose why the episode ends.", "Write a short closing summary."} <= set(_shown_errors(end))
    contract_month_lock(contract=provider_x.contract, month=datetime.date(2024, 2, 1), by=fund)
    client.force_login(fund)
    unlock = client.post(reverse("reporting:statement_unlock", args=[provider_x.contract.pk, "2024-02"]), {})
    assert "Give the reason for unlocking the month." in _text(unlock)


@pytest.mark.parametrize(
    ("language", "shown"),
    [
        ("lv", ["21 mēnesis", "22 mēneši", "24 mēneši"]),
        ("uk", ["21 місяць", "22 місяці", "18 місяців"]),
        ("ru", ["21 месяц", "22 месяца", "18 месяцев"]),
    ],
)
def test_extension_lengths_in_the_languages_plural_forms(client, settings, provider_x, osa, language, shown):
    log_in(client, provider_x.coordinator.user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    page = _text(client.get(reverse("cases:episode_extend", args=[osa.pk])))
    for label in shown:
        assert f">{label}</option>" in page


@pytest.mark.parametrize(
    ("language", "shown"), [("lv", "Izvēlieties…"), ("uk", "Оберіть…"), ("ru", "Выберите…")]
)
def test_a_select_names_its_empty_choice_in_the_pages_language(
    client, settings, provider_x, osa, language, shown
):
    """The end reason's select (a model field's choices) and Django's admin alike: never "---------"."""
    log_in(client, provider_x.coordinator.user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    page = _text(client.get(reverse("cases:episode_end", args=[osa.pk])))
    reason = re.search(r'<select name="end_reason".*?</select>', page, re.S).group(0)
    assert re.search(rf'<option value=""[^>]*>{shown}</option>', reason)
    assert "---------" not in page
