import os

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from core import worker


class Command(BaseCommand):
    help = (
        "Run the background worker of the task queue (TASKS_BACKEND): the database queue "
        "(default) or RQ. Give each worker its own stable --worker-id (default: ICMS_WORKER_ID, "
        "else the host name), so that a worker restarted after a crash takes back what it "
        "left running."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--worker-id", default=os.environ.get("ICMS_WORKER_ID") or worker.default_worker_id()
        )
        parser.add_argument("--queue-name", default="default")
        parser.add_argument("--interval", type=float, default=1.0, help="seconds between polls")
        parser.add_argument("--batch", action="store_true", help="run what is queued, then stop")

    def handle(self, *args, worker_id, queue_name, interval, batch, **options):
        backend = settings.TASKS["default"]["BACKEND"]
        if backend.startswith("django_tasks_rq"):
            from core.rq_worker import rq_worker_run

            return rq_worker_run(worker_id=worker_id, queue_name=queue_name, burst=batch)
        if not backend.startswith("django_tasks_db"):
            raise CommandError(f"TASKS_BACKEND {backend} runs tasks where they are enqueued.")
        self.db_worker_run(worker_id, queue_name, interval, batch)

    def db_worker_run(self, worker_id, queue_name, interval, batch):
        from django_tasks_db.management.commands.db_worker import Worker

        if len(worker_id) > 64:
            raise CommandError("A worker id has at most 64 characters.")
        try:
            requeued = worker.worker_register(worker_id)
        except worker.WorkerAlreadyRunning as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Worker {worker_id}: started; {requeued} task(s) taken back.")
        beat = worker.HeartbeatThread(worker_id)
        beat.start()
        db_worker = Worker(
            queue_names=queue_name.split(","),
            interval=interval,
            batch=batch,
            backend_name="default",
            startup_delay=False,
            max_tasks=None,
            worker_id=worker_id,
            excluded_queue_names=[],
        )
        db_worker.configure_signals()
        try:
            db_worker.run()
        finally:
            beat.stop()
            beat.join(timeout=10)
            worker.worker_unregister(worker_id)
