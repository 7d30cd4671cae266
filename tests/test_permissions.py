"""The permission layer (ROLE-1, ROLE-2, OPS-1): one test per kind of rule, each written so that
a wrong rule fails it. Expected answers are written out from the catalogue, never read from
permissions.roles."""

from types import SimpleNamespace

import pytest

from accounts import services as account_services
from accounts.models import OptionalRoleGrant, User
from audit.models import AuditRecord
from core.errors import NotFound, NotPermitted, ValidationFailed
from permissions.roles import Capability, OptionalRole, Role, can, require, scope
from tests.factories import (
    BranchFactory,
    OrganizationAccountFactory,
    OrganizationFactory,
    StaffFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def fresh(user: User) -> User:
    """The account as the next request reads it (optional roles are read once per request)."""
    return User.objects.get(pk=user.pk)


# --- role only ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "role, expected",
    [
        (Role.VETTING, True),
        (Role.HELP_CENTRE, False),
        (Role.REGISTRY, False),
        (Role.SYSTEM_ADMIN, False),
        (Role.IU, False),
        (Role.PA, False),
    ],
)
def test_ops_1_role_only_rule_vetting_is_for_vetting_officers(role, expected):
    actor = StaffFactory(role=role)
    assert can(actor, Capability.VET_APPLICATIONS) is expected
    # A rule of role alone holds on any record.
    assert can(actor, Capability.VET_APPLICATIONS, SimpleNamespace(organization_id=1)) is expected


@pytest.mark.parametrize(
    "role, expected", [(Role.OU, True), (Role.IU, True), (Role.PA, False), (Role.SA, False)]
)
def test_role_1_e_services_are_for_ou_and_iu_only(role, expected):
    actor = OrganizationAccountFactory(role=role) if role != Role.IU else UserFactory()
    assert can(actor, Capability.USE_E_SERVICES) is expected


def test_role_1_an_account_that_is_not_active_holds_nothing():
    actor = StaffFactory(role=Role.VETTING, status="SUSPENDED")
    assert can(actor, Capability.VET_APPLICATIONS) is False
    with pytest.raises(NotPermitted):
        require(actor, Capability.VET_APPLICATIONS)


# --- role + same organization / same branch -----------------------------------------------------


def test_role_1_pa_manages_ou_accounts_of_its_own_organization_only():
    pa = OrganizationAccountFactory(role=Role.PA)
    own_ou = OrganizationAccountFactory(role=Role.OU, organization=pa.organization)
    other_ou = OrganizationAccountFactory(role=Role.OU)
    assert can(pa, Capability.MANAGE_OU_ACCOUNTS) is True
    assert can(pa, Capability.MANAGE_OU_ACCOUNTS, own_ou) is True
    assert can(pa, Capability.MANAGE_OU_ACCOUNTS, other_ou) is False
    # Any record that says which organization it belongs to gets the same rule.
    placeholder = SimpleNamespace(organization_id=pa.organization_id, branch_id=None)
    assert can(pa, Capability.MANAGE_OU_ACCOUNTS, placeholder) is True
    foreign = SimpleNamespace(organization_id=other_ou.organization_id, branch_id=None)
    assert can(pa, Capability.MANAGE_OU_ACCOUNTS, foreign) is False
    # A record of no organization is nobody's organization.
    assert can(pa, Capability.MANAGE_OU_ACCOUNTS, SimpleNamespace(organization_id=None)) is False


def test_role_1_iu_never_acts_on_an_organization_record():
    iu = UserFactory()
    record = SimpleNamespace(organization_id=None, branch_id=None)
    assert can(iu, Capability.MANAGE_OU_ACCOUNTS, record) is False


def test_auth_5_sa_resets_passwords_in_its_own_branch_only():
    organization = OrganizationFactory()
    branch, other_branch = (
        BranchFactory(organization=organization),
        BranchFactory(organization=organization),
    )
    sa = OrganizationAccountFactory(role=Role.SA, organization=organization, branch=branch)
    same_branch = OrganizationAccountFactory(organization=organization, branch=branch)
    other = OrganizationAccountFactory(organization=organization, branch=other_branch)
    pa = OrganizationAccountFactory(role=Role.PA, organization=organization)
    assert can(sa, Capability.RESET_SUB_ACCOUNT_PASSWORDS, same_branch) is True
    assert can(sa, Capability.RESET_SUB_ACCOUNT_PASSWORDS, other) is False
    assert can(pa, Capability.RESET_SUB_ACCOUNT_PASSWORDS, other) is True


def test_role_1_own_profile_is_the_holders_own():
    iu, other = UserFactory(), UserFactory()
    assert can(iu, Capability.MAINTAIN_OWN_PROFILE, iu) is True
    assert can(iu, Capability.MAINTAIN_OWN_PROFILE, other) is False


