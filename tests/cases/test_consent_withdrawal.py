"""Withdrawing consent to processing, and taking a person out of a household (issue 10, the GDPR lifecycle)."""

import html

import pytest
from django.urls import reverse

from cases.models import Activity, ClientEvent, Consent, EpisodeEvent, Referral, ReferralEvent, Visit
from cases.services import ServiceError, consent_withdraw, household_member_remove, referral_file, visit_log
from tests import factories as f
from tests.cases.episode_support import days_ago, log_in, shown, today

pytestmark = pytest.mark.django_db
WITHDRAWN = "withdrew consent to processing on"


def text(response) -> str:
    return html.unescape(response.content.decode())


@pytest.fixture
def case(provider_x, sw_a):
    """Olena, referred by Rīga's social worker and accepted into mentor X's open episode; her son in her
    household."""
    olena = f.ConsentedClientFactory(given_name="Olena", family_name="Koval", registered_by=sw_a)
    son = f.ClientFactory(given_name="Taras", family_name="Koval", registered_by=sw_a)
    f.household(olena, son)
    accepted = f.ReferralFactory(
        client=olena,
        contract=provider_x.contract,
        filed_by=sw_a,
        status=Referral.Status.ACCEPTED,
        mentor=provider_x.mentor,
        accepted_on=days_ago(20),
    )
    episode = accepted.episode
    return olena, son, episode, accepted


def _withdraw(client_record, by, **kwargs):
    return consent_withdraw(
        client=client_record,
        withdrawn_on=kwargs.pop("withdrawn_on", days_ago(2)),
        how=kwargs.pop("how", Consent.Withdrawal.BY_PHONE),
        note=kwargs.pop("note", "Called the social service herself."),
        by=by,
    )


def test_the_withdrawal_is_recorded_with_who_when_and_how(case, sw_a):
    olena = case[0]
    (consent,) = _withdraw(olena, sw_a)
    consent.refresh_from_db()
    assert consent.withdrawn_on == days_ago(2)
    assert consent.withdrawn_how == Consent.Withdrawal.BY_PHONE
    assert consent.withdrawal_note == "Called the social service herself."
    assert consent.withdrawal_recorded_by == sw_a
    assert consent.withdrawal_recorded_at is not None


def test_the_withdrawal_page_records_it_and_the_client_page_shows_it(client, case, sw_a):
    olena = case[0]
    log_in(client, sw_a)
    url = reverse("cases:consent_withdraw", args=[olena.pk])
    assert "Withdrawal of consent to processing" in text(client.get(url))
    response = client.post(
        url, {"withdrawn_on": days_ago(1).isoformat(), "how": "in_writing", "note": "Letter of 3 May."}
    )
    assert response.status_code == 302
    page = text(client.get(reverse("cases:client_detail", args=[olena.pk])))
    assert f"The person withdrew consent to processing on {shown(days_ago(1))} (in writing)." in page
    assert "Letter of 3 May." in page


def test_the_withdrawal_page_refuses_a_future_date_and_a_missing_way(client, case, sw_a):
    olena = case[0]
    log_in(client, sw_a)
    url = reverse("cases:consent_withdraw", args=[olena.pk])
    response = client.post(url, {"withdrawn_on": (today().replace(year=today().year + 1)).isoformat()})
    assert response.status_code == 200
    assert "The withdrawal date cannot be in the future." in text(response)
    assert Consent.objects.get(client=olena).withdrawn_on is None


def test_a_mentor_cannot_record_a_withdrawal(client, case, provider_x):
    olena = case[0]
    log_in(client, provider_x.mentor.user)
    response = client.post(
        reverse("cases:consent_withdraw", args=[olena.pk]),
        {"withdrawn_on": today().isoformat(), "how": "in_person"},
    )
    assert response.status_code == 403
    assert Consent.objects.get(client=olena).withdrawn_on is None


def test_nothing_to_withdraw_is_refused(case, sw_a):
    olena = case[0]
    _withdraw(olena, sw_a)
    with pytest.raises(ServiceError, match="no consent in force"):
        _withdraw(olena, sw_a)


def test_withdrawn_consent_blocks_a_new_visit_with_a_clear_message(client, case, provider_x, sw_a):
    olena, son, episode, _ = case
    _withdraw(olena, sw_a, withdrawn_on=days_ago(2))
    log_in(client, provider_x.mentor.user)
    form_page = text(client.get(reverse("cases:visit_create", args=[episode.pk])))
    assert f"The person withdrew consent to processing on {shown(days_ago(2))} (by phone)." in form_page
    response = client.post(
        reverse("cases:visit_create", args=[episode.pk]),
        {
            "visited_on": today().isoformat(),
            "duration_minutes": 60,
            "place": Visit.Place.HOME,
            "activities": [Activity.objects.get(code="housing").pk],
            "attendees": [olena.pk],
        },
    )
    assert response.status_code == 200
    assert (
        f"Olena Koval withdrew consent to processing on {shown(days_ago(2))}: no contact with them on or "
        "after that day can be recorded." in text(response)
    )
    assert not Visit.objects.exists()


def test_a_contact_before_the_withdrawal_may_still_be_logged(case, provider_x, sw_a):
    olena, son, episode, _ = case
    _withdraw(olena, sw_a, withdrawn_on=days_ago(2))
    visit = visit_log(
        episode=episode,
        visited_on=days_ago(3),
        duration_minutes=30,
        place=Visit.Place.HOME,
        activities=list(Activity.objects.filter(code="housing")),
        attendees=[olena],
        by=provider_x.mentor.user,
    )
    assert list(visit.attendees.all()) == [olena]


