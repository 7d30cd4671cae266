"""SVC-1, SVC-4: the fee of a filing paid by card or FPS, against the local gateway run as a
process of its own (tests/local_gateway.py) delivering its signed events to the live server.

An IU, who has no deposit account, files two documents whose fees (HK$0.10 and HK$0.20) add up
to 0.30, which binary floating point does not hold exactly. The filing waits, awaiting payment
and out of the registry's queue, until the gateway's verified event settles the payment; then
it is submitted, with a receipt. A declined payment leaves it waiting and a new payment
(`filing_pay`) succeeds; a payer who closes the gateway's page before coming back is settled
by the event all the same; a forged event is refused and changes nothing; a replayed event
neither submits twice nor makes a second receipt. Money that arrives for a filing no longer
awaiting it (withdrawn while its payment was pending, or paid twice) goes back at once, and
the registry's rejection of a card-paid filing records the refund. The gateway out of reach
leaves the filing waiting, with nothing charged."""

import json
import time
from decimal import Decimal

import pytest
import requests
from django.conf import settings as django_settings
from django.core.files.uploadedfile import SimpleUploadedFile

from audit.models import AuditRecord
from cases.models import PartyType
from cases.services.assignment import case_assignment_create
from core.errors import NotFound
from filing.models import DocumentType, Filing, FilingStatus
from filing.selectors.filings import filing_payments, registry_queue
from filing.services.filings import (
    DocumentToFile,
    NothingToPay,
    filing_pay,
    filing_reject,
    filing_submit,
    filing_withdraw,
)
from payments.gateways.base import GatewayUnavailable
from payments.gateways.hosted import SIGNATURE_HEADER, signature
from payments.models import (
    DepositAccount,
    FeePayment,
    GatewayEvent,
    LedgerEntry,
    Payment,
    PaymentMethod,
    PaymentStatus,
    Receipt,
    Refund,
)
from payments.services import deposit_top_up
from permissions.roles import Role
from tests.factories import (
    ApiOnlyUserFactory,
    CaseLinkFactory,
    StaffFactory,
    organization_with_cases,
)
from tests.local_gateway import WEBHOOK_PATH, free_port
from tests.pdfs import good_pdf

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.documents]

SECRET = "test-only-gateway-webhook-secret"
FEE = Decimal("0.30")


@pytest.fixture
def portal(live_server, local_gateway, settings):
    settings.SITE_URL = live_server.url
    settings.PAYMENT_GATEWAY = {**django_settings.PAYMENT_GATEWAY, "API_BASE": local_gateway}
    return live_server.url


@pytest.fixture
def clerk():
    return StaffFactory(role=Role.REGISTRY)


@pytest.fixture
def world():
    """A DCPI case whose defendant an IU (no deposit account) is linked to, and whose plaintiff
    the organization represents; a Defence and a Reply cost HK$0.10, a Summons HK$0.20."""
    world = organization_with_cases()
    world.iu = ApiOnlyUserFactory()
    CaseLinkFactory(
        case=world.case,
        party=world.case.parties.get(party_type=PartyType.DEFENDANT),
        organization=None,
        individual=world.iu,
    )
    for code, fee in (("DEF", "0.10"), ("REPLY", "0.10"), ("SUM", "0.20")):
        DocumentType.objects.filter(proceeding_type__code="DCPI", code=code).update(
            fee=Decimal(fee)
        )
    return world


def pdf_upload(pages=1, name="document.pdf"):
    return SimpleUploadedFile(name, good_pdf(pages), "application/pdf")


def file_by_card(world):
    """The IU files a Defence and a Summons, to pay by card: (filing, the gateway's page)."""
    submitted = filing_submit(
        actor=world.iu,
        case_number=world.case.number,
        documents=[
            DocumentToFile("DEF", pdf_upload(1)),
            DocumentToFile("SUM", pdf_upload(2), title="Summons for directions"),
        ],
        pay_by="GATEWAY",
    )
    return submitted.filing, submitted.payment_url


