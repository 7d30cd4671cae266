"""Limits on how often one client address may use the public forms (apply, activate, reset,
supplement), on pages and in the API alike. Counted in the cache: in-process by default,
Redis when REDIS_URL is set, so that every server process shares the count.

What counts depends on the scope (core/policy.py, docs/decisions.md):
- a scope in `policy.RATE_LIMITS_COUNT_ACCEPTED` (apply, supplement) counts what was accepted,
  so that a person correcting a form is never locked out by their own mistakes; every attempt
  still counts against the much larger `policy.RATE_LIMITS_ATTEMPTS`, against floods;
- any other scope (activate, reset_password) counts every attempt, right or wrong: there a
  wrong attempt is a guess at a secret (an activation code, a Change Token).
Over the limit the answer is 429 with `Retry-After`, and nothing is saved."""

import ipaddress
import math
import time
import weakref
from datetime import UTC, datetime, timedelta
from functools import wraps

from django.conf import settings
from django.contrib import messages
from django.core.cache import cache
from django.core.cache.backends.redis import RedisCacheClient
from django.shortcuts import render
from django.utils.timesince import timeuntil
from django.utils.translation import gettext as _
from rest_framework.throttling import BaseThrottle

from core import policy


def _ip(text: str):
    try:
        return ipaddress.ip_address(text.strip())
    except ValueError:
        return None


def _trusted_proxy(address) -> bool:
    return any(address in network for network in settings.TRUSTED_PROXIES)


def _counted_as(address) -> str:
    """What one client is counted as: an IPv4 address, or the /64 network of an IPv6 address
    (an IPv6 subscriber is given at least a /64 and may use any address in it)."""
    if address.version == 6:
        if address.ipv4_mapped is not None:
            return str(address.ipv4_mapped)
        return str(ipaddress.ip_network(f"{address}/64", strict=False))
    return str(address)


def client_address(request) -> str:
    """The client the limits count: the peer's address (REMOTE_ADDR), or, when the peer is one
    of the portal's own proxies (settings.TRUSTED_PROXIES), the address that proxy saw, the
    nearest address in X-Forwarded-For that is not itself a trusted proxy. Read from the
    right: whatever a client wrote into the header itself comes before what the proxies
    appended, so it is never taken."""
    peer = request.META.get("REMOTE_ADDR", "")
    address = _ip(peer)
    if address is None:
        return peer or "unknown"
    if _trusted_proxy(address):
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        for hop in reversed(forwarded.split(",") if forwarded else []):
            seen = _ip(hop)
            if seen is None:
                break  # not written by a proxy of ours: the nearest trusted hop is the client
            address = seen
            if not _trusted_proxy(seen):
                break
    return _counted_as(address)


def _rate(scope: str):
    # "<scope>_attempts": every attempt at a scope that counts accepted writes.
    if scope.endswith("_attempts"):
        return policy.RATE_LIMITS_ATTEMPTS[scope.removesuffix("_attempts")]
    return policy.RATE_LIMITS[scope]


def _window(scope: str) -> tuple[int, int, int]:
    """(limit, period in seconds, seconds until the current window ends)."""
    rate = _rate(scope)
    period = int(rate.per.total_seconds())
    now = int(time.time())
    return rate.uses, period, period - now % period


def _cache_key(scope: str, key: str, period: int) -> str:
    return f"ratelimit:{scope}:{key}:{int(time.time()) // period}"


# One client of the cache's Redis per cache backend (a new backend when the settings change).
_redis_clients = weakref.WeakKeyDictionary()


def _redis_client():
    """The client of the cache's Redis, or None when the cache is not Redis: made once, where
    the cache makes a new one at each call."""
    backend = cache._cache
    if not isinstance(backend, RedisCacheClient):
        return None
    if backend not in _redis_clients:
        pool = backend._get_connection_pool(write=True)
        _redis_clients[backend] = backend._client(connection_pool=pool)
    return _redis_clients[backend]


def count(*, scope: str, key: str) -> int:
    """Count one use of `scope` by `key`; the uses in this window so far."""
    _, period, _ = _window(scope)
    return _incr(_cache_key(scope, key, period), period)


def _incr(cache_key: str, period: int) -> int:
    client = _redis_client()
    if client is not None:
        # Redis: one round trip, atomic (INCR makes the key if absent), where the cache's add
        # then incr take three, on every public check and search. The key names its window,
        # so renewing its expiry at each use never carries a count into the next window.
        redis_key = cache.make_and_validate_key(cache_key)
        pipe = client.pipeline(transaction=False)
        pipe.incr(redis_key)
        pipe.expire(redis_key, period)
        return pipe.execute()[0]
    if cache.add(cache_key, 1, timeout=period):
        return 1
    try:
        return cache.incr(cache_key)
    except ValueError:  # expired between add and incr
        cache.add(cache_key, 1, timeout=period)
        return 1


# Only a count still there, in one atomic step: a key gone with its window is not made again
# below zero, and without an expiry (DECR of a missing key makes one that never goes).
_DECR_IF_THERE = "if redis.call('EXISTS', KEYS[1]) == 1 then return redis.call('DECR', KEYS[1]) end"


