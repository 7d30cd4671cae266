"""One login check under AUTH-3 and BEY-4, whatever it checks: a password, or the one-time
code of a court officer's second factor. Both count towards the same lock (docs/decisions.md,
"Login hardening" and "Staff second factor")."""

from datetime import timedelta

from django.contrib.humanize.templatetags.humanize import apnumber
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import lazy
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _

from accounts.lockout import login_name_locked
from accounts.models import User
from accounts.selectors import login_name_lock
from accounts.services.unlock import lock_notice_send
from core import policy
from core.errors import DomainError
from core.ratelimit import client_address, login_failure_count, login_wait_seconds


class LoginRefused(DomainError):
    code = "login_refused"
    status = 401
    # An organization's holders give the Organization Code too: a wrong or missing code is
    # refused alike (which of the three was wrong is not said).
    default_message = _("The login name, password or Organization Code is not correct.")


def _account_locked_message() -> str:
    # AUTH-3 in the reader's language, with the policy's numbers ("five", "30").
    return gettext(
        "This account is locked after %(failures)s unsuccessful login attempts. "
        "Please try again %(minutes)s minutes after the last unsuccessful attempt."
    ) % {
        "failures": apnumber(policy.LOGIN_FAILURE_LIMIT),
        "minutes": policy.LOGIN_LOCK_PERIOD // timedelta(minutes=1),
    }


def _locked_until_message(login_name: str) -> str:
    """The lock's words with the time it opens (Hong Kong time), as the lock email says it:
    the same for a right and a wrong password."""
    lock = login_name_lock(login_name, now=timezone.now())
    if lock is None:
        return _account_locked_message()
    opens = date_format(timezone.localtime(lock.locked_until), "H:i")
    then = gettext("You can try again from %(time)s (Hong Kong time).") % {"time": opens}
    # Chinese sentences follow each other without a space.
    space = "" if (get_language() or "").startswith("zh") else " "
    return f"{_account_locked_message()}{space}{then}"


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


def attempt_checked(*, request, login_name: str, check, refusal=LoginRefused):
    """Run `check(holder, was_locked)` for the account of `login_name` under AUTH-3 and BEY-4
    and return what it returned; None from it is a failure.

    `check` verifies the secret, lets django-axes count a failure against the login name and
    forgets the failures when the login is complete. Runs its own transaction: a refusal is
    raised only after the failure it counts has been committed."""
    address = client_address(request)
    if login_wait_seconds(address):
        # BEY-4: not checked, so not counted against the login name either.
        raise LoginThrottled()
    with transaction.atomic():
        # AUTH-3 under parallel attempts: the account's row is locked before the secret is
        # checked, so attempts on one account are checked one at a time; each sees the
        # failures counted before it, and the sixth finds the account locked.
        holder = User.objects.select_for_update().filter(login_name=login_name).first()
        was_locked = login_name_locked(request, login_name)
        outcome = check(holder, was_locked)
        locked = was_locked or getattr(request, "axes_locked_out", False)
        if outcome is None and not was_locked:
            login_failure_count(address)
        if locked and not was_locked and holder is not None and holder.is_active:
            # This failure locked the account: tell the holder (BEY-4).
            lock_notice_send(
                user=holder, opens_at=request.axes_attempt_time + policy.LOGIN_LOCK_PERIOD
            )
    if locked:
        raise AccountLocked(_locked_until_message(login_name))
    if outcome is None:
        raise refusal()
    return outcome
