"""My cases (CASE-2, CASE-4) costs a fixed number of queries, whatever the number of cases:
the same count at 10 and at 500 cases, for an IU, an OU and a PA, in the selector, the page
and the API."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cases.selectors.my_cases import my_cases
from permissions.roles import Role
from tests.factories import (
    ApiOnlyAccountFactory,
    ApiOnlyUserFactory,
    BranchFactory,
    OrganizationFactory,
    cases_linked_in_bulk,
)

pytestmark = pytest.mark.django_db


def _holder(role: str, count: int):
    """A holder of `count` cases; for the PA each case is assigned to two OUs."""
    if role == "iu":
        holder = ApiOnlyUserFactory()
        cases_linked_in_bulk(count, individual=holder, year=2000 + count)
        return holder
    organization = OrganizationFactory()
    branch = BranchFactory(organization=organization)
    ous = [ApiOnlyAccountFactory(organization=organization, branch=branch) for _ in range(2)]
    cases_linked_in_bulk(count, organization=organization, assign_to=ous, year=2000 + count)
    if role == "ou":
        return ous[0]
    return ApiOnlyAccountFactory(organization=organization, role=Role.PA, branch=None)


def _queries(call) -> int:
    with CaptureQueriesContext(connection) as captured:
        call()
    return len(captured)


@pytest.mark.parametrize("role", ["iu", "ou", "pa"])
def test_case_2_my_cases_selector_runs_the_same_queries_at_10_and_500_cases(role):
    counts = {}
    for count in (10, 500):
        holder = _holder(role, count)
        holder.refresh_from_db()
        my_cases(actor=holder)  # an OU's organization is read once, on the first use
        counts[count] = _queries(lambda h=holder: my_cases(actor=h))
        # The next page too, from the cursor of the first.
        if count == 500:
            cursor = my_cases(actor=holder).next_cursor
            assert _queries(lambda h=holder, c=cursor: my_cases(actor=h, cursor=c)) == counts[count]
    assert counts[10] == counts[500]
    # The links (or assignments), the e-enabled types, and a PA's assigned OUs.
    assert counts[10] == (3 if role == "pa" else 2)


@pytest.mark.parametrize("role", ["iu", "ou", "pa"])
@pytest.mark.parametrize("path", ["/cases/", "/api/v1/cases/"])
def test_case_2_my_cases_page_and_api_run_the_same_queries_at_10_and_500_cases(client, role, path):
    counts = {}
    for count in (10, 500):
        holder = _holder(role, count)
        client.force_login(holder)
        client.get(path)  # the first request of a session may do one-off work
        with CaptureQueriesContext(connection) as captured:
            response = client.get(path)
        assert response.status_code == 200
        counts[count] = len(captured)
        client.logout()
    assert counts[10] == counts[500], path


def test_case_2_case_page_runs_the_same_queries_whatever_the_organizations_cases(
    client, django_assert_max_num_queries
):
    """A case's page reads the case, not the organization's other cases."""
    counts = []
    for count in (10, 500):
        holder = _holder("pa", count)
        client.force_login(holder)
        case_id = my_cases(actor=holder).rows[0].case.pk
        client.get(f"/cases/{case_id}/")
        with CaptureQueriesContext(connection) as captured:
            assert client.get(f"/cases/{case_id}/").status_code == 200
        counts.append(len(captured))
    assert counts[0] == counts[1]
