"""SVC-2, GEN-3, SVC-4: the paid inspection of a document open to public inspection, against
the local payment gateway run as a process of its own. Anyone, without logging in, pays the
search fee for one document; the gateway's verified event grants the inspection; the payer,
with the payment's secret token (only its keyed hash is stored), downloads the PDF from the
payment's page or from /documents/inspect/<token>/, until the link expires and only while the
document stays open to the public. Before payment, with a wrong or forged token, after expiry
or once the document is closed: no download."""

import datetime
import logging

import pytest
import requests
from django.conf import settings as django_settings
from django.utils import timezone

from audit.models import AuditRecord
from filing.models import DocumentType
from inspection.models import InspectionGrant
from inspection.services import case_inspection_set
from payments.models import Payment, PaymentStatus
from payments.tokens import token_hash
from permissions.roles import Role
from tests.factories import CaseFactory, StaffFactory
from tests.inspection_helpers import case_document

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.documents]


@pytest.fixture
def portal(live_server, local_gateway, settings):
    settings.SITE_URL = live_server.url
    settings.PAYMENT_GATEWAY = {**django_settings.PAYMENT_GATEWAY, "API_BASE": local_gateway}
    return live_server.url


@pytest.fixture
def writ():
    return case_document(
        CaseFactory(title="CHAN Tai Man v. LEE Ka Yan"), kind="WRIT", title="Writ of Summons"
    )


def pay_on_gateway_page(redirect_url: str, action: str = "pay") -> str:
    """The payer presses Pay (or Decline) on the gateway's page: where it is sent back."""
    page = requests.get(redirect_url, timeout=10)
    assert page.status_code == 200 and "HKD 145.00" in page.text
    answer = requests.post(redirect_url, data={"action": action}, allow_redirects=False, timeout=30)
    assert answer.status_code == 303
    return answer.headers["Location"]


def test_svc_2_pay_then_download_through_the_payment_page_and_the_link(portal, writ, client):
    page = client.get("/documents/search/", {"case_number": writ.case.number}).content.decode()
    assert f'href="/documents/{writ.pk}/inspection/?query=case_number%3D' in page
    # Before any money moves: what the fee buys, for how long, and to keep the address.
    confirm = client.get(f"/documents/{writ.pk}/inspection/", {"query": "case_number=X"})
    text = confirm.content.decode()
    assert confirm.status_code == 200 and "Writ of Summons" in text and "HK$145.00" in text
    assert "for 72 hours" in text and "your only way back" in text
    assert f'action="/documents/{writ.pk}/inspection/"' in text
    assert 'href="/documents/search/?case_number=X"' in text
    assert not Payment.objects.exists()
    to_gateway = client.post(f"/documents/{writ.pk}/inspection/")
    assert to_gateway.status_code == 302
    payment = Payment.objects.get()
    assert (payment.purpose, payment.reference, payment.amount, payment.account_id) == (
        "SEARCH_FEE",
        f"DOC-{writ.pk}",
        payment.amount,
        None,
    )
    assert str(payment.amount) == "145.00"
    assert not InspectionGrant.objects.exists()
    back = pay_on_gateway_page(to_gateway["Location"])
    path = back.removeprefix(portal).split("?")[0]
    token = path.split("/p/")[1].strip("/")
    # Only the keyed hash of the token is kept, on the payment and on its grant.
    grant = InspectionGrant.objects.get()
    assert grant.token_hash == token_hash(token) == Payment.objects.get().access_token_hash
    assert token not in grant.token_hash
    assert grant.document_id == writ.pk
    payment.refresh_from_db()
    assert grant.expires_at == payment.settled_at + datetime.timedelta(hours=72)
    assert AuditRecord.objects.filter(action="document.inspection_paid").count() == 1
    # The payment's secret page leads to the document.
    receipt_page = client.get(path).content.decode()
    assert payment.receipt.number in receipt_page
    # The receipt says what was inspected, not only the reference DOC-<id>.
    assert f"<dt>Details</dt><dd>Writ of Summons, {writ.case.number}</dd>" in receipt_page
    chinese = client.get("/zh-hant" + path).content.decode()
    assert f"<dt>詳情</dt><dd>Writ of Summons，{writ.case.number}</dd>" in chinese
    assert f"/documents/inspect/{token}/" in receipt_page and "Inspect the document" in receipt_page
    inspect = client.get(f"/documents/inspect/{token}/")
    assert inspect.status_code == 200
    text = inspect.content.decode()
    assert (
        "Writ of Summons" in text
        and writ.case.number in text
        and "CHAN Tai Man v. LEE Ka Yan" in text
    )
    download = client.get(f"/documents/inspect/{token}/document.pdf")
    assert download.status_code == 200 and download["Content-Type"] == "application/pdf"
    assert b"".join(download.streaming_content) == writ.file.open("rb").read()
    assert "no-store" in download["Cache-Control"]
    # In Chinese too.
    assert client.get(f"/zh-hant/documents/inspect/{token}/").status_code == 200


