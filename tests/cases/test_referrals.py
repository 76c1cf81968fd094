"""Referrals: filing and routing, the status machine, accepting with a mentor, the 3-working-day flag,
provider intake, what each side sees."""

import datetime
import html
import re
import threading
import zoneinfo

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone, translation

from cases import services
from cases.models import EndReason, Episode, Referral
from cases.rules.calendar import working_days_after
from cases.selectors import (
    mentor_suggestions,
    referral_answer_due,
    referral_overdue_before,
)
from cases.services import ServiceError
from mentors.models import ProviderStaff
from tests import factories as f

pytestmark = pytest.mark.django_db
RIGA = zoneinfo.ZoneInfo("Europe/Riga")


@pytest.fixture(autouse=True)
def english(client, settings):
    """Messages are compared in the source language, whatever the catalogues say."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    with translation.override("en"):
        yield


@pytest.fixture
def resident(sw_a):
    """A Rīga resident with consent, registered by Rīga's social worker."""
    return f.ConsentedClientFactory(
        registered_by=sw_a, given_name="Olena", family_name="Shevchenko", preferred_language=f.language("uk")
    )


def submitted(client_, contract, by, **kwargs):
    return f.ReferralFactory(client=client_, contract=contract, filed_by=by, **kwargs)


def page(response) -> str:
    """The page's text as a person reads it (entities decoded)."""
    return html.unescape(response.content.decode())


def refer_url(client_):
    return reverse("cases:referral_create", args=[client_.pk])


def ua_mentor_form(**overrides):
    return {
        "programme": f.programme("UA-MENTOR").pk,
        "needs_areas": [f.goal_area("housing").pk, f.goal_area("documents").pk],
        "needs_text": "Needs a flat and a family doctor.",
        "urgency": "soon",
        "contact_language": f.language("uk").pk,
        "notes_for_provider": "Call after 16:00.",
        "confirmed": "1",  # the summary seen and confirmed (see test_referral_trust.py)
    } | overrides


# --- Filing and routing --------------------------------------------------------------------------


def test_a_referral_goes_to_the_provider_covering_the_municipality(
    client, sw_a, provider_x, provider_y, resident
):
    client.force_login(sw_a)
    form = client.get(refer_url(resident))
    assert "provider" not in form.context["form"].fields  # one provider covers Rīga: no choice to make
    response = client.post(refer_url(resident), ua_mentor_form())
    referral = Referral.objects.get()
    assert response["Location"] == reverse("cases:referral_detail", args=[referral.pk])
    assert (referral.provider, referral.contract, referral.municipality) == (
        provider_x.provider,
        provider_x.contract,
        f.municipality("Rīga"),
    )
    assert referral.status == Referral.Status.SUBMITTED and referral.filed_by == sw_a
    assert set(referral.needs_areas.values_list("code", flat=True)) == {"housing", "documents"}
    assert list(referral.events.values_list("from_status", "to_status", "by")) == [("", "submitted", sw_a.pk)]


def test_where_several_providers_cover_the_municipality_the_social_worker_chooses(
    client, sw_a, provider_x, resident
):
    other = f.ContractFactory(
        provider=f.ProviderFactory(code="Z-NGO"), municipalities=[f.municipality("Rīga")]
    )
    client.force_login(sw_a)
    response = client.post(refer_url(resident), ua_mentor_form())
    assert "Several providers cover your municipality for this programme: choose one." in page(response)
    assert not Referral.objects.exists()
    client.post(refer_url(resident), ua_mentor_form(provider=other.provider.pk))
    assert Referral.objects.get().contract == other


def test_an_ended_contract_does_not_take_referrals(client, sw_a, provider_x, resident):
    provider_x.contract.terminated_on = provider_x.contract.starts_on
    provider_x.contract.save(update_fields=["terminated_on"])
    client.force_login(sw_a)
    response = client.get(refer_url(resident))
    assert "No provider's contract covers your municipality for this programme." in page(response)