def _give_back(cache_key: str) -> None:
    """Take back one use counted under `cache_key`."""
    client = _redis_client()
    if client is not None:
        client.eval(_DECR_IF_THERE, 1, cache.make_and_validate_key(cache_key))
        return
    try:
        cache.decr(cache_key)
    except ValueError:  # gone with its window
        pass


def allow(*, scope: str, key: str) -> bool:
    """Count one use of `scope` by `key`; False once the scope's limit for the period is used."""
    return count(scope=scope, key=key) <= _rate(scope).uses


def retry_after(*, scope: str, key: str) -> int | None:
    """Seconds until `key` may use `scope` again when its limit is used up, else None. Counts
    nothing."""
    limit, period, remaining = _window(scope)
    return remaining if (cache.get(_cache_key(scope, key, period)) or 0) >= limit else None


def counts_accepted(scope: str) -> bool:
    return scope in policy.RATE_LIMITS_COUNT_ACCEPTED


_TAKEN = "_rate_limit_places_taken"


def refused_for(scope: str, request) -> int | None:
    """Before a write: seconds to wait when this request must be refused, else None. Counts the
    attempt where the scope counts attempts.

    Where the scope counts accepted writes, a place under its limit is taken now, in one atomic
    step, and `settled` after the write keeps it (accepted) or gives it back (refused): read
    before the write and counted after it, every request of a burst read the same count and
    all were accepted."""
    key = client_address(request)
    if not counts_accepted(scope):
        return None if allow(scope=scope, key=key) else _window(scope)[2]
    attempts = f"{scope}_attempts"
    if not allow(scope=attempts, key=key):
        return _window(attempts)[2]
    limit, period, remaining = _window(scope)
    cache_key = _cache_key(scope, key, period)
    if _incr(cache_key, period) > limit:
        _give_back(cache_key)
        return remaining
    setattr(request, _TAKEN, {**getattr(request, _TAKEN, {}), scope: cache_key})
    return None


def settled(scope: str, request, *, accepted: bool) -> None:
    """After a write let through by `refused_for`: the place it took under the limit is kept
    when the write was accepted, given back when it was refused."""
    taken = getattr(request, _TAKEN, {})
    cache_key = taken.pop(scope, None)
    if cache_key is not None and not accepted:
        _give_back(cache_key)


def with_retry_after(response, seconds: int):
    response["Retry-After"] = str(seconds)
    return response


def try_again_in(seconds: int) -> str:
    """'40 minutes', '1 hour', in the language of the request."""
    now = datetime.fromtimestamp(int(time.time()), tz=UTC)
    return timeuntil(now + timedelta(seconds=seconds), now)


def rate_limited(scope: str):
    """For page views. A scope that counts every attempt: a POST over the limit gets the 429
    page and changes nothing. A scope that counts accepted writes: the view is called with
    `request.rate_limit_wait` set (seconds, or None) and shows the form again, with what was
    typed, when it is set; a POST answered with a redirect was accepted and keeps the place
    it took under the limit (`refused_for`), any other answer gives it back."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            request.rate_limit_wait = None
            if request.method != "POST":
                return view(request, *args, **kwargs)
            wait = refused_for(scope, request)
            if wait is not None and not counts_accepted(scope):
                return too_many_requests(request, wait)
            request.rate_limit_wait = wait
            try:
                response = view(request, *args, **kwargs)
            except BaseException:
                settled(scope, request, accepted=False)
                raise
            settled(scope, request, accepted=response.status_code in (301, 302, 303))
            return response

        return wrapped

    return decorator


def too_many_requests(request, wait: int, template="errors/429.html", context=None):
    """The 429 answer for a page: `template` (the form again, or the 429 page), with when to try
    again in words and in `Retry-After`."""
    context = {**(context or {}), "retry_after": wait, "try_again_in": try_again_in(wait)}
    if template != "errors/429.html":
        messages.error(
            request,
            _(
                "Too many requests have come from your address in a short time, so this was "
                "not sent. What you typed is kept below (choose any files again). Please try "
                "again in %(time)s."
            )
            % {"time": context["try_again_in"]},
        )
    return with_retry_after(render(request, template, context, status=429), wait)


class ScopeRateThrottle(BaseThrottle):
    """For API views: the view's `throttle_scope` names the limit; only writes count. A scope
    that counts accepted writes is settled by `CountsAcceptedWrites` on the view."""

    def allow_request(self, request, view):
        scope = getattr(view, "throttle_scope", None)
        self._wait = None
        if scope is None or request.method in ("GET", "HEAD", "OPTIONS"):
            return True
        self._wait = refused_for(scope, request)
        return self._wait is None

    def wait(self):
        return self._wait


class CountsAcceptedWrites:
    """API view mixin: a write answered with success keeps the place it took under the view's
    scope (`refused_for`, through the throttle); any other answer gives it back."""

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        scope = getattr(self, "throttle_scope", None)
        if scope and request.method not in ("GET", "HEAD", "OPTIONS"):
            settled(scope, request, accepted=response.status_code < 300)
        return response


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
