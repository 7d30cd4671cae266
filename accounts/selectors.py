"""Reads on accounts for the back office: the Help Centre's search for an account holder
(AUTH-4), the locks on login names (AUTH-3) and court staff's second factor (OPS-1)."""

from dataclasses import dataclass
from datetime import datetime

from axes.models import AccessAttempt
from django.db.models import Max, Q, Sum
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.identity import normalize_id_document_number
from accounts.models import EmailChangeToken, IdentityDocumentType, User, normalize_login_name
from core import policy
from core.errors import NotFound
from permissions.roles import STAFF_ROLES, Capability, Role, can, require

HOLDER_ROLES = (Role.IU, Role.PA)
SEARCH_LIMIT = 50


def masked_document_number(number: str, document_type: str = "") -> str:
    """As on the identity authentication queue: the opening letters and the last two
    characters only ("A1234563" -> "A*****6(3)"); the officer checks the rest with the
    holder."""
    letters = len(number) - len(number.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ"))
    hidden = len(number) - letters - 2
    if hidden < 2:
        return "*" * len(number)
    masked = number[:letters] + "*" * hidden + number[-2:]
    if document_type == IdentityDocumentType.HKID:
        masked = f"{masked[:-1]}({masked[-1]})"
    return masked


def masked_email(address: str) -> str:
    """Where an email went, without disclosing the address: "c***@example.com"."""
    local, _at, domain = address.partition("@")
    return f"{local[:1]}***@{domain}" if domain else "***"


# Longer than any name, login name or document number: nothing to look for.
HOLDER_QUERY_MAX = 200


def holder_search(*, actor, query: str) -> list[User]:
    """AUTH-4: the IU and PA accounts matching a name, a login name or an identification
    document number, for the Help Centre officer to pick the caller's account from."""
    require(actor, Capability.START_PASSWORD_RESET)
    query = " ".join(query.split())
    if not query or "\x00" in query or len(query) > HOLDER_QUERY_MAX:
        return []
    condition = Q(login_name=normalize_login_name(query))
    number = normalize_id_document_number(query)
    if number:
        condition |= Q(id_document_number=number)
    # Every word in the surname or the given name ("Chan Tai Man").
    words = Q()
    for word in query.split(" "):
        words &= Q(surname__icontains=word) | Q(given_name__icontains=word)
    condition |= words
    return list(
        User.objects.filter(condition, role__in=HOLDER_ROLES).order_by(
            "surname", "given_name", "login_name"
        )[:SEARCH_LIMIT]
    )


@dataclass(frozen=True)
class Lock:
    failures: int
    last_failure: datetime
    locked_until: datetime


def login_name_lock(login_name: str, *, now: datetime) -> Lock | None:
    """AUTH-3: the lock on a login name now, as the login handler decides it
    (accounts.lockout): the failures recorded for it and when the last one was."""
    totals = AccessAttempt.objects.filter(username=login_name).aggregate(
        n=Sum("failures_since_start"), last=Max("attempt_time")
    )
    if (totals["n"] or 0) < policy.LOGIN_FAILURE_LIMIT:
        return None
    locked_until = totals["last"] + policy.LOGIN_LOCK_PERIOD
    if now >= locked_until:
        return None
    return Lock(failures=totals["n"], last_failure=totals["last"], locked_until=locked_until)


def _unlockable_roles(actor) -> list[str] | None:
    """The roles whose accounts `actor` may unlock; None for every account."""
    if can(actor, Capability.UNLOCK_STAFF_ACCOUNTS):
        return None
    return list(HOLDER_ROLES)


def unlockable_account(*, actor, login_name: str, for_update: bool = False) -> User:
    """The account `actor` may unlock with this login name; 404 for any other."""
    require(actor, Capability.UNLOCK_HOLDER_ACCOUNTS)
    accounts = User.objects.filter(login_name=normalize_login_name(login_name))
    roles = _unlockable_roles(actor)
    if roles is not None:
        accounts = accounts.filter(role__in=roles)
    if for_update:
        accounts = accounts.select_for_update()
    user = accounts.first()
    if user is None:
        raise NotFound()
    return user


def locked_accounts(*, actor, now: datetime) -> list[tuple[User, Lock]]:
    """AUTH-3: the accounts locked now that `actor` may unlock, the latest locked first."""
    require(actor, Capability.UNLOCK_HOLDER_ACCOUNTS)
    recent = (
        AccessAttempt.objects.filter(attempt_time__gt=now - policy.LOGIN_LOCK_PERIOD)
        .order_by()
        .values_list("username", flat=True)
        .distinct()[:SEARCH_LIMIT]
    )
    locks = {
        name: lock
        for name in recent
        if name and (lock := login_name_lock(name, now=now)) is not None
    }
    accounts = User.objects.filter(login_name__in=locks)
    roles = _unlockable_roles(actor)
    if roles is not None:
        accounts = accounts.filter(role__in=roles)
    found = sorted(accounts, key=lambda u: locks[u.login_name].last_failure, reverse=True)
    return [(user, locks[user.login_name]) for user in found]


def second_factor_device(*, user) -> TOTPDevice | None:
    """A court officer's confirmed authenticator (OPS-1), if enrolled."""
    return TOTPDevice.objects.devices_for_user(user, confirmed=True).first()


def second_factor_staff_account(*, actor, login_name: str, for_update: bool = False) -> User:
    """The court officer whose second factor `actor` may reset; 404 for any other account
    (account holders have none)."""
    require(actor, Capability.RESET_STAFF_SECOND_FACTOR)
    accounts = User.objects.filter(
        login_name=normalize_login_name(login_name), role__in=list(STAFF_ROLES)
    )
    if for_update:
        accounts = accounts.select_for_update()
    user = accounts.first()
    if user is None:
        raise NotFound()
    return user


@dataclass(frozen=True)
class PendingEmailChange:
    """LIFE-1: a new email address waiting for its holder to confirm it."""

    new_email: str
    expires_at: datetime


def pending_email_change(user) -> PendingEmailChange | None:
    """The change of email address waiting for confirmation, if any."""
    row = (
        EmailChangeToken.objects.filter(
            user=user, used_at=None, revoked_at=None, expires_at__gt=timezone.now()
        )
        .order_by("-created_at")
        .first()
    )
    return PendingEmailChange(row.new_email, row.expires_at) if row else None


def holder_for_name_correction(*, actor, login_name: str) -> User | None:
    """A46: the IU or PA account whose name a Help Centre officer is asked to correct; None
    when no IU or PA account has this login name (an SA's or OU's is its administrators')."""
    require(actor, Capability.CORRECT_HOLDER_NAMES)
    return User.objects.filter(
        login_name=normalize_login_name(login_name or ""), role__in=[Role.IU, Role.PA]
    ).first()


def iu_account_for_termination(*, actor, login_name: str) -> User | None:
    """LIFE-2: the IU account a Help Centre officer is asked to end; None when no IU account
    has this login name."""
    require(actor, Capability.RECORD_TERMINATION_REQUEST)
    return User.objects.filter(
        login_name=normalize_login_name(login_name or ""), role=Role.IU
    ).first()
