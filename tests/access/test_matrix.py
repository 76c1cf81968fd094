"""Every URL × every member of the standing cast answers exactly as the matrix says."""

import pytest
from django.db import transaction
from django.urls import URLPattern, URLResolver, get_resolver

from tests import standing
from tests.access.matrix import CAST, all_rows, row_modules

ROWS = all_rows()
# URLs outside the matrix: the Django admin (superusers only, Django's own checks), login/logout.
NOT_IN_MATRIX = {"login", "logout"}


@pytest.fixture(scope="module")
def module_world(django_db_setup, django_db_blocker):
    """The cast and every row module's objects, built once for the module (with pytest-xdist, once per
    worker) inside a transaction that is rolled back after its last test."""
    with django_db_blocker.unblock(), transaction.atomic():
        world = standing.world()
        for module in row_modules():
            module.build(world)
        yield world
        transaction.set_rollback(True)


@pytest.fixture
def world(module_world, db):
    """The module's world; each test runs in a savepoint within its transaction (pytest-django's `db`),
    so what one request writes is gone before the next test."""
    return module_world


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
    if row.anonymous is not None:  # open to everyone (the language choice, the password reset)
        assert response.status_code == row.anonymous
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
