"""Certification of translations by electronic means (SVC-6 [A38], SVC-4, SVC-5, MSG-1): an OU
assigned to a case, or an IU linked to it, submits the translation (a PDF) of a document of
the case's file or of an uploaded source, English into Chinese or the other way, and pays a
fee per page (from the deposit account in the request's own transaction, or by card or FPS
through the gateway); bad files store nothing; the registry certifies it (the translation is
issued to the case with a DRN and a QR code and reaches the case's Message Boxes) or rejects it
with reasons (the fee goes back); the applicant withdraws it before the decision (the fee goes
back); another party's or organization's request is not found; only the registry decides."""

import re
from decimal import Decimal

import pytest

from audit.models import AuditRecord
from cases.models import PartyType
from cases.services.assignment import case_assignment_remove
from core.errors import InvalidTransition, NotFound, NotPermitted, ValidationFailed
from core.models import HeldUpload
from core.uploads import upload_sha256
from documents.drn import drn_read
from documents.models import CaseDocument, DocumentOrigin, IssuedKind
from documents.services import document_issue
from filing.storage import content_store
from messaging.models import Message
from payments.models import Payment, PaymentStatus, Refund
from payments.services import InsufficientBalance
from permissions.roles import Role
from tests.factories import (
    ApiOnlyUserFactory,
    CaseLinkFactory,
    StaffFactory,
    api_as,
    organization_with_cases,
)
from tests.filing_helpers import assigned_organization, balance, pdf_upload, registry_clerk
from tests.pdfs import encrypted_pdf, good_pdf, javascript_open_action_pdf
from translations.models import CertificationRequest, CertificationStatus
from translations.selectors import registry_queue, request_for, requests_of
from translations.services import (
    certification_apply,
    certification_certify,
    certification_reject,
    certification_withdraw,
)

pytestmark = [pytest.mark.django_db, pytest.mark.documents]


def pdf(content=None, name="translation.pdf"):
    return pdf_upload(content, name)


@pytest.fixture
def clerk():
    return registry_clerk()


@pytest.fixture
def org(clerk):
    """An organization whose OU `ou` is assigned to its DCPI case (the plaintiff), with
    HK$1,000.00 in its deposit account, and an order issued to the case."""
    world = assigned_organization(clerk, reasons="Cheque received")
    world.order = document_issue(
        actor=clerk,
        case_id=world.case.pk,
        kind=IssuedKind.ORDER,
        title="Order for directions",
        method="UPLOADED",
        upload=pdf(name="order.pdf"),
    ).document
    return world


def apply_as_ou(org, **overrides):
    values = {
        "actor": org.ou,
        "case_id": org.case.pk,
        "source_document_id": org.order.pk,
        "translation_file": pdf(good_pdf(2)),
        "source_language": "en",
        "target_language": "zh",
        "pay_by": "DEPOSIT",
    }
    values.update(overrides)
    return certification_apply(**values).request


def test_svc_6_assigned_ou_applies_and_pays_per_page_from_the_deposit_account(org, clerk):
    request = apply_as_ou(org)
    assert request.status == CertificationStatus.SUBMITTED and request.submitted_at
    assert request.reference.startswith("T20") and len(request.reference) == 14
    assert request.pages == 2 and request.fee == Decimal("190.00")
    assert balance(org) == Decimal("810.00")
    assert (
        request.organization == org.organization and request.source_title == "Order for directions"
    )
    payment = Payment.objects.get(reference=request.reference)
    assert payment.status == PaymentStatus.SUCCEEDED and payment.amount == Decimal("190.00")
    assert content_store().exists(request.translation_sha256)
    assert [r.pk for r in registry_queue(actor=clerk)] == [request.pk]
    actions = set(
        AuditRecord.objects.filter(
            object_type="translations.certificationrequest", object_id=str(request.pk)
        ).values_list("action", flat=True)
    )
    assert actions == {"certification.created", "certification.submitted"}