def on_gateway_page(redirect_url: str, action: str) -> requests.Response:
    """The payer presses Pay or Decline on the gateway's page; the way back to the portal (a
    redirect) is not followed."""
    page = requests.get(redirect_url, timeout=10)
    assert page.status_code == 200
    assert "HKD 0.30" in page.text
    answer = requests.post(redirect_url, data={"action": action}, allow_redirects=False, timeout=30)
    assert answer.status_code == 303
    return answer


def post_event(portal, body: bytes, header: str) -> requests.Response:
    return requests.post(
        portal + WEBHOOK_PATH,
        data=body,
        headers={"Content-Type": "application/json", SIGNATURE_HEADER: header},
        timeout=10,
    )


def events_for(local_gateway, payment: Payment) -> list[dict]:
    response = requests.get(
        f"{local_gateway}/v1/events",
        headers={"Authorization": f"Bearer {django_settings.PAYMENT_GATEWAY['API_KEY']}"},
        timeout=10,
    )
    return [e for e in response.json()["data"] if payment.gateway_session_id in e["body"]]


def status_of(filing: Filing) -> str:
    return Filing.objects.get(pk=filing.pk).status


def test_svc_1_card_paid_filing_waits_for_the_gateway_then_reaches_the_queue_with_a_receipt(
    portal, world, clerk, client
):
    filing, redirect_url = file_by_card(world)
    # 0.10 + 0.20 is not 0.30 in binary floating point; the fee is exact to the cent.
    assert filing.fee == FEE and filing.fee_payment == FeePayment.GATEWAY
    assert not DepositAccount.objects.exists()
    assert status_of(filing) == FilingStatus.AWAITING_PAYMENT
    assert registry_queue(actor=clerk) == []
    payment = Payment.objects.get(reference=filing.reference)
    assert (payment.status, payment.method, payment.amount) == (
        PaymentStatus.PENDING,
        PaymentMethod.GATEWAY,
        FEE,
    )
    assert payment.account == world.iu
    back = on_gateway_page(redirect_url, "pay").headers["Location"]
    filing.refresh_from_db()
    assert filing.status == FilingStatus.SUBMITTED and filing.submitted_at
    assert [f.pk for f in registry_queue(actor=clerk)] == [filing.pk]
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.SUCCEEDED
    receipt = Receipt.objects.get(payment=payment)
    # The payer comes back to the payment's page, which shows the receipt.
    assert back.startswith(f"{portal}/payments/{payment.pk}/")
    client.force_login(world.iu)
    page = client.get(back.removeprefix(portal))
    assert page.status_code == 200
    assert receipt.number in page.content.decode() and "HK$0.30" in page.content.decode()
    # SVC-4: and leads back to the filing.
    back_link = f'href="/filings/{filing.pk}/">Back to filing {filing.reference}</a>'
    assert back_link in page.content.decode()
    submitted = AuditRecord.objects.filter(action="filing.submitted", object_id=str(filing.pk))
    assert submitted.count() == 1
    assert GatewayEvent.objects.get().outcome == "settled"


def test_svc_1_declined_payment_leaves_the_filing_waiting_and_a_new_payment_succeeds(
    portal, world, clerk
):
    filing, redirect_url = file_by_card(world)
    on_gateway_page(redirect_url, "fail")
    assert status_of(filing) == FilingStatus.AWAITING_PAYMENT
    assert registry_queue(actor=clerk) == []
    assert Payment.objects.get(reference=filing.reference).status == PaymentStatus.FAILED
    assert not Receipt.objects.exists()
    # Only the filer pays again, and only while the filing awaits payment.
    with pytest.raises(NotFound):
        filing_pay(actor=ApiOnlyUserFactory(), filing_id=filing.pk)
    on_gateway_page(filing_pay(actor=world.iu, filing_id=filing.pk), "pay")
    assert status_of(filing) == FilingStatus.SUBMITTED
    payments = filing_payments(filing)
    assert [p.status for p in payments] == [PaymentStatus.FAILED, PaymentStatus.SUCCEEDED]
    assert Receipt.objects.get().payment == payments[1]
    with pytest.raises(NothingToPay):
        filing_pay(actor=world.iu, filing_id=filing.pk)


