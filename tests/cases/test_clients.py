"""Registering, finding and changing a person: duplicates, households, consent, legal status."""

import datetime
import html

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone, translation

from cases.models import Client, Consent, EpisodeEvent, Household, LegalStatusRecord
from cases.rules.personal_codes import (
    normalise_personal_code,
    personal_code_check_digit,
    validate_personal_code,
)
from cases.services import (
    ServiceError,
    client_register,
    consent_withdraw,
    household_member_add,
    legal_status_record,
)
from tests import factories as f
from tests.cases.episode_support import shown

pytestmark = pytest.mark.django_db
REGISTER = reverse("cases:client_register")


@pytest.fixture(autouse=True)
def english(client, settings):
    """Messages are compared in the source language, whatever the catalogues say."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    with translation.override("en"):
        yield


def person(**overrides) -> dict:
    data = {
        "given_name": "Oleksandr",
        "family_name": "Shevchenko",
        "given_name_original": "Олександр",
        "family_name_original": "Шевченко",
        "date_of_birth": "1984-02-29",
        "sex": "M",
        "citizenship": "UA",
        "languages": [f.language("uk").pk, f.language("ru").pk],
        "preferred_language": f.language("uk").pk,
        "phone": "+371 20000000",
        "personal_code": "",
        "id_document": "FA123456",
        "legal_status": f.legal_status("ua_civilian").pk,
        "status_decided_on": "2022-03-10",
    }
    return data | overrides


def errors(response) -> str:
    """The page's text as a person reads it (entities decoded)."""
    return html.unescape(response.content.decode())


# --- Personal codes ------------------------------------------------------------------------------


@pytest.mark.parametrize("code", ["161175-19997", "16117519997", "321234-56789", "32123456789"])
def test_valid_personal_codes(code):
    validate_personal_code(code)


@pytest.mark.parametrize(
    ("code", "problem"),
    [
        ("161175-19998", "checksum"),
        ("161375-19997", "date"),  # month 13
        ("300226-19990", "date"),  # 30 February
        ("1611751999", "format"),
        ("16-11-75-19997", "format"),
        ("ABCDEF-12345", "format"),
    ],
)
def test_invalid_personal_codes(code, problem):
    with pytest.raises(ValidationError) as raised:
        validate_personal_code(code)
    assert raised.value.code == problem


def test_a_future_birth_date_in_the_code_is_invalid():
    next_year = timezone.localdate().year + 1
    digits = f"0101{next_year % 100:02d}2000"  # 2000s century digit, then serial 000
    code = f"{digits[:6]}-{digits[6:]}{personal_code_check_digit(digits)}"
    with pytest.raises(ValidationError) as raised:
        validate_personal_code(code)
    assert raised.value.code == "date"


def test_codes_are_stored_with_the_hyphen():
    assert normalise_personal_code(" 161175 19997 ") == "161175-19997"


# --- Registering ---------------------------------------------------------------------------------


def test_social_worker_registers_a_resident_of_their_municipality(client, sw_a):
    client.force_login(sw_a)
    response = client.post(REGISTER, person(personal_code="290284-10001"))
    registered = Client.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("cases:client_detail", args=[registered.pk])
    assert registered.residence_municipality == f.municipality("Rīga")
    assert registered.registered_by == sw_a and registered.registered_by_provider is None
    assert registered.name_key == " aliksandr sivcink "
    assert registered.personal_code == "290284-10001"
    assert set(registered.languages.values_list("code", flat=True)) == {"uk", "ru"}
    record = LegalStatusRecord.objects.get(client=registered)
    assert (record.status.code, record.decided_on, record.recorded_by) == (
        "ua_civilian",
        datetime.date(2022, 3, 10),
        sw_a,
    )
    assert registered.status_granted_on == datetime.date(2022, 3, 10)


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"date_of_birth": "2999-01-01"}, "The date of birth cannot be in the future."),
        ({"personal_code": "12345-678"}, "A personal code is 11 digits"),
        ({"personal_code": "161175-19998"}, "its check digit does not match"),
        ({"personal_code": "161175-19997"}, "The personal code does not match the date of birth."),
        ({"status_decided_on": "1980-01-01"}, "The decision date cannot be before the date of birth."),
        ({"given_name": ""}, "This field is required."),
    ],
)
def test_bad_input_is_refused_with_a_message_and_nothing_is_saved(client, sw_a, overrides, message):
    client.force_login(sw_a)
    response = client.post(REGISTER, person(**overrides))
    assert response.status_code == 200
    assert message in errors(response)
    assert 'value="Shevchenko"' in errors(response)  # what was typed is kept
    assert Client.objects.count() == 0 and LegalStatusRecord.objects.count() == 0