def test_role_2_scoped_query_holds_only_what_the_actor_may_act_on():
    organization = OrganizationFactory()
    branch = BranchFactory(organization=organization)
    pa = OrganizationAccountFactory(role=Role.PA, organization=organization)
    sa = OrganizationAccountFactory(role=Role.SA, organization=organization, branch=branch)
    ou_here = OrganizationAccountFactory(organization=organization, branch=branch)
    ou_elsewhere = OrganizationAccountFactory(
        organization=organization, branch=BranchFactory(organization=organization)
    )
    foreign = OrganizationAccountFactory()
    ous = User.objects.filter(role=Role.OU)
    assert set(scope(ous, pa, Capability.MANAGE_OU_ACCOUNTS)) == {ou_here, ou_elsewhere}
    assert set(scope(ous, sa, Capability.RESET_SUB_ACCOUNT_PASSWORDS)) == {ou_here}
    assert foreign not in scope(ous, pa, Capability.MANAGE_OU_ACCOUNTS)
    assert list(scope(ous, UserFactory(), Capability.MANAGE_OU_ACCOUNTS)) == []
    # Staff whose rule is the role alone see everything the capability covers.
    officer = StaffFactory(role=Role.VETTING)
    assert scope(ous, officer, Capability.VET_APPLICATIONS).count() == 3


# --- optional roles (ROLE-1 `*`) -----------------------------------------------------------------


def test_role_1_sa_creates_sa_accounts_only_with_the_optional_role():
    pa = OrganizationAccountFactory(role=Role.PA)
    sa = OrganizationAccountFactory(role=Role.SA, organization=pa.organization)
    other_sa = OrganizationAccountFactory(role=Role.SA, organization=pa.organization)
    assert can(sa, Capability.MANAGE_SA_ACCOUNTS, other_sa) is False

    account_services.optional_role_grant(
        actor=pa, account_id=sa.pk, optional_role=OptionalRole.CREATE_SA
    )
    assert can(fresh(sa), Capability.MANAGE_SA_ACCOUNTS, other_sa) is True
    # The optional role is for its own organization only.
    assert (
        can(fresh(sa), Capability.MANAGE_SA_ACCOUNTS, OrganizationAccountFactory(role=Role.SA))
        is False
    )
    # Another optional role gives nothing of this one's.
    assert can(fresh(sa), Capability.MAINTAIN_DEFAULT_OUS) is False

    account_services.optional_role_revoke(
        actor=pa, account_id=sa.pk, optional_role=OptionalRole.CREATE_SA
    )
    assert can(fresh(sa), Capability.MANAGE_SA_ACCOUNTS, other_sa) is False


def test_role_1_optional_role_grants_are_audited_and_given_once():
    pa = OrganizationAccountFactory(role=Role.PA)
    sa = OrganizationAccountFactory(role=Role.SA, organization=pa.organization)
    for _ in range(2):
        account_services.optional_role_grant(
            actor=pa, account_id=sa.pk, optional_role=OptionalRole.MAINTAIN_DEFAULT_OU
        )
    assert OptionalRoleGrant.objects.filter(account=sa).count() == 1
    account_services.optional_role_revoke(
        actor=pa, account_id=sa.pk, optional_role=OptionalRole.MAINTAIN_DEFAULT_OU
    )
    actions = list(
        AuditRecord.objects.filter(object_id=str(sa.pk), actor=pa).values_list("action", flat=True)
    )
    assert actions == ["account.optional_role_granted", "account.optional_role_revoked"]


def test_role_2_optional_roles_of_another_organization_are_not_found():
    pa = OrganizationAccountFactory(role=Role.PA)
    foreign_sa = OrganizationAccountFactory(role=Role.SA)
    with pytest.raises(NotFound):
        account_services.optional_role_grant(
            actor=pa, account_id=foreign_sa.pk, optional_role=OptionalRole.CREATE_SA
        )
    assert not OptionalRoleGrant.objects.exists()


def test_role_1_only_the_pa_grants_optional_roles_and_only_to_an_sa():
    pa = OrganizationAccountFactory(role=Role.PA)
    sa = OrganizationAccountFactory(role=Role.SA, organization=pa.organization)
    ou = OrganizationAccountFactory(role=Role.OU, organization=pa.organization)
    with pytest.raises(NotPermitted):
        account_services.optional_role_grant(
            actor=sa, account_id=sa.pk, optional_role=OptionalRole.CREATE_SA
        )
    with pytest.raises(ValidationFailed) as refused:
        account_services.optional_role_grant(
            actor=pa, account_id=ou.pk, optional_role=OptionalRole.CREATE_SA
        )
    assert "account" in refused.value.errors
    with pytest.raises(ValidationFailed) as refused:
        account_services.optional_role_grant(
            actor=pa, account_id=sa.pk, optional_role="approve_everything"
        )
    assert "optional_role" in refused.value.errors
    assert not OptionalRoleGrant.objects.exists()
