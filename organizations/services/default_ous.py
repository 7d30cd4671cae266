"""ORG-7 [A43]: default OUs receive the messages of the organization's cases assigned to no
OU. The first OU created becomes one; an organization keeps 1 to its limit (ORG-3: 5) of
them, so the last one can be neither removed, nor suspended or ended, before another is
designated. Every change takes the organization's row lock, so that parallel requests cannot
pass the limit or leave none."""

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from accounts.models import AccountStatus, User
from audit.services import audit_record
from core.errors import DomainError, NotFound, ValidationFailed
from organizations.limits import limit_check, organization_locked
from organizations.models import DefaultOU
from organizations.services.common import organization_account_locked
from permissions.roles import Capability, Role, require

# A default OU that can receive messages: neither suspended nor ended.
_SERVING = [AccountStatus.PENDING_ACTIVATION, AccountStatus.ACTIVE]


class LastDefaultOU(DomainError):
    code = "last_default_ou"
    status = 409
    default_message = _(
        "Your organization must always have at least one default OU account, and this "
        "is the last one in service. Designate another default OU account first."
    )


def last_default_check(account: User) -> None:
    """Refuse to take `account` out of service as a default OU when no other default OU of
    its organization is in service. Call with the organization locked."""
    if not DefaultOU.objects.filter(account=account).exists():
        return
    others = DefaultOU.objects.filter(
        organization_id=account.organization_id, account__status__in=_SERVING
    ).exclude(account=account)
    if not others.exists():
        raise LastDefaultOU()


def default_ou_add(*, actor, organization, account: User) -> DefaultOU:
    """Designate, the organization locked by the caller (also for the first OU, whoever
    creates it)."""
    limit_check(organization, "default_organization_users")
    row = DefaultOU.objects.create(
        organization=organization,
        account=account,
        designated_by=actor if getattr(actor, "pk", None) else None,
    )
    audit_record(actor=actor, action="account.default_ou_designated", obj=account)
    return row


@transaction.atomic
def default_ou_designate(*, actor, account_id) -> DefaultOU:
    require(actor, Capability.MAINTAIN_DEFAULT_OUS)
    organization = organization_locked(actor.organization_id)
    account = organization_account_locked(actor=actor, account_id=account_id)
    require(actor, Capability.MAINTAIN_DEFAULT_OUS, account)
    if account.role != Role.OU:
        raise ValidationFailed(
            {"account": [_("Only an Organization User account can be a default OU.")]}
        )
    existing = DefaultOU.objects.filter(account=account).first()
    if existing is not None:
        return existing
    if account.status not in _SERVING:
        raise ValidationFailed(
            {"account": [_("A suspended or ended account cannot be a default OU.")]}
        )
    return default_ou_add(actor=actor, organization=organization, account=account)


@transaction.atomic
def default_ou_remove(*, actor, account_id) -> User:
    """The account no longer a default OU; returned, as `default_ou_designate` returns its
    designation."""
    require(actor, Capability.MAINTAIN_DEFAULT_OUS)
    organization_locked(actor.organization_id)
    account = organization_account_locked(actor=actor, account_id=account_id)
    require(actor, Capability.MAINTAIN_DEFAULT_OUS, account)
    row = DefaultOU.objects.filter(account=account).first()
    if row is None:
        raise NotFound(_("This account is not a default OU."))
    last_default_check(account)
    row.delete()
    audit_record(actor=actor, action="account.default_ou_removed", obj=account)
    return account