def test_a_personal_code_taken_by_someone_the_user_sees_is_refused(client, sw_a, sw_b):
    # A Rīga resident: sw_a sees them. (Someone sw_a may not see: tests/cases/test_privacy_codes.py.)
    f.SearchableClientFactory(personal_code="161175-19997", residence_municipality=f.municipality("Rīga"))
    client.force_login(sw_a)
    response = client.post(REGISTER, person(personal_code="161175-19997", date_of_birth="1975-11-16"))
    assert "A person with this personal code is already registered." in errors(response)
    assert Client.objects.count() == 1


def test_the_service_refuses_a_future_birth_date(sw_a):
    with pytest.raises(ServiceError, match="cannot be in the future"):
        client_register(
            fields={**_fields(), "date_of_birth": timezone.localdate() + datetime.timedelta(days=1)},
            legal_status=f.legal_status("ua_civilian"),
            by=sw_a,
        )
    assert Client.objects.count() == 0


def _fields():
    return {
        "given_name": "Iryna",
        "family_name": "Kovalenko",
        "date_of_birth": datetime.date(1990, 1, 2),
        "sex": "F",
    }


# --- Duplicates ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("given", "family", "original_given", "original_family"),
    [
        ("Aleksandrs", "Ševčenko", "", ""),
        ("Oleksandr", "Shevchenko", "", ""),
        ("Sasha", "", "Олександр", "Шевченко"),
    ],
)
def test_a_probable_duplicate_is_shown_before_registering(
    client, sw_a, given, family, original_given, original_family
):
    existing = f.SearchableClientFactory(
        given_name="Oleksandr", family_name="Shevchenko", date_of_birth=datetime.date(1984, 2, 29)
    )
    client.force_login(sw_a)
    typed = person(
        given_name=given,
        family_name=family or "S",
        given_name_original=original_given,
        family_name_original=original_family,
    )
    response = client.post(REGISTER, typed)
    assert response.status_code == 200
    assert "This person may already be registered" in errors(response)
    assert reverse("cases:client_detail", args=[existing.pk]) in errors(response)
    assert Client.objects.count() == 1

    response = client.post(REGISTER, typed | {"confirmed_new": "on"})
    assert response.status_code == 302
    assert Client.objects.count() == 2


def test_same_name_with_another_birth_date_is_not_a_candidate(client, sw_a):
    f.SearchableClientFactory(
        given_name="Oleksandr", family_name="Shevchenko", date_of_birth=datetime.date(1990, 5, 5)
    )
    client.force_login(sw_a)
    assert client.post(REGISTER, person()).status_code == 302


def test_candidates_are_only_people_the_user_may_see(client, sw_a):
    """A person registered in Daugavpils is not shown to Rīga (no personal data leaks)."""
    f.SearchableClientFactory(
        given_name="Oleksandr",
        family_name="Shevchenko",
        date_of_birth=datetime.date(1984, 2, 29),
        residence_municipality=f.municipality("Daugavpils"),
    )
    client.force_login(sw_a)
    response = client.post(REGISTER, person())
    assert response.status_code == 302


# --- Households ----------------------------------------------------------------------------------