@pytest.mark.parametrize(
    ("prepare", "message"),
    [
        (
            lambda c, x: c.consents.all().delete(),
            "Record the person's consent to processing before filing a referral.",
        ),
        (
            lambda c, x: submitted(c, x.contract, c.registered_by),
            "This person already has an open referral for this programme.",
        ),
        (
            lambda c, x: submitted(c, x.contract, c.registered_by, status=Referral.Status.RETURNED),
            "This person already has an open referral for this programme.",
        ),
        (
            lambda c, x: f.EpisodeFactory(client=c, contract=x.contract),
            "This person is already receiving this service.",
        ),
    ],
    ids=["no consent", "open referral", "returned referral", "active episode"],
)
def test_a_referral_that_breaks_a_rule_is_refused(client, sw_a, provider_x, resident, prepare, message):
    prepare(resident, provider_x)
    before = Referral.objects.count()
    client.force_login(sw_a)
    response = client.post(refer_url(resident), ua_mentor_form())
    assert response.status_code == 200
    assert message in page(response)
    assert "Needs a flat and a family doctor." in page(response)  # what was typed is kept
    assert Referral.objects.count() == before


def test_a_client_of_another_municipality_cannot_be_referred(sw_a, provider_x, provider_y):
    """Rīga once referred this person, who then moved to Daugavpils: only Daugavpils refers now."""
    moved = f.ConsentedClientFactory(residence_municipality=f.municipality("Daugavpils"))
    with pytest.raises(ServiceError, match="lives in another municipality"):
        services.referral_file(client=moved, programme=f.programme("UA-MENTOR"), by=sw_a)
    assert not Referral.objects.exists()


def test_only_municipal_programmes_take_referrals(sw_a, provider_x, resident):
    with pytest.raises(ServiceError, match="does not take referrals from municipal social services"):
        services.referral_file(client=resident, programme=f.programme("AS-OSA"), by=sw_a)


def test_a_withdrawn_or_accepted_referral_allows_a_new_one(sw_a, provider_x, resident):
    assessment = {"needs_areas": [f.goal_area("housing")], "needs_text": "Needs a flat."}
    first = services.referral_file(client=resident, programme=f.programme("UA-MENTOR"), **assessment, by=sw_a)
    services.referral_withdraw(referral=first, by=sw_a)
    second = services.referral_file(
        client=resident, programme=f.programme("UA-MENTOR"), **assessment, by=sw_a
    )
    assert second.status == Referral.Status.SUBMITTED and second.contact_language == f.language("uk")


# --- Withdraw, return, resubmit ------------------------------------------------------------------


def test_the_social_worker_withdraws_a_waiting_referral(client, sw_a, provider_x, resident):
    referral = submitted(resident, provider_x.contract, sw_a)
    client.force_login(sw_a)
    url = reverse("cases:referral_withdraw", args=[referral.pk])
    response = client.post(url, {"withdraw-note": "The family left for Poland.", "confirmed": "1"})
    referral.refresh_from_db()
    assert response.status_code == 302 and referral.status == Referral.Status.WITHDRAWN
    assert referral.events.last().note == "The family left for Poland."

    response = client.post(url, {"confirmed": "1"}, follow=True)
    assert "This referral has been withdrawn." in page(response)
    assert referral.events.count() == 2