def test_svc_2_api_before_payment_no_download_after_payment_the_pdf(portal, writ):
    started = requests.post(f"{portal}/api/v1/documents/{writ.pk}/inspection/", timeout=30)
    assert started.status_code == 201, started.text
    body = started.json()
    assert body["payment"]["amount"] == "145.00" and body["payment"]["status"] == "PENDING"
    token = body["token"]
    assert body["download_url"] == f"{portal}/api/v1/documents/inspect/{token}/"
    before = requests.get(body["download_url"], timeout=10)
    assert before.status_code == 409 and before.json()["code"] == "not_paid"
    waiting = requests.get(f"{portal}/documents/inspect/{token}/", timeout=10)
    assert waiting.status_code == 200 and "waiting for the payment service" in waiting.text
    assert (
        requests.get(f"{portal}/documents/inspect/{token}/document.pdf", timeout=10).status_code
        == 409
    )
    pay_on_gateway_page(body["payment_url"])
    assert requests.get(body["status_url"], timeout=10).json()["status"] == "SUCCEEDED"
    after = requests.get(body["download_url"], timeout=10)
    assert after.status_code == 200 and after.headers["Content-Type"] == "application/pdf"
    assert after.content == writ.file.open("rb").read()


def test_svc_2_a_declined_payment_grants_nothing(portal, writ):
    body = requests.post(f"{portal}/api/v1/documents/{writ.pk}/inspection/", timeout=30).json()
    pay_on_gateway_page(body["payment_url"], "fail")
    assert Payment.objects.get().status == PaymentStatus.FAILED
    assert not InspectionGrant.objects.exists()
    refused = requests.get(body["download_url"], timeout=10)
    assert refused.status_code == 409 and refused.json()["code"] == "not_paid"
    # The declined payment's page leads back to the search, to start again.
    page = requests.get(f"{portal}/payments/p/{body['token']}/", timeout=10).text
    assert "nothing has been charged" in page
    assert 'href="/documents/search/"' in page and "Back to the public search" in page


def test_svc_2_wrong_or_forged_tokens_are_not_found(portal, writ):
    body = requests.post(f"{portal}/api/v1/documents/{writ.pk}/inspection/", timeout=30).json()
    pay_on_gateway_page(body["payment_url"])
    token = body["token"]
    grant = InspectionGrant.objects.get()
    # A search fee paid on its own (no document) opens no document either.
    other = requests.post(
        f"{portal}/api/v1/payments/search-fee/", json={"reference": "R1"}, timeout=30
    ).json()
    pay_on_gateway_page(other["redirect_url"])
    for wrong in (
        token[:-1] + ("A" if token[-1] != "A" else "B"),
        token.upper() if token.upper() != token else token.lower(),
        grant.token_hash,  # the stored hash is not the token
        "nope",
        other["token"],
    ):
        assert requests.get(f"{portal}/documents/inspect/{wrong}/", timeout=10).status_code == 404
        assert (
            requests.get(f"{portal}/documents/inspect/{wrong}/document.pdf", timeout=10).status_code
            == 404
        )
        api = requests.get(f"{portal}/api/v1/documents/inspect/{wrong}/", timeout=10)
        assert api.status_code == 404 and api.json()["code"] == "not_found"
    assert requests.get(body["download_url"], timeout=10).status_code == 200


def test_svc_2_an_expired_link_is_refused_with_a_clear_page(portal, writ, caplog):
    caplog.set_level(logging.INFO)
    body = requests.post(f"{portal}/api/v1/documents/{writ.pk}/inspection/", timeout=30).json()
    pay_on_gateway_page(body["payment_url"])
    token = body["token"]
    grant = InspectionGrant.objects.get()
    InspectionGrant.objects.filter(pk=grant.pk).update(
        expires_at=timezone.now() - datetime.timedelta(seconds=1)
    )
    page = requests.get(f"{portal}/documents/inspect/{token}/", timeout=10)
    assert page.status_code == 410 and "This link has expired" in page.text
    assert "Download the document" not in page.text
    download = requests.get(f"{portal}/documents/inspect/{token}/document.pdf", timeout=10)
    assert download.status_code == 410 and "This link has expired" in download.text
    api = requests.get(body["download_url"], timeout=10)
    assert api.status_code == 410 and api.json()["code"] == "link_expired"
    zh = requests.get(f"{portal}/zh-hant/documents/inspect/{token}/", timeout=10)
    assert zh.status_code == 410 and "連結已過期" in zh.text
    # AUTH-6: the refused requests are logged without their token.
    assert "Gone: /documents/inspect/…/" in caplog.text and token not in caplog.text


