"""LIFE-3, LIFE-4, AUTH-6 under parallel runs on PostgreSQL: four runs of each job at once (two
schedulers, a command typed by hand) send one notice, one reminder and make one move per
account. Skipped on SQLite, which admits one writer at a time."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import connection

from accounts.models import AccountStatus
from audit.models import AuditRecord
from cases.models import CaseStatus
from lifecycle import services
from messaging.models import Message, MessageKind
from tests.factories import CaseFactory, CaseLinkFactory, UserFactory
from tests.test_concurrency import assert_audit_chain_intact, run_in_parallel

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]
HK = ZoneInfo("Asia/Hong_Kong")
PARALLEL = 4
ACCOUNTS = 5


@pytest.fixture(autouse=True)
def _postgresql_only():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (DATABASE_URL=postgres://...)")


def _race(job, day: date):
    with time_machine.travel(datetime(day.year, day.month, day.day, 0, 30, tzinfo=HK)):
        results = run_in_parallel(PARALLEL, lambda _index: str(job()))
    assert all(kind == "ok" for kind, _value in results), results


def test_life_3_parallel_runs_send_one_notice_and_deactivate_once_per_account():
    accounts = []
    for _ in range(ACCOUNTS):
        iu = UserFactory()
        case = CaseFactory(
            status=CaseStatus.FINALLY_DISPOSED, final_disposal_date=date(2026, 3, 10)
        )
        CaseLinkFactory(case=case, individual=iu, organization=None)
        accounts.append(iu)
    _race(services.accounts_deactivate_after_final_disposal, date(2026, 5, 10))
    assert Message.objects.filter(kind=MessageKind.DEACTIVATION_NOTICE).count() == ACCOUNTS
    _race(services.accounts_deactivate_after_final_disposal, date(2026, 6, 10))
    assert AuditRecord.objects.filter(action="account.deactivated").count() == ACCOUNTS
    for iu in accounts:
        iu.refresh_from_db()
        assert iu.status == AccountStatus.DEACTIVATED
    assert_audit_chain_intact()


def test_life_4_parallel_runs_terminate_once_per_account():
    for _ in range(ACCOUNTS):
        UserFactory(filing_deadline=date(2026, 3, 31))
    _race(services.prospective_litigants_terminate_unlinked, date(2026, 4, 1))
    assert AuditRecord.objects.filter(action="account.terminated_unlinked").count() == ACCOUNTS


def test_auth_6_parallel_runs_send_one_reminder_per_account():
    for _ in range(ACCOUNTS):
        iu = UserFactory()
        iu.password_changed_at = datetime(2026, 1, 1, 10, 0, tzinfo=HK)
        iu.save(update_fields=["password_changed_at"])
    _race(services.password_change_reminders_send, date(2026, 6, 30))
    assert Message.objects.filter(kind=MessageKind.PASSWORD_REMINDER).count() == ACCOUNTS
