"""Configuration changes (ORG-4 [A50]) and post-based sub-accounts (REG-10 [A24]).

The PA asks, with justification; the request waits in the vetting officer's queue, due 3
working days after it was made (REG-8, as for applications); the officer approves (the new
limits, or post-based accounts, apply at once) or rejects with reasons, and the PA is emailed
the result in the PA's language. One open request of each kind per organization at a time
(docs/decisions.md)."""

import uuid

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from audit.services import audit_record
from core import policy
from core.errors import DomainError, NotFound, ValidationFailed
from core.workdays import add_working_days
from notifications.services import email_send
from organizations.limits import organization_locked
from organizations.models import (
    POST_BASED_ELIGIBLE,
    ConfigurationChangeKind,
    ConfigurationChangeRequest,
    ConfigurationChangeStatus,
    Organization,
)
from organizations.selectors import (
    LIMIT_FIELDS,
    LIMIT_LABELS,
    limit_usage,
    requested_limits,
)
from organizations.transitions import CONFIGURATION_CHANGE_TRANSITIONS
from permissions.roles import Capability, require


class RequestAlreadyOpen(DomainError):
    code = "request_already_open"
    status = 409


def limit_minimum(usage: int) -> int:
    # A limit is at least what is in use, and never 0: every organization has a PA, a default
    # OU (ORG-7) and a branch for its sub-accounts.
    return max(usage, 1)


def _requested_limits(organization: Organization, limits: dict) -> dict[str, int]:
    """The numbers asked for that differ from the present limits; refuses a number below
    what is in use, above the ceiling, or nothing changed."""
    current = organization.limits
    usage = limit_usage(organization)
    errors: dict[str, list] = {}
    changed: dict[str, int] = {}
    for name in LIMIT_FIELDS:
        value = limits.get(name)
        if value is None or value == "":
            continue
        if not isinstance(value, int) or isinstance(value, bool):
            errors[f"max_{name}"] = [_("Enter a whole number.")]
            continue
        minimum = limit_minimum(usage[name])
        if value < minimum:
            errors[f"max_{name}"] = [
                _("At least %(minimum)s: your organization already has %(usage)s.")
                % {"minimum": minimum, "usage": usage[name]}
                if usage[name] >= 1
                else _("At least 1.")
            ]
        elif value > policy.ORGANIZATION_LIMIT_CEILING:
            errors[f"max_{name}"] = [
                _("At most %(ceiling)s.") % {"ceiling": policy.ORGANIZATION_LIMIT_CEILING}
            ]
        elif value != getattr(current, name):
            changed[name] = value
    if errors:
        raise ValidationFailed(errors)
    if not changed:
        raise ValidationFailed(
            {
                "non_field_errors": [
                    _("Give at least one new number that differs from your present limits.")
                ]
            }
        )
    return changed


def _justification(value) -> str:
    text = value.strip() if isinstance(value, str) else ""
    if not text:
        raise ValidationFailed(
            {"justification": [_("Explain why your organization needs the change.")]}
        )
    return text


def configuration_change_request(
    *, actor, kind: str, justification: str, limits: dict | None = None
) -> ConfigurationChangeRequest:
    """The PA asks for a change of the organization's configuration: new limits (ORG-4) or
    sub-accounts registered by post title (REG-10). Only the PA's own organization; the
    status, the organization and who decides are never taken from the input."""
    require(actor, Capability.REQUEST_CONFIGURATION_CHANGE)
    if kind not in ConfigurationChangeKind.values:
        raise ValidationFailed({"kind": [_("Choose what you are asking for.")]})
    justification = _justification(justification)
    with transaction.atomic():
        # One open request of each kind: counted under the organization's row lock.
        organization = organization_locked(actor.organization_id)
        require(actor, Capability.REQUEST_CONFIGURATION_CHANGE, organization)
        numbers: dict[str, int] = {}
        if kind == ConfigurationChangeKind.LIMITS:
            numbers = _requested_limits(organization, limits or {})
        else:
            _post_based_allowed(organization)
        if ConfigurationChangeRequest.objects.filter(
            organization=organization, kind=kind, status=ConfigurationChangeStatus.SUBMITTED
        ).exists():
            raise RequestAlreadyOpen(
                _(
                    "Your organization already has a request of this kind awaiting a "
                    "decision. You can make another once it has been decided."
                )
            )
        now = timezone.now()
        change = ConfigurationChangeRequest.objects.create(
            reference=f"TMP{uuid.uuid4().hex[:16]}",
            organization=organization,
            kind=kind,
            requested_by=actor,
            submitted_at=now,
            due_date=add_working_days(timezone.localdate(now), policy.VETTING_DUE_WORKING_DAYS),
            justification=justification,
            **{f"max_{name}": value for name, value in numbers.items()},
        )
        change.reference = f"CC{timezone.localdate(now):%Y}{change.pk:06d}"
        change.save(update_fields=["reference"])
        audit_record(
            actor=actor,
            action="configuration_change.requested",
            obj=change,
            after={
                "kind": kind,
                "due_date": change.due_date.isoformat(),
                **{f"max_{name}": value for name, value in numbers.items()},
            },
        )
    return change


