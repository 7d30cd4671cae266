"""SVC-4, GEN-3: payments by card or FPS through the payment gateway adapter, against the local
gateway run as a process of its own on loopback (`manage.py run_local_gateway`), which speaks a
hosted-payment-page provider's protocol: a session and its page, the payer sent back, and a
webhook signed with HMAC-SHA256 over the raw body and a timestamp. Only a verified event
settles a payment: a successful payment gets its receipt, a declined one none; a forged or
stale event is refused; a replayed event changes nothing (no second receipt); a payer who
closes the page before returning is settled by the webhook all the same. The search fee is
paid without logging in, and its receipt is reached through the payment's secret link."""

import json
import time

import pytest
import requests
from django.conf import settings as django_settings

from audit.models import AuditRecord
from core.errors import NotPermitted
from payments.fees import PUBLIC_SEARCH_FEE_HKD
from payments.gateways.base import GatewayUnavailable
from payments.gateways.hosted import SIGNATURE_HEADER, signature
from payments.models import GatewayEvent, Payment, PaymentStatus, Receipt
from payments.services import gateway_payment_start
from tests.factories import ApiOnlyUserFactory
from tests.local_gateway import WEBHOOK_PATH, free_port

pytestmark = pytest.mark.django_db(transaction=True)

SECRET = "test-only-gateway-webhook-secret"


@pytest.fixture
def portal(live_server, local_gateway, settings):
    settings.SITE_URL = live_server.url
    settings.PAYMENT_GATEWAY = {**django_settings.PAYMENT_GATEWAY, "API_BASE": local_gateway}
    return live_server.url


def start_search_fee(reference="DCPI 1234/2025"):
    return gateway_payment_start(
        actor=None, purpose="SEARCH_FEE", reference=reference, amount=PUBLIC_SEARCH_FEE_HKD
    )


def settle_on_gateway_page(redirect_url: str, action: str) -> requests.Response:
    """The payer on the gateway's page presses Pay or Decline; the gateway's answer (a redirect
    back to the portal) is not followed: the payer closes the page there."""
    page = requests.get(redirect_url, timeout=10)
    assert page.status_code == 200
    assert "HKD 145.00" in page.text
    answer = requests.post(redirect_url, data={"action": action}, allow_redirects=False, timeout=30)
    assert answer.status_code == 303
    return answer


def events_sent(local_gateway) -> list[dict]:
    response = requests.get(
        f"{local_gateway}/v1/events",
        headers={"Authorization": f"Bearer {django_settings.PAYMENT_GATEWAY['API_KEY']}"},
        timeout=10,
    )
    return response.json()["data"]


def post_event(portal, body: bytes, header: str) -> requests.Response:
    return requests.post(
        portal + WEBHOOK_PATH,
        data=body,
        headers={"Content-Type": "application/json", SIGNATURE_HEADER: header},
        timeout=10,
    )


def test_svc_4_payment_succeeds_through_the_local_gateway_and_returns_to_a_receipt(portal):
    payment, redirect_url, token = start_search_fee()
    assert payment.status == PaymentStatus.PENDING and payment.gateway_session_id
    answer = settle_on_gateway_page(redirect_url, "pay")
    back = answer.headers["Location"]
    assert back.startswith(f"{portal}/payments/p/{token}/")
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.SUCCEEDED
    receipt = Receipt.objects.get(payment=payment)
    page = requests.get(back, timeout=10)
    assert page.status_code == 200
    assert receipt.number in page.text and "HK$145.00" in page.text
    assert GatewayEvent.objects.get().outcome == "settled"


def test_svc_4_declined_payment_fails_with_no_receipt(portal):
    payment, redirect_url, _token = start_search_fee()
    back = settle_on_gateway_page(redirect_url, "fail").headers["Location"]
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.FAILED
    assert not Receipt.objects.exists()
    assert "nothing has been charged" in requests.get(back, timeout=10).text
    assert AuditRecord.objects.filter(action="payment.failed").count() == 1


def test_svc_4_closing_the_page_before_returning_still_completes_the_payment(portal):
    payment, redirect_url, _token = start_search_fee()
    settle_on_gateway_page(redirect_url, "pay")  # never follows the way back
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.SUCCEEDED
    assert Receipt.objects.filter(payment=payment).count() == 1


def test_svc_4_forged_callback_is_refused(portal):
    payment, _redirect_url, _token = start_search_fee()
    body = json.dumps(
        {
            "id": "evt_forged",
            "type": "checkout.session.completed",
            "created": int(time.time()),
            "data": {
                "session_id": payment.gateway_session_id,
                "reference": f"P{payment.pk:08d}",
                "amount": "145.00",
                "currency": "HKD",
            },
        }
    ).encode()
    for header in (
        signature("not-the-secret", body, int(time.time())),
        "",
        "t=abc,v1=00",
    ):
        response = post_event(portal, body, header)
        assert response.status_code == 400, header
        assert response.json()["code"] == "event_refused"
    # A genuine signature over another body does not carry over to this one.
    genuine = signature(SECRET, b"{}", int(time.time()))
    assert post_event(portal, body, genuine).status_code == 400
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.PENDING
    assert not GatewayEvent.objects.exists() and not Receipt.objects.exists()


def test_svc_4_stale_callback_is_refused(portal):
    payment, _redirect_url, _token = start_search_fee()
    body = json.dumps(
        {
            "id": "evt_stale",
            "type": "checkout.session.completed",
            "created": int(time.time()) - 600,
            "data": {
                "session_id": payment.gateway_session_id,
                "reference": f"P{payment.pk:08d}",
                "amount": "145.00",
                "currency": "HKD",
            },
        }
    ).encode()
    response = post_event(portal, body, signature(SECRET, body, int(time.time()) - 600))
    assert response.status_code == 400
    assert response.json()["code"] == "event_stale"
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.PENDING


