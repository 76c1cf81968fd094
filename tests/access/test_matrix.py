"""Every URL × every member of the standing cast answers exactly as the matrix says."""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from tests.access.matrix import CAST, all_rows, row_modules

ROWS = all_rows()
# URLs outside the matrix: the Django admin (superusers only, Django's own checks), login/logout.
NOT_IN_MATRIX = {"login", "logout"}


@pytest.fixture
def world(cast, provider_x, provider_y):
    world = {"cast": cast, "provider_x": provider_x, "provider_y": provider_y}
    for module in row_modules():
        module.build(world)
    return world


def _request(client, row, world):
    path = row.path(world)
    if row.method == "post":
        return client.post(path, row.data(world))
    return client.get(path, row.data(world))


@pytest.mark.parametrize("who", CAST)
@pytest.mark.parametrize("row", ROWS, ids=lambda row: row.id)
def test_access(client, world, row, who):
    client.force_login(world["cast"][who])
    response = _request(client, row, world)
    assert response.status_code == row.expected(who), f"{who} on {row.id}: {response.status_code}"


@pytest.mark.parametrize("row", ROWS, ids=lambda row: row.id)
def test_anonymous_is_sent_to_login(client, world, row):
    response = _request(client, row, world)
    if row.anonymous is not None:
        assert response.status_code == row.anonymous  # open to everyone
        return
    assert response.status_code == 302
    assert response["Location"].startswith("/login/")


def _named_urls(resolver, namespace=""):
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            if pattern.namespace == "admin":
                continue
            prefix = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from _named_urls(pattern, prefix)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield f"{namespace}{pattern.name}"


def test_every_url_is_in_the_matrix():
    named = set(_named_urls(get_resolver())) - NOT_IN_MATRIX
    covered = {row.url_name for row in ROWS}
    assert named - covered == set(), "URLs missing from the access matrix"
