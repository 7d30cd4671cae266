"""Per-address limits on the public forms, on pages and in the API, counted in a shared cache
(Redis in production)."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.cache import caches
from django.urls import reverse

from core import policy
from core.ratelimit import allow
from registration.models import Application
from tests.factories import new_hkid, pdf

pytestmark = pytest.mark.django_db
T0 = datetime(2026, 11, 25, 10, 0, tzinfo=ZoneInfo("Asia/Hong_Kong"))


def _limit(monkeypatch, scope: str, uses: int) -> None:
    """A small limit for this test only, so that it is reached in a few requests."""
    limits = {**policy.RATE_LIMITS, scope: policy.RateLimit(uses=uses, per=timedelta(hours=1))}
    monkeypatch.setattr(policy, "RATE_LIMITS", limits)


def _api_apply(client):
    return client.post(
        "/api/v1/applications/",
        {
            "surname": "Chan",
            "given_name": "Tai Man",
            "id_document_type": "HKID",
            "id_document_number": new_hkid(),
            "address": "1 Queen's Road",
            "phone": "2477 1002",
            "email": "chan@example.com",
            "cases": '[{"case_number": "DCPI 1/2026", "party_type": "PLAINTIFF"}]',
            "proof_of_involvement": pdf(),
        },
    )


def test_api_applications_from_one_address_are_limited_per_hour(client, monkeypatch):
    _limit(monkeypatch, "apply", 3)
    with time_machine.travel(T0, tick=False):
        assert [_api_apply(client).status_code for _ in range(4)] == [201, 201, 201, 429]
        assert _api_apply(client).json()["code"] == "throttled"
    assert Application.objects.count() == 3
    with time_machine.travel(T0 + timedelta(hours=1), tick=False):
        assert _api_apply(client).status_code == 201


def test_page_over_the_limit_gets_a_clear_answer_and_saves_nothing(client, monkeypatch):
    _limit(monkeypatch, "activate", 2)
    url = reverse("accounts:activate")
    data = {
        "login_name": "iu12345678",
        "activation_code": "X",
        "surname": "a",
        "given_name": "b",
        "phone": "24771002",
        "password": "x",
        "password_confirm": "x",
    }
    with time_machine.travel(T0, tick=False):
        statuses = [client.post(url, data).status_code for _ in range(3)]
        page = client.post(url, data)
        assert client.get(url).status_code == 200  # reading the form is not limited
    assert statuses == [200, 200, 429]
    assert "Too many requests have come from your address" in page.content.decode()


def test_limits_are_shared_through_redis(settings, monkeypatch):
    """Two server processes share the count when REDIS_URL points them at one Redis."""
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:6379/15",
        }
    }
    _limit(monkeypatch, "apply", 2)
    cache = caches["default"]
    cache.clear()
    try:
        with time_machine.travel(T0, tick=False):
            assert [allow(scope="apply", key="192.0.2.1") for _ in range(3)] == [True, True, False]
            assert allow(scope="apply", key="192.0.2.2")  # another address has its own count
        assert any(
            k.startswith(":1:ratelimit:apply")
            for k in (key.decode() for key in cache._cache.get_client().keys("*"))
        )
    finally:
        cache.clear()