def test_the_coordinator_returns_and_the_social_worker_reroutes(client, sw_a, provider_x, resident):
    other = f.ContractFactory(
        provider=f.ProviderFactory(code="Z-NGO"), municipalities=[f.municipality("Rīga")]
    )
    referral = submitted(
        resident, provider_x.contract, sw_a, submitted_at=timezone.now() - datetime.timedelta(days=9)
    )
    client.force_login(provider_x.coordinator.user)
    url = reverse("cases:referral_return", args=[referral.pk])
    response = client.post(url, {"return-reason": "  "})
    assert "Give the reason for returning the referral." in page(response)
    referral.refresh_from_db()
    assert referral.status == Referral.Status.SUBMITTED

    client.post(url, {"return-reason": "No Ukrainian-speaking mentor free this month."})
    referral.refresh_from_db()
    assert referral.status == Referral.Status.RETURNED
    assert referral.return_reason == "No Ukrainian-speaking mentor free this month."
    assert referral.decided_by == provider_x.coordinator.user

    client.force_login(sw_a)
    detail = page(client.get(reverse("cases:referral_detail", args=[referral.pk])))
    assert "No Ukrainian-speaking mentor free this month." in detail
    client.post(
        reverse("cases:referral_resubmit", args=[referral.pk]),
        {
            "resubmit-provider": other.provider.pk,
            "resubmit-needs_areas": [area.pk for area in referral.needs_areas.all()],
            "resubmit-needs_text": referral.needs_text,
            "resubmit-urgency": referral.urgency,
        },
    )
    referral.refresh_from_db()
    assert (referral.status, referral.provider, referral.contract) == (
        Referral.Status.SUBMITTED,
        other.provider,
        other,
    )
    assert referral.submitted_at > timezone.now() - datetime.timedelta(
        minutes=1
    )  # the working days start again
    assert referral.decided_by is None
    assert list(referral.events.values_list("to_status", flat=True)) == ["submitted", "returned", "submitted"]


def test_only_a_returned_referral_is_sent_again(sw_a, provider_x, resident):
    referral = submitted(resident, provider_x.contract, sw_a)
    with pytest.raises(ServiceError, match="waiting for the provider's decision"):
        services.referral_resubmit(referral=referral, by=sw_a)


# --- Accepting -----------------------------------------------------------------------------------


def test_accepting_assigns_the_mentor_and_opens_the_episode(client, sw_a, provider_x, resident):
    referral = submitted(resident, provider_x.contract, sw_a)
    coordinator = provider_x.coordinator.user
    client.force_login(coordinator)
    response = client.post(
        reverse("cases:referral_accept", args=[referral.pk]), {"accept-mentor": provider_x.mentor.pk}
    )
    assert response.status_code == 302
    referral.refresh_from_db()
    episode = Episode.objects.get()
    today = timezone.localdate()
    assert referral.status == Referral.Status.ACCEPTED and referral.episode == episode
    assert referral.decided_by == coordinator
    assert (episode.client, episode.programme.code, episode.contract, episode.mentor) == (
        resident,
        "UA-MENTOR",
        provider_x.contract,
        provider_x.mentor,
    )
    assert episode.started_on == today and episode.limit_on == today + datetime.timedelta(days=59)
    assert episode.intake_source == Episode.IntakeSource.MUNICIPAL_REFERRAL
    assert list(referral.events.values_list("to_status", "by")) == [
        ("submitted", sw_a.pk),
        ("accepted", coordinator.pk),
    ]


