"""Retention and erasure (GDPR Art. 5(1)(e), Art. 17): `apply_retention` anonymises everyone past their
programme's retention; every reported figure stays exactly equal and no personal text of the
anonymised people is left anywhere in the database."""

import datetime
import io

import pytest
from django.apps import apps
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.db import models
from django.db.models import Q
from django.db.models.functions import Cast
from django.urls import reverse
from django.utils import timezone

from cases.models import (
    Client,
    ClientEvent,
    Consent,
    EndReason,
    Episode,
    ImportedClientRef,
    Referral,
)
from cases.selectors.retention import clients_past_retention, retention_ends_on
from cases.services import consent_withdraw, episode_extend
from cases.services.privacy import client_erase, erasure_refusal
from cases.services.served import served_months_differences
from mentors.models import Programme, ProviderStaff
from reporting.exports import monthly_table
from reporting.queries import Period, monthly_report, served_by_country
from tests import factories as f
from tests.cases.episode_support import log_in, shown

pytestmark = pytest.mark.django_db
D = datetime.date
TODAY = D(2033, 1, 1)  # UA-MENTOR keeps 10 years, AS-OSA (in these tests) 2 years
REPORTS = [
    ("UA-MENTOR", "2022-05", "2022-12"),
    ("UA-MENTOR", "2022-07", "2022-07"),
    ("UA-MENTOR", "2023-01", "2023-06"),
    ("UA-MENTOR", "2022-01", "2023-12"),
    ("AS-OSA", "2024-01", "2024-12"),
    ("AS-OSA", "2024-02", "2024-03"),
]
# What the anonymised people had: none of it may be found anywhere afterwards.
GONE = [
    "Zlatoslava",
    "Quxbrandt",
    "Златослава",
    "Квксбрандт",
    "325511-40401",
    "+371 29990401",
    "Gaiziņa iela 7-12",
    "Zlatciems",
    "Ask about the lease at the door",
    "FX0401777",
    "Myroslav",
    "Farid",
    "Xelandros",
    "Фарід",
    "Tetiana",
    "Vrubleska",
    "zlataslav kuksbrandt",  # the search key of her names
    "worries about her son's school",
    "Signed the lease",
    "Needs a flat near the school",
    "Call her after five",
    "No free mentor in July",
    "Asked us to stop by phone",
    "Moved on to Germany",
    "Needs more time for the language course",
    "Rent a flat in Riga",
    "Plan agreed with the family",
    "LEGACY-0401",
]
# What the people still within retention have: it must stay.
KEPT = ["Bohdana", "Wyrzykowska", "Samira", "Yoldashwa", "Bohdana's mother is ill"]


def _ended(code):
    return {"status": Episode.Status.ENDED, "end_reason": EndReason.objects.get(code=code)}


