"""Defect 3 of issue 10, the existence oracle: registering a person with a personal code that belongs to
someone outside the user's scope must not tell the user that this someone is a client."""

import datetime
import html

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from cases.models import Client, ClientEvent, EndReason, Referral, ServedMonth
from cases.services import ServiceError, client_update
from cases.services.privacy import client_merge
from cases.services.served import served_months_differences
from tests import factories as f
from tests.cases.episode_support import log_in

pytestmark = pytest.mark.django_db
REGISTER = reverse("cases:client_register")
HELD_ELSEWHERE = "325511-00001"  # new-format codes: no date, no check digit
FRESH = "325511-00002"
D = datetime.date


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


# --- The desk merges the two records --------------------------------------------------------------


@pytest.fixture
def twin(sw_a, held_in_daugavpils):
    """The same person registered again in Rīga, where her Daugavpils record is out of sight."""
    person = f.ConsentedClientFactory(
        given_name="Nadiia",
        family_name="Hordiienko",
        phone="+371 20005555",
        personal_code=HELD_ELSEWHERE,
        registered_by=sw_a,
    )
    assert person.duplicate_of == held_in_daugavpils
    return person


def test_the_desk_merges_the_two_records(
    client, admin_user, sw_a, provider_x, provider_y, twin, held_in_daugavpils
):
    rīga = f.ReferralFactory(
        client=twin,
        contract=provider_x.contract,
        filed_by=sw_a,
        status=Referral.Status.ACCEPTED,
        mentor=provider_x.mentor,
        accepted_on=D(2024, 3, 1),
    ).episode
    f.VisitFactory(episode=rīga, visited_on=D(2024, 3, 4), notes="Met in Rīga.")
    f._end_as_history(
        rīga,
        ended_on=D(2024, 3, 20),
        end_reason=EndReason.objects.get(code="left_country"),
        closing_summary="",
    )
    daugavpils = f.EpisodeFactory(
        client=held_in_daugavpils,
        contract=provider_y.contract,
        mentor=provider_y.mentor,
        started_on=D(2024, 3, 21),
    )
    f.VisitFactory(episode=daugavpils, visited_on=D(2024, 3, 25))

    response = log_in(client, admin_user).post(reverse("cases:client_merge", args=[twin.pk]))

    assert response.status_code == 302
    assert not Client.objects.filter(pk=twin.pk).exists()
    held_in_daugavpils.refresh_from_db()
    assert set(held_in_daugavpils.episodes.all()) == {rīga, daugavpils}
    assert held_in_daugavpils.phone == "+371 20005555"  # filled in where the first record had none
    assert held_in_daugavpils.consents.count() == 1 and held_in_daugavpils.referrals.count() == 1
    assert list(ServedMonth.objects.filter(client=held_in_daugavpils).values_list("month", "contacts")) == [
        (D(2024, 3, 1), 1),
        (D(2024, 3, 1), 1),
    ]  # one row per contract; served once per provider, as before
    assert served_months_differences() == (set(), set())
    event = ClientEvent.objects.get(client=held_in_daugavpils, kind=ClientEvent.Kind.MERGED)
    assert event.value == twin.pseudonym and event.by == admin_user


def test_a_merge_waits_for_one_of_two_open_episodes_to_end(
    admin_user, provider_x, provider_y, twin, held_in_daugavpils
):
    f.EpisodeFactory(client=twin, contract=provider_x.contract, started_on=D(2024, 3, 1))
    f.EpisodeFactory(client=held_in_daugavpils, contract=provider_y.contract, started_on=D(2024, 3, 1))
    with pytest.raises(ServiceError, match="open episode or referral in the same programme"):
        client_merge(duplicate=twin, by=admin_user)
    assert Client.objects.filter(pk=twin.pk).exists()


def test_case_workers_cannot_merge(client, sw_a, sw_b, twin):
    for user in (sw_a, sw_b):
        assert log_in(client, user).post(reverse("cases:client_merge", args=[twin.pk])).status_code == 404
    assert Client.objects.filter(pk=twin.pk).exists()