def test_svc_2_a_document_closed_after_payment_is_refused(portal, writ):
    body = requests.post(f"{portal}/api/v1/documents/{writ.pk}/inspection/", timeout=30).json()
    pay_on_gateway_page(body["payment_url"])
    assert requests.get(body["download_url"], timeout=10).status_code == 200
    clerk = StaffFactory(role=Role.REGISTRY)
    case_inspection_set(actor=clerk, case_id=writ.case_id, closed=True, reasons="Sealed by order")
    api = requests.get(body["download_url"], timeout=10)
    assert api.status_code == 410 and api.json()["code"] == "not_open_to_inspection"
    page = requests.get(f"{portal}/documents/inspect/{body['token']}/", timeout=10)
    assert page.status_code == 410 and "no longer open to public inspection" in page.text
    assert "Writ of Summons" not in page.text
    # Opened again: the link works again while it lasts; the type closed: refused again.
    case_inspection_set(actor=clerk, case_id=writ.case_id, closed=False)
    assert requests.get(body["download_url"], timeout=10).status_code == 200
    DocumentType.objects.filter(code="WRIT").update(open_to_public_inspection=False)
    assert requests.get(body["download_url"], timeout=10).status_code == 410


@pytest.mark.parametrize("typed", ["DOC-{id}", "doc-{id}", "  Doc-{id}", "DOC-987654"])
def test_svc_2_gen_3_the_search_fee_form_cannot_pay_for_a_document(client, typed):
    """A payer's own reference may not name a document: only a document open to inspection,
    from its own page, starts that payment. A direction is not open to public inspection; paid
    through the search fee's form, it would have granted a link to it (and told a stranger
    whether a hidden document exists)."""
    hidden = case_document(CaseFactory(), kind="DIRECTION")
    reference = typed.format(id=hidden.pk)
    api = client.post(
        "/api/v1/payments/search-fee/", {"reference": reference}, content_type="application/json"
    )
    assert api.status_code == 400
    assert "kept for inspecting a document" in str(api.json())
    page = client.post("/payments/search-fee/", {"reference": reference})
    assert page.status_code == 200
    assert "This reference is kept for inspecting a document." in page.content.decode()
    chinese = client.post("/zh-hant/payments/search-fee/", {"reference": reference})
    assert "此參考編號只供查閱文件之用。" in chinese.content.decode()
    assert not Payment.objects.exists()
    assert not InspectionGrant.objects.exists()


@pytest.mark.postgres
def test_svc_2_svc_4_the_fee_settled_by_events_at_once_grants_one_72_hour_link(portal, writ):
    """The gateway's event for one paid inspection arrives eight times at the same moment (a
    provider's retries, some under the same event id, some under new ones), each a request of
    its own to the portal: the payment is settled once, with one receipt and one grant whose
    link lasts 72 hours from the settlement, and the link downloads the document."""
    import json
    import time

    from django.db import connection

    from inspection.services import inspection_start
    from payments.gateways.hosted import SIGNATURE_HEADER, signature
    from payments.models import Receipt
    from payments.services import payment_number
    from tests.local_gateway import WEBHOOK_PATH
    from tests.test_concurrency import run_in_parallel

    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (DATABASE_URL=postgres://...)")
    payment, _url, token = inspection_start(actor=None, document_id=writ.pk)
    secret = django_settings.PAYMENT_GATEWAY["WEBHOOK_SECRET"]

    def event(index):
        body = json.dumps(
            {
                "id": "evt_race" if index % 2 else f"evt_race_{index}",
                "type": "checkout.session.completed",
                "data": {
                    "session_id": payment.gateway_session_id,
                    "reference": payment_number(payment),
                    "amount": "145.00",
                    "currency": "HKD",
                },
            }
        ).encode()
        answer = requests.post(
            portal + WEBHOOK_PATH,
            data=body,
            headers={
                "Content-Type": "application/json",
                SIGNATURE_HEADER: signature(secret, body, int(time.time())),
            },
            timeout=30,
        )
        return answer.status_code, answer.json()["outcome"]

    results = run_in_parallel(8, event)
    assert all(kind == "ok" for kind, _value in results), results
    outcomes = [outcome for _kind, (status, outcome) in results if status == 200]
    assert len(outcomes) == 8 and outcomes.count("settled") == 1, results
    assert set(outcomes) <= {"settled", "duplicate", "ignored"}
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.SUCCEEDED
    assert Receipt.objects.filter(payment=payment).count() == 1
    grant = InspectionGrant.objects.get()
    assert grant.expires_at == payment.settled_at + datetime.timedelta(hours=72)
    assert AuditRecord.objects.filter(action="document.inspection_paid").count() == 1
    assert AuditRecord.objects.filter(action="payment.succeeded").count() == 1
    download = requests.get(f"{portal}/documents/inspect/{token}/document.pdf", timeout=30)
    assert download.status_code == 200 and download.content.startswith(b"%PDF")