def test_a_child_is_added_to_the_mothers_household(client, sw_a):
    mother = f.SearchableClientFactory(registered_by=sw_a, given_name="Olena", family_name="Shevchenko")
    client.force_login(sw_a)
    url = reverse("cases:household_member_add", args=[mother.pk])
    page = client.get(url)
    assert 'value="Shevchenko"' in page.content.decode()  # the family's data is filled in
    response = client.post(
        url,
        person(given_name="Sofiia", given_name_original="Софія", date_of_birth="2015-09-01", sex="F")
        | {"household_relation": "child", "status_decided_on": ""},
    )
    child = Client.objects.get(given_name="Sofiia")
    mother.refresh_from_db()
    assert response["Location"] == reverse("cases:client_detail", args=[child.pk])
    assert child.household == mother.household is not None
    assert (mother.household_relation, child.household_relation) == ("head", "child")
    page = client.get(reverse("cases:client_detail", args=[mother.pk])).content.decode()
    assert "Sofiia Shevchenko" in page


def test_a_registered_person_picked_from_the_candidates_joins_the_household(client, sw_a):
    mother = f.SearchableClientFactory(registered_by=sw_a, given_name="Olena", family_name="Shevchenko")
    son = f.SearchableClientFactory(
        registered_by=sw_a,
        given_name="Taras",
        family_name="Shevchenko",
        date_of_birth=datetime.date(2010, 1, 1),
    )
    client.force_login(sw_a)
    url = reverse("cases:household_member_add", args=[mother.pk])
    response = client.post(
        url,
        person(given_name="Тарас", family_name="Шевченко", date_of_birth="2010-01-01")
        | {"household_relation": "child"},
    )
    assert reverse("cases:household_link", args=[mother.pk]) in errors(response)
    response = client.post(
        reverse("cases:household_link", args=[mother.pk]), {"member": son.pk, "household_relation": "child"}
    )
    son.refresh_from_db()
    mother.refresh_from_db()
    assert response.status_code == 302
    assert son.household == mother.household and son.household_relation == "child"
    assert Client.objects.count() == 2


def test_a_person_of_another_municipality_cannot_be_linked(client, sw_a):
    mother = f.SearchableClientFactory(registered_by=sw_a)
    stranger = f.SearchableClientFactory(residence_municipality=f.municipality("Daugavpils"))
    client.force_login(sw_a)
    client.post(
        reverse("cases:household_link", args=[mother.pk]),
        {"member": stranger.pk, "household_relation": "child"},
    )
    stranger.refresh_from_db()
    assert stranger.household is None


# --- Consent, legal status, edits ----------------------------------------------------------------


def test_consent_is_recorded_and_a_future_date_refused(client, sw_a):
    person_ = f.SearchableClientFactory(registered_by=sw_a)
    client.force_login(sw_a)
    url = reverse("cases:consent_record", args=[person_.pk])
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    response = client.post(url, {"given_on": tomorrow.isoformat(), "scope": "mentoring"})
    assert "The consent date cannot be in the future." in errors(response)
    assert not Consent.objects.exists()
    client.post(url, {"given_on": "2024-03-01", "scope": "mentoring_sharing"})
    consent = Consent.objects.get()
    assert (consent.client, consent.given_on, consent.recorded_by) == (
        person_,
        datetime.date(2024, 3, 1),
        sw_a,
    )