def test_svc_1_payer_closing_the_page_before_returning_still_gets_the_filing_submitted(
    portal, world
):
    filing, redirect_url = file_by_card(world)
    on_gateway_page(redirect_url, "pay")  # the way back is never followed
    assert status_of(filing) == FilingStatus.SUBMITTED
    assert Receipt.objects.filter(payment__reference=filing.reference).count() == 1


def test_svc_4_forged_callback_for_a_filing_fee_is_refused_and_changes_nothing(portal, world):
    filing, _redirect_url = file_by_card(world)
    payment = Payment.objects.get(reference=filing.reference)
    body = json.dumps(
        {
            "id": "evt_forged",
            "type": "checkout.session.completed",
            "created": int(time.time()),
            "data": {
                "session_id": payment.gateway_session_id,
                "reference": f"P{payment.pk:08d}",
                "amount": "0.30",
                "currency": "HKD",
            },
        }
    ).encode()
    for header in (signature("not-the-secret", body, int(time.time())), "", "t=1,v1=00"):
        response = post_event(portal, body, header)
        assert response.status_code == 400, header
        assert response.json()["code"] == "event_refused"
    assert post_event(portal, body, signature(SECRET, b"{}", int(time.time()))).status_code == 400
    assert status_of(filing) == FilingStatus.AWAITING_PAYMENT
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.PENDING
    assert not GatewayEvent.objects.exists() and not Receipt.objects.exists()
    assert not AuditRecord.objects.filter(action="filing.submitted").exists()


def test_svc_4_replayed_callback_submits_once_with_one_receipt(portal, local_gateway, world):
    filing, redirect_url = file_by_card(world)
    on_gateway_page(redirect_url, "pay")
    payment = Payment.objects.get(reference=filing.reference)
    sent = events_for(local_gateway, payment)
    assert len(sent) == 1 and sent[0]["delivered_status"] == 200
    for _n in range(3):
        response = post_event(portal, sent[0]["body"].encode(), sent[0]["signature"])
        assert response.json() == {"outcome": "duplicate"}
    # The same outcome under a new event id (a provider's retry): nothing changes either.
    body = json.dumps(json.loads(sent[0]["body"]) | {"id": "evt_resent"}).encode()
    response = post_event(portal, body, signature(SECRET, body, int(time.time())))
    assert response.json() == {"outcome": "ignored"}
    assert status_of(filing) == FilingStatus.SUBMITTED
    assert Receipt.objects.filter(payment=payment).count() == 1
    assert not Refund.objects.exists()
    assert AuditRecord.objects.filter(action="filing.submitted").count() == 1


def test_svc_1_filing_withdrawn_while_its_payment_is_pending_is_refunded_when_paid(
    portal, world, clerk
):
    filing, redirect_url = file_by_card(world)
    filing_withdraw(actor=world.iu, filing_id=filing.pk)
    assert status_of(filing) == FilingStatus.WITHDRAWN
    assert not Refund.objects.exists()  # nothing was paid yet
    on_gateway_page(redirect_url, "pay")
    assert status_of(filing) == FilingStatus.WITHDRAWN
    assert registry_queue(actor=clerk) == []
    payment = Payment.objects.get(reference=filing.reference)
    assert payment.status == PaymentStatus.REFUNDED
    refund = Refund.objects.get()
    assert (refund.payment, refund.amount, refund.ledger_entry) == (payment, FEE, None)
    assert filing.reference in refund.reasons
    assert Receipt.objects.filter(payment=payment).count() == 1
    assert not LedgerEntry.objects.exists()


