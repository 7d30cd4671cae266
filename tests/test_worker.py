"""The background worker and the scheduler as separate processes, on PostgreSQL, Redis and a
real SMTP server on loopback: the day-end digest (MSG-2) survives a worker killed (SIGKILL)
in the middle of it, every email accepted exactly once; two schedulers at once run each job
once a day. And, on any database, how a worker takes back the tasks of a dead one."""

import os
import signal
import subprocess
import sys
import threading
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import redis
import time_machine
from aiosmtpd.controller import Controller
from django.db import connection
from django.tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from accounts.models import AccountStatus, User
from core import worker
from core.models import ScheduledJobRun, WorkerHeartbeat
from core.scheduler import DAILY_JOBS
from messaging.models import MessageKind, NotificationEmail
from messaging.services import messages_deliver
from permissions.roles import Role
from tests.conftest import free_port

ROOT = Path(__file__).resolve().parent.parent
HK = ZoneInfo("Asia/Hong_Kong")
REDIS_URL = "redis://127.0.0.1:6379/14"
ACCOUNTS = 40
KILL_AT = 15  # the worker dies when the mail server receives this message


@pytest.fixture
def postgresql():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (DATABASE_URL=postgres://...)")


def process_env(**extra) -> dict:
    db = connection.settings_dict
    clean = {k: os.environ[k] for k in ("PATH", "HOME", "LANG", "TZ") if k in os.environ}
    return {
        **clean,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DJANGO_DEBUG": "1",
        "DATABASE_URL": (
            f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
        ),
        "LOG_LEVEL": "WARNING",
        **extra,
    }


def manage(*args, env, **kwargs) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        **kwargs,
    )


class KillingInbox:
    """Accepts each email; at the KILL_AT-th it SIGKILLs the worker, with every process it
    started (RQ's work horse and scheduler), and answers 451, so that this one email is not
    accepted and the worker dies in the middle of handing it over."""

    def __init__(self):
        self.accepted: list[str] = []
        self.received = 0
        self.worker_pid: int | None = None
        self.killed = threading.Event()

    async def handle_DATA(self, server, session, envelope):
        self.received += 1
        if self.received == KILL_AT and self.worker_pid is not None:
            os.killpg(self.worker_pid, signal.SIGKILL)
            self.killed.set()
            return "451 4.3.0 Try again later"
        self.accepted.extend(envelope.rcpt_tos)
        return "250 OK"


@pytest.fixture
def killing_smtp():
    inbox = KillingInbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    yield controller, inbox
    controller.stop()


def accounts_with_unread_messages(count: int) -> list[str]:
    accounts = User.objects.bulk_create(
        User(
            login_name=f"digest{n}",
            role=Role.IU,
            status=AccountStatus.ACTIVE,
            surname="Wong",
            given_name="Ka Yan",
            email=f"digest{n}@example.com",
            id_document_type="HKID",
            id_document_number=f"Y{n:07d}",
        )
        for n in range(count)
    )
    messages_deliver(
        recipients=accounts, kind=MessageKind.NOTICE, subject="A notice", body="Its text."
    )
    return sorted(account.email for account in accounts)