def test_a_granted_status_dates_the_grant_and_starts_the_as_esf_limit(provider_x, social_worker_x_user):
    """An asylum seeker's AS-ESF episode has no limit; refugee status granted 10 May 2024 sets it to
    10 May 2025, and the history keeps both decisions."""
    contract = f.ContractFactory(provider=provider_x.provider, programme=f.programme("AS-ESF"))
    seeker = f.SearchableClientFactory(
        legal_status=f.legal_status("asylum_seeker"), registered_by_provider=provider_x.provider
    )
    episode = f.EpisodeFactory(client=seeker, contract=contract, started_on=datetime.date(2023, 1, 10))
    assert episode.limit_on is None

    legal_status_record(
        client=seeker,
        status=f.legal_status("refugee"),
        decided_on=datetime.date(2024, 5, 10),
        by=social_worker_x_user,
    )
    seeker.refresh_from_db()
    episode.refresh_from_db()
    assert seeker.legal_status.code == "refugee" and seeker.status_granted_on == datetime.date(2024, 5, 10)
    assert episode.limit_on == datetime.date(2025, 5, 10)
    event = EpisodeEvent.objects.get(episode=episode, kind=EpisodeEvent.Kind.LIMIT_CHANGED)
    assert (event.from_value, event.to_value) == ("", "2025-05-10")
    assert list(seeker.status_history.values_list("status__code", "recorded_by")) == [
        ("asylum_seeker", seeker.registered_by.pk),
        ("refugee", social_worker_x_user.pk),
    ]


def test_status_form_records_a_decision(client, sw_a):
    person_ = f.SearchableClientFactory(registered_by=sw_a, date_of_birth=datetime.date(1980, 1, 1))
    client.force_login(sw_a)
    url = reverse("cases:legal_status_record", args=[person_.pk])
    response = client.post(
        url, {"status": f.legal_status("alternative_status").pk, "decided_on": "1979-12-31"}
    )
    assert "The decision date cannot be before the date of birth." in errors(response)
    client.post(url, {"status": f.legal_status("alternative_status").pk, "decided_on": "2023-08-31"})
    person_.refresh_from_db()
    assert person_.legal_status.code == "alternative_status"
    assert person_.status_granted_on == datetime.date(2023, 8, 31)


def test_an_asylum_seeker_has_no_grant_date(sw_a):
    person_ = f.SearchableClientFactory(status_granted_on=datetime.date(2022, 3, 1))
    legal_status_record(
        client=person_, status=f.legal_status("asylum_seeker"), decided_on=datetime.date(2023, 1, 1), by=sw_a
    )
    person_.refresh_from_db()
    assert person_.status_granted_on is None


def test_edit_updates_the_record_and_its_search_key(client, sw_a):
    person_ = f.SearchableClientFactory(registered_by=sw_a, given_name="Irina", family_name="Kovaleva")
    client.force_login(sw_a)
    url = reverse("cases:client_edit", args=[person_.pk])
    data = person(
        given_name="Iryna", family_name="Kovalenko", given_name_original="Ірина", family_name_original=""
    )
    data.pop("legal_status")
    response = client.post(url, data)
    assert response.status_code == 302
    person_.refresh_from_db()
    assert (person_.given_name, person_.family_name, person_.phone) == ("Iryna", "Kovalenko", "+371 20000000")
    assert person_.name_key == " irin kavalink "
    assert person_.residence_municipality == f.municipality("Rīga")


def test_provider_social_worker_registers_for_their_provider(client, provider_x):
    client.force_login(provider_x.social_worker.user)
    response = client.post(
        REGISTER,
        person(
            given_name="Ahmad",
            family_name="Karimi",
            given_name_original="احمد",
            family_name_original="کریمی",
            citizenship="AF",
            legal_status=f.legal_status("asylum_seeker").pk,
            residence_municipality=f.municipality("Ropažu novads").pk,
        ),
    )
    assert response.status_code == 302
    registered = Client.objects.get()
    assert registered.registered_by_provider == provider_x.provider
    assert registered.residence_municipality == f.municipality("Ropažu novads")


def test_provider_staff_must_give_the_municipality(client, provider_x):
    client.force_login(provider_x.social_worker.user)
    response = client.post(REGISTER, person())
    assert response.status_code == 200 and not Client.objects.exists()


# --- Lists ---------------------------------------------------------------------------------------