def test_svc_6_uploaded_source_needs_a_title_and_is_stored(org):
    with pytest.raises(ValidationFailed) as refused:
        apply_as_ou(org, source_document_id=None, source_file=pdf(name="source.pdf"))
    assert "source_title" in refused.value.errors
    request = apply_as_ou(
        org,
        source_document_id=None,
        source_file=pdf(good_pdf(3), name="witness.pdf"),
        source_title="Witness statement of CHAN Tai Man",
        source_language="zh",
        target_language="en",
    )
    assert request.source_uploaded and request.source_page_count == 3
    assert content_store().exists(request.source_sha256)


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"", "empty"),
        (b"MZ\x90\x00 not a pdf at all", "not a PDF"),
        (encrypted_pdf(), "password"),
        (javascript_open_action_pdf(), "script"),
    ],
    ids=["zero_bytes", "renamed_non_pdf", "encrypted", "javascript"],
)
def test_svc_6_bad_pdfs_refused_with_nothing_stored(org, content, expected):
    source = pdf(good_pdf(4), name="source.pdf")
    with pytest.raises(ValidationFailed) as refused:
        apply_as_ou(
            org,
            source_document_id=None,
            source_file=source,
            source_title="Statement",
            translation_file=pdf(content),
        )
    assert expected in refused.value.errors["translation_file"][0]
    assert (
        not CertificationRequest.objects.exists()
        and not Payment.objects.filter(purpose="TRANSLATION_FEE").exists()
    )
    assert not content_store().exists(upload_sha256(source))
    assert balance(org) == Decimal("1000.00")


def test_svc_6_same_language_and_unknown_source_document_are_refused(org):
    other = organization_with_cases(name="Other & Co")
    with pytest.raises(ValidationFailed) as refused:
        apply_as_ou(org, target_language="en")
    assert "target_language" in refused.value.errors
    foreign = CaseDocument.objects.create(
        case=other.case,
        origin=DocumentOrigin.FILED,
        kind="DEF",
        title="Their defence",
        sha256="0" * 64,
        size=1,
        page_count=1,
        dated_at=org.order.dated_at,
    )
    with pytest.raises(ValidationFailed) as refused:
        apply_as_ou(org, source_document_id=foreign.pk)
    assert "source_document" in refused.value.errors


def test_svc_6_insufficient_balance_applies_for_nothing_and_stores_nothing(org):
    translation = pdf(good_pdf(11))  # 11 pages: HK$1,045.00
    with pytest.raises(InsufficientBalance):
        apply_as_ou(org, translation_file=translation)
    assert not CertificationRequest.objects.exists()
    assert not content_store().exists(upload_sha256(translation))
    assert balance(org) == Decimal("1000.00")


def test_svc_6_certify_issues_the_translation_with_a_drn_to_the_case_file_and_message_boxes(
    org, clerk
):
    request = apply_as_ou(org)
    before = Message.objects.count()
    certified = certification_certify(actor=clerk, request_id=request.pk)
    assert certified.status == CertificationStatus.CERTIFIED
    document = certified.certified_document
    assert document.case == org.case and document.origin == DocumentOrigin.ISSUED
    assert document.kind == IssuedKind.CERTIFIED_TRANSLATION
    assert document.title == "Certified translation of Order for directions"
    assert drn_read(document.drn).drn == document.drn and document.page_count == 2
    # In the case file the OU inspects, and in the Message Boxes of the case's recipients.
    from documents.selectors import case_documents

    _case, documents = case_documents(actor=org.ou, case_id=org.case.pk)
    assert document in documents
    delivered = Message.objects.filter(case=org.case).order_by("-pk")[
        : Message.objects.count() - before
    ]
    assert org.ou in [m.recipient for m in delivered]
    assert all(document.display_drn in m.body for m in delivered)
    assert AuditRecord.objects.filter(
        action="certification.certified", object_id=str(request.pk)
    ).exists()
    with pytest.raises(InvalidTransition):
        certification_certify(actor=clerk, request_id=request.pk)


