"""Per-address limits on the public forms, on pages and in the API, counted in a shared cache
(Redis in production)."""

import uuid
from datetime import datetime, timedelta
from html import unescape
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
    url = reverse("activation:activate")
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
    """Two server processes share the count when REDIS_URL points them at one Redis. Keys of
    this test only (its own prefix), removed afterwards: other test runs use the same Redis."""
    prefix = f"test-shared-{uuid.uuid4().hex}"
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:6379/15",
            "KEY_PREFIX": prefix,
        }
    }
    _limit(monkeypatch, "apply", 2)
    redis = caches["default"]._cache.get_client(write=True)
    try:
        with time_machine.travel(T0, tick=False):
            assert [allow(scope="apply", key="192.0.2.1") for _ in range(3)] == [True, True, False]
            assert allow(scope="apply", key="192.0.2.2")  # another address has its own count
        assert any(
            key.decode().startswith(f"{prefix}:1:ratelimit:apply")
            for key in redis.scan_iter(f"{prefix}:*")
        )
    finally:
        for key in redis.scan_iter(f"{prefix}:*"):
            redis.delete(key)


# --- The application form counts what was accepted, keeps what was typed, says when ----------

T20 = T0 + timedelta(minutes=20)  # 40 minutes before the hour's count starts again


def _page_apply(client, **overrides):
    data = {
        "surname": "Chan",
        "given_name": "Tai Man",
        "id_document_type": "HKID",
        "id_document_number": new_hkid(),
        "address": "Flat A, 10/F, 1 Queen's Road Central",
        "phone": "(852) 2477-1002",
        "email": "chan@example.com",
        "language": "en",
        "cases-TOTAL_FORMS": "1",
        "cases-INITIAL_FORMS": "0",
        "cases-MIN_NUM_FORMS": "0",
        "cases-MAX_NUM_FORMS": "10",
        "cases-0-case_number": "DCPI 1234/2025",
        "cases-0-party_type": "PLAINTIFF",
        "proof_of_involvement": pdf(),
        **overrides,
    }
    return client.post(reverse("registration:apply"), data)


def test_apply_page_counts_only_accepted_applications(client, monkeypatch):
    _limit(monkeypatch, "apply", 2)
    with time_machine.travel(T20, tick=False):
        mistakes = [_page_apply(client, phone="call me").status_code for _ in range(5)]
        accepted = [_page_apply(client).status_code for _ in range(2)]
        over = _page_apply(client, surname="Wong", address="9 Nathan Road")
    assert mistakes == [200, 200, 200, 200, 200]
    assert accepted == [302, 302]
    assert over.status_code == 429
    assert Application.objects.count() == 2


def test_apply_page_over_the_limit_shows_the_form_again_with_what_was_typed(client, monkeypatch):
    _limit(monkeypatch, "apply", 1)
    with time_machine.travel(T20, tick=False):
        assert _page_apply(client).status_code == 302
        over = _page_apply(client, surname="Wong", address="9 Nathan Road")
    page = unescape(over.content.decode()).replace("\xa0", " ")
    assert over.status_code == 429
    assert over["Retry-After"] == "2400"
    assert 'value="Wong"' in page and "9 Nathan Road</textarea>" in page
    assert "Please try again in 40 minutes." in page
    assert Application.objects.count() == 1


def test_apply_page_every_attempt_counts_against_the_flood_limit(client, monkeypatch):
    attempts = {**policy.RATE_LIMITS_ATTEMPTS, "apply": policy.RateLimit(3, timedelta(hours=1))}
    monkeypatch.setattr(policy, "RATE_LIMITS_ATTEMPTS", attempts)
    with time_machine.travel(T20, tick=False):
        statuses = [_page_apply(client, phone="call me").status_code for _ in range(4)]
        valid_but_flooded = _page_apply(client)
    assert statuses == [200, 200, 200, 429]
    assert valid_but_flooded.status_code == 429
    assert valid_but_flooded["Retry-After"] == "2400"
    assert Application.objects.count() == 0


def test_api_apply_counts_only_accepted_and_says_when_to_try_again(client, monkeypatch):
    _limit(monkeypatch, "apply", 2)
    with time_machine.travel(T20, tick=False):
        refused = [
            client.post("/api/v1/applications/", {"surname": "Chan"}).status_code for _ in range(3)
        ]
        accepted = [_api_apply(client).status_code for _ in range(2)]
        over = _api_apply(client)
    assert refused == [400, 400, 400]
    assert accepted == [201, 201]
    assert over.status_code == 429
    assert over["Retry-After"] == "2400"
    assert over.json()["code"] == "throttled"
    assert Application.objects.count() == 2


def test_activation_counts_every_attempt_and_its_page_says_when_to_try_again(client, monkeypatch):
    """An activation attempt is a guess at a code: right or wrong, each one counts."""
    _limit(monkeypatch, "activate", 1)
    with time_machine.travel(T20, tick=False):
        first = client.post(reverse("activation:activate"), {"login_name": "iu12345678"})
        over = client.post(reverse("activation:activate"), {"login_name": "iu12345678"})
    assert first.status_code == 200
    assert over.status_code == 429
    assert over["Retry-After"] == "2400"
    page = unescape(over.content.decode()).replace("\xa0", " ")
    assert "You can try again in 40 minutes." in page


# --- the client's address behind the portal's proxy -------------------------------------------


