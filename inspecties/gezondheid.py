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

import asyncio
import dataclasses
from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from asgiref.sync import sync_to_async
from django_tasks import DEFAULT_TASK_BACKEND_ALIAS, task, task_backends
from django_tasks.base import TaskResultStatus
from django_tasks_db.backend import DatabaseBackend
from django_tasks_db.models import DBTaskResult
from health_check.base import HealthCheck
from health_check.exceptions import ServiceUnavailable
from health_check.views import HealthCheckView

HARTSLAG_INTERVAL = timedelta(seconds=30)


@task(priority=100)
def werker_hartslag() -> None:
    """Does nothing: that the worker finished it is the heartbeat."""


@dataclasses.dataclass
class TaakwerkerHartslag(HealthCheck):
    """The task worker finished a heartbeat task recently (see the module docstring)."""

    def __post_init__(self):
        self.max_leeftijd = timedelta(seconds=settings.WERKER_HARTSLAG_MAX_SECONDEN)

    async def run(self):
        # In the request's thread: the same database connection as the rest of the request.
        await sync_to_async(self.controleren)()

    def controleren(self) -> None:
        if not isinstance(task_backends[DEFAULT_TASK_BACKEND_ALIAS], DatabaseBackend):
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


class Gereedheid(HealthCheckView):
    """Always JSON, 503 when a component fails (the library answers 500)."""

    checks = (
        "health_check.checks.Database",
        "health_check.checks.Storage",
        TaakwerkerHartslag,
    )

    async def get(self, request, *args, **kwargs):
        with self.get_executor() as executor:
            self.results = await asyncio.gather(
                *(check.get_result(executor) for check in self.get_checks())
            )
        fout = any(result.error for result in self.results)
        return self.render_to_response_json(503 if fout else 200)


class Levend(Gereedheid):
    checks = ()
