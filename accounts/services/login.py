"""Login (AUTH-2's Organization Code, AUTH-3, BEY-4's throttling per address), logout, and the
API's bearer tokens."""

from datetime import timedelta

from django.contrib.auth import authenticate
from django.contrib.auth.signals import user_login_failed
from django.contrib.humanize.templatetags.humanize import apnumber
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.functional import lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from accounts.lockout import failures_forget, login_name_locked
from accounts.models import (
    ApiToken,
    User,
    normalize_login_name,
)
from accounts.secrets import hash_api_key, new_api_key
from accounts.services.unlock import lock_notice_send
from core import policy
from core.errors import DomainError
from core.organization_codes import normalize_organization_code
from core.ratelimit import client_address, login_failure_count, login_wait_seconds


class LoginRefused(DomainError):
    code = "login_refused"
    status = 401
    default_message = _("The login name or password is not correct.")


def _account_locked_message() -> str:
    # AUTH-3 in the reader's language, with the policy's numbers ("five", "30").
    return gettext(
        "This account is locked after %(failures)s unsuccessful login attempts. "
        "Please try again %(minutes)s minutes after the last unsuccessful attempt."
    ) % {
        "failures": apnumber(policy.LOGIN_FAILURE_LIMIT),
        "minutes": policy.LOGIN_LOCK_PERIOD // timedelta(minutes=1),
    }


class AccountLocked(LoginRefused):
    code = "account_locked"
    status = 403
    default_message = lazy(_account_locked_message, str)()


class LoginThrottled(LoginRefused):
    code = "throttled"
    status = 429
    default_message = _(
        "Too many unsuccessful logins have come from your address. Please wait a few "
        "minutes and try again."
    )


def organization_code_of(user: User) -> str:
    """The Organization Code that goes with the account's login name: its organization's for a
    PA, SA or OU (AUTH-2), "" for an IU or staff account, which has none."""
    return user.organization.code if user.organization_id else ""


def _organization_code_matches(holder: User | None, typed: str) -> bool:
    """AUTH-2 [A33]: a PA, SA or OU gives its organization's code; an IU or staff account
    gives none."""
    if holder is None:
        return False
    expected = organization_code_of(holder)
    if not expected:
        return not (typed or "").strip()
    return normalize_organization_code(typed) == expected


def password_checked(*, request, login_name: str, password: str, organization_code: str) -> User:
    """Check a password under AUTH-2, AUTH-3 and BEY-4: the holder of the login name, or a
    refusal.

    Every password check goes through here (login through the page, the API or the admin
    door, and the current password of a change). Runs its own transaction: a refusal is
    raised only after the failure it counts has been committed.

    AUTH-2: `organization_code` is what was typed ("" when nothing). A wrong or missing code,
    or a code given for an account that has none, is a failed login like a wrong password:
    the same answer, counted the same under AUTH-3, and the password is checked all the same,
    so that neither the answer nor its timing says which part was wrong."""
    login_name = normalize_login_name(login_name)
    address = client_address(request)
    if login_wait_seconds(address):
        # BEY-4: not checked, so not counted against the login name either.
        raise LoginThrottled()
    with transaction.atomic():
        # AUTH-3 under parallel attempts: the account's row is locked before the password is
        # checked, so attempts on one account are checked one at a time; each sees the
        # failures counted before it, and the sixth finds the account locked.
        holder = User.objects.select_for_update().filter(login_name=login_name).first()
        code_matches = _organization_code_matches(holder, organization_code)
        was_locked = login_name_locked(request, login_name)
        user = authenticate(request=request, login_name=login_name, password=password)
        if user is not None and not code_matches:
            # The right password with the wrong Organization Code: counted as Django counts a
            # wrong password (django-axes listens to this signal).
            user_login_failed.send(
                sender=__name__, credentials={"login_name": login_name}, request=request
            )
            user = None
        locked = was_locked or getattr(request, "axes_locked_out", False)
        if user is None and not was_locked:
            login_failure_count(address)
        if locked and not was_locked and holder is not None and holder.is_active:
            # This failure locked the account: tell the holder (BEY-4).
            lock_notice_send(
                user=holder, opens_at=request.axes_attempt_time + policy.LOGIN_LOCK_PERIOD
            )
        if user is not None:
            failures_forget(login_name)  # a success resets the count, whichever door
    if locked:
        raise AccountLocked()
    if user is None:
        raise LoginRefused()
    return user


def login(*, request, login_name: str, password: str, organization_code: str = "") -> User:
    """AUTH-2: a PA, SA or OU also gives its Organization Code; an IU gives none. AUTH-3 is
    enforced by django-axes inside `authenticate`; while a login name is locked every attempt
    gets the same answer, whether or not the password (or the code) is right."""
    return password_checked(
        request=request,
        login_name=login_name,
        password=password,
        organization_code=organization_code or "",
    )


def api_token_issue(*, user: User) -> tuple[str, ApiToken]:
    """A new bearer token for `user`: the key (stored only as its hash) and its row."""
    key = new_api_key()
    token = ApiToken.objects.create(
        user=user,
        key_hash=hash_api_key(key),
        expires_at=timezone.now() + policy.API_TOKEN_VALID_FOR,
    )
    return key, token


def api_token_revoke(*, token: ApiToken) -> None:
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at"])


@transaction.atomic
def logout_everywhere(*, user: User) -> None:
    """Logging out, through a page or the API, ends all the holder's page sessions and API
    tokens: a holder who logs out expects nothing of theirs to stay logged in."""
    User.objects.filter(pk=user.pk).update(session_generation=F("session_generation") + 1)
    ApiToken.objects.filter(user=user, revoked_at=None).update(revoked_at=timezone.now())
