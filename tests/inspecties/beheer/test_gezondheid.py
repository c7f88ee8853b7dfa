"""Health endpoints for the ops team (issue 17): 200 when all is well, 503 naming the failing
component when the database is unreachable or the task worker has stopped."""

import asyncio
import json
from contextlib import contextmanager
from datetime import timedelta

from django.core.management import call_command
from django.db import connection, connections
from django.utils import timezone

import pytest
import time_machine
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from inspecties.beheer.gezondheid import werker_hartslag
from tests.oidc_idp import vrije_poort

GEREED = "/gezondheid/"
LEEFT = "/gezondheid/leeft/"
WERKER = "TaakwerkerHartslag()"
DATABASE = "Database(alias='default')"
OPSLAG = "Storage(alias='default')"


@pytest.fixture
def met_werker(settings, transactional_db):
    """Tasks go through the database, as in production (tests otherwise run them at once).
    Without a test transaction around it: the worker closes a connection it finds inside one,
    as it would a broken one."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def werker_draaien() -> None:
    """The real worker, in this process: runs every waiting task, then stops."""
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)


def status(client, pad=GEREED) -> tuple[int, dict]:
    response = client.get(pad, headers={"accept": "text/html"})
    return response.status_code, json.loads(response.content)


@contextmanager
def database_onbereikbaar():
    """Point new connections of the default database at nothing: a missing file for SQLite, a
    port where no server listens for PostgreSQL. The test's own open connection is untouched;
    the health check opens a new one, which really fails."""
    instellingen = connections.settings["default"]
    oud = dict(instellingen)
    if connection.vendor == "sqlite":
        instellingen["NAME"] = "/niet-bestaande-map/toezicht.sqlite3"
    else:
        instellingen.update(HOST="127.0.0.1", PORT=str(vrije_poort()))
    try:
        yield
    finally:
        instellingen.clear()
        instellingen.update(oud)


def test_gereed_met_een_draaiende_werker_en_503_als_die_stilstaat(met_werker, client):
    # The first probe finds no heartbeat yet and queues one.
    code, antwoord = status(client)
    assert code == 503
    assert (
        antwoord[WERKER] == "Unavailable: nog geen hartslag van de taakwerker (manage.py db_worker)"
    )
    assert antwoord[DATABASE] == "OK" and antwoord[OPSLAG] == "OK"
    werker_draaien()
    assert status(client) == (200, {DATABASE: "OK", OPSLAG: "OK", WERKER: "OK"})

    # The worker stops. Six minutes later its last heartbeat is too old: 503, the worker named.
    with time_machine.travel(timezone.now() + timedelta(minutes=6)):
        code, antwoord = status(client)
        assert code == 503
        assert antwoord[WERKER].startswith("Unavailable: laatste hartslag van de taakwerker 36")
        assert antwoord[WERKER].endswith("seconden geleden (grens 300)")
        assert antwoord[DATABASE] == "OK" and antwoord[OPSLAG] == "OK"
        # Started again, it answers the heartbeat that is waiting for it.
        werker_draaien()
        assert status(client)[0] == 200


def test_een_werker_die_aan_een_lange_export_werkt_blijft_binnen_de_grens_levend(
    met_werker, client
):
    status(client)
    werker_draaien()
    # A heartbeat queued while the worker is busy waits; within the limit all is well.
    with time_machine.travel(timezone.now() + timedelta(minutes=2)):
        assert status(client)[0] == 200
        assert DBTaskResult.objects.filter(status=TaskResultStatus.READY).count() == 1


def test_503_met_de_database_als_die_onbereikbaar_is(client, db):
    assert status(client)[0] == 200  # tests run tasks at once: no worker to check
    with database_onbereikbaar():
        code, antwoord = status(client)
        assert code == 503
        assert antwoord[DATABASE].startswith("Unavailable: ")
        assert antwoord[OPSLAG] == "OK"
        # Liveness does not depend on the database: the process itself is fine.
        assert status(client, LEEFT) == (200, {})
    assert status(client)[0] == 200


def test_veel_peilingen_zetten_een_hartslag_tegelijk_klaar(met_werker, client):
    """Anyone can call the endpoint; a flood of probes queues one heartbeat, not one each."""
    for _ in range(10):
        status(client)
    assert DBTaskResult.objects.filter(task_path=werker_hartslag.module_path).count() == 1
    werker_draaien()
    with time_machine.travel(timezone.now() + timedelta(minutes=1)):
        for _ in range(10):
            status(client)
        werker_draaien()
    # Only the latest finished heartbeat is kept.
    with time_machine.travel(timezone.now() + timedelta(minutes=2)):
        status(client)
    assert DBTaskResult.objects.filter(task_path=werker_hartslag.module_path).count() == 2


def test_gereedheid_is_goedkoop_en_wordt_niet_bewaard(
    met_werker, client, django_assert_max_num_queries
):
    status(client)
    werker_draaien()
    with django_assert_max_num_queries(4):
        response = client.get(GEREED)
    assert response.status_code == 200
    assert "no-cache" in response["Cache-Control"]
    assert response["Content-Type"] == "application/json"


def test_geen_https_omleiding_voor_de_peilingen(client, db, settings):
    settings.SECURE_SSL_REDIRECT = True
    assert client.get(GEREED).status_code == 200
    assert client.get(LEEFT).status_code == 200
    assert client.get("/inloggen/").status_code == 301


def test_ook_in_een_draad_met_een_lopende_event_loop(client, db):
    """As in a test run after a browser test (Playwright keeps an event loop in the main
    thread), or any server thread that has one: the endpoints still answer."""

    async def peilen():
        return client.get(GEREED).status_code, client.get(LEEFT).status_code

    assert asyncio.run(peilen()) == (200, 200)
