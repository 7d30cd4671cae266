"""ORG-3: how many of each an organization may have, and the one check every creation makes.

The numbers are the organization's approved limits (`Organization.limits`: the policy's
defaults, or what a vetting officer approved under ORG-4). A creation locks the organization's
row first and counts under that lock, so parallel creations are counted one at a time and the
limit holds (tested with parallel requests on PostgreSQL).

What counts: accounts that are not ended (awaiting activation, active or suspended), whatever
their effective end date; ending an account frees its place (docs/decisions.md). OU holders per
case party (CASE-7) are counted on each party by the cases, which register how (cases.apps);
here the organization's figure is the most on any one party."""

from collections.abc import Callable

from django.utils.translation import gettext_lazy as _

from accounts.models import LIVE_STATUSES, User
from core.errors import DomainError, NotFound
from organizations.models import Branch, DefaultOU, Organization
from permissions.roles import Role

# The names of `core.policy.OrganizationLimits`' fields, with what each counts and how the
# limit is called in messages.
LIMIT_NAMES = {
    "primary_administrators": _("Primary Administrator accounts"),
    "secondary_administrators": _("Secondary Administrator accounts"),
    "organization_users": _("Organization User accounts"),
    "default_organization_users": _("default OU accounts"),
    "branches": _("branch codes"),
    "organization_users_per_case_party": _("OU holders linked to one case party"),
}

_ACCOUNT_ROLE = {
    "primary_administrators": Role.PA,
    "secondary_administrators": Role.SA,
    "organization_users": Role.OU,
}


class LimitReached(DomainError):
    code = "limit_reached"
    status = 409

    def __init__(self, limit_name: str, limit: int):
        self.limit_name = limit_name
        self.limit = limit
        super().__init__(
            _(
                "Your organization may have at most %(limit)s %(what)s, and has reached that "
                "number. Your Primary Administrator can ask the Judiciary Administration for "
                'more with "Request change of organization configuration".'
            )
            % {"limit": limit, "what": LIMIT_NAMES[limit_name]}
        )


# Limits counted by an app above this one, which this layer cannot import: the app registers
# how to count (cases.apps registers "organization_users_per_case_party").
_COUNTERS: dict[str, Callable[[Organization], int]] = {}


def limit_counter_register(limit_name: str, counter: Callable[[Organization], int]) -> None:
    _COUNTERS[limit_name] = counter


def organization_locked(organization_id) -> Organization:
    """The organization's row, locked until the end of the transaction: every change that a
    limit or an invariant of the organization governs (ORG-3, ORG-7, ORG-8) takes it first."""
    organization = Organization.objects.select_for_update().filter(pk=organization_id).first()
    if organization is None:
        raise NotFound()
    return organization


def limit_count(organization: Organization, limit_name: str) -> int:
    if limit_name in _ACCOUNT_ROLE:
        return User.objects.filter(
            organization=organization, role=_ACCOUNT_ROLE[limit_name], status__in=LIVE_STATUSES
        ).count()
    if limit_name == "default_organization_users":
        return DefaultOU.objects.filter(organization=organization).count()
    if limit_name == "branches":
        return Branch.objects.filter(organization=organization).count()
    if limit_name in _COUNTERS:
        return _COUNTERS[limit_name](organization)
    raise ValueError(f"{limit_name}: no counter registered")


def limit_check(
    organization: Organization, limit_name: str, *, adding: int = 1, count: int | None = None
) -> None:
    """Refuse, naming the limit and how to ask for more, if `adding` more would pass it. Call
    with the organization locked (`organization_locked`). `count` is what is in use where the
    limit applies, when that is less than the whole organization (one case party, CASE-7)."""
    limit = getattr(organization.limits, limit_name)
    if count is None:
        count = limit_count(organization, limit_name)
    if count + adding > limit:
        raise LimitReached(limit_name, limit)
