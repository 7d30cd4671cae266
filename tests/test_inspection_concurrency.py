"""SVC-2 under real parallel requests on PostgreSQL: registry clerks closing one case to the
public at once (two screens, a page and a script) each get an answer; the case is closed once,
with one row and one audit record, never a server error. Each request runs in its own thread
and connection, released together by a barrier (tests/test_concurrency.py's
`run_in_parallel`). Skipped on SQLite, which admits one writer at a time."""

import pytest
from django.db import connection
from rest_framework.test import APIClient

from audit.models import AuditRecord
from inspection.models import CaseInspection
from permissions.roles import Role
from tests.factories import CaseFactory, StaffFactory
from tests.test_concurrency import assert_audit_chain_intact, run_in_parallel

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

PARALLEL = 6


@pytest.fixture(autouse=True)
def _postgresql_only():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (DATABASE_URL=postgres://...)")


def test_svc_2_parallel_closings_of_one_case_close_it_once():
    case = CaseFactory()
    clerks = [StaffFactory(role=Role.REGISTRY) for _n in range(PARALLEL)]

    def work(index):
        client = APIClient()
        client.force_authenticate(clerks[index])
        response = client.put(
            f"/api/v1/backoffice/cases/{case.pk}/public-inspection/",
            {"closed": True, "reasons": "Family proceedings"},
            format="json",
        )
        return response.status_code, response.json().get("closed")

    results = run_in_parallel(PARALLEL, work)
    assert all(kind == "ok" for kind, _value in results), results
    assert [value for _kind, value in results] == [(200, True)] * PARALLEL
    row = CaseInspection.objects.get(case=case)
    assert row.closed and row.reasons == "Family proceedings"
    assert AuditRecord.objects.filter(action="case.inspection_closed").count() == 1
    assert_audit_chain_intact()
