"""ORG-3 and ORG-7 under real parallel requests on PostgreSQL: 20 creations at once never pass
a limit. Each request goes through the API with its own connection; a barrier releases them
together (tests/test_concurrency.py's pattern). Skipped on SQLite, which admits one writer at a
time."""

from datetime import timedelta

import pytest
from django.db import connection
from rest_framework.test import APIClient

from accounts.models import User
from accounts.services import api_token_issue
from audit.models import AuditRecord
from core.workdays import local_today
from organizations.models import Branch, DefaultOU
from permissions.roles import Role
from tests.factories import (
    ApiOnlyAccountFactory,
    BranchFactory,
    OrganizationFactory,
)
from tests.test_concurrency import assert_audit_chain_intact, run_in_parallel

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

PARALLEL = 20
ORG = "/api/v1/organization/"


@pytest.fixture(autouse=True)
def _postgresql_only():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (DATABASE_URL=postgres://...)")


@pytest.fixture
def org():
    organization = OrganizationFactory()
    branch = BranchFactory(organization=organization, code="CENTRAL")
    pa = ApiOnlyAccountFactory(organization=organization, role=Role.PA, branch=None)
    key, _token = api_token_issue(user=pa)
    return {"organization": organization, "branch": branch, "pa": pa, "key": key}


def _race(key, request) -> list[int]:
    def work(index):
        client = APIClient()
        client.credentials(HTTP_AUTHORIZATION=f"Bearer {key}")
        response = request(client, index)
        return response.status_code, response.json() if response.content else None

    results = run_in_parallel(PARALLEL, work)
    assert all(kind == "ok" for kind, _value in results), results
    return [value for _kind, value in results]


def _outcome(results):
    created = [body for status, body in results if status in (200, 201)]
    refused = [body for status, body in results if status == 409]
    assert len(created) + len(refused) == PARALLEL, results
    assert all(body["code"] == "limit_reached" for body in refused), refused
    return len(created), len(refused)


def _account_body(role, branch, index):
    return {
        "role": role,
        "surname": "Lee",
        "given_name": f"Racer {index}",
        "email": f"racer{index}@example.com",
        "phone": "2345 6789",
        "branch": branch.pk,
        "effective_end_date": str(local_today() + timedelta(days=90)),
    }


def test_org_3_parallel_ou_creations_stop_at_fifty(org):
    first = ApiOnlyAccountFactory(organization=org["organization"], branch=org["branch"])
    DefaultOU.objects.create(organization=org["organization"], account=first)
    for _n in range(44):
        ApiOnlyAccountFactory(organization=org["organization"], branch=org["branch"])
    results = _race(
        org["key"],
        lambda c, i: c.post(ORG + "accounts/", _account_body("OU", org["branch"], i), "json"),
    )
    assert _outcome(results) == (5, 15)
    assert User.objects.filter(organization=org["organization"], role=Role.OU).count() == 50
    assert AuditRecord.objects.filter(action="account.opened").count() == 5
    assert_audit_chain_intact()


def test_org_3_parallel_sa_creations_stop_at_ten(org):
    for _n in range(5):
        ApiOnlyAccountFactory(organization=org["organization"], branch=org["branch"], role=Role.SA)
    results = _race(
        org["key"],
        lambda c, i: c.post(ORG + "accounts/", _account_body("SA", org["branch"], i), "json"),
    )
    assert _outcome(results) == (5, 15)
    assert User.objects.filter(organization=org["organization"], role=Role.SA).count() == 10
    assert_audit_chain_intact()


def test_org_3_parallel_branch_creations_stop_at_ten(org):
    results = _race(org["key"], lambda c, i: c.post(ORG + "branches/", {"code": f"B{i}"}, "json"))
    assert _outcome(results) == (9, 11)  # CENTRAL and nine more
    assert Branch.objects.filter(organization=org["organization"]).count() == 10
    assert_audit_chain_intact()


def test_org_7_parallel_default_ou_designations_stop_at_five(org):
    first = ApiOnlyAccountFactory(organization=org["organization"], branch=org["branch"])
    DefaultOU.objects.create(organization=org["organization"], account=first)
    ous = [
        ApiOnlyAccountFactory(organization=org["organization"], branch=org["branch"])
        for _n in range(PARALLEL)
    ]
    results = _race(org["key"], lambda c, i: c.put(ORG + f"accounts/{ous[i].pk}/default-ou/"))
    assert _outcome(results) == (4, 16)
    assert DefaultOU.objects.filter(organization=org["organization"]).count() == 5
    assert_audit_chain_intact()


def test_org_7_parallel_removals_leave_one_default_ou(org):
    """Five defaults, all five removed at once (each request on a different one): four go,
    the last stays (409 last_default_ou)."""
    ous = [
        ApiOnlyAccountFactory(organization=org["organization"], branch=org["branch"])
        for _n in range(5)
    ]
    for ou in ous:
        DefaultOU.objects.create(organization=org["organization"], account=ou)

    def work(index):
        client = APIClient()
        client.credentials(HTTP_AUTHORIZATION=f"Bearer {org['key']}")
        response = client.delete(ORG + f"accounts/{ous[index].pk}/default-ou/")
        return response.status_code, response.json()["code"] if response.status_code != 200 else ""

    results = run_in_parallel(5, work)
    statuses = sorted(value for _kind, value in results)
    assert statuses == [(200, "")] * 4 + [(409, "last_default_ou")], results
    assert DefaultOU.objects.filter(organization=org["organization"]).count() == 1
