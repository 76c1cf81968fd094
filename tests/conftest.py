"""The standing cast (STYLE.md 18) as fixtures, one member each (who they are: `tests/standing.py`):
`sw_a`, `sw_b`, `provider_x`, `provider_y`, `fund`, `dpo`, `nobody`, `admin_user`, and `cast` by name."""

import pytest
from django.utils import translation

from tests import standing


@pytest.fixture(autouse=True)
def source_language():
    """Outside a request, messages are compared in the source language (English), whatever the test
    before left active; every request still chooses its own language in the middleware."""
    with translation.override("en"):
        yield


@pytest.fixture
def provider_x(db) -> standing.ProviderCast:
    return standing.provider_x()


@pytest.fixture
def provider_y(db) -> standing.ProviderCast:
    return standing.provider_y()


@pytest.fixture
def sw_a(db):
    return standing.sw_a()


@pytest.fixture
def sw_b(db):
    return standing.sw_b()


@pytest.fixture
def fund(db):
    return standing.fund()


@pytest.fixture
def dpo(db):
    return standing.dpo()


@pytest.fixture
def nobody(db):
    return standing.nobody()


@pytest.fixture
def admin_user(db):
    return standing.admin_user()


@pytest.fixture
def cast(provider_x, provider_y, sw_a, sw_b, fund, dpo, nobody, admin_user):
    """Every member of the standing cast by name, for table-driven tests."""
    return standing.by_name(
        provider_x, provider_y, sw_a=sw_a, sw_b=sw_b, fund=fund, dpo=dpo, nobody=nobody, admin=admin_user
    )