@pytest.fixture
def world(provider_x, sw_a):
    """Two programmes, people past retention on TODAY and people still within it."""
    osa = f.programme("AS-OSA")
    Programme.objects.filter(pk=osa.pk).update(retention_years=2)
    ua_contract, mentor = provider_x.contract, provider_x.mentor
    osa_provider = f.ProviderFactory(code="OSA")
    osa_contract = f.ContractFactory(
        provider=osa_provider, programme=osa, starts_on=D(2023, 12, 1), number="OSA-1"
    )
    osa_mentor = f.provider_staff(osa_provider, ProviderStaff.Role.MENTOR)
    osa_coordinator = f.provider_staff(osa_provider, ProviderStaff.Role.COORDINATOR).user

    # Zlatoslava (UA-MENTOR, ended July 2022: kept until July 2032) and her son, present at a visit.
    zlata = f.ConsentedClientFactory(
        given_name="Zlatoslava",
        family_name="Quxbrandt",
        given_name_original="Златослава",
        family_name_original="Квксбрандт",
        personal_code="325511-40401",
        phone="+371 29990401",
        street_address="Gaiziņa iela 7-12",
        locality="Zlatciems",
        id_document="FX0401777",
        preferred_language=f.language("uk"),
        languages=[f.language("uk")],
        registered_by=sw_a,
        consent__given_on=D(2022, 5, 20),
    )
    son = f.ClientFactory(
        given_name="Myroslav", family_name="Quxbrandt", date_of_birth=D(2015, 4, 4), registered_by=sw_a
    )
    f.household(zlata, son)
    ImportedClientRef.objects.create(provider=provider_x.provider, client_ref="LEGACY-0401", client=zlata)
    zlata_episode = f.ReferralFactory(
        client=zlata,
        contract=ua_contract,
        filed_by=sw_a,
        status=Referral.Status.ACCEPTED,
        mentor=mentor,
        accepted_on=D(2022, 6, 1),
        needs_text="Needs a flat near the school",
        notes_for_provider="Call her after five",
    ).episode
    f.VisitFactory(
        episode=zlata_episode, visited_on=D(2022, 6, 3), notes="Zlatoslava worries about her son's school"
    )
    f.VisitFactory(episode=zlata_episode, visited_on=D(2022, 7, 4), notes="Signed the lease", attendees=[son])
    # A planned contact left on the episode when it ended: its note is free text too.
    Episode.objects.filter(pk=zlata_episode.pk).update(
        next_contact_on=D(2022, 7, 25), next_contact_note="Ask about the lease at the door"
    )
    f._end_as_history(
        zlata_episode,
        ended_on=D(2022, 7, 20),
        end_reason=EndReason.objects.get(code="left_country"),
        closing_summary="Moved on to Germany with Zlatoslava's son.",
    )
    consent_withdraw(
        client=zlata, withdrawn_on=D(2022, 8, 1), how="by_phone", note="Asked us to stop by phone", by=sw_a
    )

    # Tetiana: a referral returned in 2022 (not sent again), never served.
    tetiana = f.ConsentedClientFactory(given_name="Tetiana", family_name="Vrubleska", registered_by=sw_a)
    returned = f.ReferralFactory(
        client=tetiana,
        contract=ua_contract,
        filed_by=sw_a,
        status=Referral.Status.RETURNED,
        return_reason="No free mentor in July",
    )
    Referral.objects.filter(pk=returned.pk).update(
        updated_at=timezone.make_aware(datetime.datetime(2022, 7, 1))
    )

    # Bohdana (UA-MENTOR, ended June 2023: kept until June 2033).
    bohdana = f.ClientFactory(
        given_name="Bohdana", family_name="Wyrzykowska", citizenship="BY", registered_by=sw_a
    )
    bohdana_episode = f.EpisodeFactory(
        client=bohdana,
        contract=ua_contract,
        mentor=mentor,
        started_on=D(2023, 5, 1),
        ended_on=D(2023, 6, 28),
        **_ended("plan_achieved"),
    )
    f.VisitFactory(episode=bohdana_episode, visited_on=D(2023, 5, 7), notes="Bohdana's mother is ill")
    f.VisitFactory(episode=bohdana_episode, visited_on=D(2023, 6, 2))

    # Farid (AS-OSA, ended September 2024: kept 2 years, until September 2026); a child then.
    farid = f.ClientFactory(
        given_name="Farid",
        family_name="Xelandros",
        given_name_original="Фарід",
        citizenship="AF",
        date_of_birth=D(2008, 1, 1),
        registered_by=sw_a,
    )
    farid_episode = f.EpisodeFactory(
        client=farid,
        contract=osa_contract,
        mentor=osa_mentor,
        started_on=D(2024, 1, 10),
        created_by=osa_coordinator,
    )
    goal = f.PlanGoalFactory(
        plan=f.InclusionPlanFactory(episode=farid_episode, note="Plan agreed with the family"),
        description="Rent a flat in Riga",
    )
    episode_extend(
        episode=farid_episode,
        length=18,
        reason="Needs more time for the language course",
        requested_by=osa_coordinator,
        approved_on=D(2024, 6, 1),
        by=osa_coordinator,
    )
    f.VisitFactory(episode=farid_episode, visited_on=D(2024, 1, 15), notes="Farid Xelandros: first meeting")
    f.VisitFactory(episode=farid_episode, visited_on=D(2024, 2, 15), goals=[goal])
    f.VisitFactory(episode=farid_episode, visited_on=D(2024, 3, 15))
    f._end_as_history(
        farid_episode,
        ended_on=D(2024, 9, 30),
        end_reason=EndReason.objects.get(code="declined"),
        closing_summary="",
    )

    # Samira (AS-OSA, still open).
    samira = f.ClientFactory(
        given_name="Samira", family_name="Yoldashwa", citizenship="SY", registered_by=sw_a
    )
    samira_episode = f.EpisodeFactory(
        client=samira,
        contract=osa_contract,
        mentor=osa_mentor,
        started_on=D(2024, 2, 1),
        created_by=osa_coordinator,
    )
    f.VisitFactory(episode=samira_episode, visited_on=D(2024, 2, 5))
    f.VisitFactory(episode=samira_episode, visited_on=D(2024, 3, 5))
    return {
        "gone": [zlata, son, tetiana, farid],
        "kept": [bohdana, samira],
    }


def _figures() -> dict:
    """Every cell of the monthly report and of the countries table, for several programmes and periods."""
    figures = {}
    for code, first, last in REPORTS:
        programme, period = Programme.objects.get(code=code), Period.of_months(first, last)
        figures[(code, first, last)] = (
            monthly_table(monthly_report(programme=programme, period=period)).rows,
            served_by_country(programme, period),
        )
    return figures


def _text_fields(model):
    return [
        field.name
        for field in model._meta.concrete_fields
        if isinstance(field, (models.CharField, models.TextField, models.JSONField)) and not field.choices
    ]


