"""Login (AUTH-3, BEY-4's throttling per address, OPS-1's second factor for court staff),
logout, and the API's bearer tokens."""

from django.contrib.auth import authenticate
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from accounts.lockout import failures_forget
from accounts.models import (
    ApiToken,
    User,
    normalize_login_name,
)
from accounts.secrets import hash_api_key, new_api_key
from accounts.services.attempts import LoginRefused, attempt_checked
from accounts.services.second_factor import (
    SecondFactorRefused,
    second_factor_checked,
    second_factor_required,
)
from core import policy


def password_checked(*, request, login_name: str, password: str) -> User:
    """Check a password under AUTH-3 and BEY-4: the holder of the login name, or a refusal.

    Every password check goes through here (login through the page, the API or the admin
    door, and the current password of a change). A refusal is raised only after the failure
    it counts has been committed (accounts.services.attempts)."""
    login_name = normalize_login_name(login_name)

    def check(_holder, _was_locked):
        # django-axes refuses inside `authenticate` while the login name is locked, whether
        # or not the password is right, and counts a wrong one.
        user = authenticate(request=request, login_name=login_name, password=password)
        if user is not None and not second_factor_required(user):
            failures_forget(login_name)  # a success resets the count, whichever door
        # Court staff's count is reset by the right one-time code only: otherwise the known
        # password, typed again, would clear wrong codes and allow guessing codes at length.
        return user

    return attempt_checked(request=request, login_name=login_name, check=check)


def login(*, request, login_name: str, password: str, one_time_code: str = "") -> User:
    """A whole login in one request (the API): the password, and for court staff the one-time
    code from their authenticator app (OPS-1). A missing or wrong code is refused as a wrong
    password is, and counts towards the same lock (AUTH-3). The login page asks for the code
    on a page of its own (accounts.views.second_factor)."""
    user = password_checked(request=request, login_name=login_name, password=password)
    if second_factor_required(user):
        try:
            second_factor_checked(request=request, user=user, code=one_time_code)
        except SecondFactorRefused:
            raise LoginRefused() from None
    return user


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