def test_svc_6_reject_with_reasons_refunds_the_fee_and_tells_the_applicant(org, clerk):
    request = apply_as_ou(org)
    with pytest.raises(ValidationFailed):
        certification_reject(actor=clerk, request_id=request.pk, reasons="  ")
    certification_reject(actor=clerk, request_id=request.pk, reasons="Pages 2 missing.")
    request.refresh_from_db()
    assert request.status == CertificationStatus.REJECTED and request.reasons == "Pages 2 missing."
    assert balance(org) == Decimal("1000.00")
    assert Payment.objects.get(reference=request.reference).status == PaymentStatus.REFUNDED
    message = Message.objects.filter(recipient=org.ou).latest("pk")
    assert request.reference in message.subject and "Pages 2 missing." in message.body
    assert not CaseDocument.objects.filter(kind=IssuedKind.CERTIFIED_TRANSLATION).exists()


def test_svc_6_applicant_withdraws_before_the_decision_and_the_fee_goes_back(org, clerk):
    request = apply_as_ou(org)
    with pytest.raises(NotFound):
        certification_withdraw(actor=org.ou2, request_id=request.pk)
    certification_withdraw(actor=org.ou, request_id=request.pk)
    request.refresh_from_db()
    assert request.status == CertificationStatus.WITHDRAWN
    assert balance(org) == Decimal("1000.00")
    assert Refund.objects.filter(payment__reference=request.reference).exists()
    assert registry_queue(actor=clerk) == []
    with pytest.raises(InvalidTransition):
        certification_withdraw(actor=org.ou, request_id=request.pk)


def test_svc_6_another_party_or_organization_finds_no_request_and_only_the_registry_decides(
    org, clerk
):
    request = apply_as_ou(org)
    other = organization_with_cases(name="Other & Co")
    stranger_iu = ApiOnlyUserFactory()
    for outsider in (other.ou, other.pa, stranger_iu, org.ou2):
        with pytest.raises(NotFound):
            request_for(actor=outsider, request_id=request.pk)
    # The organization's administrators follow it; they do not decide, nor does the OU.
    assert request_for(actor=org.pa, request_id=request.pk) == request
    for not_registry in (org.ou, org.pa, StaffFactory(role=Role.HELP_CENTRE)):
        with pytest.raises(NotPermitted):
            certification_certify(actor=not_registry, request_id=request.pk)
        with pytest.raises(NotPermitted):
            certification_reject(actor=not_registry, request_id=request.pk, reasons="No.")
    # Applying: a case out of reach is not found; an administrator cannot apply at all.
    with pytest.raises(NotFound):
        apply_as_ou(org, actor=other.ou)
    with pytest.raises(NotPermitted):
        apply_as_ou(org, actor=org.pa)
    assert list(requests_of(actor=org.ou2)) == []


@pytest.mark.django_db(transaction=True)
def test_svc_6_linked_iu_pays_by_card_through_the_gateway_and_then_reaches_the_queue(
    live_server, local_gateway, settings, clerk
):
    """Against the local gateway run as a process of its own, delivering its signed event to
    the live server (tests/local_gateway.py)."""
    import requests
    from django.conf import settings as django_settings

    settings.SITE_URL = live_server.url
    settings.PAYMENT_GATEWAY = {**django_settings.PAYMENT_GATEWAY, "API_BASE": local_gateway}
    world = organization_with_cases()
    iu = ApiOnlyUserFactory()
    CaseLinkFactory(
        case=world.case,
        party=world.case.parties.get(party_type=PartyType.DEFENDANT),
        organization=None,
        individual=iu,
    )
    values = {
        "actor": iu,
        "case_id": world.case.pk,
        "source_file": pdf(name="source.pdf"),
        "source_title": "Medical report",
        "translation_file": pdf(),
        "source_language": "en",
        "target_language": "zh",
    }
    with pytest.raises(ValidationFailed) as refused:
        certification_apply(**values, pay_by="DEPOSIT")
    assert "pay_by" in refused.value.errors  # an IU has no deposit account
    applied = certification_apply(**values, pay_by="GATEWAY")
    request = applied.request
    assert request.status == CertificationStatus.AWAITING_PAYMENT
    assert registry_queue(actor=clerk) == []
    page = requests.get(applied.payment_url, timeout=10)
    assert page.status_code == 200 and "HKD 95.00" in page.text
    paid = requests.post(
        applied.payment_url, data={"action": "pay"}, allow_redirects=False, timeout=30
    )
    assert paid.status_code == 303
    request.refresh_from_db()
    assert request.status == CertificationStatus.SUBMITTED and request.submitted_at
    assert [r.pk for r in registry_queue(actor=clerk)] == [request.pk]
    payment = Payment.objects.get(reference=request.reference)
    assert payment.status == PaymentStatus.SUCCEEDED and payment.account == iu
    # Withdrawn before the decision: the card payment is recorded for its refund.
    certification_withdraw(actor=iu, request_id=request.pk)
    assert Refund.objects.filter(payment=payment).exists()


