"""Liveness and readiness for the ops team (issue 17), on django-health-check.

- `/gezondheid/leeft/`: the web process answers (no dependencies), for restarts.
- `/gezondheid/`: ready to serve: the database answers on a fresh connection, the private file
  storage can write, read and delete a file, and the task worker (`manage.py db_worker`) has a
  recent heartbeat. 200 with every component "OK", else 503 naming the failing component.

The worker's heartbeat is the worker's own bookkeeping: django-tasks-db records when it finished
each task (DBTaskResult.finished_at), but nothing about an idle worker. So readiness queues a
tiny high-priority task, `werker_hartslag`, when none is waiting and the last one finished more
than HARTSLAG_INTERVAL ago; a running worker picks it up within its poll interval (1 second).
The worker counts as alive while the last heartbeat task finished within
WERKER_HARTSLAG_MAX_SECONDEN (default 300). A worker busy with a long bulk export answers the
heartbeat after that task, so set the limit above the longest export.
"""

import dataclasses
import logging
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from datetime import timedelta

from django.conf import settings
from django.http import JsonResponse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.views import View
from django.views.decorators.cache import never_cache

from django_tasks import DEFAULT_TASK_BACKEND_ALIAS, task, task_backends
from django_tasks.base import TaskResultStatus
from django_tasks_db.backend import DatabaseBackend
from django_tasks_db.models import DBTaskResult
from health_check.base import HealthCheck
from health_check.checks import Database, Storage
from health_check.exceptions import HealthCheckException, ServiceUnavailable

HARTSLAG_INTERVAL = timedelta(seconds=30)
logger = logging.getLogger(__name__)


def _hartslag_prioriteit() -> int:
    """First in the queue where the backend has priorities (the database backend); RQ has none
    and refuses a task that asks for one."""
    return 100 if task_backends[DEFAULT_TASK_BACKEND_ALIAS].supports_priority else 0


@task(priority=_hartslag_prioriteit())
def werker_hartslag() -> None:
    """Does nothing: that the worker finished it is the heartbeat."""


@dataclasses.dataclass
class TaakwerkerHartslag(HealthCheck):
    """The task worker finished a heartbeat task recently (see the module docstring)."""

    def __post_init__(self):
        self.max_leeftijd = timedelta(seconds=settings.WERKER_HARTSLAG_MAX_SECONDEN)

    def run(self) -> None:
        backend = task_backends[DEFAULT_TASK_BACKEND_ALIAS]
        if type(backend).__name__ == "RQBackend":
            return self._rq_werkers()
        if not isinstance(backend, DatabaseBackend):
            return  # tasks run in the web process itself (development, tests): no worker
        nu = timezone.now()
        hartslagen = DBTaskResult.objects.filter(task_path=werker_hartslag.module_path)
        laatste = (
            hartslagen.filter(status=TaskResultStatus.SUCCESSFUL)
            .order_by("-finished_at")
            .values_list("finished_at", flat=True)
            .first()
        )
        wacht = hartslagen.filter(status__in=[TaskResultStatus.READY, TaskResultStatus.RUNNING])
        if not wacht.exists() and (laatste is None or nu - laatste >= HARTSLAG_INTERVAL):
            if laatste is not None:
                hartslagen.exclude(status=TaskResultStatus.READY).filter(
                    finished_at__lt=laatste
                ).delete()  # only the latest one is needed
            werker_hartslag.enqueue()
        if laatste is None:
            raise ServiceUnavailable("nog geen hartslag van de taakwerker (manage.py db_worker)")
        leeftijd = nu - laatste
        if leeftijd > self.max_leeftijd:
            raise ServiceUnavailable(
                f"laatste hartslag van de taakwerker {int(leeftijd.total_seconds())} seconden "
                f"geleden (grens {int(self.max_leeftijd.total_seconds())})"
            )

    def _rq_werkers(self) -> None:
        """With RQ, workers register themselves in Redis (and drop out when they die): one must
        be there. Redis unreachable is an error of its own."""
        import django_rq
        from rq import Worker

        try:
            aantal = Worker.count(connection=django_rq.get_connection("default"))
        except Exception as fout:
            raise ServiceUnavailable(f"Redis niet bereikbaar ({type(fout).__name__})") from fout
        if not aantal:
            raise ServiceUnavailable("geen taakwerker aangemeld bij Redis (manage.py rqworker)")


def _uitvoeren(check: HealthCheck) -> str:
    """ "OK", or what is wrong (the library's check messages; never a traceback)."""
    try:
        check.run()
    except HealthCheckException as fout:
        logger.warning("gezondheid_fout", extra={"reden": f"{check!r}: {fout}"})
        return str(fout)
    except Exception:
        logger.exception("gezondheid_onverwachte_fout")
        return str(HealthCheckException("unknown error"))
    return "OK"


@method_decorator(never_cache, name="dispatch")
class Gereedheid(View):
    """django-health-check's checks, answered as JSON: 200 when every component is fine, 503
    naming the failing one (the library's own view answers 500, and is async: it cannot run in
    a thread that already has an event loop).

    The database and storage checks run in threads of their own, as the library runs them: the
    database check then opens a fresh connection instead of reusing this request's. The
    heartbeat check runs here, on this request's connection."""

    http_method_names = ["get", "head"]

    def checks(self) -> tuple[list[HealthCheck], list[HealthCheck]]:
        return [Database(), Storage()], [TaakwerkerHartslag()]

    def get(self, request):
        los, hier = self.checks()
        resultaten = {}
        pool = ThreadPoolExecutor(max_workers=max(1, len(los)))
        try:
            taken = [(check, pool.submit(_uitvoeren, check)) for check in los]
            for check, taak in taken:
                try:
                    resultaten[repr(check)] = taak.result(timeout=check.timeout.total_seconds())
                except FutureTimeout:
                    resultaten[repr(check)] = str(
                        ServiceUnavailable(
                            f"geen antwoord binnen {check.timeout.total_seconds():g} s"
                        )
                    )
        finally:
            pool.shutdown(wait=False, cancel_futures=True)
        resultaten |= {repr(check): _uitvoeren(check) for check in hier}
        fout = any(waarde != "OK" for waarde in resultaten.values())
        return JsonResponse(resultaten, status=503 if fout else 200)


class Levend(Gereedheid):
    def checks(self):
        return [], []
