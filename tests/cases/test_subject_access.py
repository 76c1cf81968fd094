"""Subject access (GDPR Art. 15): one download with everything held about a person, in their language,
logged; and the data protection desk that finds the person and lists probable duplicates."""

import datetime
import io
import json
import zipfile

import pytest
from django.urls import reverse

from cases.models import ClientEvent, Consent, EndReason, Referral
from tests import factories as f
from tests.cases.episode_support import log_in

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def olena(provider_x, sw_a):
    """A Ukrainian speaker with a referral, an ended episode with a plan and visits, and a son present at one."""
    person = f.ConsentedClientFactory(
        given_name="Olena",
        family_name="Koval",
        given_name_original="Олена",
        phone="+371 20001234",
        street_address="Lāčplēša iela 40-3",
        locality="Rīga",
        personal_code="325511-77777",
        preferred_language=f.language("uk"),
        registered_by=sw_a,
    )
    son = f.ClientFactory(
        given_name="Taras", family_name="Koval", date_of_birth=D(2014, 5, 1), registered_by=sw_a
    )
    f.household(person, son)
    referral = f.ReferralFactory(
        client=person,
        contract=provider_x.contract,
        filed_by=sw_a,
        status=Referral.Status.ACCEPTED,
        mentor=provider_x.mentor,
        accepted_on=D(2024, 3, 1),
        needs_text="Потрібне житло.",
    )
    episode = referral.episode
    f.PlanGoalFactory(plan=f.InclusionPlanFactory(episode=episode), description="Знайти квартиру")
    f.VisitFactory(
        episode=episode, visited_on=D(2024, 3, 5), notes="Ходили до школи разом із сином.", attendees=[son]
    )
    f.VisitFactory(episode=episode, visited_on=D(2024, 4, 2), notes="Підписала договір оренди.")
    f._end_as_history(
        episode,
        ended_on=D(2024, 4, 20),
        end_reason=EndReason.objects.get(code="plan_achieved"),
        closing_summary="Знайшла роботу в Ризі.",
    )
    return person


def _download(client, user, person):
    response = log_in(client, user).get(reverse("cases:subject_access", args=[person.pk]))
    assert response.status_code == 200, response.status_code
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    names = sorted(archive.namelist())
    data = json.loads(archive.read(next(name for name in names if name.endswith(".json"))))
    document = archive.read(next(name for name in names if name.endswith(".html"))).decode()
    return response, data, document


def test_the_download_in_ukrainian_contains_the_persons_visits(client, admin_user, olena):
    response, data, document = _download(client, admin_user, olena)
    assert response["Content-Type"] == "application/zip"
    assert f"subject-access-{olena.pseudonym}-" in response["Content-Disposition"]
    assert "no-store" in response["Cache-Control"]

    assert data["language"] == "uk"
    assert [(visit["date"], visit["notes"]) for visit in data["visits"]] == [
        ("2024-03-05", "Ходили до школи разом із сином."),
        ("2024-04-02", "Підписала договір оренди."),
    ]
    assert data["visits"][0]["people_present"] == 2 and data["visits"][0]["you_were_present"] is True
    assert data["person"]["personal_code"] == "325511-77777" and data["person"]["phone"] == "+371 20001234"
    assert data["person"]["street_address"] == "Lāčplēša iela 40-3"
    assert data["person"]["city_town_or_parish"] == "Rīga"
    assert data["episodes"][0]["closing_summary"] == "Знайшла роботу в Ризі."
    assert data["episodes"][0]["plans"][0]["goals"][0]["description"] == "Знайти квартиру"
    assert data["referrals"][0]["assessment_of_needs"] == "Потрібне житло."
    assert data["consents"][0]["given_on"] == "2026-01-01"
    assert data["reads"] is None

    assert '<html lang="uk">' in document
    assert "Дані, які ми зберігаємо про вас" in document  # "Data held about you"
    assert "<h2>Візити</h2>" in document  # "Visits"
    assert "Ходили до школи разом із сином." in document and "Підписала договір оренди." in document
    assert "2024-03-05" in document and "Taras" not in document  # the son is counted, not named


def test_the_download_is_logged(client, admin_user, olena):
    _download(client, admin_user, olena)
    event = ClientEvent.objects.get(client=olena)
    assert event.kind == ClientEvent.Kind.SUBJECT_ACCESS and event.by == admin_user


def test_a_language_the_application_does_not_speak_falls_back_to_latvian(client, admin_user, olena):
    olena.preferred_language = None
    olena.save(update_fields=["preferred_language"])
    _, data, document = _download(client, admin_user, olena)
    assert data["language"] == "lv" and '<html lang="lv">' in document


def test_case_workers_cannot_download_it(client, olena, sw_a, provider_x):
    for user in (sw_a, provider_x.coordinator.user, provider_x.mentor.user):
        response = log_in(client, user).get(reverse("cases:subject_access", args=[olena.pk]))
        assert response.status_code == 404
    assert not ClientEvent.objects.exists()


def test_the_desk_finds_a_person_by_number_or_code_and_lists_duplicates(client, admin_user, olena, sw_b):
    # Registered in Daugavpils with Olena's code, which Daugavpils may not know is taken.
    twin = f.ClientFactory(
        personal_code="325511-77777", residence_municipality=f.municipality("Daugavpils"), registered_by=sw_b
    )
    assert twin.duplicate_of == olena
    log_in(client, admin_user)
    for query in (olena.pseudonym, "325511 77777", str(olena.pk)):
        page = client.get(reverse("cases:privacy_desk"), {"q": query}).content.decode()
        found = page.split('data-testid="found"')[1].split("</table>")[0]
        assert olena.pseudonym in found
    duplicates = page.split('data-testid="duplicates"')[1].split("</table>")[0]
    assert twin.pseudonym in duplicates and olena.pseudonym in duplicates


def test_consent_withdrawal_is_in_the_download(client, admin_user, olena, sw_a):
    Consent.objects.filter(client=olena).update(
        withdrawn_on=D(2026, 2, 1), withdrawn_how=Consent.Withdrawal.IN_WRITING, withdrawal_note="Лист."
    )
    _, data, document = _download(client, admin_user, olena)
    assert data["consents"][0]["withdrawn_on"] == "2026-02-01"
    assert data["consents"][0]["withdrawn_how"] == "письмово"
    assert "Лист." in document
