"""AUTH-3 on top of django-axes: "five consecutive failed logins lock the account; login is
allowed again 30 minutes after the last counted failure; a success resets the count" (the
numbers: core.policy.LOGIN_FAILURE_LIMIT and LOGIN_LOCK_PERIOD).

axes by default forgets a failure once its cool-off has passed since it, so four failures
every half hour would never lock. Here failures are consecutive in the rule's sense: only a
successful login (AXES_RESET_ON_SUCCESS) or the end of a lock clears them. Attempts refused
while locked are not counted (AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False), so they
do not push the lock period on.
"""

from datetime import timedelta

from axes.handlers.database import AxesDatabaseHandler
from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_failure_limit
from django.db.models import Max, Sum
from django.http import HttpResponseForbidden
from django.utils import timezone

from accounts.models import normalize_login_name
from core import policy


def cool_off(request=None) -> timedelta:
    return policy.LOGIN_LOCK_PERIOD


class ConsecutiveFailuresHandler(AxesDatabaseHandler):
    def get_user_attempts(self, request, credentials=None):
        # Every failure since the last success or the last lock counts, however old.
        return self.filter_user_attempts(request, credentials)

    def is_locked(self, request, credentials=None) -> bool:
        failures, last_failure = self._failures(request, credentials)
        return (
            failures >= get_failure_limit(request, credentials)
            and timezone.now() < last_failure + policy.LOGIN_LOCK_PERIOD
        )

    def clean_expired_user_attempts(self, request=None, credentials=None) -> int:
        # Forget the failures of a lock that has run its course; nothing else expires.
        if request is None:
            return 0
        failures, last_failure = self._failures(request, credentials)
        if failures < get_failure_limit(request, credentials):
            return 0
        if timezone.now() < last_failure + policy.LOGIN_LOCK_PERIOD:
            return 0
        return sum(qs.delete()[0] for qs in self.filter_user_attempts(request, credentials))

    def _failures(self, request, credentials):
        failures, last_failure = 0, None
        for attempts in self.filter_user_attempts(request, credentials):
            totals = attempts.aggregate(n=Sum("failures_since_start"), last=Max("attempt_time"))
            if (totals["n"] or 0) > failures:
                failures, last_failure = totals["n"], totals["last"]
        return failures, last_failure


def login_name_of(request, credentials=None) -> str | None:
    """The login name an attempt is counted against, however the form named it ("login_name"
    on our pages and API, "username" in Django's own forms), in the stored letter case."""
    source = credentials if credentials is not None else getattr(request, "POST", {})
    value = source.get("login_name") or source.get("username")
    return normalize_login_name(value) if value else None


def locked_out_response(request, original_response=None, credentials=None):
    # Our login page and API already answer a locked login name with the AUTH-3 message.
    if original_response is not None:
        return original_response
    return HttpResponseForbidden()


def login_name_locked(request, login_name: str) -> bool:
    """Whether AUTH-3 holds `login_name` locked now."""
    return AxesProxyHandler.is_locked(request, {"login_name": login_name})


def failures_forget(login_name: str) -> None:
    """A success (or a reset by Change Token) starts the count again, whichever door."""
    AxesProxyHandler.reset_attempts(username=login_name)