def wait(process: subprocess.Popen, seconds: float) -> str:
    try:
        output, _ = process.communicate(timeout=seconds)
    except subprocess.TimeoutExpired:
        process.kill()
        output, _ = process.communicate()
        pytest.fail(f"{process.args} did not end in {seconds}s:\n{output}")
    return output


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("queue", ["db", "rq"])
def test_msg_2_worker_killed_mid_digest_then_restarted_sends_every_email_exactly_once(
    postgresql, killing_smtp, queue
):
    controller, inbox = killing_smtp
    expected = accounts_with_unread_messages(ACCOUNTS)
    redis.Redis.from_url(REDIS_URL).flushdb()
    env = process_env(
        TASKS_BACKEND=queue,
        REDIS_URL=REDIS_URL,
        ICMS_EMAIL="smtp",
        EMAIL_HOST=controller.hostname,
        EMAIL_PORT=str(controller.port),
    )
    # The scheduler queues the day's jobs at 22:05, the digest among them.
    scheduler = manage("run_scheduled_jobs", "--now", "2026-11-26T22:05", env=env)
    assert "send_message_box_reminders" in wait(scheduler, 60)

    first = manage(
        "run_worker",
        "--worker-id",
        "digest-1",
        "--interval",
        "0.2",
        env=env,
        start_new_session=True,
    )
    inbox.worker_pid = first.pid
    output = wait(first, 120)
    assert first.returncode == -signal.SIGKILL, output
    assert inbox.killed.is_set()
    assert len(inbox.accepted) == KILL_AT - 1  # the rest is still owed
    assert NotificationEmail.objects.filter(sent_at__isnull=True).count() == (
        ACCOUNTS - KILL_AT + 1
    )

    again = manage("run_worker", "--worker-id", "digest-1", "--batch", env=env)
    output = wait(again, 120)
    assert again.returncode == 0, output
    assert sorted(inbox.accepted) == expected  # every one, each exactly once
    assert NotificationEmail.objects.filter(sent_at__isnull=True).count() == 0
    if queue == "db":
        digest = DBTaskResult.objects.get(task_path="messaging.tasks.send_message_box_reminders")
        assert digest.status == TaskResultStatus.SUCCESSFUL
        assert digest.worker_ids == ["digest-1", "digest-1"]


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_schedulers_at_once_run_each_job_once_per_day(postgresql):
    env = process_env(TASKS_BACKEND="db", ICMS_EMAIL="console")
    for day in ("2026-11-26", "2026-11-27"):
        schedulers = [
            manage("run_scheduled_jobs", "--now", f"{day}T23:30", env=env) for _n in range(2)
        ]
        for scheduler in schedulers:
            wait(scheduler, 60)
            assert scheduler.returncode == 0
    runs = list(ScheduledJobRun.objects.values_list("job", "run_date"))
    assert len(runs) == 2 * len(DAILY_JOBS) == len(set(runs))
    queued = sorted(DBTaskResult.objects.values_list("task_path", flat=True))
    assert queued == sorted([path for path, _at in DAILY_JOBS.values()] * 2)


def _claimed_task(worker_ids: list[str]) -> DBTaskResult:
    return DBTaskResult.objects.create(
        args_kwargs={"args": [], "kwargs": {}},
        task_path="messaging.tasks.send_owed_emails",
        backend_name="default",
        run_after=datetime(9999, 1, 1, tzinfo=ZoneInfo("UTC")),
        status=TaskResultStatus.RUNNING,
        worker_ids=worker_ids,
    )


def _dead_pid() -> int:
    process = subprocess.Popen(["true"])
    process.wait()
    return process.pid


@pytest.mark.django_db
def test_worker_restarted_under_its_id_takes_back_its_running_task_at_once():
    WorkerHeartbeat.objects.create(
        worker_id="w1",
        host=worker.socket.gethostname(),
        pid=_dead_pid(),
        started_at=datetime.now(HK),
        seen_at=datetime.now(HK),
    )
    mine, other = _claimed_task(["w1"]), _claimed_task(["w2"])
    assert worker.worker_register("w1") == 1
    mine.refresh_from_db(), other.refresh_from_db()
    assert (mine.status, other.status) == (TaskResultStatus.READY, TaskResultStatus.RUNNING)


@pytest.mark.django_db
def test_worker_id_of_a_live_process_is_refused():
    worker.worker_register("w1")  # this process
    WorkerHeartbeat.objects.filter(pk="w1").update(pid=os.getppid())
    with pytest.raises(worker.WorkerAlreadyRunning):
        worker.worker_register("w1")


@pytest.mark.django_db
def test_worker_silent_for_a_minute_is_dead_and_its_task_runs_again():
    start = datetime(2026, 11, 26, 22, 0, tzinfo=HK)
    with time_machine.travel(start, tick=False):
        worker.worker_register("w1")
        worker.worker_register("w2")
        task = _claimed_task(["w1"])
    with time_machine.travel(start + timedelta(seconds=59), tick=False):
        assert worker.heartbeat("w2") == 0  # the day before the limit, so to say: alive
    with time_machine.travel(start + timedelta(seconds=61), tick=False):
        assert worker.heartbeat("w2") == 1
    task.refresh_from_db()
    assert task.status == TaskResultStatus.READY
    assert not WorkerHeartbeat.objects.filter(pk="w1").exists()
    assert WorkerHeartbeat.objects.filter(pk="w2").exists()


@pytest.mark.django_db
def test_task_that_lost_its_worker_three_times_fails_instead_of_running_again():
    WorkerHeartbeat.objects.create(
        worker_id="w1",
        host="elsewhere",
        pid=1,
        started_at=datetime.now(HK),
        seen_at=datetime.now(HK) - timedelta(minutes=5),
    )
    task = _claimed_task(["w1", "w1", "w1"])
    worker.heartbeat("w2")
    task.refresh_from_db()
    assert task.status == TaskResultStatus.FAILED
    assert task.exception_class_path == "core.worker.WorkerLost"
