"""Handover when a contract ends early (the 2022 Red Cross → Caritas case): one action by fund staff moves
every open episode, atomically, with a log; no month already served moves or is counted twice."""

import datetime

import pytest
from django.db.models import Count
from django.db.models.functions import TruncMonth
from django.urls import reverse

from cases.models import Activity, EndReason, Episode, EpisodeEvent, Handover, Visit, VisitAttendance
from cases.services import ServiceError, handover_run, visit_log
from mentors.models import ProviderStaff
from tests import factories as f
from tests.cases.episode_support import log_in

D = datetime.date


@pytest.fixture
def contracts(db):
    esf = f.programme("AS-ESF")
    red_cross = f.ContractFactory(
        provider=f.ProviderFactory(code="LSK"),
        programme=esf,
        starts_on=D(2016, 11, 1),
        ends_on=D(2022, 12, 31),
        terminated_on=D(2022, 1, 31),
        termination_reason="Could not staff the teams",
    )
    caritas = f.ContractFactory(
        provider=f.ProviderFactory(code="CARITAS"),
        programme=esf,
        starts_on=D(2022, 2, 1),
        ends_on=D(2023, 11, 30),
    )
    return red_cross, caritas


def served_by_contract_and_month():
    """Distinct people present at a contact, per visit contract and month: the payment basis."""
    rows = (
        VisitAttendance.objects.annotate(month=TruncMonth("visit__visited_on"))
        .values("visit__contract", "month")
        .annotate(served=Count("client", distinct=True))
    )
    return {(row["visit__contract"], row["month"]): row["served"] for row in rows}


def test_fifty_open_episodes_move_in_one_action(client, fund, contracts):
    red_cross, caritas = contracts
    mentor = f.ProviderStaffFactory(provider=red_cross.provider, role=ProviderStaff.Role.MENTOR)
    seeker = f.legal_status("asylum_seeker")
    episodes = []
    for number in range(50):
        episode = f.EpisodeFactory(
            contract=red_cross,
            mentor=mentor,
            started_on=D(2021, 10, 1 + number % 28),
            client=f.ClientFactory(
                legal_status=seeker, given_name=f"Given{number}", family_name=f"Family{number}"
            ),
        )
        episodes.append(episode)
        f.VisitFactory(episode=episode, visited_on=D(2021, 11, 3))
        f.VisitFactory(episode=episode, visited_on=D(2022, 1, 10 + number % 20))
        if number % 5 == 0:  # a family visit: the child counts as served too
            child = f.ClientFactory(legal_status=seeker, date_of_birth=D(2015, 1, 1))
            f.household(episode.client, child)
            f.VisitFactory(episode=episode, visited_on=D(2021, 12, 5), attendees=[child])
    ended = f.EpisodeFactory(
        contract=red_cross, started_on=D(2021, 6, 1), client=f.ClientFactory(legal_status=seeker)
    )
    ended.status, ended.ended_on, ended.end_reason = (
        "ended",
        D(2021, 9, 30),
        EndReason.objects.get(code="left_country"),
    )
    ended.save()
    before = served_by_contract_and_month()
    assert before[(red_cross.pk, D(2021, 12, 1))] == 20  # 10 clients and 10 children

    log_in(client, fund)
    response = client.post(
        reverse("cases:handover_create"),
        {
            "from_contract": red_cross.pk,
            "to_contract": caritas.pk,
            "handed_over_on": "2022-02-01",
            "confirmed": "1",
        },
    )
    handover = Handover.objects.get()
    assert response["Location"] == reverse("cases:handover_detail", args=[handover.pk])
    assert handover.episodes.count() == 50
    assert set(Episode.objects.filter(pk__in=[e.pk for e in episodes]).values_list("contract", "mentor")) == {
        (caritas.pk, None)
    }
    assert EpisodeEvent.objects.filter(kind=EpisodeEvent.Kind.HANDED_OVER).count() == 50
    ended.refresh_from_db()
    assert ended.contract == red_cross
    assert served_by_contract_and_month() == before  # nothing moved, nothing counted twice

    # From now on contacts count for Caritas; the Red Cross months cannot receive new ones.
    caritas_worker = f.ProviderStaffFactory(provider=caritas.provider, role=ProviderStaff.Role.SOCIAL_WORKER)
    kwargs = {
        "duration_minutes": 60,
        "place": Visit.Place.ACCOMMODATION_CENTRE,
        "activities": list(Activity.objects.filter(code="needs_assessment")),
        "attendees": [episodes[0].client],
        "by": caritas_worker.user,
    }
    visit = visit_log(episode=episodes[0], visited_on=D(2022, 2, 10), **kwargs)
    assert visit.contract == caritas
    with pytest.raises(ServiceError, match="outside the contract's period"):
        visit_log(episode=episodes[0], visited_on=D(2022, 1, 28), **kwargs)
    after = served_by_contract_and_month()
    assert after.pop((caritas.pk, D(2022, 2, 1))) == 1
    assert after == before

    page = client.get(response["Location"]).content.decode()
    assert "Family0" not in page and str(episodes[0].client.given_name) not in page
    assert f"K-{episodes[0].client_id:07d}" in page


def test_a_failed_handover_moves_nothing(fund, contracts, monkeypatch):
    red_cross, caritas = contracts
    episodes = [f.EpisodeFactory(contract=red_cross, started_on=D(2021, 12, 1)) for _ in range(3)]

    def broken(*args, **kwargs):
        raise RuntimeError("the database went away")

    monkeypatch.setattr(EpisodeEvent.objects, "bulk_create", broken)
    with pytest.raises(RuntimeError):
        handover_run(from_contract=red_cross, to_contract=caritas, handed_over_on=D(2022, 2, 1), by=fund)
    assert set(
        Episode.objects.filter(pk__in=[e.pk for e in episodes]).values_list("contract", flat=True)
    ) == {red_cross.pk}
    assert not Handover.objects.exists()


@pytest.mark.parametrize(
    ("handed_over_on", "to", "message"),
    [
        (D(2022, 1, 15), "caritas", "not in force"),
        (D(2022, 2, 1), "red_cross", "two different contracts"),
        (D(2022, 2, 1), "osa", "another programme"),
    ],
)
def test_handover_refusals(fund, contracts, handed_over_on, to, message):
    red_cross, caritas = contracts
    f.EpisodeFactory(contract=red_cross, started_on=D(2021, 12, 1))
    target = {
        "caritas": caritas,
        "red_cross": red_cross,
        "osa": f.ContractFactory(programme=f.programme("AS-OSA"), starts_on=D(2022, 1, 1)),
    }[to]
    with pytest.raises(ServiceError, match=message):
        handover_run(from_contract=red_cross, to_contract=target, handed_over_on=handed_over_on, by=fund)
    assert not Handover.objects.exists()


def test_handover_form_shows_contracts_and_counts(client, fund, contracts):
    red_cross, _caritas = contracts
    for _ in range(3):
        f.EpisodeFactory(
            contract=red_cross, started_on=D(2021, 12, 1), client=f.ClientFactory(given_name="Secret")
        )
    page = log_in(client, fund).get(reverse("cases:handover_create")).content.decode()
    assert f"{red_cross} — 3 open episodes" in page
    assert "Secret" not in page
