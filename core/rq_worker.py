"""The worker for TASKS_BACKEND=rq: RQ's worker with django-tasks-rq's job class (which calls
Django's @task objects), named by the stable worker id.

RQ marks a job abandoned (failed) only once its execution's time to live has run out, without
running it again. Started again under the same id, the worker takes back at once the jobs its
dead predecessor had started: they go back to the front of the queue (docs/decisions.md)."""

import os
import socket

from django.core.management.base import CommandError

from core.worker import pid_alive


def rq_worker_run(*, worker_id: str, queue_name: str, burst: bool) -> None:
    import django_rq
    from django_tasks_rq.backend import Job
    from rq import Worker
    from rq.registry import StartedJobRegistry

    queue = django_rq.get_queue(queue_name, job_class=Job)
    connection = queue.connection
    previous = Worker.find_by_key(Worker.redis_worker_namespace_prefix + worker_id, connection)
    if previous is not None:
        # The same id again: an earlier process of this worker died without saying so (its
        # key lives on until it expires). Refuse if it may still run elsewhere.
        if previous.hostname != socket.gethostname():
            raise CommandError(f"Worker id {worker_id!r} is in use on {previous.hostname}.")
        if previous.pid and previous.pid != os.getpid() and pid_alive(previous.pid):
            raise CommandError(f"Worker id {worker_id!r} is in use by process {previous.pid}.")
        previous.register_death()
    started = StartedJobRegistry(queue=queue)
    for job_id, _execution in started.get_job_and_execution_ids(cleanup=False):
        job = queue.fetch_job(job_id)
        if job is not None and job.worker_name == worker_id:
            started.remove_executions(job)
            queue.enqueue_job(job, at_front=True)
    worker = Worker(
        [queue], connection=connection, name=worker_id, job_class=Job, queue_class=type(queue)
    )
    worker.work(burst=burst, with_scheduler=True)