def _behind_the_proxy(settings) -> None:
    """As in production: DJANGO_TRUST_PROXY_HEADER with ICMS_PROXY_IPS=127.0.0.1, the TLS proxy
    on the same machine, which appends the address it saw to X-Forwarded-For."""
    import ipaddress

    settings.TRUSTED_PROXIES = [ipaddress.ip_network("127.0.0.1/32")]


def _apply_through_the_proxy(forwarded_for: str):
    from django.test import Client

    return _api_apply(Client(REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR=forwarded_for))


def test_gen_3_people_behind_the_proxy_are_counted_each_by_their_own_address(settings, monkeypatch):
    """Every request reaches the portal from its proxy: counted by REMOTE_ADDR alone, one
    person's ten applications used up the hour for everybody else."""
    _behind_the_proxy(settings)
    _limit(monkeypatch, "apply", 2)
    with time_machine.travel(T0, tick=False):
        first = [_apply_through_the_proxy("203.0.113.7").status_code for _ in range(3)]
        other = _apply_through_the_proxy("198.51.100.20").status_code
    assert first == [201, 201, 429]
    assert other == 201


def test_gen_3_an_address_a_client_writes_into_x_forwarded_for_is_not_taken(settings, monkeypatch):
    """The proxy appends the address it saw; what the client sent comes before it and is
    ignored, so a new made-up address at each request buys nothing."""
    _behind_the_proxy(settings)
    _limit(monkeypatch, "apply", 2)
    with time_machine.travel(T0, tick=False):
        statuses = [
            _apply_through_the_proxy(f"10.9.9.{n}, 203.0.113.7").status_code for n in range(3)
        ]
    assert statuses == [201, 201, 429]


def test_gen_3_x_forwarded_for_from_a_peer_that_is_not_the_proxy_is_ignored(settings, monkeypatch):
    from django.test import Client

    _behind_the_proxy(settings)
    _limit(monkeypatch, "apply", 2)
    with time_machine.travel(T0, tick=False):
        statuses = [
            _api_apply(
                Client(REMOTE_ADDR="203.0.113.7", HTTP_X_FORWARDED_FOR=f"10.9.9.{n}")
            ).status_code
            for n in range(3)
        ]
    assert statuses == [201, 201, 429]


def test_gen_3_the_addresses_of_one_ipv6_network_are_one_client(monkeypatch):
    """An IPv6 subscriber holds a /64 at least: a new address for each request is no new
    client."""
    from django.test import Client

    _limit(monkeypatch, "apply", 2)
    with time_machine.travel(T0, tick=False):
        statuses = [
            _api_apply(Client(REMOTE_ADDR=f"2001:db8:5:7::{n:x}")).status_code for n in range(1, 4)
        ]
        other_network = _api_apply(Client(REMOTE_ADDR="2001:db8:5:8::1")).status_code
    assert statuses == [201, 201, 429]
    assert other_network == 201


def test_bey_4_one_address_behind_the_proxy_does_not_make_every_login_wait(settings, monkeypatch):
    """BEY-4's wait after ten wrong passwords is the address's: behind the proxy it was every
    user's, so anyone could keep the whole portal from logging in."""
    from django.test import Client

    from tests.factories import PASSWORD, UserFactory

    _behind_the_proxy(settings)
    holder = UserFactory()
    attacker = Client(REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.7")
    for n in range(policy.LOGIN_ADDRESS_FAILURE_LIMIT + 1):
        attacker.post(
            "/api/v1/auth/login/",
            {"login_name": f"iu{n:08d}", "password": "wrong-password"},
            content_type="application/json",
        )
    holder_client = Client(REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.20")
    answer = holder_client.post(
        "/api/v1/auth/login/",
        {"login_name": holder.login_name, "password": PASSWORD},
        content_type="application/json",
    )
    assert answer.status_code == 200


def test_gen_3_a_refused_application_gives_back_the_place_it_took(client, monkeypatch):
    """A place under the limit is taken before the application is checked (so that a burst
    cannot pass it) and given back when the application is refused: refused forms still
    count for nothing."""
    _limit(monkeypatch, "apply", 2)
    with time_machine.travel(T0, tick=False):
        refused = [
            client.post("/api/v1/applications/", {"surname": ""}).status_code for _ in range(5)
        ]
        accepted = [_api_apply(client).status_code for _ in range(3)]
    assert refused == [400] * 5
    assert accepted == [201, 201, 429]


def test_gen_3_a_place_given_back_on_redis_never_leaves_a_count_that_does_not_expire(
    settings, monkeypatch
):
    """On the Redis every server shares, a place given back is taken off the count in one step
    with the check that the count is still there: a count that expired between the two was
    made again as -1 with no expiry, a key Redis kept for ever."""
    from django.core.cache import cache

    from core import ratelimit

    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:6379/12",
            "KEY_PREFIX": f"test-give-back-{uuid.uuid4().hex}",
        }
    }
    redis = cache._cache.get_client(write=True)
    key = "ratelimit:apply:203.0.113.7:1"
    redis_key = cache.make_and_validate_key(key)
    looked_at = type(redis).exists

    def looked_at_then_expired(client, *names):
        found = looked_at(client, *names)
        client.delete(*names)
        return found

    try:
        assert ratelimit._incr(key, 3600) == 1
        ratelimit._give_back(key)
        assert int(redis.get(redis_key)) == 0 and 0 < redis.ttl(redis_key) <= 3600
        monkeypatch.setattr(type(redis), "exists", looked_at_then_expired)
        ratelimit._give_back(key)
        monkeypatch.undo()
        assert redis.ttl(redis_key) != -1
    finally:
        redis.delete(redis_key)