def test_the_list_shows_only_the_users_clients_and_searches_them(client, sw_a, provider_x):
    ours = f.SearchableClientFactory(given_name="Юлія", family_name="Мельник")
    f.SearchableClientFactory(
        given_name="Yuliia", family_name="Melnyk", residence_municipality=f.municipality("Daugavpils")
    )
    client.force_login(sw_a)
    response = client.get(reverse("cases:client_list"), {"q": "Jūlija Meļņika"})
    assert list(response.context["clients"]) == [ours]

    mine = f.EpisodeFactory(contract=provider_x.contract, mentor=provider_x.mentor).client
    client.force_login(provider_x.mentor.user)
    response = client.get(reverse("cases:client_list"))
    assert list(response.context["clients"]) == [mine]
    assert reverse("cases:client_detail", args=[mine.pk]) in response.content.decode()


@pytest.mark.parametrize("rows", [1, 20])
def test_client_list_queries_do_not_grow_with_the_rows(
    client, sw_a, provider_x, django_assert_max_num_queries, rows
):
    for _ in range(rows):
        f.EpisodeFactory(
            client=f.SearchableClientFactory(), contract=provider_x.contract, mentor=provider_x.mentor
        )
    client.force_login(sw_a)
    with django_assert_max_num_queries(9):
        response = client.get(reverse("cases:client_list"))
    assert len(response.context["clients"]) == rows


@pytest.mark.parametrize("son_referred", [False, True])
def test_a_full_record_for_the_provider_social_worker(
    client, sw_a, provider_x, django_assert_max_num_queries, son_referred
):
    """Languages, a household, two legal status decisions, consent given and withdrawn twice, an
    accepted referral and its episode with a plan, and a contract the person could be taken in under:
    ten queries with the session, the user and the read log, whether or not the user may see a
    household member (her son, referred to the provider too): the members the user may see are read
    in the query that loads the person. The last withdrawal comes from the consents read for their
    list, whether an episode can be opened from the query that loads the person."""
    olena = f.ClientFactory(
        given_name="Olena", family_name="Koval", registered_by=sw_a, languages=[f.language("uk")]
    )
    son = f.ConsentedClientFactory(given_name="Taras", family_name="Koval", registered_by=sw_a)
    f.household(olena, son)
    if son_referred:
        f.ReferralFactory(client=son, contract=provider_x.contract, filed_by=sw_a)
    legal_status_record(
        client=olena, status=f.legal_status("refugee"), decided_on=datetime.date(2025, 3, 4), by=sw_a
    )
    f.ConsentFactory(client=olena, given_on=datetime.date(2025, 1, 10))
    consent_withdraw(client=olena, withdrawn_on=datetime.date(2025, 2, 1), how="in_writing", by=sw_a)
    f.ConsentFactory(client=olena, given_on=datetime.date(2025, 4, 1))
    episode = f.ReferralFactory(
        client=olena, contract=provider_x.contract, filed_by=sw_a, status="accepted", mentor=provider_x.mentor
    ).episode
    f.InclusionPlanFactory(episode=episode)
    consent_withdraw(client=olena, withdrawn_on=timezone.localdate(), how="by_phone", by=sw_a)
    f.ContractFactory(provider=provider_x.provider, programme=f.programme("AS-OSA"))
    client.force_login(provider_x.social_worker.user)
    url = reverse("cases:client_detail", args=[olena.pk])
    client.get(url)
    with django_assert_max_num_queries(10):
        response = client.get(url)
    text = errors(response)
    today = timezone.localdate()
    assert f"The person withdrew consent to processing on {shown(today)} (by phone)." in text
    assert response.context["withdrawn_consent"].withdrawn_on == today
    assert "Ukrainian" in text
    assert reverse("cases:intake_episode_open", args=[olena.pk]) in text
    assert reverse("cases:episode_detail", args=[episode.pk]) in text
    assert reverse("cases:plan_detail", args=[episode.plans.get().pk]) in text
    assert f"<td>Refugee status</td><td>{shown(datetime.date(2025, 3, 4))}</td>" in text
    assert (reverse("cases:client_detail", args=[son.pk]) in text) == son_referred
    assert ("No other household members recorded." in text) != son_referred


