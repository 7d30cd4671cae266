"""SVC-3, SVC-2, GEN-3: the public searches (the Cause Book, documents open to inspection) are
limited per client address (ASVS 4.0 V11.1.4, anti-automation), and the limit holds when a
burst of searches arrives at once: counted in the Redis every server process shares, exactly
the limit's searches are answered and every other one gets the 429 page that says when to try
again, never one more.

Each request runs in a thread of its own (its own database connection, closed when it ends),
released together by a barrier, against the Redis at 127.0.0.1:6379. The limit is lowered to
ten for the test, and the clock held 40 minutes before the hour's count starts again."""

import threading
import uuid
from datetime import datetime, timedelta
from html import unescape
from types import MappingProxyType
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.cache import cache
from django.db import connections
from django.test import Client

from cases.models import PartyType
from core import policy
from core.workdays import local_today
from hearings.models import HearingType
from hearings.services import hearing_create
from permissions.roles import Role
from registration.models import Application
from tests.factories import CaseFactory, StaffFactory, new_hkid, particulars, pdf
from tests.inspection_helpers import case_document, hk

pytestmark = pytest.mark.django_db(transaction=True)

BURST = 40
LIMIT = 10
# 10:20 in Hong Kong: the hour's count starts again in 40 minutes.
T0 = datetime(2026, 11, 25, 10, 20, tzinfo=ZoneInfo("Asia/Hong_Kong"))
REFUSED = "Too many requests have come from your address in a short time."


@pytest.fixture
def shared_redis(settings):
    """The cache every server process shares in production. Keys of this test only (its own
    prefix), removed afterwards: other test runs use the same Redis."""
    prefix = f"test-burst-{uuid.uuid4().hex}"
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:6379/12",
            "KEY_PREFIX": prefix,
        }
    }
    redis = cache._cache.get_client(write=True)
    yield redis
    for key in redis.scan_iter(f"{prefix}:*"):
        redis.delete(key)


def _limit(monkeypatch, scope: str) -> None:
    limits = {**policy.RATE_LIMITS, scope: policy.RateLimit(uses=LIMIT, per=timedelta(hours=1))}
    monkeypatch.setattr(policy, "RATE_LIMITS", MappingProxyType(limits))