def _found_anywhere(needles) -> list[str]:
    """Every text column of every table (every model, history and logs included), searched for each needle."""
    found = []
    for model in apps.get_models(include_auto_created=True):
        fields = _text_fields(model)
        if not fields:
            continue
        rows = model._default_manager.annotate(
            **{f"text_{name}": Cast(name, models.TextField()) for name in fields}
        )
        for needle in needles:
            condition = Q()
            for name in fields:
                condition |= Q(**{f"text_{name}__contains": needle})
            if rows.filter(condition).exists():
                found.append(f"{model._meta.label}: {needle}")
    return found


def test_apply_retention_keeps_every_figure_and_leaves_no_personal_text(world):
    before = _figures()
    assert any(row[3] for rows, _ in before.values() for row in rows)  # the reports are not empty
    assert [needle for needle in GONE if not _found_anywhere([needle])] == []  # the search finds each

    output = io.StringIO()
    call_command("apply_retention", "--today", TODAY.isoformat(), stdout=output)

    assert "People past their retention date on 2033-01-01: 4." in output.getvalue()
    assert "Anonymised: 4." in output.getvalue()
    assert _figures() == before
    assert served_months_differences() == (set(), set())
    assert _found_anywhere(GONE) == []
    assert all(_found_anywhere([needle]) for needle in KEPT)  # the others' records are untouched
    for person in world["gone"]:
        person.refresh_from_db()
        assert person.anonymised_at is not None and str(person) == person.pseudonym
        event = ClientEvent.objects.get(client=person, kind=ClientEvent.Kind.ANONYMISED)
        assert event.value == ClientEvent.Reason.RETENTION and event.by is None
    zlata = world["gone"][0]
    assert zlata.date_of_birth == D(1985, 6, 15) and zlata.citizenship == "UA"  # what counting needs
    assert not zlata.languages.exists() and zlata.household is None and zlata.preferred_language is None
    assert Consent.objects.get(client=zlata).withdrawn_on == D(2022, 8, 1)


def test_a_dry_run_counts_and_changes_nothing(world):
    output = io.StringIO()
    call_command("apply_retention", "--dry-run", "--today", TODAY.isoformat(), stdout=output)
    assert "People past their retention date on 2033-01-01: 4." in output.getvalue()
    assert "Dry run: nobody was anonymised." in output.getvalue()
    assert not Client.objects.filter(anonymised_at__isnull=False).exists()
    assert sorted(_found_anywhere(["Zlatoslava"])) != []


def test_who_is_past_retention_follows_each_programmes_rule(world):
    gone = {person.pk for person in world["gone"]}
    assert set(clients_past_retention(today=TODAY).values_list("pk", flat=True)) == gone
    # A day before Zlatoslava's ten years are over she and her son are kept.
    assert set(clients_past_retention(today=D(2032, 7, 20)).values_list("pk", flat=True)) == gone - {
        world["gone"][0].pk,
        world["gone"][1].pk,
    }
    assert retention_ends_on(world["gone"][0]) == D(2032, 7, 20)
    assert retention_ends_on(world["gone"][2]) == D(2032, 7, 1)  # a returned referral, from its last change
    assert retention_ends_on(world["gone"][3]) == D(2026, 9, 30)  # AS-OSA: 2 years
    assert retention_ends_on(world["kept"][1]) is None  # an open episode


def test_erasure_is_refused_while_open_or_within_retention(world, admin_user):
    bohdana, samira = world["kept"]
    assert "open episode or referral" in erasure_refusal(samira, today=D(2026, 1, 1))
    refusal = erasure_refusal(bohdana, today=D(2026, 1, 1))
    assert f"evidence for the audit of the European funds until {shown(D(2033, 6, 28))}" in refusal


def test_a_person_never_served_may_be_erased_at_once(client, admin_user, sw_a):
    person = f.ConsentedClientFactory(
        given_name="Halyna", family_name="Unserved", phone="+371 20009999", registered_by=sw_a
    )
    log_in(client, admin_user)
    page = client.get(reverse("cases:client_erase", args=[person.pk]))
    assert "Anonymise now" in page.content.decode()
    response = client.post(reverse("cases:client_erase", args=[person.pk]))
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.anonymised_at and person.phone == "" and person.given_name == ""
    assert ClientEvent.objects.get(client=person, kind=ClientEvent.Kind.ANONYMISED).by == admin_user
    assert _found_anywhere(["Halyna", "Unserved", "+371 20009999"]) == []


def test_only_the_desk_may_erase(client, sw_a):
    person = f.ConsentedClientFactory(given_name="Halyna", registered_by=sw_a)
    with pytest.raises(PermissionDenied):
        client_erase(client=person, by=sw_a)
    person.refresh_from_db()
    assert person.anonymised_at is None
