"""A visit stays with the provider it was logged under. After a transfer or a handover, the new
provider's staff — its mentor as much as its coordinator — cannot open, change or delete the earlier
provider's visits, nor read their notes; the earlier provider keeps them."""

import pytest
from django.urls import reverse

from cases.models import Activity, Visit
from cases.services import (
    ServiceError,
    episode_reassign,
    episode_transfer,
    handover_run,
    visit_delete,
    visit_edit,
    visit_log,
)
from tests import factories as f
from tests.cases.episode_support import days_ago, log_in

NOTE = "The family asked about a flat in Imanta; the earlier provider wrote this."
PROVIDER_ROLES = ("coordinator", "social_worker", "mentor")


@pytest.fixture(params=["transfer", "handover"])
def moved(request, provider_x, provider_y, fund):
    """An episode under X with a visit X's mentor logged, then moved to Y (by a transfer, or by the
    fund's handover of X's contract) and given to Y's mentor."""
    episode = f.EpisodeFactory(
        contract=provider_x.contract, mentor=provider_x.mentor, started_on=days_ago(20)
    )
    visit = visit_log(
        episode=episode,
        visited_on=days_ago(10),
        duration_minutes=45,
        place=Visit.Place.HOME,
        activities=list(Activity.objects.filter(code="housing")),
        attendees=[episode.client],
        notes=NOTE,
        by=provider_x.mentor.user,
    )
    if request.param == "transfer":
        episode_transfer(
            episode=episode,
            contract=provider_y.contract,
            transferred_on=days_ago(5),
            by=provider_x.coordinator.user,
        )
    else:
        handover_run(
            from_contract=provider_x.contract,
            to_contract=provider_y.contract,
            handed_over_on=days_ago(5),
            by=fund,
        )
    episode.refresh_from_db()
    episode_reassign(episode=episode, mentor=provider_y.mentor, by=provider_y.coordinator.user)
    return episode, visit


@pytest.mark.parametrize("who", PROVIDER_ROLES)
def test_the_new_provider_cannot_open_the_earlier_providers_visit(client, moved, provider_y, who):
    episode, visit = moved
    log_in(client, getattr(provider_y, who).user)
    for name in ("visit_edit", "visit_delete"):
        url = reverse(f"cases:{name}", args=[visit.pk])
        assert client.get(url).status_code == 404, f"GET {name}"
        assert client.post(url, {"notes": "overwritten"}).status_code == 404, f"POST {name}"
    page = client.get(reverse("cases:episode_detail", args=[episode.pk]))
    assert page.status_code == 200
    assert NOTE not in page.content.decode()
    assert Visit.objects.get(pk=visit.pk).notes == NOTE


@pytest.mark.parametrize("who", PROVIDER_ROLES)
def test_the_services_refuse_the_new_provider_too(moved, provider_y, who):
    _episode, visit = moved
    by = getattr(provider_y, who).user
    with pytest.raises(ServiceError, match="your own provider"):
        visit_delete(visit=visit, by=by)
    with pytest.raises(ServiceError, match="your own provider"):
        visit_edit(
            visit=visit,
            visited_on=visit.visited_on,
            duration_minutes=visit.duration_minutes,
            place=visit.place,
            activities=list(visit.activities.all()),
            attendees=list(visit.attendees.all()),
            notes="overwritten",
            by=by,
        )
    assert Visit.objects.get(pk=visit.pk).notes == NOTE


@pytest.mark.parametrize("who", ("coordinator", "social_worker"))
def test_the_earlier_provider_keeps_its_visit(client, moved, provider_x, who):
    _episode, visit = moved
    log_in(client, getattr(provider_x, who).user)
    page = client.get(reverse("cases:visit_edit", args=[visit.pk]))
    assert page.status_code == 200
    assert NOTE in page.content.decode()
