"""Login (AUTH-3) and the API's bearer tokens."""

from datetime import timedelta

from django.contrib.auth import authenticate
from django.contrib.humanize.templatetags.humanize import apnumber
from django.utils import timezone
from django.utils.functional import lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from accounts.models import (
    ApiToken,
    User,
    normalize_login_name,
)
from accounts.secrets import hash_api_key, new_api_key
from core import policy
from core.errors import DomainError


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


def login(*, request, login_name: str, password: str) -> User:
    """AUTH-3 is enforced by django-axes inside `authenticate`; while a login name is locked
    every attempt gets the same answer, whether or not the password is right."""
    user = authenticate(
        request=request, login_name=normalize_login_name(login_name), password=password
    )
    if getattr(request, "axes_locked_out", False):
        raise AccountLocked()
    if user is None:
        raise LoginRefused()
    return user


def api_token_issue(*, user: User) -> str:
    key = new_api_key()
    ApiToken.objects.create(
        user=user,
        key_hash=hash_api_key(key),
        expires_at=timezone.now() + policy.API_TOKEN_VALID_FOR,
    )
    return key


def api_token_revoke(*, token: ApiToken) -> None:
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at"])
