"""A bulk export through RQ and real Redis, two worker processes, one of them killed with
SIGKILL in the middle of the export (issue 16, "past one machine").

The job does not finish on the dead worker, and nobody else picks it up by itself: the export
is shown as failed once it made no progress for BULK_EXPORT_STIL_SECONDEN, no ZIP is offered,
the requester retries, and the surviving worker makes the complete ZIP. The workers run the real
settings as separate processes (`manage.py rqworker`), on the test database, so this needs a
database server that other processes can reach: PostgreSQL (SQLite's test database lives in
memory). Redis database 15 is this test's own and emptied before and after.
"""

import contextlib
import io
import os
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

from django.db import connection
from django.urls import reverse

import pytest

from inspecties.models import Onderzoek
from rapporten.models import BulkExport
from tests.factories import OnderzoekFactory

ROOT = Path(__file__).resolve().parents[2]
REDIS_URL = "redis://127.0.0.1:6379/15"
AANTAL = 10

pytestmark = pytest.mark.redis


@pytest.fixture
def redis_verbinding():
    import redis

    verbinding = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1)
    try:
        verbinding.ping()
    except redis.exceptions.ConnectionError as fout:
        pytest.skip(f"Redis is niet bereikbaar op 127.0.0.1:6379 ({fout})")
    verbinding.flushdb()
    yield verbinding
    verbinding.flushdb()


@pytest.fixture
def rq_instellingen(settings, redis_verbinding):
    """This test process queues on Redis as a web node with TASKS_BACKEND=rq does."""
    settings.RQ_QUEUES = {"default": {"URL": REDIS_URL, "DEFAULT_TIMEOUT": 600}}
    settings.TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}
    settings.BULK_EXPORT_STIL_SECONDEN = 3
    return settings


