"""ROLE-1, ROLE-2, ORG-6, AUTH-5: the matrix of [A38] written out here from the FAQ, not read
from permissions.roles.MATRIX, and run through the API for a holder of each kind acting on its
own organization and on a second one. Every allowed cell succeeds; every other cell is refused
(403, or 404 for a record outside the actor's organization, or 400 for a branch of another
organization given to a creation) and changes nothing: the rows of every table involved and
the audit trail are as they were."""

from datetime import timedelta

import pytest
from rest_framework.test import APIClient

from accounts.models import AccountStatus, ChangeToken, OptionalRoleGrant, User
from audit.models import AuditRecord
from cases.models import CaseAssignment, CaseNumberAssignment, CaseProfileAssignment
from core.workdays import local_today
from organizations.models import (
    Branch,
    ConfigurationChangeKind,
    ConfigurationChangeRequest,
    DefaultOU,
)
from permissions.roles import Role
from tests import factories
from tests.factories import (
    ApiOnlyAccountFactory,
    BranchFactory,
    CaseLinkFactory,
    OrganizationFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

ORG = "/api/v1/organization/"

# The actors: PA; SA without optional roles; SA with each optional role ([A40]); SA of another
# branch; OU; IU. All SAs but SA_OTHER_BRANCH are in branch CENTRAL; the targets of the rows
# are in CENTRAL unless the row says KOWLOON.
PA = "PA"
SA = "SA"
SA_CREATE_SA = "SA+To create SA Account"
SA_LINK_SAME = "SA+To link-up case to OU Accounts (same branch)"
SA_LINK_ALL = "SA+To link-up case to OU Accounts (all branches)"
SA_DEFAULT_OU = "SA+To maintain default OU Accounts"
SA_OTHER_BRANCH = "SA of branch KOWLOON"
OU = "OU"
IU = "IU"
ACTORS = [PA, SA, SA_CREATE_SA, SA_LINK_SAME, SA_LINK_ALL, SA_DEFAULT_OU, SA_OTHER_BRANCH, OU, IU]
ALL_SAS = {SA, SA_CREATE_SA, SA_LINK_SAME, SA_LINK_ALL, SA_DEFAULT_OU, SA_OTHER_BRANCH}
CENTRAL_SAS = ALL_SAS - {SA_OTHER_BRANCH}

# [A38] / ROLE-1, one row per function: who may. `*` cells name the optional role.
MATRIX = {
    "maintain own profile": {PA, *ALL_SAS, OU, IU},
    "maintain OU profile": {PA, *ALL_SAS},
    "maintain SA profile": {PA, SA_CREATE_SA},
    "create OU": {PA, *ALL_SAS},
    "suspend OU": {PA, *ALL_SAS},
    "re-activate OU": {PA, *ALL_SAS},
    "create SA": {PA, SA_CREATE_SA},
    "suspend SA": {PA, SA_CREATE_SA},
    "re-activate SA": {PA, SA_CREATE_SA},
    "maintain default OU": {PA, SA_DEFAULT_OU},
    "create branch code": {PA},
    "maintain branch code": {PA},
    # AUTH-5: the PA, or an SA of the same branch.
    "reset password of an OU (branch CENTRAL)": {PA, *CENTRAL_SAS},
    "reset password of an SA (branch CENTRAL)": {PA, *CENTRAL_SAS},
    "reset password of an OU (branch KOWLOON)": {PA, SA_OTHER_BRANCH},
    # ORG-4 [A50]: only the PA asks the Judiciary Administration for other limits.
    "request change of organization configuration": {PA},
    # CASE-6 [A40]: "assign cases to OU accounts (same branch)": the PA; an SA the cases given
    # to it; * any case of the organization. The OU is in CENTRAL, so the SA of KOWLOON may
    # not, though the case was given to it too.
    "assign cases to OU accounts (same branch): a case given to the SA": {PA, *CENTRAL_SAS},
    "assign cases to OU accounts (same branch): any case of the organization": {
        PA,
        SA_LINK_SAME,
        SA_LINK_ALL,
    },
    # "assign cases to OU accounts (all branches)": the PA; * an SA (the OU is in KOWLOON).
    "assign cases to OU accounts (all branches)": {PA, SA_LINK_ALL},
    # CASE-5 [A41]: only the PA gives cases to an SA.
    "give cases to an SA by case profile": {PA},
}
# Rows where a holder of the capability that may not act on this record is told "not found"
# (ROLE-2): the case or the OU is outside what that SA may assign.
ASSIGNMENT_ROWS = {
    "assign cases to OU accounts (same branch): a case given to the SA",
    "assign cases to OU accounts (same branch): any case of the organization",
    "assign cases to OU accounts (all branches)",
}
# Rows without a record of another organization to aim at.
OWN_ONLY = {"maintain own profile", "create branch code"}
CREATIONS = {"create OU", "create SA"}


_Holder = ApiOnlyAccountFactory  # the matrix acts through API tokens, never a password


class _Individual(UserFactory):
    password = ApiOnlyAccountFactory.password


def _account(organization, branch, role=Role.OU, **fields):
    return _Holder(organization=organization, branch=branch, role=role, **fields)


def _targets(organization, pa, central, kowloon=None):
    """What the rows act on, in one organization; one default OU already, so suspending a
    target is never refused for ORG-7; one request of the PA awaiting a decision, of the kind
    (post-based accounts) the row never asks for, so the row's request for limits is not one
    too many."""
    default = _account(organization, central)
    DefaultOU.objects.create(organization=organization, account=default)
    return {
        # CASE-6: a case party given (by number) to every SA, and one given to none.
        "link_given": CaseLinkFactory(organization=organization),
        "link_any": CaseLinkFactory(organization=organization),
        "configuration_change": ConfigurationChangeRequest.objects.create(
            reference=f"CC2026{organization.pk:06d}",
            organization=organization,
            kind=ConfigurationChangeKind.POST_BASED_ACCOUNTS,
            requested_by=pa,
            due_date=local_today() + timedelta(days=5),
            justification="Our legal officers work under their post titles.",
        ),
        "ou": _account(organization, central),
        "sa": _account(organization, central, Role.SA),
        "suspended_ou": _account(organization, central, status=AccountStatus.SUSPENDED),
        "suspended_sa": _account(organization, central, Role.SA, status=AccountStatus.SUSPENDED),
        "ou_kowloon": _account(organization, kowloon or central),
        "central": central,
    }


@pytest.fixture
def world():
    own = OrganizationFactory()
    central = BranchFactory(organization=own, code="CENTRAL")
    kowloon = BranchFactory(organization=own, code="KOWLOON")
    pa = _Holder(organization=own, role=Role.PA, branch=None)
    actors = {PA: pa, OU: _account(own, central), IU: _Individual()}
    for name, optional_role in [
        (SA, None),
        (SA_CREATE_SA, "create_sa"),
        (SA_LINK_SAME, "link_same_branch"),
        (SA_LINK_ALL, "link_all_branches"),
        (SA_DEFAULT_OU, "maintain_default_ou"),
    ]:
        actors[name] = _account(own, central, Role.SA)
        if optional_role:
            OptionalRoleGrant.objects.create(
                account=actors[name], optional_role=optional_role, granted_by=pa
            )
    actors[SA_OTHER_BRANCH] = _account(own, kowloon, Role.SA)
    own_targets = _targets(own, pa, central, kowloon)
    for name in ALL_SAS:
        CaseNumberAssignment.objects.create(
            organization=own,
            administrator=actors[name],
            case=own_targets["link_given"].case,
            assigned_by=pa,
        )
    other = OrganizationFactory()
    other_main = BranchFactory(organization=other, code="CENTRAL")
    other_pa = _Holder(organization=other, role=Role.PA, branch=None)
    return {
        "actors": actors,
        "own": own_targets,
        "other": _targets(other, other_pa, other_main),
    }


def _new_account(role, branch):
    return {
        "role": role,
        "surname": "Ho",
        "given_name": "Ka Yan",
        "email": "ho.kayan@example.com",
        "phone": "2345 6789",
        "branch": branch.pk,
        "effective_end_date": str(local_today() + timedelta(days=90)),
    }


def _profile(account):
    return {
        "surname": account.surname,
        "given_name": "Renamed",
        "email": account.email,
        "phone": account.phone,
    }


def _reasons():
    return {"reasons": "Matrix check"}


OPERATIONS = {
    "maintain own profile": lambda c, t: c.patch(
        "/api/v1/me/profile/", {"email": "own.new@example.com", "phone": "2000 0000"}
    ),
    "maintain OU profile": lambda c, t: c.patch(ORG + f"accounts/{t['ou'].pk}/", _profile(t["ou"])),
    "maintain SA profile": lambda c, t: c.patch(ORG + f"accounts/{t['sa'].pk}/", _profile(t["sa"])),
    "create OU": lambda c, t: c.post(ORG + "accounts/", _new_account("OU", t["central"])),
    "suspend OU": lambda c, t: c.post(ORG + f"accounts/{t['ou'].pk}/suspend/", _reasons()),
    "re-activate OU": lambda c, t: c.post(ORG + f"accounts/{t['suspended_ou'].pk}/reactivate/"),
    "create SA": lambda c, t: c.post(ORG + "accounts/", _new_account("SA", t["central"])),
    "suspend SA": lambda c, t: c.post(ORG + f"accounts/{t['sa'].pk}/suspend/", _reasons()),
    "re-activate SA": lambda c, t: c.post(ORG + f"accounts/{t['suspended_sa'].pk}/reactivate/"),
    "maintain default OU": lambda c, t: c.put(ORG + f"accounts/{t['ou'].pk}/default-ou/"),
    "create branch code": lambda c, t: c.post(ORG + "branches/", {"code": "NEW-1"}),
    "maintain branch code": lambda c, t: c.patch(
        ORG + f"branches/{t['central'].pk}/", {"code": "RENAMED"}
    ),
    "reset password of an OU (branch CENTRAL)": lambda c, t: c.post(
        ORG + f"accounts/{t['ou'].pk}/password-reset/"
    ),
    "reset password of an SA (branch CENTRAL)": lambda c, t: c.post(
        ORG + f"accounts/{t['sa'].pk}/password-reset/"
    ),
    "reset password of an OU (branch KOWLOON)": lambda c, t: c.post(
        ORG + f"accounts/{t['ou_kowloon'].pk}/password-reset/"
    ),
    # A request is always for the actor's own organization (the input names none).
    "request change of organization configuration": lambda c, t: c.post(
        ORG + "configuration-changes/",
        {"kind": "LIMITS", "justification": "Two new offices open.", "max_branches": 12},
    ),
    "assign cases to OU accounts (same branch): a case given to the SA": lambda c, t: c.post(
        ORG + f"case-parties/{t['link_given'].pk}/assignments/", {"organization_user": t["ou"].pk}
    ),
    "assign cases to OU accounts (same branch): any case of the organization": lambda c, t: c.post(
        ORG + f"case-parties/{t['link_any'].pk}/assignments/", {"organization_user": t["ou"].pk}
    ),
    "assign cases to OU accounts (all branches)": lambda c, t: c.post(
        ORG + f"case-parties/{t['link_any'].pk}/assignments/",
        {"organization_user": t["ou_kowloon"].pk},
    ),
    "give cases to an SA by case profile": lambda c, t: c.post(
        ORG + "given-case-profiles/", {"administrator": t["sa"].pk, "proceeding_type": "DCPI"}
    ),
}
# Rows whose request names no record, aimed at a second organization by reading its record.
FOREIGN_OPERATIONS = {
    # A PA sees the requests of its own organization only.
    "request change of organization configuration": lambda c, t: c.get(
        ORG + f"configuration-changes/{t['configuration_change'].pk}/"
    ),
}


def _state():
    """Everything a row could change."""
    return (
        sorted(
            User.objects.values_list(
                "pk", "status", "surname", "given_name", "email", "branch", "effective_end_date"
            )
        ),
        sorted(Branch.objects.values_list("pk", "code", "name", "organization")),
        sorted(DefaultOU.objects.values_list("account", flat=True)),
        sorted(OptionalRoleGrant.objects.values_list("account", "optional_role")),
        sorted(
            ConfigurationChangeRequest.objects.values_list(
                "pk", "organization", "kind", "status", "max_branches"
            )
        ),
        sorted(CaseAssignment.objects.values_list("link", "organization_user")),
        sorted(CaseProfileAssignment.objects.values_list("administrator", "proceeding_type")),
        sorted(CaseNumberAssignment.objects.values_list("administrator", "case")),
        ChangeToken.objects.count(),
        AuditRecord.objects.count(),
    )


def _client(user) -> APIClient:
    return factories.api_as(user, default_format="json")


CELLS = [(row, actor) for row in MATRIX for actor in ACTORS]


def test_role_1_matrix_covers_every_actor_and_only_known_actors():
    assert set().union(*MATRIX.values()) <= set(ACTORS)
    assert set(MATRIX) == set(OPERATIONS)
    assert set(FOREIGN_OPERATIONS) <= set(MATRIX) - OWN_ONLY


def test_role_1_configuration_change_request_is_the_pas_own_organizations(world):
    """ORG-4: the request the PA's row makes is for the PA's own organization, asks for the
    limit given, and awaits a decision; the PA reads it back, and not the other
    organization's."""
    pa = world["actors"][PA]
    client = _client(pa)
    response = OPERATIONS["request change of organization configuration"](client, world["other"])
    assert response.status_code == 201, response.data
    change = ConfigurationChangeRequest.objects.get(pk=response.data["id"])
    assert (change.organization_id, change.requested_by_id) == (pa.organization_id, pa.pk)
    assert (change.kind, change.status, change.max_branches) == ("LIMITS", "SUBMITTED", 12)
    assert AuditRecord.objects.filter(action="configuration_change.requested").count() == 1
    own = client.get(ORG + f"configuration-changes/{world['own']['configuration_change'].pk}/")
    assert own.status_code == 200, own.data
    listed = client.get(ORG + "configuration-changes/")
    assert sorted(item["id"] for item in listed.data) == sorted(
        [change.pk, world["own"]["configuration_change"].pk]
    )


@pytest.mark.parametrize(("row", "actor"), CELLS, ids=[f"{r} | {a}" for r, a in CELLS])
def test_role_1_own_organization(world, row, actor):
    client = _client(world["actors"][actor])
    before = _state()
    response = OPERATIONS[row](client, world["own"])
    if actor in MATRIX[row]:
        assert response.status_code in (200, 201, 202, 204), (response.status_code, response.data)
        assert _state() != before
        assert AuditRecord.objects.count() > before[-1]
    else:
        expected = {404} if row in ASSIGNMENT_ROWS and actor in ALL_SAS else {403}
        assert response.status_code in expected, (response.status_code, response.data)
        assert _state() == before


FOREIGN_CELLS = [(row, actor) for row, actor in CELLS if row not in OWN_ONLY]


@pytest.mark.parametrize(
    ("row", "actor"), FOREIGN_CELLS, ids=[f"{r} | {a}" for r, a in FOREIGN_CELLS]
)
def test_role_2_second_organization_always_refused_and_nothing_changes(world, row, actor):
    """The same operations aimed at the records of another organization: refused for every
    actor. Whoever may do it in their own organization is told "not found" (404), or, for a
    creation in a branch of the other organization, that the branch is not theirs (400);
    whoever may not do it at all is refused (403)."""
    client = _client(world["actors"][actor])
    before = _state()
    response = FOREIGN_OPERATIONS.get(row, OPERATIONS[row])(client, world["other"])
    if actor in MATRIX[row] and row != "reset password of an OU (branch KOWLOON)":
        expected = {400} if row in CREATIONS else {404}
    else:
        # In the second organization the reset row's KOWLOON target is in its CENTRAL branch.
        expected = {403, 404}
    assert response.status_code in expected, (response.status_code, response.data)
    assert _state() == before
