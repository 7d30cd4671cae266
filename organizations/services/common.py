"""What the organization services share: the organization the actor administers, and the
accounts of it looked up in the actor's scope (ROLE-2: one of another organization is not
found)."""

from django.utils.translation import gettext_lazy as _

from accounts.models import User
from core.errors import NotFound, ValidationFailed
from organizations.models import Branch
from permissions.roles import Capability, scope


def organization_account_locked(*, actor, account_id) -> User:
    """An account of the actor's organization, locked: anything else is not found. What the
    actor may do with it is the caller's check (403 for one in view but not theirs)."""
    account = (
        scope(User.objects.select_for_update(), actor, Capability.VIEW_OWN_ORGANIZATION)
        .filter(pk=account_id)
        .first()
        if str(account_id).isdigit()
        else None
    )
    if account is None:
        raise NotFound()
    return account


def branch_of_organization(organization_id, branch_id, *, field: str = "branch") -> Branch:
    """ORG-2: a branch of the organization; any other (or none) is bad input."""
    branch = None
    if branch_id not in (None, "") and str(branch_id).isdigit():
        branch = Branch.objects.filter(organization_id=organization_id, pk=branch_id).first()
    if branch is None:
        raise ValidationFailed({field: [_("Choose one of your organization's branches.")]})
    return branch
