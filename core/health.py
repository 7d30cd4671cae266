"""/healthz: whether this process can reach the database and the cache, for a load balancer or
a process supervisor. Public, outside the language prefix, and says nothing else."""

import logging
import secrets

from django.contrib.auth.decorators import login_not_required
from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

logger = logging.getLogger(__name__)


def _database() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except Exception:
        logger.exception("Health check: the database did not answer")
        return False


def _cache() -> bool:
    # A value of our own, read back: a cache that accepts writes and loses them is down too.
    key, value = "healthz", secrets.token_hex(8)
    try:
        cache.set(key, value, timeout=10)
        return cache.get(key) == value
    except Exception:
        logger.exception("Health check: the cache did not answer")
        return False


@login_not_required
@never_cache
@require_GET
def healthz(request):
    checks = {"database": _database(), "cache": _cache()}
    healthy = all(checks.values())
    body = {"status": "ok" if healthy else "unavailable"} | {
        name: "ok" if up else "down" for name, up in checks.items()
    }
    return JsonResponse(body, status=200 if healthy else 503)