def test_svc_1_a_filing_paid_twice_has_the_second_payment_refunded(portal, world):
    filing, first_url = file_by_card(world)
    second_url = filing_pay(actor=world.iu, filing_id=filing.pk)
    assert second_url != first_url
    on_gateway_page(first_url, "pay")
    assert status_of(filing) == FilingStatus.SUBMITTED
    on_gateway_page(second_url, "pay")
    first, second = filing_payments(filing)
    assert (first.status, second.status) == (PaymentStatus.SUCCEEDED, PaymentStatus.REFUNDED)
    assert Refund.objects.get().payment == second
    assert status_of(filing) == FilingStatus.SUBMITTED
    assert AuditRecord.objects.filter(action="filing.submitted").count() == 1
    # The other way round: the later payment settles first, the earlier one is refunded.
    other, early_url = file_by_card(world)
    late_url = filing_pay(actor=world.iu, filing_id=other.pk)
    on_gateway_page(late_url, "pay")
    on_gateway_page(early_url, "pay")
    early, late = filing_payments(other)
    assert (early.status, late.status) == (PaymentStatus.REFUNDED, PaymentStatus.SUCCEEDED)
    assert status_of(other) == FilingStatus.SUBMITTED


def test_svc_1_rejection_of_a_card_paid_filing_records_the_refund(portal, world, clerk):
    filing, redirect_url = file_by_card(world)
    on_gateway_page(redirect_url, "pay")
    filing_reject(actor=clerk, filing_id=filing.pk, reasons="Not signed.")
    assert status_of(filing) == FilingStatus.REJECTED
    payment = Payment.objects.get(reference=filing.reference)
    assert payment.status == PaymentStatus.REFUNDED
    refund = Refund.objects.get()
    assert (refund.payment, refund.amount, refund.recorded_by) == (payment, FEE, clerk)
    assert refund.ledger_entry is None and refund.reasons == "Not signed."
    assert AuditRecord.objects.filter(action="payment.refunded").count() == 1


def test_svc_1_card_paid_filing_withdrawn_after_payment_is_refunded_once(portal, world):
    filing, redirect_url = file_by_card(world)
    on_gateway_page(redirect_url, "pay")
    filing_withdraw(actor=world.iu, filing_id=filing.pk)
    assert status_of(filing) == FilingStatus.WITHDRAWN
    assert Refund.objects.get().payment.reference == filing.reference
    assert Payment.objects.get().status == PaymentStatus.REFUNDED


def test_svc_4_gateway_out_of_reach_leaves_the_filing_waiting_with_nothing_charged(
    portal, world, settings
):
    reachable = settings.PAYMENT_GATEWAY
    settings.PAYMENT_GATEWAY = {**reachable, "API_BASE": f"http://127.0.0.1:{free_port()}"}
    with pytest.raises(GatewayUnavailable) as unavailable:
        file_by_card(world)
    filing = Filing.objects.get()
    # The filing is kept, awaiting payment, and named by the error so that its page is shown.
    assert unavailable.value.filing == filing
    assert filing.status == FilingStatus.AWAITING_PAYMENT
    assert Payment.objects.get().status == PaymentStatus.FAILED
    assert not Receipt.objects.exists()
    with pytest.raises(GatewayUnavailable):
        filing_pay(actor=world.iu, filing_id=filing.pk)
    settings.PAYMENT_GATEWAY = reachable
    on_gateway_page(filing_pay(actor=world.iu, filing_id=filing.pk), "pay")
    assert status_of(filing) == FilingStatus.SUBMITTED
    assert [p.status for p in filing_payments(filing)] == [
        PaymentStatus.FAILED,
        PaymentStatus.FAILED,
        PaymentStatus.SUCCEEDED,
    ]


def test_svc_1_deposit_paid_filing_is_submitted_once_by_its_filer(world, clerk):
    case_world = world
    case_assignment_create(
        actor=case_world.pa, link_id=case_world.link.pk, organization_user_id=case_world.ou.pk
    )
    deposit_top_up(
        actor=clerk, organization_code=case_world.organization.code, amount="1.00", reference="S1"
    )
    filing = filing_submit(
        actor=case_world.ou,
        case_number=case_world.case.number,
        documents=[DocumentToFile("REPLY", pdf_upload(1)), DocumentToFile("SUM", pdf_upload(2))],
        pay_by="DEPOSIT",
    ).filing
    assert status_of(filing) == FilingStatus.SUBMITTED
    submitted = AuditRecord.objects.filter(action="filing.submitted")
    assert submitted.count() == 1
    assert submitted.get().actor == case_world.ou
    assert DepositAccount.objects.get().balance == Decimal("0.70")
