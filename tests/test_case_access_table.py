"""Who may read which case (CASE-2, ROLE-2), as a table over the API and spot-checked on the
pages: only the holders a case is linked or assigned to see it; every refusal of a case is
the same 404 with the same body, whether the case exists or not, so a guessed id or case
number reveals nothing."""

import re

import pytest

from cases.models import CaseAssignment
from permissions.roles import Role
from tests.factories import (
    ApiOnlyAccountFactory,
    ApiOnlyUserFactory,
    BranchFactory,
    CaseFactory,
    CaseLinkFactory,
    OrganizationFactory,
    StaffFactory,
)

pytestmark = pytest.mark.django_db

NOT_FOUND = {"code": "not_found", "detail": "Not found."}


@pytest.fixture
def world():
    """This organization's case (its plaintiff) assigned to one of its OUs; an IU's case; a
    case no holder is linked to (only the registry knows it); another organization."""
    firm = OrganizationFactory()
    branch = BranchFactory(organization=firm)
    ou = ApiOnlyAccountFactory(organization=firm, branch=branch)
    link = CaseLinkFactory(organization=firm, case=CaseFactory(number="DCPI 1234/2025"))
    CaseAssignment.objects.create(link=link, organization=firm, organization_user=ou)
    unassigned_ou = ApiOnlyAccountFactory(organization=firm, branch=branch)
    unassigned_later = ApiOnlyAccountFactory(organization=firm, branch=branch)
    CaseAssignment.objects.create(link=link, organization=firm, organization_user=unassigned_later)
    CaseAssignment.objects.filter(organization_user=unassigned_later).delete()
    iu = ApiOnlyUserFactory()
    iu_case = CaseLinkFactory(organization=None, individual=iu).case
    other = OrganizationFactory()
    other_branch = BranchFactory(organization=other)
    # An assignment no service makes: this organization's party to another's OU.
    forged_ou = ApiOnlyAccountFactory(organization=other, branch=other_branch)
    CaseAssignment.objects.create(link=link, organization=other, organization_user=forged_ou)
    return {
        "case": link.case.pk,
        "iu_case": iu_case.pk,
        "registry_only_case": CaseFactory().pk,
        "missing_case": 987654321,
        "pa": ApiOnlyAccountFactory(organization=firm, role=Role.PA, branch=None),
        "sa": ApiOnlyAccountFactory(organization=firm, role=Role.SA, branch=branch),
        "ou": ou,
        "unassigned_ou": unassigned_ou,
        "unassigned_later": unassigned_later,
        "iu": iu,
        "another_iu": ApiOnlyUserFactory(),
        "other_pa": ApiOnlyAccountFactory(organization=other, role=Role.PA, branch=None),
        "other_sa": ApiOnlyAccountFactory(organization=other, role=Role.SA, branch=other_branch),
        "other_ou": ApiOnlyAccountFactory(organization=other, branch=other_branch),
        "forged_ou": forged_ou,
        "registry": StaffFactory(role=Role.REGISTRY),
        "vetting": StaffFactory(role=Role.VETTING),
    }


# (who, which case, the answer): 200 read, 404 not found (exists or not), 403 a role that
# never reads holders' cases, 401 no credentials.
TABLE = [
    ("pa", "case", 200),
    ("sa", "case", 200),
    ("ou", "case", 200),
    ("iu", "iu_case", 200),
    # An OU on a case of its organization that is not assigned to it.
    ("unassigned_ou", "case", 404),
    # An OU after being unassigned.
    ("unassigned_later", "case", 404),
    # An IU on another person's case; an IU on an organization's case.
    ("another_iu", "iu_case", 404),
    ("iu", "case", 404),
    # The organization's holders on an IU's case.
    ("pa", "iu_case", 404),
    ("ou", "iu_case", 404),
    # Another organization's PA, SA and OU on this organization's case.
    ("other_pa", "case", 404),
    ("other_sa", "case", 404),
    ("other_ou", "case", 404),
    # Another organization's OU even with an assignment row to this organization's party.
    ("forged_ou", "case", 404),
    # A case only the registry knows (no holder is linked to it).
    ("pa", "registry_only_case", 404),
    ("ou", "registry_only_case", 404),
    ("iu", "registry_only_case", 404),
    # A guessed id of no case.
    ("pa", "missing_case", 404),
    ("ou", "missing_case", 404),
    ("iu", "missing_case", 404),
    ("other_pa", "missing_case", 404),
    # Court staff read cases in the back office, not through the holders' operations.
    ("registry", "case", 403),
    ("registry", "missing_case", 403),
    ("vetting", "case", 403),
    (None, "case", 401),
    (None, "missing_case", 401),
]


