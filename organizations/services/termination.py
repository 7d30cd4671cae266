"""ORG-8 [A51]: the Help Centre records an organization's request to end its PA's account.
When no active PA is left, the organization is out of service: none of its SAs or OUs can
log in (accounts.User.is_active reads it) until a PA activates again."""

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from accounts.models import AccountStatus, User, normalize_login_name
from accounts.transitions import ACCOUNT_TRANSITIONS
from audit.services import audit_record
from core.errors import NotFound, ValidationFailed
from organizations.limits import organization_locked
from organizations.models import OrganizationStatus, TerminationRequestChannel
from permissions.roles import Capability, Role, require


def primary_administrator_terminate(*, actor, login_name: str, channel: str, reasons: str) -> User:
    """End a PA account on the organization's request, saying how the request came (email,
    fax, post or at the counter) and why. The account and its history are kept; its login
    name is never reused (LIFE-5)."""
    require(actor, Capability.RECORD_TERMINATION_REQUEST)
    errors: dict = {}
    if channel not in TerminationRequestChannel.values:
        errors["channel"] = [_("Please say how the request came.")]
    try:
        reasons = ACCOUNT_TRANSITIONS.reasons("terminate", reasons)
    except ValidationFailed as exc:
        errors.update(exc.errors)
    if errors:
        raise ValidationFailed(errors)
    with transaction.atomic():
        # The account's row first, then the organization's (as a PA's activation takes them).
        user = (
            User.objects.select_for_update()
            .filter(login_name=normalize_login_name(login_name or ""), role=Role.PA)
            .first()
        )
        if user is None:
            raise NotFound(_("No PA account has this login name."))
        ACCOUNT_TRANSITIONS.apply(user, "terminate", actor=actor)
        organization = organization_locked(user.organization_id)
        still_active = (
            User.objects.filter(
                organization=organization, role=Role.PA, status=AccountStatus.ACTIVE
            )
            .exclude(pk=user.pk)
            .exists()
        )
        before = organization.status
        if not still_active:
            organization.status = OrganizationStatus.NO_ACTIVE_PA
            organization.save(update_fields=["status"])
        audit_record(
            actor=actor,
            action="organization.primary_administrator_ended",
            obj=organization,
            before={"status": before},
            after={
                "status": organization.status,
                "primary_administrator": user.login_name,
                "channel": channel,
                "reasons": reasons,
            },
        )
    return user
