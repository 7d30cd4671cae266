"""SVC-4: a receipt for each payment made, with a unique receipt number, as a page and as a PDF,
in English and in Traditional Chinese; visible to its payer, its organization's PA and SAs and
the registry, and to nobody else (ROLE-1, ROLE-2). A payment not made has no receipt."""

import re

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse
from pypdf import PdfReader

from payments.models import Payment, PaymentMethod, PaymentStatus, Receipt
from payments.receipts import receipt_pdf
from payments.services import deposit_top_up, fee_pay_from_deposit
from permissions.roles import Role
from tests.factories import StaffFactory, organization_with_cases

pytestmark = pytest.mark.django_db


@pytest.fixture
def paid():
    org = organization_with_cases()
    clerk = StaffFactory(role=Role.REGISTRY)
    deposit_top_up(
        actor=clerk, organization_code=org.organization.code, amount="2000", reference="S1"
    )
    payment = fee_pay_from_deposit(
        actor=org.ou, purpose="FILING_FEE", reference="FIL-2026-000123", amount="1234.50"
    )
    return org, clerk, payment


def pdf_text(content: bytes) -> str:
    import io

    pages = PdfReader(io.BytesIO(content)).pages
    # Text in a CID font comes out with NUL bytes between characters.
    return "\n".join(page.extract_text() for page in pages).replace("\x00", "")


def test_svc_4_each_payment_made_has_a_unique_receipt_number(paid):
    org, _clerk, first = paid
    second = fee_pay_from_deposit(
        actor=org.ou, purpose="FILING_FEE", reference="FIL-2026-000124", amount="0.50"
    )
    numbers = {first.receipt.number, second.receipt.number}
    assert len(numbers) == 2
    assert all(re.fullmatch(r"R\d{4}-\d{8}", n) for n in numbers)
    with pytest.raises(IntegrityError), transaction.atomic():
        Receipt.objects.create(payment=second, number=first.receipt.number)


def test_svc_4_receipt_page_and_pdf_in_english(client, paid):
    org, _clerk, payment = paid
    client.force_login(org.ou)
    page = client.get(reverse("payments:payment", args=[payment.pk])).content.decode()
    for text in (payment.receipt.number, "HK$1,234.50", "Filing fee", "FIL-2026-000123"):
        assert text in page
    pdf = client.get(reverse("payments:payment_receipt_pdf", args=[payment.pk]))
    assert pdf["Content-Type"] == "application/pdf"
    assert payment.receipt.number in pdf["Content-Disposition"]
    text = pdf_text(pdf.content)
    assert payment.receipt.number in text and "HK$1,234.50" in text and "Receipt" in text


def test_svc_4_receipt_page_and_pdf_in_chinese(client, paid):
    org, _clerk, payment = paid
    client.force_login(org.pa)
    url = reverse("payments:payment", args=[payment.pk])
    pdf_url = reverse("payments:payment_receipt_pdf", args=[payment.pk])
    page = client.get("/zh-hant" + url).content.decode()
    assert "收據" in page and "存檔費用" in page and "HK$1,234.50" in page
    pdf = client.get("/zh-hant" + pdf_url)
    text = pdf_text(pdf.content)
    assert "收據" in text and payment.receipt.number in text


def test_svc_4_receipt_pdf_is_a_pdf_in_both_languages(paid):
    from django.utils import translation

    _org, _clerk, payment = paid
    for language in ("en", "zh-hant"):
        with translation.override(language):
            assert receipt_pdf(payment).startswith(b"%PDF-")


def test_svc_4_receipt_seen_only_by_payer_administrators_and_registry(client, paid):
    org, clerk, payment = paid
    other = organization_with_cases(name="Other & Co.")
    url = reverse("payments:payment", args=[payment.pk])
    pdf = reverse("payments:payment_receipt_pdf", args=[payment.pk])
    for viewer in (org.ou, org.pa, org.sa, clerk):
        client.force_login(viewer)
        assert client.get(url).status_code == 200, viewer.role
        assert client.get(pdf).status_code == 200, viewer.role
    for viewer in (org.ou2, other.pa, other.ou):
        client.force_login(viewer)
        assert client.get(url).status_code == 404, viewer.role
        assert client.get(pdf).status_code == 404, viewer.role
    client.force_login(StaffFactory(role=Role.HELP_CENTRE))
    assert client.get(url).status_code == 403


def test_svc_4_a_payment_not_made_has_no_receipt(client):
    org = organization_with_cases()
    failed = Payment.objects.create(
        purpose="FILING_FEE",
        reference="F9",
        amount="10.00",
        method=PaymentMethod.GATEWAY,
        status=PaymentStatus.FAILED,
        account=org.ou,
        organization=org.organization,
    )
    client.force_login(org.ou)
    page = client.get(reverse("payments:payment", args=[failed.pk])).content.decode()
    assert "Not paid" in page and "nothing has been charged" in page
    assert client.get(reverse("payments:payment_receipt_pdf", args=[failed.pk])).status_code == 404


def test_svc_4_the_receipt_pdf_in_the_api_for_those_who_see_the_payment(client, paid):
    org, clerk, payment = paid
    other = organization_with_cases(name="Other & Co.")
    url = f"/api/v1/payments/{payment.pk}/receipt.pdf"
    for viewer in (org.ou, org.pa, org.sa, clerk):
        client.force_login(viewer)
        answer = client.get(url, HTTP_ACCEPT="application/pdf")
        assert answer.status_code == 200, viewer.role
        assert answer["Content-Type"] == "application/pdf"
        assert payment.receipt.number in answer["Content-Disposition"]
    client.force_login(org.pa)
    chinese = client.get(url, HTTP_ACCEPT_LANGUAGE="zh-hant")
    assert "收據" in pdf_text(chinese.content)
    assert "Receipt" in pdf_text(client.get(url).content)
    for viewer in (org.ou2, other.pa, other.ou):
        client.force_login(viewer)
        refused = client.get(url, HTTP_ACCEPT="application/pdf")
        assert refused.status_code == 404 and refused.json()["code"] == "not_found"
    client.force_login(StaffFactory(role=Role.HELP_CENTRE))
    assert client.get(url).status_code == 403
    client.logout()
    assert client.get(url).status_code == 401


def test_svc_4_a_payment_not_made_has_no_receipt_in_the_api(client):
    org = organization_with_cases()
    failed = Payment.objects.create(
        purpose="FILING_FEE",
        reference="F9",
        amount="10.00",
        method=PaymentMethod.GATEWAY,
        status=PaymentStatus.FAILED,
        account=org.ou,
        organization=org.organization,
    )
    client.force_login(org.ou)
    assert client.get(f"/api/v1/payments/{failed.pk}/").status_code == 200
    assert client.get(f"/api/v1/payments/{failed.pk}/receipt.pdf").status_code == 404
