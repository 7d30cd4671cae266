"""Optional roles a PA gives an SA (ROLE-1 `*`, [A38])."""

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from accounts.models import (
    OptionalRoleGrant,
    User,
)
from audit.services import audit_record
from core.errors import NotFound, ValidationFailed
from permissions.roles import Capability, OptionalRole, Role, require, scope


def _sa_for_grant(*, actor, account_id: int) -> User:
    """The SA a PA names, looked up among the accounts the PA may grant roles to: one of
    another organization is not found (ROLE-2)."""
    require(actor, Capability.GRANT_OPTIONAL_ROLES)
    account = (
        scope(User.objects.select_for_update(), actor, Capability.GRANT_OPTIONAL_ROLES)
        .filter(pk=account_id)
        .first()
    )
    if account is None:
        raise NotFound()
    if account.role != Role.SA:
        raise ValidationFailed(
            {"account": [_("Optional roles are given to Secondary Administrators only.")]}
        )
    return account


def _known_optional_role(optional_role: str) -> str:
    if optional_role not in OptionalRole.values:
        raise ValidationFailed({"optional_role": [_("Choose one of the optional roles.")]})
    return optional_role


@transaction.atomic
def optional_role_grant(*, actor, account_id: int, optional_role: str) -> OptionalRoleGrant:
    """[A38]: the PA gives an SA of the organization an optional role; granting it again
    changes nothing."""
    optional_role = _known_optional_role(optional_role)
    account = _sa_for_grant(actor=actor, account_id=account_id)
    grant, created = OptionalRoleGrant.objects.get_or_create(
        account=account, optional_role=optional_role, defaults={"granted_by": actor}
    )
    if created:
        audit_record(
            actor=actor,
            action="account.optional_role_granted",
            obj=account,
            after={"optional_role": optional_role},
        )
    return grant


@transaction.atomic
def optional_role_revoke(*, actor, account_id: int, optional_role: str) -> None:
    optional_role = _known_optional_role(optional_role)
    account = _sa_for_grant(actor=actor, account_id=account_id)
    deleted, _rows = OptionalRoleGrant.objects.filter(
        account=account, optional_role=optional_role
    ).delete()
    if deleted:
        audit_record(
            actor=actor,
            action="account.optional_role_revoked",
            obj=account,
            before={"optional_role": optional_role},
        )