def _burst(request, size: int = BURST) -> list:
    """`request(client, index)` for index 0..size-1, each in its own thread with its own
    client from the same address, all released at once; the responses, in index order."""
    barrier = threading.Barrier(size, timeout=30)
    responses: list = [None] * size

    def runner(index):
        try:
            client = Client()
            barrier.wait()
            responses[index] = request(client, index)
        except Exception as exc:  # noqa: BLE001 - reported by the test below
            responses[index] = exc
        finally:
            connections.close_all()

    threads = [threading.Thread(target=runner, args=(i,)) for i in range(size)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not any(thread.is_alive() for thread in threads), "a request hung"
    errors = [r for r in responses if isinstance(r, Exception)]
    assert not errors, errors
    return responses


def _text(response) -> str:
    return unescape(response.content.decode()).replace("\xa0", " ")


def _assert_exactly_the_limit_answered(responses, found: str) -> None:
    statuses = sorted(response.status_code for response in responses)
    assert statuses == [200] * LIMIT + [429] * (BURST - LIMIT)
    for response in responses:
        if response.status_code == 200:
            assert found in _text(response)
        else:
            page = _text(response)
            assert response["Retry-After"] == "2400"
            assert REFUSED in page and "You can try again in 40 minutes." in page
            assert found not in page


@pytest.fixture
def hearing_today():
    clerk = StaffFactory(role=Role.REGISTRY)
    case = CaseFactory(parties=[(PartyType.PLAINTIFF, "CHAN Tai Man")])
    hearing_create(
        actor=clerk,
        date=local_today(),
        start_time="09:30",
        court="District Court",
        courtroom="Court 23",
        judge_en="HH Judge LEE",
        judge_zh="李法官",
        case_number=case.number,
        hearing_type=HearingType.MENTION,
        public=True,
        notes="",
    )
    return case


def test_svc_3_gen_3_a_burst_of_cause_book_searches_gets_exactly_the_limit_answered(
    shared_redis, monkeypatch, hearing_today
):
    """40 searches at once from one address, the limit ten: ten lists, thirty 429 pages."""
    _limit(monkeypatch, "cause_book")
    day = local_today().isoformat()  # the day the hearing is listed for
    with time_machine.travel(T0, tick=False):
        responses = _burst(lambda client, _i: client.get("/cause-book/", {"date": day}))
        later = Client().get("/cause-book/", {"date": day})
    _assert_exactly_the_limit_answered(responses, hearing_today.number)
    assert later.status_code == 429


def test_svc_3_gen_3_the_page_printable_list_and_api_share_one_count_under_a_burst(
    shared_redis, monkeypatch, hearing_today
):
    """The same burst spread over the search page, its printable list and the API: still ten
    answered in all, the rest refused (the API's way: 429 `throttled`)."""
    _limit(monkeypatch, "cause_book")
    paths = ("/cause-book/", "/cause-book/print/", "/api/v1/cause-book/")
    day = local_today().isoformat()  # the day the hearing is listed for
    with time_machine.travel(T0, tick=False):
        responses = _burst(lambda client, i: client.get(paths[i % 3], {"date": day}))
    statuses = sorted(response.status_code for response in responses)
    assert statuses == [200] * LIMIT + [429] * (BURST - LIMIT)
    for index, response in enumerate(responses):
        if response.status_code == 429 and paths[index % 3].startswith("/api/"):
            assert response.json()["code"] == "throttled"
            assert response["Retry-After"] == "2400"
        elif response.status_code == 429:
            assert REFUSED in _text(response)


@pytest.fixture
def open_writ():
    case = CaseFactory(title="CHAN Tai Man v. LEE Ka Yan")
    return case_document(case, kind="WRIT", title="Writ of Summons", dated_at=hk(2025, 3, 1))


def test_svc_2_gen_3_a_burst_of_document_searches_gets_exactly_the_limit_answered(
    shared_redis, monkeypatch, open_writ
):
    """40 searches of the documents open to inspection at once from one address, the limit
    ten: ten answered with the document found, thirty 429 pages."""
    _limit(monkeypatch, "public_search")
    with time_machine.travel(T0, tick=False):
        responses = _burst(
            lambda client, _i: client.get("/documents/search/", {"party_name": "chan"})
        )
        api = Client().get("/api/v1/documents/search/", {"party_name": "chan"})
    _assert_exactly_the_limit_answered(responses, "Writ of Summons")
    assert api.status_code == 429 and api.json()["code"] == "throttled"


def test_svc_2_gen_3_another_address_keeps_its_own_searches_during_a_burst(
    shared_redis, monkeypatch, open_writ
):
    """A burst from one address uses up that address's searches only: searches from another
    address at the same time are answered as long as its own limit lasts."""
    _limit(monkeypatch, "public_search")

    def search(client, index):
        address = "192.0.2.1" if index % 2 else "198.51.100.7"
        return client.get(
            "/documents/search/", {"party_name": "chan"}, REMOTE_ADDR=address
        ), address

    with time_machine.travel(T0, tick=False):
        results = _burst(search)
    for address in ("192.0.2.1", "198.51.100.7"):
        statuses = sorted(r.status_code for r, a in results if a == address)
        assert statuses == [200] * LIMIT + [429] * (BURST // 2 - LIMIT)


@pytest.mark.postgres
def test_gen_3_a_burst_of_applications_from_one_address_gets_at_most_the_limit_accepted(
    shared_redis, monkeypatch
):
    """The application limit counts the applications accepted, so that a person correcting
    a form is not locked out; it was read before the application and counted after it, so
    every application of a burst read the same count: 20 sent at once against a limit of
    five were all accepted (only the larger limit on attempts held). A place under the limit
    is now taken before the application is checked, and given back when it is refused.
    PostgreSQL only: SQLite lets one writer in at a time."""
    if connections["default"].vendor != "postgresql":
        pytest.skip("needs PostgreSQL (DATABASE_URL=postgres://...)")
    limits = {**policy.RATE_LIMITS, "apply": policy.RateLimit(uses=5, per=timedelta(hours=1))}
    monkeypatch.setattr(policy, "RATE_LIMITS", MappingProxyType(limits))

    def apply(client, index):
        return client.post(
            "/api/v1/applications/",
            {
                **particulars(id_document_number=new_hkid()),
                "cases": '[{"case_number": "DCPI 1/2026", "party_type": "PLAINTIFF"}]',
                "proof_of_involvement": pdf(),
            },
        )

    with time_machine.travel(T0, tick=False):
        responses = _burst(apply, size=20)
        refused_form = Client().post("/api/v1/applications/", {"surname": ""})
    assert sorted(r.status_code for r in responses) == [201] * 5 + [429] * 15
    assert Application.objects.count() == 5
    assert refused_form.status_code == 429
