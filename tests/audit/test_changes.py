"""The history of changes: every create, change and delete of personal and payment data is logged with
who, when, from where and what changed (field by field), and each record's page shows its history in
the page's language, to those who may see the record."""

import datetime

import pytest
from django.urls import reverse

from audit.models import LogEntry
from cases.models import Activity, Client, Visit
from mentors.models import ContractMonth
from mentors.services import contract_month_lock
from tests import factories as f
from tests.audit.support import entries_of, history
from tests.cases.episode_support import days_ago, log_in, shown, today


@pytest.fixture
def episode(provider_x):
    client = f.SearchableClientFactory(given_name="Olena", family_name="Koval")
    return f.EpisodeFactory(
        client=client, contract=provider_x.contract, mentor=provider_x.mentor, started_on=days_ago(20)
    )


def test_a_deleted_visit_leaves_a_history_row_with_its_content(client, provider_x, episode):
    visit = f.VisitFactory(episode=episode, visited_on=days_ago(2), notes="Talked about the school place.")
    log_in(client, provider_x.mentor.user)

    response = client.post(reverse("cases:visit_delete", args=[visit.pk]), REMOTE_ADDR="10.1.2.3")

    assert response.status_code == 302
    assert not Visit.objects.filter(pk=visit.pk).exists()
    deleted = entries_of(Visit, visit.pk).get(action=LogEntry.Action.DELETE)
    assert deleted.changes["notes"] == ["Talked about the school place.", "None"]
    assert deleted.changes["visited_on"] == [days_ago(2).isoformat(), "None"]
    assert deleted.changes["duration_minutes"] == ["60", "None"]
    assert deleted.actor == provider_x.mentor.user
    assert deleted.remote_addr == "10.1.2.3"
    assert deleted.actor_provider == provider_x.provider
    assert deleted.actor_role == "mentor"
    assert (deleted.person_id, deleted.episode_id) == (episode.client_id, episode.pk)

    # The provider's coordinator sees it in the episode's history, with the deleted note.
    log_in(client, provider_x.coordinator.user)
    page = history(client.get(reverse("cases:episode_detail", args=[episode.pk])))
    assert (
        f"Visit: deleted Episode: {episode} Contract: {provider_x.contract} Date: {shown(days_ago(2))}"
        in page
    )
    assert "Notes: Talked about the school place." in page


def test_a_visit_logged_and_corrected_is_recorded_field_by_field(client, provider_x, episode):
    son = f.ClientFactory(given_name="Taras", family_name="Koval")
    f.household(episode.client, son)
    log_in(client, provider_x.mentor.user)
    form = {
        "visited_on": today().isoformat(),
        "duration_minutes": 60,
        "place": Visit.Place.HOME,
        "activities": [Activity.objects.get(code="housing").pk],
        "attendees": [episode.client_id],
        "notes": "First visit.",
    }
    client.post(reverse("cases:visit_create", args=[episode.pk]), form)
    visit = Visit.objects.get()
    client.post(
        reverse("cases:visit_edit", args=[visit.pk]),
        form
        | {"duration_minutes": 90, "place": Visit.Place.OFFICE, "attendees": [episode.client_id, son.pk]},
    )

    changed = entries_of(Visit, visit.pk).filter(action=LogEntry.Action.UPDATE)
    fields = changed.get(changes__has_key="duration_minutes").changes
    assert fields["duration_minutes"] == ["60", "90"]
    assert fields["place"] == ["home", "office"]
    present = changed.filter(changes__has_key="attendees").order_by("pk")
    assert [entry.changes["attendees"]["pks"] for entry in present] == [[episode.client_id], [son.pk]]

    page = history(client.get(reverse("cases:visit_edit", args=[visit.pk])))
    assert "People present: added Taras Koval" in page
    assert "Visit: created" in page and "Notes: First visit." in page
    # In the reader's language: the names of the fields and of the choices, not the codes.
    client.cookies["atbalsts_language"] = "lv"
    page = history(client.get(reverse("cases:visit_edit", args=[visit.pk])))
    assert "Ilgums, minūtes: 60 → 90" in page
    assert "klienta dzīvesvieta → pakalpojuma sniedzēja birojs" in page
    assert "home → office" not in page


def test_client_changes_show_on_the_client_page_in_the_page_language(client, sw_a):
    person = f.SearchableClientFactory(registered_by=sw_a, given_name="Irina", sex=Client.Sex.FEMALE)
    client.force_login(sw_a)
    data = {
        "given_name": "Iryna",
        "family_name": person.family_name,
        "date_of_birth": "1985-06-15",
        "sex": "X",
        "citizenship": "UA",
        "phone": "+371 20000001",
        "personal_code": "",
        "id_document": "",
        "residence_municipality": f.municipality("Rīga").pk,
    }
    assert client.post(reverse("cases:client_edit", args=[person.pk]), data).status_code == 302

    change = entries_of(Client, person.pk).get(action=LogEntry.Action.UPDATE)
    assert change.changes["given_name"] == ["Irina", "Iryna"]
    assert change.changes["sex"] == ["F", "X"]
    assert change.actor == sw_a and change.actor_municipality == f.municipality("Rīga")

    client.cookies["atbalsts_language"] = "uk"
    response = client.get(reverse("cases:client_detail", args=[person.pk]))
    assert "Історія змін" in response.content.decode()
    page = history(response)
    assert "Irina → Iryna" in page
    assert "жіноча → інша / не вказано" in page
    assert "F → X" not in page


def test_the_municipal_worker_sees_the_episode_changes_but_not_the_visits(client, sw_a, provider_x, episode):
    f.VisitFactory(episode=episode, visited_on=days_ago(2), notes="Private note")
    log_in(client, provider_x.mentor.user)
    visit = Visit.objects.get()
    client.post(reverse("cases:visit_delete", args=[visit.pk]))
    log_in(client, provider_x.coordinator.user)  # and a change of the episode itself
    other = f.ProviderStaffFactory(provider=provider_x.provider, role="mentor")
    client.post(reverse("cases:episode_reassign", args=[episode.pk]), {"mentor": other.pk, "note": "Leave"})

    log_in(client, sw_a)
    page = history(client.get(reverse("cases:episode_detail", args=[episode.pk])))
    assert "Mentoring episode: changed" in page
    assert str(other) in page
    assert "Private note" not in page and "Visit: deleted" not in page


def test_the_month_lock_is_in_the_change_log(fund, provider_x):
    contract_month_lock(contract=provider_x.contract, month=datetime.date(2024, 2, 1), by=fund)
    month = ContractMonth.objects.get()
    assert entries_of(ContractMonth, month.pk).filter(action=LogEntry.Action.CREATE).exists()
