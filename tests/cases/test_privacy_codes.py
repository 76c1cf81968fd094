"""Defect 3 of issue 10, the existence oracle: registering a person with a personal code that belongs to
someone outside the user's scope must not tell the user that this someone is a client."""

import html

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from cases.models import Client
from cases.services import ServiceError, client_update
from tests import factories as f
from tests.cases.episode_support import log_in

pytestmark = pytest.mark.django_db
REGISTER = reverse("cases:client_register")
HELD_ELSEWHERE = "325511-00001"  # new-format codes: no date, no check digit
FRESH = "325511-00002"


def text(response) -> str:
    return html.unescape(response.content.decode())


def person(given, family, code, born) -> dict:
    return {
        "given_name": given,
        "family_name": family,
        "date_of_birth": born,
        "sex": "F",
        "citizenship": "UA",
        "personal_code": code,
        "legal_status": f.legal_status("ua_civilian").pk,
    }


@pytest.fixture
def held_in_daugavpils(sw_b):
    """A Daugavpils client: Rīga's social worker may not see her."""
    return f.SearchableClientFactory(
        given_name="Nadiia",
        family_name="Hordiienko",
        personal_code=HELD_ELSEWHERE,
        residence_municipality=f.municipality("Daugavpils"),
        registered_by=sw_b,
    )


def _register(client, data):
    """The answer to a registration: its status, and the messages on the page it leads to."""
    response = client.post(REGISTER, data)
    shown = client.get(response["Location"]) if response.status_code == 302 else response
    return response, [str(message) for message in get_messages(shown.wsgi_request)]


def test_a_code_held_outside_the_scope_answers_exactly_as_a_new_code(client, sw_a, held_in_daugavpils):
    log_in(client, sw_a)
    taken, taken_messages = _register(client, person("Iryna", "Melnyk", HELD_ELSEWHERE, "1980-01-02"))
    fresh, fresh_messages = _register(client, person("Oksana", "Tkachuk", FRESH, "1977-07-07"))

    # The same answer: registered, the same message, each on their own new page.
    assert taken.status_code == fresh.status_code == 302
    assert taken_messages == fresh_messages == ["The person is registered."]
    new = Client.objects.get(given_name="Iryna")
    assert taken["Location"] == reverse("cases:client_detail", args=[new.pk])
    page = text(client.get(taken["Location"]))
    assert HELD_ELSEWHERE in page  # the code as typed, as for anyone else
    assert "Hordiienko" not in page and "Nadiia" not in page and "Daugavpils" not in page

    # ... and the duplicate is not lost: it waits for the fund's data protection desk to merge.
    assert new.personal_code == HELD_ELSEWHERE and new.duplicate_of == held_in_daugavpils
    assert Client.objects.get(given_name="Oksana").duplicate_of is None


def test_a_code_held_by_someone_the_user_sees_is_still_refused(client, sw_b, held_in_daugavpils):
    log_in(client, sw_b)
    response, _ = _register(client, person("Iryna", "Melnyk", HELD_ELSEWHERE, "1980-01-02"))
    assert response.status_code == 200
    assert "A person with this personal code is already registered." in text(response)
    assert Client.objects.count() == 1


def test_an_edit_to_a_code_held_elsewhere_is_saved_and_marked(sw_a, held_in_daugavpils):
    own = f.SearchableClientFactory(registered_by=sw_a, personal_code="")
    client_update(client=own, fields={"personal_code": HELD_ELSEWHERE}, by=sw_a)
    own.refresh_from_db()
    assert own.personal_code == HELD_ELSEWHERE and own.duplicate_of == held_in_daugavpils
    client_update(client=own, fields={"personal_code": FRESH}, by=sw_a)
    own.refresh_from_db()
    assert own.personal_code == FRESH and own.duplicate_of is None


def test_the_service_refuses_a_code_the_user_can_see(sw_b, held_in_daugavpils):
    own = f.SearchableClientFactory(registered_by=sw_b, residence_municipality=f.municipality("Daugavpils"))
    with pytest.raises(ServiceError, match="already registered"):
        client_update(client=own, fields={"personal_code": HELD_ELSEWHERE}, by=sw_b)
