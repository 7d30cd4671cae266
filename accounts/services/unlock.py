"""BEY-4: lockout must not become a denial of service. The holder of an account that locks is
told by email when it opens again and how to open it sooner: the self-unlock page emails a
Change Token to the registered address, with which "Reset Password" sets a new password and
clears the lock (accounts.services.passwords.password_reset)."""

from urllib.parse import urlencode

from django.db import transaction

from accounts.lockout import login_name_locked
from accounts.models import ChangeToken, User, normalize_login_name
from accounts.one_time_secrets import one_time_secret_issue
from accounts.services.common import CHANGE_TOKEN_PURPOSE, change_token_send, site_url
from audit.services import audit_record
from core import policy
from core.ratelimit import allow
from notifications.services import email_send


def lock_notice_send(*, user: User, opens_at) -> None:
    """Tell the holder that the account has just locked, when it opens again (Hong Kong time)
    and how to open it sooner: the self-unlock page, or the Help Centre."""
    query = urlencode({"login_name": user.login_name})
    email_send(
        to=user.email,
        template="account_locked",
        language=user.preferred_language,
        context={
            "name": user.full_name,
            "login_name": user.login_name,
            "opens_at": opens_at,
            "failures": policy.LOGIN_FAILURE_LIMIT,
            "unlock_url": f"{site_url(user, 'accounts:unlock')}?{query}",
        },
    )


def unlock_token_request(*, request, login_name: str) -> None:
    """The self-unlock page: email a Change Token to the registered address of a locked
    account. The asker is told the same whatever happens, so the page reveals neither which
    login names exist nor which are locked; a holder's mailbox is not filled (a few a day)."""
    login_name = normalize_login_name(login_name)
    if not login_name or not allow(scope="unlock_per_account", key=login_name):
        return
    with transaction.atomic():
        user = User.objects.select_for_update().filter(login_name=login_name).first()
        if user is None or not user.is_active or not login_name_locked(request, login_name):
            return
        token, row = one_time_secret_issue(
            ChangeToken,
            user=user,
            purpose=CHANGE_TOKEN_PURPOSE,
            valid_for=policy.CHANGE_TOKEN_VALID_FOR,
        )
        audit_record(actor=None, action="account.unlock_token_sent", obj=user)
        change_token_send(user, token=token, expires_at=row.expires_at, template="unlock_token")