@pytest.mark.parametrize(("who", "which", "status"), TABLE)
def test_role_2_case_access_table_over_the_api(client, world, who, which, status):
    if who is not None:
        client.force_login(world[who])
    response = client.get(f"/api/v1/cases/{world[which]}/")
    assert response.status_code == status
    if status == 404:
        # The same body whether the case exists or not.
        assert response.json() == NOT_FOUND
    if status == 200:
        assert response.json()["id"] == world[which]


@pytest.mark.parametrize(("who", "which", "status"), TABLE)
def test_role_2_no_case_outside_the_table_is_listed(client, world, who, which, status):
    """The list holds exactly the cases the table lets the holder read; a guessed case number
    in its filter gives an empty list, as a number of no case does."""
    if who is None or status == 403:
        if who is not None:
            client.force_login(world[who])
        assert client.get("/api/v1/cases/").status_code == status
        return
    client.force_login(world[who])
    listed = {row["id"] for row in client.get("/api/v1/cases/").json()["results"]}
    assert (world[which] in listed) == (status == 200)


@pytest.mark.parametrize("who", ["unassigned_ou", "other_pa", "other_ou", "another_iu", "iu"])
def test_role_2_a_guessed_case_number_lists_nothing(client, world, who):
    client.force_login(world[who])
    guessed = client.get("/api/v1/cases/", {"number": "DCPI 1234/2025"})
    nothing = client.get("/api/v1/cases/", {"number": "DCPI 4321/2025"})
    assert guessed.status_code == nothing.status_code == 200
    assert guessed.json() == nothing.json() == {"results": [], "next_cursor": None, "next": None}
    page = client.get("/cases/", {"number": "dcpi 1234/2025"}).content.decode()
    assert "No case matches." in page and ">DCPI 1234/2025<" not in page


def test_role_2_non_numeric_and_huge_ids_are_not_found(client, world):
    client.force_login(world["pa"])
    for path in ("/api/v1/cases/abc/", "/api/v1/cases/99999999999999999999999/"):
        response = client.get(path)
        assert response.status_code == 404
        assert response.json() == NOT_FOUND


def _page_body(response) -> str:
    # The form tokens differ from one response to the next, and the page names its own
    # address (the language switch); nothing else may differ.
    body = response.content.decode().replace(response.wsgi_request.path, "/cases/ID/")
    return re.sub(r"[A-Za-z0-9]{64}", "", body)


@pytest.mark.parametrize(
    ("who", "which"),
    [
        ("unassigned_ou", "case"),
        ("unassigned_later", "case"),
        ("another_iu", "iu_case"),
        ("other_pa", "case"),
        ("other_ou", "case"),
        ("pa", "registry_only_case"),
    ],
)
def test_role_2_case_page_refusal_is_the_page_of_a_missing_case(client, world, who, which):
    client.force_login(world[who])
    refused = client.get(f"/cases/{world[which]}/")
    missing = client.get(f"/cases/{world['missing_case']}/")
    assert refused.status_code == missing.status_code == 404
    assert _page_body(refused) == _page_body(missing)


def test_role_2_case_page_for_staff_and_the_public(client, world):
    client.force_login(world["registry"])
    assert client.get(f"/cases/{world['case']}/").status_code == 403
    assert client.get("/cases/").status_code == 403
    client.logout()
    response = client.get(f"/cases/{world['case']}/")
    assert response.status_code == 302 and "/account/login/" in response["Location"]


def test_case_2_the_holders_own_case_page(client, world):
    for who in ("pa", "sa", "ou"):
        client.force_login(world[who])
        assert client.get(f"/cases/{world['case']}/").status_code == 200
    client.force_login(world["iu"])
    assert client.get(f"/cases/{world['iu_case']}/").status_code == 200