# --- the pages ---------------------------------------------------------------------------------


def test_svc_6_pages_apply_from_the_case_page_and_the_registry_certifies(org, clerk, client):
    client.force_login(org.ou)
    case_page = client.get(f"/cases/{org.case.pk}/").content.decode()
    assert f"/translations/new/?case={org.case.pk}" in case_page
    new = client.get(f"/translations/new/?case={org.case.pk}")
    assert new.status_code == 200 and "Order for directions" in new.content.decode()
    refused = client.post(
        f"/translations/new/?case={org.case.pk}",
        {
            "source_document": str(org.order.pk),
            "source_language": "en",
            "target_language": "zh",
            "pay_by": "DEPOSIT",
            "translation_file": pdf(encrypted_pdf()),
        },
    )
    assert refused.status_code == 400 and "password" in refused.content.decode()
    assert not CertificationRequest.objects.exists()
    answer = client.post(
        f"/translations/new/?case={org.case.pk}",
        {
            "source_document": str(org.order.pk),
            "source_language": "en",
            "target_language": "zh",
            "pay_by": "DEPOSIT",
            "translation_file": pdf(),
        },
    )
    request = CertificationRequest.objects.get()
    assert answer.status_code == 302 and answer["Location"] == f"/translations/{request.pk}/"
    detail = client.get(answer["Location"]).content.decode()
    assert request.reference in detail and "HK$95.00" in detail
    download = client.get(f"/translations/{request.pk}/files/translation/")
    assert download.status_code == 200 and download["Content-Type"] == "application/pdf"
    assert client.get("/translations/").status_code == 200
    # Not the registry's pages.
    assert client.get("/backoffice/translations/").status_code == 403
    client.force_login(clerk)
    queue = client.get("/backoffice/translations/").content.decode()
    assert request.reference in queue
    assert client.get(f"/backoffice/translations/{request.pk}/").status_code == 200
    assert client.get(f"/backoffice/translations/{request.pk}/files/source/").status_code == 200
    assert client.post(f"/backoffice/translations/{request.pk}/reject/", {}).status_code == 400
    # Asked again first, on a page of its own: nothing certified yet.
    asked = client.post(f"/backoffice/translations/{request.pk}/certify/")
    assert asked.status_code == 200 and 'name="confirm" value="yes"' in asked.content.decode()
    request.refresh_from_db()
    assert request.status != CertificationStatus.CERTIFIED
    done = client.post(f"/backoffice/translations/{request.pk}/certify/", {"confirm": "yes"})
    assert done.status_code == 302
    request.refresh_from_db()
    assert request.status == CertificationStatus.CERTIFIED and request.certified_document.drn


def test_svc_6_a_form_sent_back_keeps_both_files_for_the_next_sending(org, client):
    client.force_login(org.ou)
    url = f"/translations/new/?case={org.case.pk}"
    values = {"source_document": "upload", "source_title": "Letter of 1 May", "pay_by": "DEPOSIT"}
    refused = client.post(
        url,
        {
            **values,
            "source_language": "en",
            "target_language": "en",  # refused: a translation is into the other language
            "source_file": pdf(good_pdf(2), "letter.pdf"),
            "translation_file": pdf(good_pdf(1), "letter-zh.pdf"),
        },
    )
    assert refused.status_code == 400
    html = refused.content.decode()
    assert "Kept from your last sending: letter.pdf" in html
    assert "Kept from your last sending: letter-zh.pdf" in html
    tokens = dict(re.findall(r'name="(\w+_file-held)" value="([\w-]+)"', html))
    assert set(tokens) == {"source_file-held", "translation_file-held"}
    answer = client.post(
        url, {**values, **tokens, "source_language": "en", "target_language": "zh"}
    )
    assert answer.status_code == 302
    request = CertificationRequest.objects.get()
    source = client.get(f"/translations/{request.pk}/files/source/")
    assert b"".join(source.streaming_content) == good_pdf(2)
    translation = client.get(f"/translations/{request.pk}/files/translation/")
    assert b"".join(translation.streaming_content) == good_pdf(1)
    assert not HeldUpload.objects.exists()  # filed: no longer kept


