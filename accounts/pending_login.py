"""Between the two steps of a court officer's login (OPS-1): after the right password the
session holds only "second factor pending for this account since then", not a login. It
lasts policy.SECOND_FACTOR_PENDING_FOR and ends with a new password or a logout everywhere
(the account's session hash is kept with it)."""

from dataclasses import dataclass

from django.utils import timezone
from django.utils.crypto import constant_time_compare

from accounts.models import User
from core import policy

SESSION_KEY = "accounts.second_factor_pending"


@dataclass(frozen=True)
class PendingLogin:
    user: User
    next_url: str
    enrolment: int | None  # the unconfirmed authenticator this login shows


def pending_login_start(request, *, user: User, next_url: str) -> None:
    # A new session key: whoever knew the one before the password cannot use this step.
    request.session.cycle_key()
    request.session[SESSION_KEY] = {
        "user": user.pk,
        "since": timezone.now().timestamp(),
        "hash": user.get_session_auth_hash(),
        "next": next_url,
        "enrolment": None,
    }


def pending_login(request) -> PendingLogin | None:
    """The login awaiting its second factor, or None (none, expired, or the account changed)."""
    state = request.session.get(SESSION_KEY)
    if not state:
        return None
    age = timezone.now().timestamp() - state["since"]
    user = User.objects.filter(pk=state["user"]).first()
    if (
        not 0 <= age < policy.SECOND_FACTOR_PENDING_FOR.total_seconds()
        or user is None
        or not user.is_active
        or not constant_time_compare(user.get_session_auth_hash(), state["hash"])
    ):
        pending_login_end(request)
        return None
    return PendingLogin(user=user, next_url=state["next"], enrolment=state["enrolment"])


def pending_login_enrolment_keep(request, device_id: int) -> None:
    state = request.session[SESSION_KEY]
    if state["enrolment"] != device_id:
        request.session[SESSION_KEY] = {**state, "enrolment": device_id}


def pending_login_end(request) -> None:
    request.session.pop(SESSION_KEY, None)
