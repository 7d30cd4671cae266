"""Limits on how often one client address may use the public forms (apply, activate, reset,
supplement), on pages and in the API alike. Counted in the cache: in-process by default,
Redis when REDIS_URL is set, so that every server process shares the count."""

import math
import time
from functools import wraps

from django.core.cache import cache
from django.shortcuts import render
from rest_framework.throttling import BaseThrottle

from core import policy


def client_address(request) -> str:
    # REMOTE_ADDR only: a client can forge X-Forwarded-For. Behind a proxy, the proxy sets it.
    return request.META.get("REMOTE_ADDR", "unknown")


def allow(*, scope: str, key: str) -> bool:
    """Count one use of `scope` by `key`; False once the scope's limit for the period is used."""
    rate = policy.RATE_LIMITS[scope]
    limit, period = rate.uses, int(rate.per.total_seconds())
    window = int(time.time()) // period
    cache_key = f"ratelimit:{scope}:{key}:{window}"
    if cache.add(cache_key, 1, timeout=period):
        return True
    try:
        count = cache.incr(cache_key)
    except ValueError:  # expired between add and incr
        cache.add(cache_key, 1, timeout=period)
        count = 1
    return count <= limit


def rate_limited(scope: str):
    """For page views: a POST over the limit gets the 429 page and changes nothing."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if request.method == "POST" and not allow(scope=scope, key=client_address(request)):
                return render(request, "errors/429.html", status=429)
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


class ScopeRateThrottle(BaseThrottle):
    """For API views: the view's `throttle_scope` names the limit; only writes count."""

    def allow_request(self, request, view):
        scope = getattr(view, "throttle_scope", None)
        if scope is None or request.method in ("GET", "HEAD", "OPTIONS"):
            return True
        return allow(scope=scope, key=client_address(request))

    def wait(self):
        return None


# --- BEY-4: progressive throttling of failed logins per client address -----------------------


def _login_wait_key(address: str) -> str:
    return f"login-wait:{address}"


def login_wait_seconds(address: str) -> int:
    """How long `address` must still wait before its next login is checked (0: not at all)."""
    until = cache.get(_login_wait_key(address))
    return max(0, math.ceil(until - time.time())) if until else 0


def login_failure_count(address: str) -> None:
    """Count one wrong password from `address`, whatever the login name. Past the policy's
    free failures each one makes the address wait, twice as long as the one before."""
    kept_for = int(policy.LOGIN_ADDRESS_FAILURES_KEPT_FOR.total_seconds())
    count_key = f"login-failures:{address}"
    if cache.add(count_key, 1, timeout=kept_for):
        count = 1
    else:
        try:
            count = cache.incr(count_key)
        except ValueError:  # expired between add and incr
            cache.add(count_key, 1, timeout=kept_for)
            count = 1
        cache.touch(count_key, kept_for)  # forgotten only after an hour without a failure
    beyond = count - policy.LOGIN_ADDRESS_FAILURE_LIMIT
    if beyond < 0:
        return
    first = policy.LOGIN_ADDRESS_FIRST_WAIT.total_seconds()
    wait = min(first * 2 ** min(beyond, 32), policy.LOGIN_ADDRESS_MAX_WAIT.total_seconds())
    cache.set(_login_wait_key(address), time.time() + wait, timeout=math.ceil(wait))
