"""CASE-7, ORG-3 under real parallel requests on PostgreSQL: 20 requests at once, each
assigning a different OU to the same case party, end with exactly 10 assignments; the other
10 are refused with the limit. Each request goes through the API with its own connection; a
barrier releases them together (tests/test_concurrency.py's pattern). Skipped on SQLite, which
admits one writer at a time."""

import pytest
from django.db import connection
from rest_framework.test import APIClient

from accounts.services import api_token_issue
from audit.models import AuditRecord
from cases.models import CaseAssignment
from tests.factories import (
    ApiOnlyAccountFactory,
    CaseLinkFactory,
    organization_with_cases,
)
from tests.test_concurrency import assert_audit_chain_intact, run_in_parallel

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

PARALLEL = 20


@pytest.fixture(autouse=True)
def _postgresql_only():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (DATABASE_URL=postgres://...)")


def _race(actor, link, ous) -> list[tuple[int, dict]]:
    key, _token = api_token_issue(user=actor)

    def work(index):
        client = APIClient()
        client.credentials(HTTP_AUTHORIZATION=f"Bearer {key}")
        response = client.post(
            f"/api/v1/organization/case-parties/{link.pk}/assignments/",
            {"organization_user": ous[index].pk},
            "json",
        )
        return response.status_code, response.json()

    results = run_in_parallel(PARALLEL, work)
    assert all(kind == "ok" for kind, _value in results), results
    return [value for _kind, value in results]


def test_case_7_twenty_parallel_assignments_to_one_party_end_with_exactly_ten():
    org = organization_with_cases()
    ous = [
        ApiOnlyAccountFactory(organization=org.organization, branch=org.central)
        for _n in range(PARALLEL)
    ]
    results = _race(org.pa, org.link, ous)
    created = [body for status, body in results if status == 201]
    refused = [body for status, body in results if status == 409]
    assert (len(created), len(refused)) == (10, 10), results
    assert all(body["code"] == "limit_reached" for body in refused)
    assert all("at most 10 OU holders" in body["detail"] for body in refused)
    assert CaseAssignment.objects.filter(link=org.link).count() == 10
    assert AuditRecord.objects.filter(action="case_assignment.created").count() == 10
    assert_audit_chain_intact()


def test_case_7_parallel_assignments_to_two_parties_each_stop_at_ten():
    """The limit is per case party: two parties of one case, ten requests each, all at once
    (by an SA with the all-branches role): each party gets its ten."""
    org = organization_with_cases()
    defendant = CaseLinkFactory(
        organization=org.organization,
        case=org.case,
        party=org.case.parties.get(party_type="DEFENDANT"),
    )
    ous = [
        ApiOnlyAccountFactory(organization=org.organization, branch=org.kowloon) for _n in range(10)
    ]
    key, _token = api_token_issue(user=org.sa_all)

    def work(index):
        client = APIClient()
        client.credentials(HTTP_AUTHORIZATION=f"Bearer {key}")
        link = org.link if index % 2 else defendant
        response = client.post(
            f"/api/v1/organization/case-parties/{link.pk}/assignments/",
            {"organization_user": ous[index // 2].pk},
            "json",
        )
        return response.status_code

    results = run_in_parallel(PARALLEL, work)
    assert [value for _kind, value in results] == [201] * PARALLEL, results
    assert CaseAssignment.objects.filter(link=org.link).count() == 10
    assert CaseAssignment.objects.filter(link=defendant).count() == 10
    assert_audit_chain_intact()
