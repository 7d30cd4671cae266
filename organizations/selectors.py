"""Reads on organizations, each limited to what the reader may see through the permission
layer's `scope` (ROLE-2): the organization with its limits used and allowed (ORG-3), its
branches (ORG-2) and accounts (ORG-5..7) for its administrators and holders; configuration
changes (ORG-4, REG-10) for the PA and the vetting officers; PA accounts for the Help Centre
(ORG-8)."""

import dataclasses
from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef
from django.utils.translation import gettext_lazy as _

from accounts.models import AccountStatus, User, normalize_login_name
from accounts.transitions import ACCOUNT_TRANSITIONS
from core import policy
from core.errors import NotFound
from organizations.codes import organization_code_display
from organizations.limits import LIMIT_NAMES, limit_count
from organizations.models import (
    Branch,
    ConfigurationChangeRequest,
    ConfigurationChangeStatus,
    DefaultOU,
    Organization,
)
from organizations.transitions import CONFIGURATION_CHANGE_TRANSITIONS
from permissions.roles import Capability, OptionalRole, Role, can, require, scope

# The limits a PA may ask to change, in the order the form shows them.
LIMIT_FIELDS = tuple(f.name for f in dataclasses.fields(policy.OrganizationLimits))

# What each limit is called on the request's pages and in its emails.
LIMIT_LABELS = {
    "primary_administrators": _("Most Primary Administrator (PA) accounts"),
    "secondary_administrators": _("Most Secondary Administrator (SA) accounts"),
    "organization_users": _("Most Organization User (OU) accounts"),
    "default_organization_users": _("Most default OU accounts"),
    "branches": _("Most branch codes"),
    "organization_users_per_case_party": _("Most OU holders linked to one case party"),
}


def limit_usage(organization: Organization) -> dict[str, int]:
    """How many of each limit the organization uses now: the least a new limit may be (for OU
    holders per case party, the most on any one party)."""
    return {name: limit_count(organization, name) for name in LIMIT_FIELDS}


def requested_limits(change: ConfigurationChangeRequest) -> dict[str, int]:
    return {
        name: getattr(change, f"max_{name}")
        for name in LIMIT_FIELDS
        if getattr(change, f"max_{name}") is not None
    }


def requested_limit_rows(change: ConfigurationChangeRequest) -> list[dict]:
    """The numbers asked for, each beside the organization's present limit and usage."""
    organization = change.organization
    limits, usage = organization.limits, limit_usage(organization)
    return [
        {
            "name": name,
            "label": LIMIT_LABELS[name],
            "requested": value,
            "limit": getattr(limits, name),
            "usage": usage[name],
        }
        for name, value in requested_limits(change).items()
    ]


def configuration_changes_of_own_organization(*, actor):
    """ORG-4, REG-10: the PA's requests for the PA's organization, newest first."""
    require(actor, Capability.REQUEST_CONFIGURATION_CHANGE)
    return scope(
        ConfigurationChangeRequest.objects.select_related("requested_by", "decided_by"),
        actor,
        Capability.REQUEST_CONFIGURATION_CHANGE,
    ).order_by("-submitted_at", "-pk")


def configuration_change_of_own_organization(*, actor, request_id):
    change = configuration_changes_of_own_organization(actor=actor).filter(pk=request_id).first()
    if change is None:
        raise NotFound()
    return change


def configuration_change_queue(*, actor):
    """The vetting officer's queue: requests awaiting a decision, earliest due first."""
    require(actor, Capability.DECIDE_CONFIGURATION_CHANGES)
    return (
        scope(
            ConfigurationChangeRequest.objects.select_related("organization", "requested_by"),
            actor,
            Capability.DECIDE_CONFIGURATION_CHANGES,
        )
        .filter(status=ConfigurationChangeStatus.SUBMITTED)
        .order_by("due_date", "submitted_at")
    )


def configuration_change_for_staff(*, actor, request_id):
    require(actor, Capability.DECIDE_CONFIGURATION_CHANGES)
    change = (
        scope(
            ConfigurationChangeRequest.objects.select_related(
                "organization", "requested_by", "decided_by"
            ),
            actor,
            Capability.DECIDE_CONFIGURATION_CHANGES,
        )
        .filter(pk=request_id)
        .first()
    )
    if change is None:
        raise NotFound()
    return change


def configuration_change_counts(*, actor, today) -> dict[str, int]:
    queue = configuration_change_queue(actor=actor)
    return {"to_decide": queue.count(), "overdue": queue.filter(due_date__lt=today).count()}


def configuration_change_actions(*, actor, change) -> list[str]:
    return CONFIGURATION_CHANGE_TRANSITIONS.available(change, actor=actor)


def primary_administrator_for_termination(*, actor, login_name: str) -> User | None:
    """ORG-8: the PA account a Help Centre officer is asked to end, with its organization;
    None when no PA account has this login name."""
    require(actor, Capability.RECORD_TERMINATION_REQUEST)
    return (
        User.objects.select_related("organization")
        .filter(login_name=normalize_login_name(login_name or ""), role=Role.PA)
        .first()
    )


def other_active_primary_administrators(account: User) -> int:
    """How many other active PAs the account's organization has: none means that ending this
    one puts the organization out of service (ORG-8)."""
    return (
        User.objects.filter(
            organization_id=account.organization_id, role=Role.PA, status=AccountStatus.ACTIVE
        )
        .exclude(pk=account.pk)
        .count()
    )


ORGANIZATION_ROLES = (Role.PA, Role.SA, Role.OU)
# The limits an administrator sees; for OU holders per case party, "used" is the most on any
# one party of the organization's cases (CASE-7).
SHOWN_LIMITS = LIMIT_FIELDS


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


def account_list(*, actor, branch=None, role=None, status=None, with_optional_roles=False):
    """The organization's accounts; `with_optional_roles` reads each SA's optional roles with
    them, in one query for the list (the API shows them, the page does not)."""
    accounts = _accounts(actor)
    if with_optional_roles:
        accounts = accounts.prefetch_related("optional_role_grants")
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


# The actions of `account_actions` on an OU's designation as a default OU (ORG-7).
DEFAULT_OU_ACTIONS = ("designate_default_ou", "remove_default_ou")


def default_ou_accounts(*, actor) -> list[User]:
    """ORG-7 [A43]: the page "Maintain default OU Account": the organization's OU accounts not
    ended, default OUs first, each with what the actor may do to its designation
    (`default_ou_action`: "designate_default_ou", "remove_default_ou" or None)."""
    require(actor, Capability.MAINTAIN_DEFAULT_OUS)
    accounts = list(
        _accounts(actor)
        .filter(role=Role.OU)
        .exclude(status=AccountStatus.TERMINATED)
        .order_by("-is_default_ou", "branch__code", "surname", "given_name", "post_title", "pk")
    )
    for account in accounts:
        actions = account_actions(actor=actor, account=account)
        account.default_ou_action = next((a for a in DEFAULT_OU_ACTIONS if a in actions), None)
    return accounts


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
    if account.status == AccountStatus.PENDING_ACTIVATION and can(
        actor, _MANAGE[account.role], account
    ):
        actions.append("resend_activation_code")
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
