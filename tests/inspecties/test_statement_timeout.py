"""No query outlives its request: PostgreSQL's statement_timeout below gunicorn's timeout."""

import os
import runpy
import subprocess
import sys
from pathlib import Path

from django.db import connection

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("seconden, verwacht", [("25", 30), ("60", 65), ("0", 30)])
def test_gunicorn_wacht_langer_dan_de_database(monkeypatch, seconden, verwacht):
    monkeypatch.setenv("STATEMENT_TIMEOUT_SECONDEN", seconden)
    timeout = runpy.run_path(str(ROOT / "gunicorn.conf.py"))["timeout"]
    assert timeout == verwacht
    assert timeout > int(seconden)


@pytest.mark.django_db
def test_postgresql_verbinding_heeft_de_statement_timeout(settings):
    if connection.vendor != "postgresql":
        pytest.skip("statement_timeout is PostgreSQL's; this run uses SQLite")
    with connection.cursor() as cursor:
        cursor.execute("SELECT setting FROM pg_settings WHERE name = 'statement_timeout'")
        assert int(cursor.fetchone()[0]) == settings.STATEMENT_TIMEOUT_SECONDEN * 1000  # in ms


@pytest.mark.django_db
def test_een_te_lange_query_wordt_door_postgresql_afgebroken():
    """With the limit at 1 s, a 3 s statement is cancelled by the server."""
    if connection.vendor != "postgresql":
        pytest.skip("statement_timeout is PostgreSQL's; this run uses SQLite")
    code = (
        "import django\n"
        "django.setup()\n"
        "from django.db import connection\n"
        "try:\n"
        "    connection.cursor().execute('SELECT pg_sleep(3)')\n"
        "except Exception as e:\n"
        "    print(type(e).__name__, e)\n"
        "else:\n"
        "    print('NIET AFGEBROKEN')\n"
    )
    env = {
        **os.environ,
        "STATEMENT_TIMEOUT_SECONDEN": "1",
        "DJANGO_SETTINGS_MODULE": "inspecties.settings",
        # The test database, which exists during the test (the named one may not).
        "DATABASE_URL": "postgres://{USER}@{HOST}:{PORT}/{NAME}".format(**connection.settings_dict),
    }
    uit = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert "canceling statement due to statement timeout" in uit.stdout, uit.stdout + uit.stderr
