"""The daily scheduler runs IDA-3's expiry once per Hong Kong day."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from core.models import ScheduledJobRun
from core.scheduler import run_due_jobs
from registration import services
from registration.models import ApplicationStatus
from tests.factories import submit_application

pytestmark = pytest.mark.django_db(transaction=True)
HK = ZoneInfo("Asia/Hong_Kong")


def test_ida_3_scheduler_runs_expiry_once_a_day(vetting_officer):
    with time_machine.travel(datetime(2026, 11, 2, 10, 0, tzinfo=HK)):
        application = submit_application()
        services.application_mark_in_order(actor=vetting_officer, application_id=application.pk)
    with time_machine.travel(datetime(2026, 12, 3, 0, 1, tzinfo=HK)):
        assert run_due_jobs() == {}  # not yet 00:05
    with time_machine.travel(datetime(2026, 12, 3, 0, 6, tzinfo=HK)):
        ran = run_due_jobs()
        assert ran == {"expire_unauthenticated_applications": "SUCCESSFUL: 1"}
        assert run_due_jobs() == {}  # once a day
    application.refresh_from_db()
    assert application.status == ApplicationStatus.REJECTED
    assert ScheduledJobRun.objects.count() == 1


def test_a_failed_job_is_tried_again_and_does_not_stop_the_others(monkeypatch, caplog):
    from datetime import time

    from core import scheduler

    monkeypatch.setitem(scheduler.DAILY_JOBS, "broken", ("tests.jobs.broken_job", time(0, 0)))
    with time_machine.travel(datetime(2026, 12, 3, 9, 0, tzinfo=HK)):
        first = run_due_jobs()
        assert first["broken"] == "FAILED: builtins.RuntimeError"
        assert first["expire_unauthenticated_applications"].startswith("SUCCESSFUL")
        assert "Daily job broken failed" in caplog.text
        again = run_due_jobs()  # the failed one runs again; the others do not
    assert set(again) == {"broken"}