def test_accepting_twice_gives_a_clear_message_and_one_episode(client, sw_a, provider_x, resident):
    referral = submitted(resident, provider_x.contract, sw_a)
    client.force_login(provider_x.coordinator.user)
    url = reverse("cases:referral_accept", args=[referral.pk])
    client.post(url, {"accept-mentor": provider_x.mentor.pk})
    response = client.post(url, {"accept-mentor": provider_x.mentor.pk})
    assert response.status_code == 200
    assert "This referral has already been accepted." in page(response)
    assert Episode.objects.count() == 1
    assert referral.events.filter(to_status="accepted").count() == 1


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL")
def test_two_coordinators_accepting_at_the_same_moment_make_one_episode(provider_x, sw_a):
    """Each accept runs in its own thread and connection; the row lock makes the second wait and then
    find the referral accepted."""
    resident = f.ConsentedClientFactory(registered_by=sw_a)
    referral = submitted(resident, provider_x.contract, sw_a)
    second = f.ProviderStaffFactory(provider=provider_x.provider, role=ProviderStaff.Role.COORDINATOR).user
    start = threading.Barrier(2)
    outcomes = []

    def accept(by):
        try:
            start.wait()
            with translation.override("en"):
                services.referral_accept(referral=referral, mentor=provider_x.mentor, by=by)
            outcomes.append("accepted")
        except ServiceError as error:
            outcomes.append(error.messages[0])
        finally:
            connection.close()

    threads = [threading.Thread(target=accept, args=(by,)) for by in (provider_x.coordinator.user, second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["This referral has already been accepted.", "accepted"]
    assert Episode.objects.filter(client=resident).count() == 1


def test_a_mentor_of_another_provider_is_refused(client, sw_a, provider_x, provider_y, resident):
    referral = submitted(resident, provider_x.contract, sw_a)
    client.force_login(provider_x.coordinator.user)
    response = client.post(
        reverse("cases:referral_accept", args=[referral.pk]), {"accept-mentor": provider_y.mentor.pk}
    )
    assert "Choose an active social mentor of this provider." in page(response)
    assert not Episode.objects.exists()
    with pytest.raises(ServiceError, match="Choose an active social mentor of this provider."):
        services.referral_accept(referral=referral, mentor=provider_y.mentor, by=provider_x.coordinator.user)
    with pytest.raises(ServiceError, match="Choose an active social mentor of this provider."):
        services.referral_accept(
            referral=referral, mentor=provider_x.social_worker, by=provider_x.coordinator.user
        )
    referral.refresh_from_db()
    assert referral.status == Referral.Status.SUBMITTED and not Episode.objects.exists()


def test_mentors_who_speak_the_language_and_have_room_come_first(provider_x):
    provider = provider_x.provider
    busy = f.ProviderStaffFactory(
        provider=provider, role=ProviderStaff.Role.MENTOR, languages=["uk"], max_caseload=1
    )
    f.EpisodeFactory(contract=provider_x.contract, mentor=busy)
    latvian = f.ProviderStaffFactory(provider=provider, role=ProviderStaff.Role.MENTOR, languages=["lv"])
    russian = f.ProviderStaffFactory(provider=provider, role=ProviderStaff.Role.MENTOR, languages=["ru"])
    f.ProviderStaffFactory(
        provider=provider, role=ProviderStaff.Role.MENTOR, languages=["uk"], is_active=False
    )
    suggestions = list(
        mentor_suggestions(
            provider=provider, languages=[f.language("ru"), f.language("uk")], first_language=f.language("uk")
        )
    )
    # provider_x.mentor speaks uk, ru and lv and has no clients.
    assert suggestions == [provider_x.mentor, busy, russian, latvian]
    assert [(m.caseload, m.speaks_first, m.has_room) for m in suggestions[:2]] == [
        (0, True, True),
        (1, True, False),
    ]


def test_the_accept_form_lists_suggestions_first(client, sw_a, provider_x, resident):
    f.ProviderStaffFactory(provider=provider_x.provider, role=ProviderStaff.Role.MENTOR, languages=["lv"])
    referral = submitted(resident, provider_x.contract, sw_a)
    client.force_login(provider_x.coordinator.user)
    form = client.get(reverse("cases:referral_detail", args=[referral.pk])).context["accept_form"]
    labels = [label for _, label in form.fields["mentor"].choices]
    assert labels[0].startswith(str(provider_x.mentor)) and "speaks the client's language" in labels[0]
    assert "speaks the client's language" not in labels[1]


# --- What each side sees -------------------------------------------------------------------------


def test_the_social_worker_sees_the_outcome_but_not_the_visit_notes(client, sw_a, provider_x, resident):
    referral = submitted(resident, provider_x.contract, sw_a)
    episode = services.referral_accept(
        referral=referral, mentor=provider_x.mentor, by=provider_x.coordinator.user
    )
    f.VisitFactory(episode=episode, notes="Private note about the flat.")
    episode.status = Episode.Status.ENDED
    episode.ended_on = episode.started_on
    episode.end_reason = EndReason.objects.get(code="left_country")
    episode.closing_summary = "The family moved to Germany."
    episode.save()
    client.force_login(sw_a)
    for url in (
        reverse("cases:referral_detail", args=[referral.pk]),
        reverse("cases:client_detail", args=[resident.pk]),
    ):
        text = page(client.get(url))
        assert str(provider_x.mentor) in text
        assert "The family moved to Germany." in text and str(episode.end_reason) in text
        assert "Private note about the flat." not in text
    listing = page(client.get(reverse("cases:referral_list")))
    assert str(provider_x.mentor) in listing and "accepted" in listing


def test_the_coordinators_inbox_shows_waiting_referrals_by_default(
    client, sw_a, sw_b, provider_x, provider_y, resident
):
    waiting = submitted(resident, provider_x.contract, sw_a)
    # Accepted, not returned: a returned referral is the municipality's until re-sent (test_need.py).
    accepted = submitted(
        f.ConsentedClientFactory(), provider_x.contract, sw_a, status=Referral.Status.ACCEPTED
    )
    submitted(
        f.ConsentedClientFactory(residence_municipality=f.municipality("Daugavpils")),
        provider_y.contract,
        sw_b,
    )
    client.force_login(provider_x.coordinator.user)
    assert list(client.get(reverse("cases:referral_list")).context["referrals"]) == [waiting]
    everything = client.get(reverse("cases:referral_list"), {"status": ""}).context["referrals"]
    assert set(everything) == {waiting, accepted}


@pytest.mark.parametrize("rows", [1, 20])
@pytest.mark.parametrize("who", ["sw_a", "coordinator_x"])
def test_referral_list_queries_do_not_grow_with_the_rows(
    client, cast, provider_x, django_assert_max_num_queries, rows, who
):
    for _ in range(rows):
        referral = submitted(
            f.ConsentedClientFactory(), provider_x.contract, cast["sw_a"], contact_language=f.language("uk")
        )
        services.referral_accept(referral=referral, mentor=provider_x.mentor, by=provider_x.coordinator.user)
    client.force_login(cast[who])
    with django_assert_max_num_queries(10):
        response = client.get(reverse("cases:referral_list"), {"status": ""})
    assert len(response.context["referrals"]) == rows


@pytest.mark.parametrize("who", ["sw_a", "coordinator_x", "social_worker_x"])
def test_home_pages_summarise_referrals_in_few_queries(
    client, cast, provider_x, django_assert_max_num_queries, who
):
    for _ in range(6):
        submitted(f.ConsentedClientFactory(), provider_x.contract, cast["sw_a"])
    client.force_login(cast[who])
    with django_assert_max_num_queries(10):
        response = client.get(reverse("home"))
    assert response.status_code == 200


# --- The 3-working-day flag ----------------------------------------------------------------------


def at(day: str, hour: int = 10) -> datetime.datetime:
    return datetime.datetime.fromisoformat(day).replace(hour=hour, tzinfo=RIGA)


@pytest.mark.parametrize(
    ("submitted_on", "due"),
    [
        ("2024-03-04", "2024-03-07"),  # Monday → Thursday
        ("2024-03-07", "2024-03-12"),  # Thursday → Tuesday
        ("2024-03-08", "2024-03-13"),  # Friday → Wednesday
        ("2024-03-09", "2024-03-13"),  # Saturday → Wednesday
        ("2024-03-10", "2024-03-13"),  # Sunday → Wednesday
    ],
)
def test_a_referral_is_answered_within_three_working_days(submitted_on, due):
    assert referral_answer_due(at(submitted_on)) == datetime.date.fromisoformat(due)


def test_working_days_skip_weekends():
    assert working_days_after(datetime.date(2024, 3, 8), 1) == datetime.date(2024, 3, 11)


@pytest.mark.parametrize(
    ("now", "overdue_before"),
    [
        ("2024-03-14", "2024-03-11"),  # Thursday: Friday's to Sunday's were due Wednesday
        ("2024-03-12", "2024-03-07"),  # Tuesday: Thursday's are due today
        ("2024-03-11", "2024-03-06"),  # Monday: Wednesday's are due today, Tuesday's were due Friday
    ],
)
def test_overdue_means_submitted_before_the_first_day_still_in_time(now, overdue_before):
    cutoff = referral_overdue_before(datetime.date.fromisoformat(now))
    assert cutoff == at(overdue_before, 0)
    first_in_time = datetime.date.fromisoformat(overdue_before)
    today = datetime.date.fromisoformat(now)
    assert referral_answer_due(at(overdue_before)) >= today
    assert working_days_after(first_in_time - datetime.timedelta(days=1), 3) < today


def test_a_late_referral_is_flagged_to_both_sides(client, sw_a, provider_x, resident):
    late = submitted(
        resident, provider_x.contract, sw_a, submitted_at=timezone.now() - datetime.timedelta(days=8)
    )
    fresh = submitted(f.ConsentedClientFactory(), provider_x.contract, sw_a)
    for who in (sw_a, provider_x.coordinator.user):
        client.force_login(who)
        referrals = {
            r.pk: r.is_overdue
            for r in client.get(reverse("cases:referral_list"), {"status": ""}).context["referrals"]
        }
        assert referrals == {late.pk: True, fresh.pk: False}
        assert "overdue" in page(client.get(reverse("cases:referral_detail", args=[late.pk])))
        home = page(client.get(reverse("home")))
        assert re.search(r'data-testid="overdue-count">(\d+)<', home).group(1) == "1"


# --- Provider intake (AS-ESF, AS-OSA) ------------------------------------------------------------


@pytest.fixture
def osa(provider_x):
    """Provider X also holds an AS-OSA contract (provider intake)."""
    return f.ContractFactory(
        provider=provider_x.provider, programme=f.programme("AS-OSA"), starts_on=datetime.date(2023, 12, 1)
    )


def test_the_provider_social_worker_opens_an_episode_without_a_referral(client, provider_x, osa):
    seeker = f.ConsentedClientFactory(
        legal_status=f.legal_status("asylum_seeker"),
        registered_by_provider=provider_x.provider,
        residence_municipality=f.municipality("Ropažu novads"),
    )
    client.force_login(provider_x.social_worker.user)
    url = reverse("cases:intake_episode_open", args=[seeker.pk])
    form = client.get(url).context["form"]
    assert list(form.fields["contract"].queryset) == [osa]  # not the UA-MENTOR contract
    data = {
        "contract": osa.pk,
        "intake_source": "accommodation_centre",
        "started_on": timezone.localdate().isoformat(),
        "mentor": provider_x.mentor.pk,
    }
    response = client.post(url, data)
    assert "This programme needs a provider social worker: choose one." in page(response)
    assert not Episode.objects.exists()

    response = client.post(url, data | {"social_worker": provider_x.social_worker.pk})
    assert response.status_code == 302
    episode = Episode.objects.get()
    assert (episode.programme.code, episode.contract, episode.intake_source, episode.social_worker) == (
        "AS-OSA",
        osa,
        "accommodation_centre",
        provider_x.social_worker,
    )
    assert not Referral.objects.exists()
    # The person is in the programme now: no contract is offered, nor the button on their page.
    assert not client.get(url).context["form"].fields["contract"].queryset.exists()
    assert url not in page(client.get(reverse("cases:client_detail", args=[seeker.pk])))


def test_intake_refuses_a_future_start_and_a_programme_with_municipal_referrals(provider_x, osa):
    seeker = f.ConsentedClientFactory(registered_by_provider=provider_x.provider)
    by = provider_x.social_worker.user
    kwargs = {
        "client": seeker,
        "mentor": provider_x.mentor,
        "social_worker": provider_x.social_worker,
        "by": by,
    }
    with pytest.raises(ServiceError, match="takes clients only on a municipal referral"):
        services.intake_episode_open(
            contract=provider_x.contract, intake_source="self", started_on=timezone.localdate(), **kwargs
        )
    with pytest.raises(ServiceError, match="cannot be in the future"):
        services.intake_episode_open(
            contract=osa,
            intake_source="self",
            started_on=timezone.localdate() + datetime.timedelta(days=1),
            **kwargs,
        )
    assert not Episode.objects.exists()
