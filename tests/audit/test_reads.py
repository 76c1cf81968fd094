"""The history of reads and the data protection officer: who opened whose file, when, from where —
answered without the officer seeing any record's content, and logs nobody can change."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from audit.models import LogEntry
from cases.models import Client, Episode
from mentors.models import Contract
from tests import factories as f
from tests.audit.support import entries_of, text
from tests.cases.episode_support import days_ago, log_in


@pytest.fixture
def olena(provider_x):
    person = f.ConsentedClientFactory(given_name="Olena", family_name="Koval", phone="+371 29999999")
    f.EpisodeFactory(
        client=person, contract=provider_x.contract, mentor=provider_x.mentor, started_on=days_ago(20)
    )
    return person


def officer_log(browser, dpo, **query):
    log_in(browser, dpo)
    return browser.get(reverse("reporting:audit_log"), query)


def test_a_mentor_opening_a_clients_page_is_seen_by_the_officer_who_cannot_open_it(
    client, provider_x, dpo, olena
):
    log_in(client, provider_x.mentor.user)
    assert (
        client.get(reverse("cases:client_detail", args=[olena.pk]), REMOTE_ADDR="10.0.0.7").status_code == 200
    )

    read = entries_of(Client, olena.pk).get(action=LogEntry.Action.ACCESS)
    assert (read.actor, read.remote_addr, read.person_id) == (provider_x.mentor.user, "10.0.0.7", olena.pk)

    response = officer_log(client, dpo, person="Olena Koval")
    assert response.status_code == 200
    rows = text(response, "log-table")
    assert f"{provider_x.mentor.user.get_full_name()} {provider_x.mentor.user.username}" in rows
    assert f"opened Client #{olena.pk} {olena.pseudonym}" in rows
    assert "10.0.0.7" in rows
    assert "+371 29999999" not in response.content.decode()  # nothing of the record itself

    assert client.get(reverse("cases:client_detail", args=[olena.pk])).status_code == 404


@pytest.mark.parametrize("page", ["episode_detail", "visit_edit", "plan_detail", "referral_detail"])
def test_every_page_of_a_persons_record_logs_its_reads(client, provider_x, olena, page):
    episode = Episode.objects.get(client=olena)
    make = {
        "episode_detail": lambda: episode,
        "visit_edit": lambda: f.VisitFactory(episode=episode, visited_on=days_ago(1)),
        "plan_detail": lambda: f.InclusionPlanFactory(episode=episode),
        "referral_detail": lambda: f.ReferralFactory(
            client=f.ConsentedClientFactory(), contract=provider_x.contract
        ),
    }
    record = make[page]()
    person = record.client_id if page == "referral_detail" else olena.pk
    log_in(client, provider_x.coordinator.user)
    assert client.get(reverse(f"cases:{page}", args=[record.pk])).status_code == 200
    read = entries_of(type(record), record.pk).get(action=LogEntry.Action.ACCESS)
    assert (read.actor, read.person_id) == (provider_x.coordinator.user, person)


def test_a_refused_page_logs_no_read(client, provider_y, olena):
    log_in(client, provider_y.mentor.user)
    assert client.get(reverse("cases:client_detail", args=[olena.pk])).status_code == 404
    assert not LogEntry.objects.filter(action=LogEntry.Action.ACCESS).exists()


def test_a_statement_download_naming_people_is_logged(client, provider_x):
    log_in(client, provider_x.coordinator.user)
    url = reverse("reporting:statement_export", args=[provider_x.contract.pk, "2024-03", "csv"])
    assert client.get(url).status_code == 200
    read = entries_of(Contract, provider_x.contract.pk).get(action=LogEntry.Action.ACCESS)
    assert read.additional_data == {"what": "statement-X-NGO-2024-03.csv"}
    assert read.actor_provider == provider_x.provider


def test_who_opened_this_persons_file_in_the_last_year(client, provider_x, sw_a, dpo, olena):
    for user in (provider_x.mentor.user, sw_a):
        log_in(client, user)
        client.get(reverse("cases:client_detail", args=[olena.pk]))
    LogEntry.objects.filter(actor=sw_a).update(timestamp=timezone.now() - datetime.timedelta(days=400))
    other = f.SearchableClientFactory(given_name="Petro", family_name="Bondar", registered_by=sw_a)
    log_in(client, sw_a)
    client.get(reverse("cases:client_detail", args=[other.pk]))

    year_ago = timezone.localdate() - datetime.timedelta(days=365)
    response = officer_log(client, dpo, person=olena.pseudonym, kind="reads", start=year_ago.isoformat())
    rows = text(response, "log-table")
    assert provider_x.mentor.user.username in rows
    assert sw_a.username not in rows  # read 400 days ago, and Petro's file is someone else's
    assert "Rīga" not in rows and "Biedrība X-NGO" in rows


def test_the_officer_filters_by_user_organisation_and_kind(client, provider_x, provider_y, sw_a, dpo, olena):
    log_in(client, provider_x.mentor.user)
    client.get(reverse("cases:client_detail", args=[olena.pk]))
    f.ConsentFactory(client=olena)  # a change without a user (the system)
    log_in(client, sw_a)
    client.get(reverse("cases:client_detail", args=[olena.pk]))

    by_user = text(officer_log(client, dpo, user=sw_a.username), "log-table")
    assert sw_a.username in by_user and provider_x.mentor.user.username not in by_user
    municipality = f.municipality("Rīga")
    by_organisation = text(officer_log(client, dpo, organisation=f"m{municipality.pk}"), "log-table")
    assert sw_a.username in by_organisation and provider_x.mentor.user.username not in by_organisation
    changes = text(officer_log(client, dpo, kind="changes", person=olena.pseudonym), "log-table")
    assert "Consent #" in changes and "opened" not in changes


def test_a_name_matching_several_people_asks_which_one(client, dpo, sw_a):
    first = f.SearchableClientFactory(given_name="Olena", family_name="Koval", registered_by=sw_a)
    second = f.SearchableClientFactory(given_name="Olena", family_name="Kovalenko", registered_by=sw_a)
    response = officer_log(client, dpo, person="Olena")
    matches = text(response, "log-person-matches")
    assert f"{first.pseudonym} Olena Koval" in matches and f"{second.pseudonym} Olena Kovalenko" in matches
    assert "log-table" not in response.content.decode()
    chosen = officer_log(client, dpo, person="Olena", client=second.pk)
    assert f"{second.pseudonym} Olena Kovalenko" in text(chosen, "log-person")


@pytest.mark.parametrize("rows", [1, 30])
def test_the_log_queries_do_not_grow_with_the_rows(
    client, dpo, provider_x, olena, rows, django_assert_max_num_queries
):
    episode = Episode.objects.get(client=olena)
    log_in(client, provider_x.mentor.user)
    for _n in range(rows):
        client.get(reverse("cases:episode_detail", args=[episode.pk]))
    log_in(client, dpo)
    with django_assert_max_num_queries(10):
        response = client.get(reverse("reporting:audit_log"), {"person": olena.pseudonym})
    assert text(response, "log-table").count(" opened ") == rows


def test_the_log_cannot_be_changed_or_deleted_in_the_admin(client, admin_user, olena):
    entry = entries_of(Client, olena.pk).get(action=LogEntry.Action.CREATE)
    client.force_login(admin_user)
    changelist = client.get(reverse("admin:audit_logentry_changelist"))
    assert changelist.status_code == 200 and "delete_selected" not in changelist.content.decode()
    assert (
        client.post(reverse("admin:audit_logentry_delete", args=[entry.pk]), {"post": "yes"}).status_code
        == 403
    )
    change = client.post(reverse("admin:audit_logentry_change", args=[entry.pk]), {"object_repr": "x"})
    assert change.status_code == 403
    assert LogEntry.objects.filter(pk=entry.pk, object_repr=str(olena)).exists()
