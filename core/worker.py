"""The background worker: django-tasks-db's worker, with a stable id and a heartbeat, so that a
task claimed by a worker that died (killed, out of memory, the machine lost) runs again.

django-tasks-db marks a task RUNNING when a worker claims it and leaves it so if the worker
dies. Each worker started by `manage.py run_worker` keeps a `WorkerHeartbeat` row fresh from a
thread of its own. A task is put back in the queue (READY) when the last worker that claimed it
  - is this worker's own id, found on starting again (the same id restarted: at once), or
  - has a heartbeat older than HEARTBEAT_STALE (a worker that did not come back).
A task claimed MAX_CLAIMS times without finishing is marked FAILED instead: a task that kills
its worker must not kill every worker in turn. Tasks therefore run at least once; ours are
idempotent (the emails owed are marked sent one by one, `messaging.services.owed_emails_send`).
"""

import logging
import os
import socket
import threading
from datetime import timedelta

from django.db import close_old_connections, connection, transaction
from django.tasks import TaskResultStatus
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from core.models import WorkerHeartbeat

logger = logging.getLogger(__name__)

HEARTBEAT_EVERY = timedelta(seconds=5)
HEARTBEAT_STALE = timedelta(seconds=60)
MAX_CLAIMS = 3


class WorkerAlreadyRunning(Exception):
    pass


def default_worker_id() -> str:
    return f"{socket.gethostname()}"[:64]


def pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def worker_register(worker_id: str) -> int:
    """Take the id for this process and requeue what an earlier process of the same id left
    running. Refuses while another live process holds the id (its heartbeat is fresh, and on
    this machine its process still runs). Returns how many tasks were requeued."""
    now = timezone.now()
    host = socket.gethostname()
    with transaction.atomic():
        current = WorkerHeartbeat.objects.select_for_update().filter(pk=worker_id).first()
        if current is not None and now - current.seen_at < HEARTBEAT_STALE:
            same_process = current.host == host and current.pid == os.getpid()
            if not same_process and (current.host != host or pid_alive(current.pid)):
                raise WorkerAlreadyRunning(
                    f"Worker id {worker_id!r} is in use by {current.host}:{current.pid}."
                )
        WorkerHeartbeat.objects.update_or_create(
            pk=worker_id,
            defaults={"host": host, "pid": os.getpid(), "started_at": now, "seen_at": now},
        )
        return _requeue({worker_id})


def worker_unregister(worker_id: str) -> None:
    WorkerHeartbeat.objects.filter(pk=worker_id, pid=os.getpid()).delete()


def heartbeat(worker_id: str) -> int:
    """Stamp this worker alive, then requeue the tasks of workers that stopped stamping.
    Returns how many tasks were requeued."""
    now = timezone.now()
    WorkerHeartbeat.objects.filter(pk=worker_id).update(seen_at=now)
    with transaction.atomic():
        dead = set(
            WorkerHeartbeat.objects.select_for_update(skip_locked=True)
            .filter(seen_at__lt=now - HEARTBEAT_STALE)
            .values_list("pk", flat=True)
        )
        if not dead:
            return 0
        requeued = _requeue(dead)
        WorkerHeartbeat.objects.filter(pk__in=dead).delete()
    return requeued


def _requeue(worker_ids: set[str]) -> int:
    """Put back the RUNNING tasks last claimed by one of `worker_ids`; fail those claimed
    MAX_CLAIMS times. The RUNNING tasks are few (one per worker), so they are read whole."""
    running = DBTaskResult.objects.select_for_update().filter(status=TaskResultStatus.RUNNING)
    requeued = 0
    for task in running:
        if not task.worker_ids or task.worker_ids[-1] not in worker_ids:
            continue
        if len(task.worker_ids) >= MAX_CLAIMS:
            logger.error(
                "Task %s (%s) lost its worker %d times: failed",
                task.pk,
                task.task_path,
                len(task.worker_ids),
            )
            task.set_failed(WorkerLost(f"Lost its worker {len(task.worker_ids)} times."))
            continue
        logger.warning(
            "Task %s (%s) lost worker %s: back in the queue",
            task.pk,
            task.task_path,
            task.worker_ids[-1],
        )
        task.status = TaskResultStatus.READY
        task.started_at = None
        task.save(update_fields=["status", "started_at"])
        requeued += 1
    return requeued


class WorkerLost(Exception):
    """The worker running the task died before the task finished."""


class HeartbeatThread(threading.Thread):
    def __init__(self, worker_id: str):
        super().__init__(name=f"heartbeat-{worker_id}", daemon=True)
        self.worker_id = worker_id
        self.stopping = threading.Event()

    def run(self):
        while not self.stopping.wait(HEARTBEAT_EVERY.total_seconds()):
            try:
                close_old_connections()
                heartbeat(self.worker_id)
            except Exception:
                logger.exception("Heartbeat of worker %s failed", self.worker_id)
        connection.close()

    def stop(self):
        self.stopping.set()