def test_svc_6_the_fees_payment_page_leads_back_to_the_request_in_both_languages(org, client):
    request = apply_as_ou(org)
    payment = Payment.objects.get(reference=request.reference)
    client.force_login(org.ou)
    for prefix, label in (("", "Back to request"), ("/zh-hant", "返回申請")):
        page = client.get(f"{prefix}/payments/{payment.pk}/").content.decode()
        link = f'href="{prefix}/translations/{request.pk}/">{label}{" " if not prefix else ""}'
        assert link + f"{request.reference}</a>" in page, page
    # Another organization's OU finds neither the payment nor the link.
    client.force_login(organization_with_cases().ou)
    assert client.get(f"/payments/{payment.pk}/").status_code == 404


def test_svc_6_pages_another_organization_finds_nothing_and_the_applicant_withdraws(org, client):
    request = apply_as_ou(org)
    other = organization_with_cases(name="Other & Co")
    client.force_login(other.ou)
    assert client.get(f"/translations/{request.pk}/").status_code == 404
    assert client.get(f"/translations/{request.pk}/files/translation/").status_code == 404
    assert client.post(f"/translations/{request.pk}/withdraw/").status_code == 404
    assert client.get(f"/translations/new/?case={org.case.pk}").status_code == 404
    # The PA follows the request but does not read a case's documents through it.
    client.force_login(org.pa)
    assert client.get(f"/translations/{request.pk}/").status_code == 200
    assert client.get(f"/translations/{request.pk}/files/source/").status_code == 403
    client.force_login(org.ou)
    assert client.post(f"/translations/{request.pk}/withdraw/").status_code == 302
    request.refresh_from_db()
    assert request.status == CertificationStatus.WITHDRAWN and balance(org) == Decimal("1000.00")


# --- the API -----------------------------------------------------------------------------------


def test_svc_6_api_apply_list_and_the_registry_rejects(org, clerk, client):
    client.force_login(org.ou)
    answer = client.post(
        "/api/v1/translations/",
        {
            "case": org.case.pk,
            "source_file": pdf(good_pdf(2), name="source.pdf"),
            "source_title": "Witness statement",
            "source_language": "zh",
            "target_language": "en",
            "translation_file": pdf(good_pdf(3)),
            "pay_by": "DEPOSIT",
        },
    )
    assert answer.status_code == 201, answer.content
    body = answer.json()
    assert body["payment_url"] == "" and body["request"]["fee"] == "285.00"
    assert body["request"]["status"] == "SUBMITTED"
    found = body["request"]["id"]
    assert [r["id"] for r in client.get("/api/v1/translations/").json()] == [found]
    assert client.get(f"/api/v1/translations/{found}/").json()["pages"] == 3
    assert client.get("/api/v1/backoffice/translations/").status_code == 403
    assert client.post(f"/api/v1/backoffice/translations/{found}/certify/").status_code == 403
    client.force_login(organization_with_cases(name="Other & Co").ou)
    assert client.get(f"/api/v1/translations/{found}/").status_code == 404
    client.force_login(clerk)
    assert [r["id"] for r in client.get("/api/v1/backoffice/translations/").json()] == [found]
    rejected = client.post(
        f"/api/v1/backoffice/translations/{found}/reject/",
        {"reasons": "Not a translation of the source."},
        content_type="application/json",
    )
    assert rejected.status_code == 200 and rejected.json()["status"] == "REJECTED"
    assert balance(org) == Decimal("1000.00")
    again = client.post(f"/api/v1/backoffice/translations/{found}/certify/")
    assert again.status_code == 409