def test_a_household_member_who_withdrew_cannot_be_present(case, provider_x, sw_a):
    olena, son, episode, _ = case
    f.ConsentFactory(client=son, given_on=days_ago(30))
    _withdraw(son, sw_a, withdrawn_on=days_ago(1))
    with pytest.raises(ServiceError, match=f"Taras Koval {WITHDRAWN}"):
        visit_log(
            episode=episode,
            visited_on=today(),
            duration_minutes=30,
            place=Visit.Place.HOME,
            activities=list(Activity.objects.filter(code="housing")),
            attendees=[olena, son],
            by=provider_x.mentor.user,
        )


def test_consent_given_again_lifts_the_block(case, provider_x, sw_a):
    olena, son, episode, _ = case
    _withdraw(olena, sw_a, withdrawn_on=days_ago(5))
    f.ConsentFactory(client=olena, given_on=days_ago(1))
    visit_log(
        episode=episode,
        visited_on=today(),
        duration_minutes=30,
        place=Visit.Place.HOME,
        activities=list(Activity.objects.filter(code="housing")),
        attendees=[olena],
        by=provider_x.mentor.user,
    )
    assert Visit.objects.count() == 1


def test_no_new_referral_after_a_withdrawal(client, provider_x, sw_a):
    person = f.ConsentedClientFactory(given_name="Iryna", family_name="Melnyk", registered_by=sw_a)
    _withdraw(person, sw_a, withdrawn_on=days_ago(1))
    with pytest.raises(ServiceError, match="no referral can be filed unless they give their consent again"):
        referral_file(client=person, programme=f.programme("UA-MENTOR"), by=sw_a)
    log_in(client, sw_a)
    page = text(client.get(reverse("cases:referral_create", args=[person.pk])))
    assert f"The person withdrew consent to processing on {shown(days_ago(1))}" in page
    assert not Referral.objects.exists()


def test_the_coordinator_and_the_referring_social_worker_are_told(client, case, provider_x, sw_a):
    olena, son, episode, accepted = case
    _withdraw(olena, sw_a, withdrawn_on=days_ago(2))
    event = EpisodeEvent.objects.get(episode=episode, kind=EpisodeEvent.Kind.CONSENT_WITHDRAWN)
    assert event.by == sw_a and event.to_value == days_ago(2).isoformat() and event.note == "by phone"
    notice = f"The person withdrew consent to processing on {shown(days_ago(2))} (by phone)."
    coordinator_page = text(
        log_in(client, provider_x.coordinator.user).get(reverse("cases:episode_detail", args=[episode.pk]))
    )
    assert notice in coordinator_page
    history = coordinator_page.split('data-testid="events"')[1]
    assert f"The person withdrew consent to processing: — → {shown(days_ago(2))}" in history
    referral_page = text(log_in(client, sw_a).get(reverse("cases:referral_detail", args=[accepted.pk])))
    assert notice in referral_page


def test_an_open_referral_is_withdrawn_with_the_reason(provider_x, sw_a):
    person = f.ConsentedClientFactory(registered_by=sw_a)
    waiting = f.ReferralFactory(client=person, contract=provider_x.contract, filed_by=sw_a)
    _withdraw(person, sw_a, withdrawn_on=days_ago(1))
    waiting.refresh_from_db()
    assert waiting.status == Referral.Status.WITHDRAWN
    event = ReferralEvent.objects.get(referral=waiting, to_status=Referral.Status.WITHDRAWN)
    assert event.from_status == Referral.Status.SUBMITTED and event.to_status == Referral.Status.WITHDRAWN
    assert event.note == f"The person withdrew consent to processing on {shown(days_ago(1))}."


# --- Households ----------------------------------------------------------------------------------


def test_removing_a_person_from_the_household_is_recorded(client, case, sw_a, provider_x):
    olena, son, episode, _ = case
    household = olena.household
    log_in(client, sw_a)
    response = client.post(reverse("cases:household_remove", args=[son.pk]))
    assert response.status_code == 302
    son.refresh_from_db()
    assert son.household is None and son.household_relation == ""
    event = ClientEvent.objects.get(client=son)
    assert (
        event.kind == ClientEvent.Kind.HOUSEHOLD_LEFT
        and event.value == str(household.pk)
        and event.by == sw_a
    )
    olena.refresh_from_db()
    assert olena.household == household
    with pytest.raises(ServiceError, match="Only the client and their household can be present."):
        visit_log(
            episode=episode,
            visited_on=today(),
            duration_minutes=30,
            place=Visit.Place.HOME,
            activities=list(Activity.objects.filter(code="housing")),
            attendees=[olena, son],
            by=provider_x.mentor.user,
        )


def test_removing_someone_without_a_household_is_refused(sw_a):
    alone = f.ClientFactory()
    with pytest.raises(ServiceError, match="not a member of a household"):
        household_member_remove(client=alone, by=sw_a)


def test_a_mentor_cannot_remove_a_household_member(client, case, provider_x):
    olena, son, *_ = case
    log_in(client, provider_x.mentor.user)
    assert client.post(reverse("cases:household_remove", args=[son.pk])).status_code == 403
    son.refresh_from_db()
    assert son.household is not None
