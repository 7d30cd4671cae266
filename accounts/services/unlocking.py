"""AUTH-3: a court officer opens a locked account before its 30 minutes have run, with
reasons, on the record."""

from axes.utils import reset as axes_reset
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from accounts.selectors import login_name_lock, unlockable_account
from audit.services import audit_record
from core.errors import InvalidTransition, ValidationFailed


@transaction.atomic
def account_unlock(*, actor, login_name: str, reasons: str) -> User:
    """Clear the failed logins recorded for the account's login name (the lock and the count
    towards the next one) and record who did it and why."""
    reasons = reasons.strip()
    if not reasons:
        raise ValidationFailed({"reasons": [_("Please give the reasons.")]})
    user = unlockable_account(actor=actor, login_name=login_name, for_update=True)
    lock = login_name_lock(user.login_name, now=timezone.now())
    if lock is None:
        raise InvalidTransition(_("This account is not locked."))
    cleared = axes_reset(username=user.login_name)
    audit_record(
        actor=actor,
        action="account.unlocked",
        obj=user,
        before={
            "failures": lock.failures,
            "locked_until": lock.locked_until.isoformat(),
        },
        after={"reasons": reasons, "attempt_records_cleared": cleared},
    )
    return user