def test_svc_6_api_the_applicant_and_the_registry_read_the_requests_files(org, clerk, client):
    """The translation and an uploaded source come back byte for byte, as PDFs, whatever the
    client accepts; a PA follows the request but reads no file; another organization finds
    nothing."""
    translation_bytes, source_bytes = good_pdf(3), good_pdf(2)
    request = apply_as_ou(
        org,
        source_document_id=None,
        source_file=pdf(source_bytes, name="witness.pdf"),
        source_title="Witness statement",
        translation_file=pdf(translation_bytes),
    )
    files = f"/api/v1/translations/{request.pk}/files/"
    for reader in (org.ou, clerk):
        client.force_login(reader)
        for which, expected in (("translation", translation_bytes), ("source", source_bytes)):
            answer = client.get(f"{files}{which}/", HTTP_ACCEPT="application/pdf")
            assert answer.status_code == 200, (reader, which)
            assert answer["Content-Type"] == "application/pdf"
            assert answer["Cache-Control"] == "private, no-store"
            assert b"".join(answer.streaming_content) == expected
        assert client.get(f"{files}other/").status_code == 404
    client.force_login(org.pa)
    refused = client.get(f"{files}source/", HTTP_ACCEPT="application/pdf")
    assert refused.status_code == 403 and refused.json()["code"] == "not_permitted"
    client.force_login(organization_with_cases(name="Other & Co").ou)
    assert client.get(f"{files}translation/").status_code == 404
    client.logout()
    assert client.get(f"{files}translation/").status_code == 401


def test_svc_6_api_a_source_from_the_case_file_is_read_as_that_document(org, clerk, client):
    request = apply_as_ou(org)
    client.force_login(clerk)
    answer = client.get(f"/api/v1/translations/{request.pk}/files/source/")
    assert answer.status_code == 200
    assert org.order.drn in answer["Content-Disposition"]
    assert b"".join(answer.streaming_content) == org.order.file.open("rb").read()


def test_svc_2_an_ou_taken_off_the_case_no_longer_reads_its_document_through_a_request(
    org, clerk, client
):
    request = apply_as_ou(org)
    api = api_as(org.ou, default_format="json")
    assert api.get(f"/api/v1/translations/{request.pk}/files/source/").status_code == 200
    case_assignment_remove(actor=org.pa, link_id=org.link.pk, organization_user_id=org.ou.pk)
    # The case's document is read as the case's file is: no longer the OU's.
    case_file = f"/api/v1/cases/{org.case.pk}/documents/{org.order.pk}/download/"
    assert api.get(case_file).status_code == 404
    assert api.get(f"/api/v1/translations/{request.pk}/files/source/").status_code == 404
    client.force_login(org.ou)
    assert client.get(f"/translations/{request.pk}/files/source/").status_code == 404
    # Its own translation, which it sent, it still reads; the registry reads both.
    assert api.get(f"/api/v1/translations/{request.pk}/files/translation/").status_code == 200
    client.force_login(clerk)
    assert client.get(f"/backoffice/translations/{request.pk}/files/source/").status_code == 200


def test_svc_6_an_empty_form_names_every_missing_answer_at_once(org, client):
    client.force_login(org.ou)
    answer = client.post(f"/translations/new/?case={org.case.pk}", {"pay_by": "DEPOSIT"})
    assert answer.status_code == 400
    html = answer.content.decode()
    # The languages, the source and the translation together, not the languages first and the
    # rest only on the next sending.
    assert "Choose the language of the source document." in html
    assert "Choose the language of the translation." in html
    assert "Choose a document of the case, or upload the PDF of the source document." in html
    assert "Choose the PDF file of the translation." in html
    assert not CertificationRequest.objects.exists()


def test_svc_6_the_form_offers_the_deposit_account_already_chosen_as_the_filing_form_does(
    org, client
):
    client.force_login(org.ou)
    html = client.get(f"/translations/new/?case={org.case.pk}").content.decode()
    chosen = re.findall(r'<input type="radio" name="pay_by" value="(\w+)"[^>]*checked', html)
    assert chosen == ["DEPOSIT"]