def _werker(naam: str, media: Path) -> subprocess.Popen:
    omgeving = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "inspecties.settings",
        "DATABASE_URL": "postgres://{USER}@{HOST}:{PORT}/{NAME}".format(**connection.settings_dict),
        "TASKS_BACKEND": "rq",
        "REDIS_URL": REDIS_URL,
        "MEDIA_ROOT": str(media),
        "LOG_LEVEL": "WARNING",
    }
    return subprocess.Popen(
        [
            sys.executable,
            "manage.py",
            "rqworker",
            "--job-class",
            "django_tasks_rq.Job",
            "--name",
            naam,
            "default",
        ],
        cwd=ROOT,
        env=omgeving,
        start_new_session=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def _nakomelingen(pid: int) -> list[int]:
    """The process and everything it started (RQ's work horse starts a session of its own,
    so a process group does not hold it), read from /proc."""
    ouders: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            velden = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        ouders.setdefault(int(velden[1]), []).append(int(stat.parent.name))
    alle, rij = [], [pid]
    while rij:
        p = rij.pop()
        alle.append(p)
        rij.extend(ouders.get(p, []))
    return alle


def _machine_valt_uit(proces: subprocess.Popen) -> None:
    """SIGKILL to the worker, its work horse and the horse's PDF processes at once."""
    for pid in _nakomelingen(proces.pid):
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
    proces.wait(timeout=10)


def _wacht(voorwaarde, *, seconden: float, wat: str):
    einde = time.monotonic() + seconden
    while time.monotonic() < einde:
        if resultaat := voorwaarde():
            return resultaat
        time.sleep(0.05)
    raise AssertionError(f"niet binnen {seconden} s: {wat}")


def _stoppen(proces: subprocess.Popen) -> None:
    if proces.poll() is None:
        os.killpg(proces.pid, signal.SIGTERM)
        try:
            proces.wait(timeout=30)
        except subprocess.TimeoutExpired:
            _machine_valt_uit(proces)


@pytest.mark.django_db(transaction=True)
def test_export_overleeft_een_gedode_werker(
    rq_instellingen, kaders, client_als, inspecteur, tmp_path
):
    if connection.vendor != "postgresql":
        pytest.skip(
            "SQLite's test database is in memory; the workers (processes of their own) need "
            "PostgreSQL. This test runs in the PostgreSQL stage of .ci/run."
        )
    import django_rq
    from rq import Worker

    for i in range(AANTAL):
        OnderzoekFactory(jaar=2013 + i % 5)
    werkers = {naam: _werker(naam, tmp_path / "media") for naam in ("werker-a", "werker-b")}
    redis = django_rq.get_connection("default")
    try:
        _wacht(lambda: Worker.count(connection=redis) == 2, seconden=60, wat="twee werkers")
        client = client_als(inspecteur)
        client.post(reverse("rapporten:exports"), {"status": Onderzoek.Status.CONCEPT})
        export = BulkExport.objects.get()
        assert export.totaal == AANTAL

        # In the middle: at least one PDF done, not all. Kill the worker that has the job.
        _wacht(
            lambda: 0 < BulkExport.objects.get().klaar < AANTAL,
            seconden=120,
            wat="export halverwege",
        )
        bezig = _wacht(
            lambda: [w.name for w in Worker.all(connection=redis) if w.get_current_job_id()],
            seconden=10,
            wat="werker met de taak",
        )
        gedood = werkers[bezig[0]]
        _machine_valt_uit(gedood)
        halverwege = BulkExport.objects.get()
        assert halverwege.status == BulkExport.Status.BEZIG
        assert halverwege.klaar < AANTAL

        # Visible: after BULK_EXPORT_STIL_SECONDEN without progress the page says it failed,
        # offers a retry, and nothing to download.
        status_url = reverse("rapporten:bulk_status", args=[export.pk])

        def mislukt_getoond():
            tekst = client.get(status_url).text
            return tekst if "Opnieuw proberen" in tekst else None

        pagina = _wacht(mislukt_getoond, seconden=30, wat="export als mislukt getoond")
        assert "Mislukt" in pagina and "Download ZIP" not in pagina
        assert BulkExport.objects.get().zip.name == ""
        download = reverse("rapporten:bulk_download", args=[export.pk])
        assert client.get(download).status_code == 404

        # Retried: the surviving worker makes it, whole.
        client.post(reverse("rapporten:bulk_opnieuw", args=[export.pk]))
        klaar = _wacht(
            lambda: (e := BulkExport.objects.get()).status == BulkExport.Status.KLAAR and e,
            seconden=180,
            wat="export klaar na opnieuw proberen",
        )
        assert klaar.poging == 2 and klaar.klaar == AANTAL
        zip_bytes = (tmp_path / "media" / klaar.zip.name).read_bytes()
        with zipfile.ZipFile(io.BytesIO(zip_bytes)) as zf:
            assert zf.testzip() is None
            namen = zf.namelist()
            assert len(namen) == AANTAL
            assert all(zf.read(n).startswith(b"%PDF") for n in namen)
        # No half-written file left beside it.
        assert [p.name for p in (tmp_path / "media" / "exports").iterdir()] == [
            Path(klaar.zip.name).name
        ]
        overlevende = next(p for p in werkers.values() if p is not gedood)
        assert overlevende.poll() is None
    finally:
        for proces in werkers.values():
            _stoppen(proces)


@pytest.mark.django_db
def test_gereedheid_vraagt_met_rq_een_aangemelde_werker(rq_instellingen, client, tmp_path):
    """/gezondheid/gereed/ with RQ: 503 while no worker is registered in Redis, 200 with one."""
    import django_rq
    from rq import Worker

    from tests.inspecties.beheer.test_gezondheid import WERKER, status

    code, antwoord = status(client)
    assert code == 503
    assert antwoord[WERKER] == (
        "Unavailable: geen taakwerker aangemeld bij Redis (manage.py rqworker)"
    )
    werker = Worker(["default"], connection=django_rq.get_connection("default"), name="gereed")
    werker.register_birth()
    try:
        assert status(client)[0] == 200
    finally:
        werker.register_death()
