"""Daily jobs. `manage.py run_scheduled_jobs` (from cron, or with --loop as a process) runs each
job once per Hong Kong day, after its time of day; the jobs themselves are idempotent too.

Each app registers its own jobs from its AppConfig.ready() with `daily_job()`, so that this
module names no app.

Once per job per day, whatever the number of schedulers: the run is a row unique per job and
date (`ScheduledJobRun`); the scheduler that inserts it enqueues the task, the others find it
there. With the database queue the row and the queued task are written in one transaction, so
that a scheduler that dies in between leaves neither (docs/decisions.md, "Background worker
and scheduler")."""

import logging
from datetime import time

from django.db import IntegrityError, transaction
from django.tasks import TaskResultStatus, default_task_backend
from django.utils import timezone
from django.utils.module_loading import import_string

from core.models import ScheduledJobRun

logger = logging.getLogger(__name__)

# name -> (task path, Hong Kong time of day after which it runs)
DAILY_JOBS: dict[str, tuple[str, time]] = {}


def daily_job(name: str, task_path: str, *, at: time) -> None:
    """Register a task to run once a day, after `at` (Hong Kong time)."""
    if DAILY_JOBS.get(name, (task_path, at)) != (task_path, at):
        raise ValueError(f"Daily job {name!r} is already registered differently.")
    DAILY_JOBS[name] = (task_path, at)


def _queue_in_database() -> bool:
    from django_tasks_db.backend import DatabaseBackend

    return isinstance(default_task_backend, DatabaseBackend)


def run_due_jobs(now=None) -> dict[str, str]:
    now = timezone.localtime(now or timezone.now())
    ran = {}
    for name, (path, at) in DAILY_JOBS.items():
        if now.time() < at:
            continue
        if _queue_in_database():
            # The run and its task together: committed both, or neither.
            try:
                with transaction.atomic():
                    run = ScheduledJobRun.objects.create(job=name, run_date=now.date())
                    result = import_string(path).enqueue()
                    run.result = f"ENQUEUED: {result.id}"[:200]
                    run.save(update_fields=["result"])
            except IntegrityError:
                continue  # already run today
            ran[name] = run.result
            continue
        try:
            with transaction.atomic():
                run = ScheduledJobRun.objects.create(job=name, run_date=now.date())
        except IntegrityError:
            continue  # already run today
        result = import_string(path).enqueue()
        if result.status == TaskResultStatus.FAILED:
            # Forget the run so that the next check tries again; say what went wrong.
            error = result.errors[-1].exception_class_path if result.errors else "unknown"
            logger.error("Daily job %s failed: %s", name, error)
            run.delete()
            ran[name] = f"FAILED: {error}"[:200]
            continue
        done = result.status == TaskResultStatus.SUCCESSFUL
        run.result = f"{result.status}: {result.return_value if done else result.id}"[:200]
        run.finished_at = timezone.now()
        run.save(update_fields=["result", "finished_at"])
        ran[name] = run.result
    return ran
