"""Reads on organizations, already limited to what the reader may see."""

from accounts.models import AccountStatus, User, normalize_login_name
from permissions.roles import Capability, Role, require


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
