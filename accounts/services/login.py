"""Login (AUTH-2's Organization Code, AUTH-3, BEY-4's throttling per address, OPS-1's second
factor for court staff), logout, and the API's bearer tokens."""

from django.contrib.auth import authenticate
from django.contrib.auth.signals import user_login_failed
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


def organization_code_of(user: User) -> str:
    """The Organization Code that goes with the account's login name: its organization's for a
    PA, SA or OU (AUTH-2), "" for an IU or staff account, which has none."""
    return user.organization.code if user.organization_id else ""


def _organization_code_matches(holder: User | None, typed: str) -> bool:
    """AUTH-2 [A33]: a PA, SA or OU gives its organization's code; an IU or staff account
    gives none."""
    if holder is None:
        return False
    if holder.organization_id is None:
        return not (typed or "").strip()
    # The same reading of a typed code as at activation (Organization.code_matches).
    return holder.organization.code_matches(typed)


def password_checked(*, request, login_name: str, password: str, organization_code: str) -> User:
    """Check a password under AUTH-2, AUTH-3 and BEY-4: the holder of the login name, or a
    refusal.

    Every password check goes through here (login through the page, the API or the admin
    door, and the current password of a change). A refusal is raised only after the failure
    it counts has been committed (accounts.services.attempts).

    AUTH-2: `organization_code` is what was typed ("" when nothing). A wrong or missing code,
    or a code given for an account that has none, is a failed login like a wrong password:
    the same answer, counted the same under AUTH-3, and the password is checked all the same,
    so that neither the answer nor its timing says which part was wrong."""
    login_name = normalize_login_name(login_name)

    def check(holder, _was_locked):
        code_matches = _organization_code_matches(holder, organization_code)
        # django-axes refuses inside `authenticate` while the login name is locked, whether
        # or not the password is right, and counts a wrong one.
        user = authenticate(request=request, login_name=login_name, password=password)
        if user is not None and not code_matches:
            # The right password with the wrong Organization Code: counted as Django counts a
            # wrong password (django-axes listens to this signal).
            user_login_failed.send(
                sender=__name__, credentials={"login_name": login_name}, request=request
            )
            user = None
        if user is not None and not second_factor_required(user):
            failures_forget(login_name)  # a success resets the count, whichever door
        # Court staff's count is reset by the right one-time code only: otherwise the known
        # password, typed again, would clear wrong codes and allow guessing codes at length.
        return user

    return attempt_checked(request=request, login_name=login_name, check=check)


def login(
    *,
    request,
    login_name: str,
    password: str,
    organization_code: str = "",
    one_time_code: str = "",
) -> User:
    """A whole login in one request (the API): the password; for a PA, SA or OU the
    Organization Code (AUTH-2), for an IU none; for court staff the one-time code from their
    authenticator app (OPS-1). A wrong or missing code of either kind is refused as a wrong
    password is, and counts towards the same lock (AUTH-3). The login page asks staff for the
    one-time code on a page of its own (accounts.views.second_factor)."""
    user = password_checked(
        request=request,
        login_name=login_name,
        password=password,
        organization_code=organization_code or "",
    )
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