def test_svc_4_replayed_callback_gives_no_second_credit(portal, local_gateway):
    payment, redirect_url, _token = start_search_fee()
    settle_on_gateway_page(redirect_url, "pay")
    sent = [
        event for event in events_sent(local_gateway) if payment.gateway_session_id in event["body"]
    ]
    assert len(sent) == 1 and sent[0]["delivered_status"] == 200
    for _n in range(3):
        response = post_event(portal, sent[0]["body"].encode(), sent[0]["signature"])
        assert response.status_code == 200
        assert response.json() == {"outcome": "duplicate"}
    # The same outcome again under a new event id (a provider's retry): nothing changes.
    again = json.loads(sent[0]["body"]) | {"id": "evt_resent"}
    body = json.dumps(again).encode()
    response = post_event(portal, body, signature(SECRET, body, int(time.time())))
    assert response.json() == {"outcome": "ignored"}
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.SUCCEEDED
    assert Receipt.objects.filter(payment=payment).count() == 1
    assert AuditRecord.objects.filter(action="payment.succeeded").count() == 1


def test_svc_4_an_event_for_another_amount_settles_nothing(portal):
    payment, _redirect_url, _token = start_search_fee()
    body = json.dumps(
        {
            "id": "evt_cheap",
            "type": "checkout.session.completed",
            "created": int(time.time()),
            "data": {
                "session_id": payment.gateway_session_id,
                "reference": f"P{payment.pk:08d}",
                "amount": "0.01",
                "currency": "HKD",
            },
        }
    ).encode()
    response = post_event(portal, body, signature(SECRET, body, int(time.time())))
    assert response.json() == {"outcome": "amount_mismatch"}
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.PENDING


def test_gen_3_search_fee_paid_without_login_with_receipt_page_and_pdf(portal, client):
    form = client.get("/payments/search-fee/")
    assert form.status_code == 200 and "HK$145.00" in form.content.decode()
    to_gateway = client.post("/payments/search-fee/", {"reference": "DCPI 1234/2025"})
    assert to_gateway.status_code == 302
    back = settle_on_gateway_page(to_gateway["Location"], "pay").headers["Location"]
    path = back.removeprefix(portal)
    receipt_page = client.get(path).content.decode()
    payment = Payment.objects.get()
    assert (payment.account_id, payment.status) == (None, PaymentStatus.SUCCEEDED)
    assert payment.reference == "DCPI 1234/2025"
    assert payment.receipt.number in receipt_page and "HK$145.00" in receipt_page
    pdf = client.get(path.split("?")[0] + "receipt.pdf")
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")
    # The same in Chinese.
    zh = client.get("/zh-hant" + path).content.decode()
    assert "收據" in zh and payment.receipt.number in zh
    assert client.get("/zh-hant" + path.split("?")[0] + "receipt.pdf").content.startswith(b"%PDF")
    # The API's status link, without login; a wrong token is not found.
    token = path.split("/p/")[1].split("/")[0]
    status = client.get(f"/api/v1/payments/by-token/{token}/").json()
    assert (status["status"], status["amount"]) == ("SUCCEEDED", "145.00")
    assert status["receipt"]["number"] == payment.receipt.number
    assert client.get("/api/v1/payments/by-token/nope/").status_code == 404
    assert client.get("/payments/p/nope/").status_code == 404
    # Its receipt as a PDF through the API too.
    api_pdf = client.get(f"/api/v1/payments/by-token/{token}/receipt.pdf")
    assert api_pdf.status_code == 200 and api_pdf["Content-Type"] == "application/pdf"
    assert api_pdf.content.startswith(b"%PDF")
    assert payment.receipt.number in api_pdf["Content-Disposition"]
    assert client.get("/api/v1/payments/by-token/nope/receipt.pdf").status_code == 404


def test_gen_3_search_fee_api_without_login(portal):
    started = requests.post(
        f"{portal}/api/v1/payments/search-fee/", json={"reference": "R1"}, timeout=30
    )
    assert started.status_code == 201, started.text
    body = started.json()
    assert body["payment"]["amount"] == "145.00" and body["payment"]["status"] == "PENDING"
    settle_on_gateway_page(body["redirect_url"], "pay")
    assert requests.get(body["status_url"], timeout=10).json()["status"] == "SUCCEEDED"


def test_gen_3_a_fee_that_needs_identity_is_not_paid_without_login(portal):
    with pytest.raises(NotPermitted):
        gateway_payment_start(actor=None, purpose="FILING_FEE", reference="F1", amount="630.00")
    assert not Payment.objects.exists()
    iu = ApiOnlyUserFactory()
    payment, redirect_url, token = gateway_payment_start(
        actor=iu, purpose="FILING_FEE", reference="F1", amount="630.00"
    )
    assert token is None
    back = settle_on_gateway_page_amount(redirect_url)
    assert back.endswith(f"/payments/{payment.pk}/?session_id={payment.gateway_session_id}")
    payment.refresh_from_db()
    assert (payment.status, payment.account_id) == (PaymentStatus.SUCCEEDED, iu.pk)


def settle_on_gateway_page_amount(redirect_url: str) -> str:
    answer = requests.post(redirect_url, data={"action": "pay"}, allow_redirects=False, timeout=30)
    return answer.headers["Location"]


def test_svc_4_gateway_unreachable_fails_the_payment_with_nothing_charged(portal, settings):
    settings.PAYMENT_GATEWAY = {
        **settings.PAYMENT_GATEWAY,
        "API_BASE": f"http://127.0.0.1:{free_port()}",
    }
    with pytest.raises(GatewayUnavailable):
        start_search_fee()
    assert Payment.objects.get().status == PaymentStatus.FAILED
