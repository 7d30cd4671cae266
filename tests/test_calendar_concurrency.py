"""BEY-6 under real parallel requests on PostgreSQL: a holder who asks for a new calendar
address several times at once (a double click, a script's retries) gets an address each time,
and exactly one of them works; never a server error. Each request runs in its own thread and
connection, released together by a barrier (tests/test_concurrency.py's `run_in_parallel`).
Skipped on SQLite, which admits one writer at a time."""

import pytest
from django.db import connection
from rest_framework.test import APIClient

from audit.models import AuditRecord
from hearings.models import CalendarFeed
from hearings.tokens import token_hash
from tests.factories import UserFactory
from tests.test_concurrency import assert_audit_chain_intact, run_in_parallel

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

PARALLEL = 8


@pytest.fixture(autouse=True)
def _postgresql_only():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (DATABASE_URL=postgres://...)")


def test_bey_6_parallel_new_addresses_leave_exactly_one_working():
    holder = UserFactory()

    def work(_index):
        client = APIClient()
        client.force_authenticate(holder)
        response = client.post("/api/v1/cause-book/calendar/")
        return response.status_code, response.json().get("url", "")

    results = run_in_parallel(PARALLEL, work)
    assert all(kind == "ok" for kind, _value in results), results
    answers = [value for _kind, value in results]
    assert [status for status, _url in answers] == [201] * PARALLEL, answers
    live = CalendarFeed.objects.filter(account=holder, revoked_at__isnull=True)
    assert live.count() == 1
    tokens = [url.rsplit("/", 1)[1].removesuffix(".ics") for _status, url in answers]
    assert sum(token_hash(token) == live.get().token_hash for token in tokens) == 1
    assert CalendarFeed.objects.filter(account=holder).count() == PARALLEL
    assert AuditRecord.objects.filter(action="calendar_feed.created").count() == PARALLEL
    assert_audit_chain_intact()
