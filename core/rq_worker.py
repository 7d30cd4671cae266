"""The worker for TASKS_BACKEND=rq: RQ's worker with django-tasks-rq's job class (which calls
Django's @task objects), named by the stable worker id."""

import socket

from django.core.management.base import CommandError


def rq_worker_run(*, worker_id: str, queue_name: str, burst: bool) -> None:
    import django_rq
    from django_tasks_rq.backend import Job
    from rq import Worker

    queue = django_rq.get_queue(queue_name, job_class=Job)
    connection = queue.connection
    previous = Worker.find_by_key(Worker.redis_worker_namespace_prefix + worker_id, connection)
    if previous is not None:
        # The same id again: an earlier process of this worker died without saying so (its
        # key lives on until it expires). Refuse if it may still run elsewhere.
        if previous.hostname != socket.gethostname():
            raise CommandError(f"Worker id {worker_id!r} is in use on {previous.hostname}.")
        previous.register_death()
    worker = Worker(
        [queue], connection=connection, name=worker_id, job_class=Job, queue_class=type(queue)
    )
    worker.work(burst=burst, with_scheduler=True)
