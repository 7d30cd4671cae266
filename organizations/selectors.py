"""Reads on organizations. Every list is limited by the permission layer's `scope`."""

import dataclasses

from django.utils.translation import gettext_lazy as _

from accounts.models import AccountStatus, User, normalize_login_name
from core import policy
from core.errors import NotFound
from organizations.limits import limit_count
from organizations.models import (
    ConfigurationChangeRequest,
    ConfigurationChangeStatus,
    Organization,
)
from organizations.transitions import CONFIGURATION_CHANGE_TRANSITIONS
from permissions.roles import Capability, Role, require, scope

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

# Counted with the cases (CASE-7), which do not exist yet: nothing is in use.
_NOT_COUNTED_YET = frozenset({"organization_users_per_case_party"})


def limit_usage(organization: Organization) -> dict[str, int]:
    """How many of each limit the organization uses now: the least a new limit may be."""
    return {
        name: 0 if name in _NOT_COUNTED_YET else limit_count(organization, name)
        for name in LIMIT_FIELDS
    }


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
