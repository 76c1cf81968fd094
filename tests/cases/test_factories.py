"""The shared factories build consistent records (the other tests rely on them)."""

import datetime

import pytest

from tests import factories as f


@pytest.mark.django_db
def test_episode_and_family_visit(provider_x):
    mother = f.ClientFactory(given_name="Olena")
    child = f.ClientFactory(given_name="Sofiia", date_of_birth=datetime.date(2015, 4, 2))
    f.household(mother, child)
    episode = f.EpisodeFactory(
        client=mother, contract=provider_x.contract, started_on=datetime.date(2024, 3, 1)
    )
    assert episode.programme.code == "UA-MENTOR"
    assert episode.limit_on == datetime.date(2024, 4, 29)
    visit = f.VisitFactory(episode=episode, attendees=[child], activities=["housing", "documents"])
    assert set(visit.attendees.values_list("given_name", flat=True)) == {"Olena", "Sofiia"}
    assert visit.contract == provider_x.contract
    assert set(visit.activities.values_list("code", flat=True)) == {"housing", "documents"}
