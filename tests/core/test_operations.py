"""Operations: the load balancer's probes and the request log."""

import json
import logging
import sys

import pytest
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder
from django.urls import reverse

from config.logs import JsonFormatter


@pytest.mark.django_db
def test_healthz_answers_without_the_database_or_a_session(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get(reverse("healthz"))
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert not response.cookies
    assert "no-store" in response["Cache-Control"]


@pytest.mark.django_db
def test_readyz_answers_when_every_migration_is_applied(client):
    response = client.get(reverse("readyz"))
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert not response.cookies


@pytest.mark.django_db
def test_readyz_is_unavailable_while_a_migration_is_not_applied(client):
    """As after a deployment of new code before `migrate`: the latest migration is not recorded."""
    app, name = max(MigrationLoader(connection).graph.leaf_nodes())
    MigrationRecorder(connection).record_unapplied(app, name)
    response = client.get(reverse("readyz"))
    assert response.status_code == 503
    assert response.json() == {"status": "unavailable", "reason": "migrations"}


@pytest.mark.django_db
def test_probes_are_not_redirected_to_https(client, settings):
    """The load balancer asks the process over plain HTTP; everything else goes to HTTPS."""
    settings.SECURE_SSL_REDIRECT = True
    assert client.get(reverse("healthz")).status_code == 200
    assert client.get(reverse("readyz")).status_code == 200
    assert client.get(reverse("login")).status_code == 301


def test_one_request_one_log_line_with_the_user_id_never_the_name(client, sw_a, caplog):
    client.force_login(sw_a)
    with caplog.at_level(logging.INFO, logger="atbalsts.requests"):
        response = client.get(reverse("cases:client_list"), {"q": "Jūlija Meļņika"})
    assert response.status_code == 200
    [record] = [r for r in caplog.records if r.name == "atbalsts.requests"]
    assert (record.method, record.path, record.status, record.user_id) == (
        "GET",
        "/cases/clients/",
        200,
        sw_a.pk,
    )
    assert record.duration_ms > 0
    line = record.getMessage()
    assert line.startswith("GET /cases/clients/ 200 ")
    assert line.endswith(f" ms user={sw_a.pk}")
    for private in (sw_a.username, sw_a.first_name, "Jūlija", "q="):
        assert private not in line

    entry = json.loads(JsonFormatter().format(record))
    assert entry["logger"] == "atbalsts.requests"
    assert entry["level"] == "INFO"
    assert {key: entry[key] for key in ("method", "path", "status", "user_id")} == {
        "method": "GET",
        "path": "/cases/clients/",
        "status": 200,
        "user_id": sw_a.pk,
    }
    assert entry["duration_ms"] == record.duration_ms


@pytest.mark.django_db
def test_anonymous_requests_are_logged_without_a_user(client, caplog):
    with caplog.at_level(logging.INFO, logger="atbalsts.requests"):
        client.get(reverse("healthz"))
    [record] = [r for r in caplog.records if r.name == "atbalsts.requests"]
    assert record.user_id is None
    assert record.getMessage().endswith(" ms user=-")


def test_an_error_in_json_carries_its_traceback():
    try:
        raise ValueError("boom")
    except ValueError:
        record = logging.getLogger("django.request").makeRecord(
            "django.request", logging.ERROR, __file__, 1, "Internal Server Error: %s", ("/x",), sys.exc_info()
        )
    entry = json.loads(JsonFormatter().format(record))
    assert entry["message"] == "Internal Server Error: /x"
    assert entry["level"] == "ERROR"
    assert "Traceback (most recent call last)" in entry["traceback"]
    assert "ValueError: boom" in entry["traceback"]


def test_production_keeps_database_connections_and_checks_them_before_reuse(production_settings):
    database = production_settings("DATABASES")["DATABASES"]["default"]
    assert (database["CONN_MAX_AGE"], database["CONN_HEALTH_CHECKS"]) == (60, True)