def _post_based_allowed(organization: Organization) -> None:
    if organization.organization_type not in POST_BASED_ELIGIBLE:
        raise ValidationFailed(
            {
                "kind": [
                    _(
                        "Only a government department, a law enforcement agency or a "
                        "statutory body may register sub-accounts by post title."
                    )
                ]
            }
        )
    if organization.post_based_accounts:
        raise ValidationFailed(
            {"kind": [_("Your organization may already register sub-accounts by post title.")]}
        )


def _locked_request(request_id) -> ConfigurationChangeRequest:
    change = (
        ConfigurationChangeRequest.objects.select_for_update()
        .select_related("requested_by")
        .filter(pk=request_id)
        .first()
    )
    if change is None:
        raise NotFound()
    return change


def configuration_change_approve(*, actor, request_id: int) -> ConfigurationChangeRequest:
    """Approve: the new limits (or post-based accounts) apply to the organization at once."""
    require(actor, Capability.DECIDE_CONFIGURATION_CHANGES)
    with transaction.atomic():
        change = _locked_request(request_id)
        CONFIGURATION_CHANGE_TRANSITIONS.check(change, "approve", actor=actor)
        # Under the organization's lock, as every creation a limit governs counts (ORG-3).
        organization = organization_locked(change.organization_id)
        before, after = {}, {}
        if change.kind == ConfigurationChangeKind.LIMITS:
            numbers = requested_limits(change)
            usage = limit_usage(organization)
            below = {
                f"max_{name}": [
                    _(
                        "The organization now has %(usage)s, more than the %(value)s asked "
                        "for; reject the request and ask the Primary Administrator for a new one."
                    )
                    % {"usage": usage[name], "value": value}
                ]
                for name, value in numbers.items()
                if value < usage[name]
            }
            if below:
                raise ValidationFailed(below)
            for name, value in numbers.items():
                before[f"max_{name}"] = getattr(organization.limits, name)
                after[f"max_{name}"] = value
                setattr(organization, f"max_{name}", value)
        else:
            before["post_based_accounts"] = organization.post_based_accounts
            after["post_based_accounts"] = True
            organization.post_based_accounts = True
        organization.save(
            update_fields=[*[f"max_{n}" for n in LIMIT_FIELDS], "post_based_accounts"]
        )
        change.decided_by = actor
        CONFIGURATION_CHANGE_TRANSITIONS.apply(
            change, "approve", actor=actor, decided_at=timezone.now()
        )
        audit_record(
            actor=actor,
            action="organization.configuration_changed",
            obj=organization,
            before=before,
            after={**after, "reference": change.reference},
        )
        _notify(change, "configuration_change_approved", limits=_limit_lines(change))
    return change


def configuration_change_reject(
    *, actor, request_id: int, reasons: str
) -> ConfigurationChangeRequest:
    require(actor, Capability.DECIDE_CONFIGURATION_CHANGES)
    reasons = CONFIGURATION_CHANGE_TRANSITIONS.reasons("reject", reasons)
    with transaction.atomic():
        change = _locked_request(request_id)
        CONFIGURATION_CHANGE_TRANSITIONS.check(change, "reject", actor=actor)
        change.decided_by = actor
        CONFIGURATION_CHANGE_TRANSITIONS.apply(
            change,
            "reject",
            actor=actor,
            decided_at=timezone.now(),
            decision_reasons=reasons,
        )
        _notify(change, "configuration_change_rejected", reasons=reasons)
    return change


def _limit_lines(change: ConfigurationChangeRequest) -> list[tuple[str, int]]:
    return [(LIMIT_LABELS[name], value) for name, value in requested_limits(change).items()]


def _notify(change: ConfigurationChangeRequest, template: str, **context) -> None:
    """The PA who asked hears of the decision, in the PA's language."""
    holder = change.requested_by
    with translation.override(holder.preferred_language):
        path = reverse("organization_configuration:detail", kwargs={"pk": change.pk})
    email_send(
        to=holder.email,
        template=template,
        language=holder.preferred_language,
        context={
            "name": holder.full_name,
            "reference": change.reference,
            "organization": change.organization.name,
            "post_based": change.kind == ConfigurationChangeKind.POST_BASED_ACCOUNTS,
            "url": settings.SITE_URL + path,
            **context,
        },
    )


__all__ = [
    "RequestAlreadyOpen",
    "configuration_change_approve",
    "configuration_change_reject",
    "configuration_change_request",
]