def test_the_household_shown_is_the_members_the_user_may_see_by_name(client, sw_a, provider_x):
    """A provider social worker's person page lists the household members the provider works with too,
    by name, and not the others; a person the provider does not work with is not found, whoever of
    their household it works with."""
    mother = f.ConsentedClientFactory(given_name="Olena", family_name="Koval", registered_by=sw_a)
    f.ReferralFactory(client=mother, contract=provider_x.contract, filed_by=sw_a)
    children = [
        f.ConsentedClientFactory(given_name=name, family_name="Koval", registered_by=sw_a)
        for name in ("Taras", "Anna", "Mykola")
    ]
    f.household(mother, *children)
    for child in children[:2]:
        f.ReferralFactory(client=child, contract=provider_x.contract, filed_by=sw_a)
    client.force_login(provider_x.social_worker.user)
    response = client.get(reverse("cases:client_detail", args=[mother.pk]))
    assert [member.given_name for member in response.context["household_members"]] == ["Anna", "Taras"]
    assert response.context["client"] == mother
    assert client.get(reverse("cases:client_detail", args=[children[2].pk])).status_code == 404


@pytest.fixture
def social_worker_x_user(provider_x):
    return provider_x.social_worker.user


def test_a_refused_household_member_leaves_no_household_behind(sw_a):
    """The household is created in the same transaction as the member: a refusal undoes both."""
    mother = f.SearchableClientFactory(registered_by=sw_a)
    f.SearchableClientFactory(personal_code="161175-19997", date_of_birth=datetime.date(1975, 11, 16))
    with pytest.raises(ServiceError, match="already registered"):
        household_member_add(
            of=mother,
            fields={
                **_fields(),
                "personal_code": "161175-19997",
                "date_of_birth": datetime.date(1975, 11, 16),
            },
            legal_status=f.legal_status("ua_civilian"),
            relation="spouse",
            by=sw_a,
        )
    mother.refresh_from_db()
    assert mother.household is None and not Household.objects.exists()
    assert Client.objects.count() == 2


def test_the_address_where_mentors_visit_is_recorded_and_shown(client, sw_a):
    person_ = f.SearchableClientFactory(registered_by=sw_a, given_name="Irina", family_name="Kovaleva")
    client.force_login(sw_a)
    client.cookies["atbalsts_language"] = "en"
    data = person(
        given_name="Irina", family_name="Kovaleva", street_address=" Ganību dambis 17-4 ", locality="Rīga"
    )
    data.pop("legal_status")
    assert client.post(reverse("cases:client_edit", args=[person_.pk]), data).status_code == 302
    person_.refresh_from_db()
    assert (person_.street_address, person_.locality) == ("Ganību dambis 17-4", "Rīga")
    page = client.get(reverse("cases:client_detail", args=[person_.pk])).content.decode()
    assert '<dd class="col-sm-7" data-testid="client-address">Ganību dambis 17-4, Rīga</dd>' in page


@pytest.mark.parametrize("rows", [1, 6])
def test_client_page_queries_do_not_grow_with_the_rows(
    client, provider_x, django_assert_max_num_queries, rows
):
    """The person's page with their consents and episodes: a fixed number of queries for the
    mentor (the consents read once, whether one is in force taken from them; the history does not look
    up again the records the page has loaded)."""
    person = f.ClientFactory()
    for _ in range(rows):
        f.ConsentFactory(client=person)
    f.EpisodeFactory(client=person, contract=provider_x.contract, mentor=provider_x.mentor)
    client.force_login(provider_x.mentor.user)
    url = reverse("cases:client_detail", args=[person.pk])
    client.get(url)
    with django_assert_max_num_queries(10):
        assert client.get(url).status_code == 200
