"""Reads for the organization's administrators and holders: the organization with its limits
used and allowed (ORG-3), its branches (ORG-2), its accounts (ORG-5..7). Every query is
limited to the reader's own organization through permissions.roles.scope (ROLE-2)."""

from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef

from accounts.models import AccountStatus, User
from accounts.transitions import ACCOUNT_TRANSITIONS
from core.errors import NotFound
from organizations.codes import organization_code_display
from organizations.limits import LIMIT_NAMES, limit_count
from organizations.models import Branch, DefaultOU, Organization
from permissions.roles import Capability, OptionalRole, Role, can, require, scope

ORGANIZATION_ROLES = (Role.PA, Role.SA, Role.OU)
# The limits an administrator sees; OU holders per case party come with the cases.
SHOWN_LIMITS = (
    "primary_administrators",
    "secondary_administrators",
    "organization_users",
    "default_organization_users",
    "branches",
)


@dataclass(frozen=True)
class LimitUse:
    name: str
    label: str
    used: int
    allowed: int


def own_organization(*, actor) -> Organization:
    require(actor, Capability.VIEW_OWN_ORGANIZATION)
    # The organization's own row: the actor's, and no other (ROLE-2).
    organization = Organization.objects.filter(pk=actor.organization_id).first()
    if organization is None:
        raise NotFound()
    return organization


def organization_overview(*, actor) -> dict:
    """The organization's name, its Organization Code as holders type it, and ORG-3's limits
    with how many of each it has."""
    organization = own_organization(actor=actor)
    limits = organization.limits
    return {
        "organization": organization,
        "code_display": organization_code_display(organization.code),
        "limits": [
            LimitUse(
                name=name,
                label=str(LIMIT_NAMES[name]),
                used=limit_count(organization, name),
                allowed=getattr(limits, name),
            )
            for name in SHOWN_LIMITS
        ],
    }


def branch_list(*, actor):
    require(actor, Capability.VIEW_OWN_ORGANIZATION)
    return (
        scope(Branch.objects.all(), actor, Capability.VIEW_OWN_ORGANIZATION)
        .annotate(account_count=Count("accounts"))
        .order_by("code")
    )


def branch_detail(*, actor, branch_id) -> Branch:
    require(actor, Capability.MAINTAIN_BRANCHES)
    branch = (
        branch_list(actor=actor).filter(pk=branch_id).first() if str(branch_id).isdigit() else None
    )
    if branch is None:
        raise NotFound()
    return branch


def _accounts(actor):
    """The organization's accounts, for those who administer them (PA, SA): OU holders see
    none (ORG-6)."""
    require(actor, Capability.MANAGE_OU_ACCOUNTS)
    return (
        scope(User.objects.all(), actor, Capability.MANAGE_OU_ACCOUNTS)
        .filter(role__in=ORGANIZATION_ROLES)
        .select_related("branch")
        .annotate(is_default_ou=Exists(DefaultOU.objects.filter(account=OuterRef("pk"))))
    )


def account_list(*, actor, branch=None, role=None, status=None):
    accounts = _accounts(actor)
    if branch not in (None, "") and str(branch).isdigit():
        accounts = accounts.filter(branch_id=branch)
    if role in ORGANIZATION_ROLES:
        accounts = accounts.filter(role=role)
    if status in AccountStatus.values:
        accounts = accounts.filter(status=status)
    return accounts.order_by("role", "branch__code", "surname", "given_name", "post_title", "pk")


def account_detail(*, actor, account_id) -> User:
    account = _accounts(actor).filter(pk=account_id).first() if str(account_id).isdigit() else None
    if account is None:
        raise NotFound()
    return account


_MANAGE = {Role.SA: Capability.MANAGE_SA_ACCOUNTS, Role.OU: Capability.MANAGE_OU_ACCOUNTS}
_PROFILE = {Role.SA: Capability.MAINTAIN_SA_PROFILES, Role.OU: Capability.MAINTAIN_OU_PROFILES}


def account_actions(*, actor, account) -> list[str]:
    """What `actor` may do with `account` now: the buttons of the account's page, and the
    `actions` of the API. Nobody administers their own account here."""
    if account.pk == actor.pk or account.role not in _MANAGE:
        return []
    actions = list(ACCOUNT_TRANSITIONS.available(account, actor=actor))
    ended = account.status == AccountStatus.TERMINATED
    if not ended and can(actor, _MANAGE[account.role], account):
        actions.append("revise_end_date")
    if not ended and can(actor, _PROFILE[account.role], account):
        actions.append("edit_profile")
    if (
        not ended
        and account.role == Role.SA
        and can(actor, Capability.GRANT_OPTIONAL_ROLES, account)
    ):
        actions.append("optional_roles")
    if account.status == AccountStatus.ACTIVE and can(
        actor, Capability.RESET_SUB_ACCOUNT_PASSWORDS, account
    ):
        actions.append("reset_password")
    if account.role == Role.OU and can(actor, Capability.MAINTAIN_DEFAULT_OUS, account):
        is_default = getattr(account, "is_default_ou", None)
        if is_default is None:
            is_default = DefaultOU.objects.filter(account=account).exists()
        if is_default:
            actions.append("remove_default_ou")
        elif account.status in (AccountStatus.ACTIVE, AccountStatus.PENDING_ACTIVATION):
            actions.append("designate_default_ou")
    return actions


def optional_roles_of(account) -> list[str]:
    if account.role != Role.SA:
        return []
    held = account.optional_role_set
    return [value for value in OptionalRole.values if value in held]