def test_svc_6_the_requests_page_leads_to_the_receipt_of_its_fee(org, client):
    request = apply_as_ou(org)
    payment = Payment.objects.get(reference=request.reference)
    client.force_login(org.ou)
    html = client.get(f"/translations/{request.pk}/").content.decode()
    receipt = f'<a href="/payments/{payment.pk}/">{payment.receipt.number}</a>'
    assert receipt in html and "{#" not in html
    assert client.get(f"/payments/{payment.pk}/").status_code == 200


def test_svc_6_a_files_title_reads_as_a_documents_on_the_chinese_pages(org, clerk, client):
    request = apply_as_ou(org)
    client.force_login(org.ou)
    holder = client.get(f"/zh-hant/translations/{request.pk}/").text
    client.force_login(clerk)
    registry = client.get(f"/zh-hant/backoffice/translations/{request.pk}/").text
    for html in (holder, registry):
        assert '<th scope="col">標題</th>' in html and '<th scope="col">案件名稱</th>' not in html
        assert "{#" not in html


def test_svc_6_the_fees_pages_are_bracketed_as_the_pages_language_brackets(org, client):
    request = apply_as_ou(org)
    client.force_login(org.ou)
    english = client.get(f"/translations/{request.pk}/").text
    assert 'HK$190.00<span class="hint"> (2 pages)</span>' in english
    chinese = client.get(f"/zh-hant/translations/{request.pk}/").text
    assert 'HK$190.00<span class="hint">（2頁）</span>' in chinese


# --- parallel requests (PostgreSQL) -----------------------------------------------------------


def _decided_at_once(org, clerk, decisions):
    """Each of `decisions` ("certify", "reject" or "withdraw") of one paid request, each in its
    own thread and connection, released together: the results, in order."""
    from django.db import connection

    from tests.test_concurrency import run_in_parallel

    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (DATABASE_URL=postgres://...)")
    request = apply_as_ou(org)
    clerks = [registry_clerk() for _ in decisions]

    def decide(index):
        if decisions[index] == "certify":
            return certification_certify(actor=clerks[index], request_id=request.pk)
        if decisions[index] == "reject":
            return certification_reject(
                actor=clerks[index], request_id=request.pk, reasons="Page 2 missing."
            )
        return certification_withdraw(actor=org.ou, request_id=request.pk)

    results = run_in_parallel(len(decisions), decide)
    request.refresh_from_db()
    return request, results


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_svc_6_two_certifications_of_one_request_at_once_issue_one_document(org, clerk):
    from tests.test_concurrency import assert_audit_chain_intact

    request, results = _decided_at_once(org, clerk, ["certify"] * 4)
    done = [value for kind, value in results if kind == "ok"]
    refused = [value for kind, value in results if kind == "error"]
    assert len(done) == 1, results
    assert all(isinstance(error, InvalidTransition) for error in refused), results
    assert request.status == CertificationStatus.CERTIFIED
    issued = CaseDocument.objects.filter(kind=IssuedKind.CERTIFIED_TRANSLATION)
    assert [document.pk for document in issued] == [request.certified_document_id]
    assert (
        AuditRecord.objects.filter(action="document.issued", object_id=str(issued[0].pk)).count()
        == 1
    )
    assert_audit_chain_intact()


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_svc_6_rejections_and_a_certification_at_once_decide_once_and_refund_once(org, clerk):
    from tests.test_concurrency import assert_audit_chain_intact

    request, results = _decided_at_once(org, clerk, ["reject", "reject", "certify", "withdraw"])
    assert len([value for kind, value in results if kind == "ok"]) == 1, results
    assert all(
        isinstance(value, InvalidTransition) for kind, value in results if kind == "error"
    ), results
    refunds = Refund.objects.filter(payment__reference=request.reference).count()
    issued = CaseDocument.objects.filter(kind=IssuedKind.CERTIFIED_TRANSLATION).count()
    if request.status == CertificationStatus.CERTIFIED:
        assert (refunds, issued, balance(org)) == (0, 1, Decimal("810.00"))
    else:
        assert request.status in (CertificationStatus.REJECTED, CertificationStatus.WITHDRAWN)
        assert (refunds, issued, balance(org)) == (1, 0, Decimal("1000.00"))
    assert_audit_chain_intact()
