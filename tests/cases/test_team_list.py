"""The team view's mentors sort by every column of their table and filter by team, like every list
(issue 11): the order and the filter stay in the URL and in the links of the pages, names in Latvian
order; the episodes to act on page on their own beside the mentors' table and the referrals waiting."""

import re

import pytest
from django.urls import reverse
from django.utils.html import strip_tags

from cases.views import episodes as episode_views
from tests import factories as f
from tests.cases.episode_support import days_ago, log_in
from tests.cases.test_planned_contacts import _episode, _plan

pytestmark = pytest.mark.django_db
URL = reverse("cases:team")
COLUMNS = ("open", "contact_overdue", "past_limit", "limit_soon", "no_recent_contact")


def _rows(response) -> list[list[str]]:
    """The mentors' table as the coordinator reads it: per row, the mentor's name and the text of each
    other cell."""
    html = response.content.decode()
    rows = re.findall(r'<tr data-testid="mentor-row">(.*?)</tr>', html, re.S)
    return [
        [re.search(r"<a [^>]*>(.*?)</a>", row).group(1)]
        + [" ".join(strip_tags(cell).split()) for cell in re.findall(r"<td.*?</td>", row, re.S)[1:]]
        for row in rows
    ]


def _mentor(cast, team, last_name):
    user = f.UserFactory(username=f"mentor-{last_name}", first_name="Anna", last_name=last_name)
    return f.ProviderStaffFactory(user=user, provider=cast.provider, team=team)


@pytest.fixture
def team(provider_x):
    """Four mentors of one team with different caseloads; `Zariņš` has none."""
    riga = f.TeamFactory(provider=provider_x.provider, name="Rīga")
    abele, celms, cakste, _zarins = (
        _mentor(provider_x, riga, name) for name in ("Ābele", "Celms", "Čakste", "Zariņš")
    )
    for n in range(3):  # three calm episodes
        f.VisitFactory(episode=_episode(provider_x, f"Calm{n}", mentor=abele), visited_on=days_ago(1))
    _episode(provider_x, "PastLimit", mentor=celms, started_days_ago=70)  # past the limit, no contact
    f.VisitFactory(
        episode=_episode(provider_x, "Soon", mentor=cakste, started_days_ago=55), visited_on=days_ago(1)
    )
    overdue = _episode(provider_x, "Overdue", mentor=cakste)
    f.VisitFactory(episode=overdue, visited_on=days_ago(1))
    _plan(overdue, days_ago(2))
    return riga


def test_the_mentors_table_lists_the_team_by_name_in_latvian_order(client, provider_x, team):
    log_in(client, provider_x.coordinator.user)
    rows = _rows(client.get(URL, {"team": team.pk}))
    assert [row[0] for row in rows] == [
        "Anna Ābele",
        "Anna Celms",
        "Anna Čakste",
        "Anna Zariņš",
    ]
    assert rows[0][1:] == ["3 / 20", "0", "0", "0", "0"]
    assert rows[1][1:] == ["1 / 20", "0", "1", "0", "1"]
    assert rows[2][1:] == ["2 / 20", "1", "0", "1", "0"]
    descending = _rows(client.get(URL, {"team": team.pk, "sort": "-mentor"}))
    assert [row[0] for row in descending] == [row[0] for row in reversed(rows)]


@pytest.mark.parametrize("column", COLUMNS)
def test_each_column_orders_the_rows_both_ways(client, provider_x, team, column):
    log_in(client, provider_x.coordinator.user)
    index = 1 + COLUMNS.index(column)

    def values(sort):
        return [
            int(row[index].split(" / ")[0]) for row in _rows(client.get(URL, {"team": team.pk, "sort": sort}))
        ]

    ascending, descending = values(column), values(f"-{column}")
    assert len(set(ascending)) > 1  # the fixture tells the rows apart in every column
    assert ascending == sorted(ascending)
    assert descending == sorted(ascending, reverse=True)
    page = client.get(URL, {"team": team.pk, "sort": column}).content.decode()
    assert 'aria-sort="ascending"' in page
    assert f"team={team.pk}&amp;sort=-{column}" in page  # the header sorts the other way, the filter kept


def test_the_team_filter_keeps_other_teams_out_and_offers_all_teams(client, provider_x, team):
    other = f.TeamFactory(provider=provider_x.provider, name="Daugavpils")
    _mentor(provider_x, other, "Dambis")
    f.TeamFactory(provider=f.ProviderFactory(), name="Elsewhere")  # another provider's team: not offered
    log_in(client, provider_x.coordinator.user)
    response = client.get(URL, {"team": other.pk})
    assert [row[0] for row in _rows(response)] == ["Anna Dambis"]
    html = response.content.decode()
    assert ">Rīga</option>" in html and "Elsewhere" not in html
    assert ">All</option>" in html  # not "---------"
    everyone = _rows(client.get(URL))
    assert len(everyone) == 5 + 1  # the team's four, the other team's one, and provider X's own mentor
    refused = client.get(URL, {"team": "x", "sort": "nonsense"})
    assert refused.status_code == 200 and len(_rows(refused)) == 6


def test_the_mentors_and_the_episodes_to_act_on_page_apart(client, provider_x, team, monkeypatch):
    monkeypatch.setattr(episode_views.TeamView, "paginate_by", 2)
    monkeypatch.setattr(episode_views, "TEAM_PAGE_SIZE", 1)
    f.ReferralFactory(contract=provider_x.contract)
    log_in(client, provider_x.coordinator.user)
    query = {"team": team.pk, "sort": "-open", "page": 2, "attention_page": 2}
    response = client.get(URL, query)
    assert [row[0] for row in _rows(response)] == ["Anna Celms", "Anna Zariņš"]
    html = response.content.decode()
    assert html.count('name="mentor" required') == 1  # one episode to act on, on its second page
    # Paging one list keeps the other's page, the filter and the order.
    assert f"?team={team.pk}&amp;sort=-open&amp;page=1&amp;attention_page=2" in html
    assert f"?team={team.pk}&amp;sort=-open&amp;page=2&amp;attention_page=1" in html
    assert 'data-testid="referrals-waiting"' in html
    # Every mentor of the provider is offered for a reassignment, not only the mentors' page shown.
    assert html.count("Anna Ābele (3 of 20)") == 1


@pytest.mark.parametrize("mentors", [1, 12])
def test_a_sorted_filtered_team_takes_the_same_queries_for_any_number_of_mentors(
    client, provider_x, django_assert_max_num_queries, mentors
):
    riga = f.TeamFactory(provider=provider_x.provider, name="Rīga")
    for number in range(mentors):
        mentor = _mentor(provider_x, riga, f"Many{number}")
        mentor.languages.set([f.language("uk")])
        _plan(_episode(provider_x, f"Client{number}", mentor=mentor), days_ago(1 + number % 3))
    log_in(client, provider_x.coordinator.user)
    # The team view's 8 (its mentors read once with their languages, see tests/cases/test_caseload.py),
    # the chosen team looked up, and which of those mentors the table shows in what order (their ids).
    with django_assert_max_num_queries(10):
        response = client.get(URL, {"team": riga.pk, "sort": "-contact_overdue"})
    assert len(_rows(response)) == mentors
