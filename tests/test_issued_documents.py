"""Issued documents and their Document Reference Numbers (SVC-5, SVC-2, MSG-1, CASE-4, ROLE-1,
BEY-3, NFR-4): a registry clerk issues a direction or an order to a case, by uploading a PDF or
by composing it; the stored PDF carries its DRN and a QR code of the public check on every
page, its SHA-256 is recorded and it never changes; the parties' Message Boxes receive it; the
linked parties list and download it, nobody else; anyone checks a DRN and learns only the case
number, the title and the date."""

import hashlib
import io
import re
from collections import Counter

import psycopg
import pytest
import segno
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, connection
from fpdf import FPDF
from pypdf import PdfReader, PdfWriter
from pypdf.generic import ContentStream

from audit.models import AuditRecord
from cases.services.assignment import case_assignment_create
from core.errors import NotFound, NotPermitted, ValidationFailed
from core.models import HeldUpload
from documents import drn as drn_module
from documents.drn import check_character, drn_display
from documents.models import CaseDocument, ImmutableDocument
from documents.pdf import pdf_stamp
from documents.selectors import drn_check
from documents.services import document_issue, drn_check_url
from messaging.box_services import NoRecipient
from messaging.models import Message, MessageKind
from permissions.roles import Role
from tests import pdfs
from tests.factories import (
    ApiOnlyUserFactory,
    CaseFactory,
    CaseLinkFactory,
    StaffFactory,
    organization_with_cases,
)
from tests.object_store import stored_names

pytestmark = [pytest.mark.django_db, pytest.mark.documents]

TITLE = "Order for directions at the case management conference"
TEXT = (
    "1. The plaintiff shall file and serve witness statements within 28 days.\n"
    "2. Costs in the cause."
)
TEXT_ZH = "一、原告須於二十八天內提交及送達證人陳述書。\n二、訟費視乎案件結果而定。"


def source_pdf(pages=2) -> bytes:
    """A PDF of the registry's own making: A4 portrait, then A4 landscape pages."""
    made = FPDF(unit="mm")
    made.set_font("helvetica", size=12)
    for number in range(pages):
        made.add_page(orientation="P" if number == 0 else "L")
        made.cell(0, 10, f"Order page {number + 1}")
    return bytes(made.output())


def upload(content=None, name="order.pdf"):
    content = source_pdf() if content is None else content
    return SimpleUploadedFile(name, content, content_type="application/pdf")


@pytest.fixture
def clerk():
    return StaffFactory(role=Role.REGISTRY)


@pytest.fixture
def iu_case():
    individual = ApiOnlyUserFactory()
    link = CaseLinkFactory(organization=None, individual=individual)
    return individual, link.case


@pytest.fixture
def org():
    return organization_with_cases()


def issue_upload(clerk, case, **overrides):
    fields = {"kind": "ORDER", "title": TITLE, "method": "UPLOADED", "upload": upload()}
    return document_issue(actor=clerk, case_id=case.pk, **{**fields, **overrides})


def issue_composed(clerk, case, **overrides):
    fields = {"kind": "DIRECTION", "title": TITLE, "method": "COMPOSED", "text": TEXT}
    return document_issue(actor=clerk, case_id=case.pk, **{**fields, **overrides})


def stored_bytes(document) -> bytes:
    with document.file.open("rb") as stored:
        return stored.read()


def qr_on(page) -> set[tuple[int, int]]:
    """The dark modules of the QR code drawn on a page: the filled rectangles of one module's
    height, put back on the grid they were drawn on."""
    rects = []
    for operands, operator in ContentStream(page.get_contents(), page.pdf).operations:
        if operator == b"re":
            x, y, w, h = (float(v) for v in operands)
            rects.append((x, y + h, w, -h) if h < 0 else (x, y, w, h))
    heights = Counter(round(h, 3) for _x, _y, _w, h in rects)
    module = heights.most_common(1)[0][0]
    modules = [r for r in rects if abs(r[3] - module) < 1e-3]
    left = min(x for x, _y, _w, _h in modules)
    top = max(y + h for _x, y, _w, h in modules)
    dark = set()
    for x, y, w, h in modules:
        row = round((top - (y + h)) / module)
        first = round((x - left) / module)
        for col in range(first, first + round(w / module)):
            dark.add((row, col))
    return dark


def qr_expected(url: str) -> set[tuple[int, int]]:
    matrix = segno.make(url, error="m", micro=False).matrix
    return {(r, c) for r, row in enumerate(matrix) for c, v in enumerate(row) if v}


# --- issuing (SVC-5) ----------------------------------------------------------------------------


def test_svc_5_issue_by_upload_stamps_every_page_with_the_drn_and_its_qr(clerk, iu_case):
    _individual, case = iu_case
    issued = issue_upload(clerk, case)
    document = issued.document
    assert re.fullmatch(r"[0-9A-HJKMNP-TV-Z]{16}", document.drn)
    assert (document.origin, document.kind, document.method) == ("ISSUED", "ORDER", "UPLOADED")
    assert document.title == TITLE and document.page_count == 2
    data = stored_bytes(document)
    assert data.startswith(b"%PDF-")
    reader = PdfReader(io.BytesIO(data))
    assert len(reader.pages) == 2
    url = f"{settings.SITE_URL}/documents/check/{document.drn}/"
    assert drn_check_url(document.drn) == url
    for number, page in enumerate(reader.pages, start=1):
        text = page.extract_text()
        assert drn_display(document.drn) in text
        assert f"Order page {number}" in text  # the original content is kept
        assert qr_on(page) == qr_expected(url)
    assert "/documents/issued/" in "/" + document.file.name
    assert not document.file.name.startswith(("static", "/"))


def test_svc_5_a_stamped_document_stays_about_the_size_it_was_uploaded():
    """The stamp writes each page's content again: compressed, as it came, so that an upload
    (a translation to certify: an applicant's file) whose pages inflate to 20 MB is not issued
    as a 20 MB document, nor an ordinary document as many times its size."""
    drn, url = "7K3MQ9TZ4HNP2WX2", f"{settings.SITE_URL}/documents/check/7K3MQ9TZ4HNP2WX2/"
    inflating = pdfs.inflating_pages_pdf(pages=2, inflated=10_000_000)
    assert len(inflating) < 50_000
    assert len(pdf_stamp(inflating, drn=drn, url=url)) < 500_000
    ordinary = source_pdf(pages=30)
    stamped = pdf_stamp(ordinary, drn=drn, url=url)
    assert len(stamped) < 6 * len(ordinary)
    reader = PdfReader(io.BytesIO(stamped))
    assert [f"Order page {n}" in page.extract_text() for n, page in enumerate(reader.pages, 1)] == [
        True
    ] * 30


def test_svc_5_issue_by_composing_in_english_and_chinese(clerk, iu_case):
    _individual, case = iu_case
    document = issue_composed(clerk, case, text=TEXT + "\n" + TEXT_ZH).document
    assert (document.kind, document.method) == ("DIRECTION", "COMPOSED")
    reader = PdfReader(io.BytesIO(stored_bytes(document)))
    # pypdf reads fpdf2's Chinese font with a NUL before each character; readers do not.
    text = "".join(page.extract_text() for page in reader.pages).replace("\x00", "")
    assert case.number in text
    assert "witness statements" in text
    assert "證人陳述書" in text.replace(" ", "")
    url = f"{settings.SITE_URL}/documents/check/{document.drn}/"
    for page in reader.pages:
        assert drn_display(document.drn) in page.extract_text()
        assert qr_on(page) == qr_expected(url)


def test_svc_5_without_the_chinese_font_chinese_text_is_refused_clearly(clerk, iu_case, settings):
    _individual, case = iu_case
    settings.ICMS_CJK_FONT = "/nonexistent/font.ttc"
    with pytest.raises(ValidationFailed) as refused:
        issue_composed(clerk, case, text=TEXT_ZH)
    assert "font is not installed" in str(refused.value.errors["text"][0])
    assert CaseDocument.objects.count() == 0
    # English still composes without it.
    document = issue_composed(clerk, case).document
    assert drn_display(document.drn) in PdfReader(document.file.open("rb")).pages[0].extract_text()


def test_svc_5_the_sha256_recorded_is_of_the_stored_bytes(clerk, iu_case):
    _individual, case = iu_case
    document = issue_upload(clerk, case).document
    data = stored_bytes(document)
    assert document.sha256 == hashlib.sha256(data).hexdigest()
    assert document.size == len(data)


def test_svc_5_an_issued_document_is_immutable(clerk, iu_case):
    _individual, case = iu_case
    document = issue_upload(clerk, case).document
    document.title = "Another title"
    with pytest.raises(ImmutableDocument):
        document.save()
    assert CaseDocument.objects.get(pk=document.pk).title == TITLE
    # Re-issuing makes a new document with a new DRN; the first stays as it was.
    again = issue_upload(clerk, case).document
    assert again.pk != document.pk and again.drn != document.drn
    assert CaseDocument.objects.get(pk=document.pk).sha256 == document.sha256


def test_svc_5_drns_are_unique_in_the_database(clerk, iu_case):
    _individual, case = iu_case
    document = issue_upload(clerk, case).document
    twin = CaseDocument(
        case=case,
        origin="ISSUED",
        kind="ORDER",
        title="x",
        drn=document.drn,
        file="x.pdf",
        sha256="0" * 64,
        size=1,
        page_count=1,
        dated_at=document.dated_at,
    )
    with pytest.raises(IntegrityError):
        twin.save()


def test_svc_5_a_drn_already_taken_is_drawn_again(clerk, iu_case, monkeypatch):
    """The random source yields a DRN already issued, then a fresh one: the second is used."""
    _individual, case = iu_case
    first = issue_upload(clerk, case).document
    fresh = "ABCDEFGHJKMNPQR"
    draws = iter(first.drn[:15] + fresh)

    class Replayed:
        @staticmethod
        def choice(_alphabet):
            return next(draws)

    monkeypatch.setattr(drn_module, "secrets", Replayed)
    second = issue_upload(clerk, case).document
    assert second.drn == fresh + check_character(fresh)


def test_svc_5_issuing_is_audited(clerk, iu_case):
    individual, case = iu_case
    document = issue_upload(clerk, case).document
    record = AuditRecord.objects.get(action="document.issued")
    assert record.object_id == str(document.pk) and record.actor_id == clerk.pk
    assert record.after == {
        "case": case.number,
        "drn": document.drn,
        "kind": "ORDER",
        "title": TITLE,
        "method": "UPLOADED",
        "sha256": document.sha256,
        "pages": 2,
        "recipients": [individual.login_name],
    }


def _nothing_saved():
    files = stored_names()
    return (
        CaseDocument.objects.count(),
        Message.objects.count(),
        AuditRecord.objects.count(),
        files,
    )


NOT_A_PDF = b"GIF89a this is a picture renamed .pdf"


def _encrypted_pdf() -> bytes:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(source_pdf(1))))
    writer.encrypt("secret")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"kind": "JUDGMENT"}, "kind"),
        ({"title": "   "}, "title"),
        ({"title": "x" * 201}, "title"),
        ({"method": "FAXED"}, "method"),
        ({"upload": None}, "file"),
        ({"upload": upload(NOT_A_PDF)}, "file"),
        ({"upload": upload(b"%PDF-1.7\nbroken")}, "file"),
        ({"upload": upload(b"")}, "file"),
        ({"upload": "encrypted"}, "file"),
        ({"text": "also text"}, "text"),
    ],
    ids=[
        "unknown kind",
        "blank title",
        "title too long",
        "unknown method",
        "no file",
        "not a PDF",
        "damaged PDF",
        "empty file",
        "encrypted PDF",
        "file and text",
    ],
)
def test_svc_5_bad_input_on_upload_saves_nothing(clerk, iu_case, overrides, field):
    _individual, case = iu_case
    if overrides.get("upload") == "encrypted":
        overrides = {"upload": upload(_encrypted_pdf())}
    before = _nothing_saved()
    with pytest.raises(ValidationFailed) as refused:
        issue_upload(clerk, case, **overrides)
    assert field in refused.value.errors
    assert _nothing_saved() == before


@pytest.mark.parametrize(
    ("overrides", "field"),
    [({"text": " \n "}, "text"), ({"text": "x" * 20_001}, "text"), ({"upload": upload()}, "file")],
    ids=["blank text", "text too long", "a file as well"],
)
def test_svc_5_bad_input_on_composing_saves_nothing(clerk, iu_case, overrides, field):
    _individual, case = iu_case
    before = _nothing_saved()
    with pytest.raises(ValidationFailed) as refused:
        issue_composed(clerk, case, **overrides)
    assert field in refused.value.errors
    assert _nothing_saved() == before


def test_svc_5_a_case_no_account_receives_is_refused(clerk):
    case = CaseFactory()
    before = _nothing_saved()
    with pytest.raises(NoRecipient):
        issue_upload(clerk, case)
    assert _nothing_saved() == before


def test_role_1_only_the_registry_issues(iu_case):
    individual, case = iu_case
    for actor in (individual, StaffFactory(role=Role.VETTING)):
        with pytest.raises(NotPermitted):
            issue_upload(actor, case)
    assert CaseDocument.objects.count() == 0


def test_svc_5_an_unknown_case_is_not_found(clerk):
    with pytest.raises(NotFound):
        document_issue(
            actor=clerk,
            case_id=999_999,
            kind="ORDER",
            title=TITLE,
            method="UPLOADED",
            upload=upload(),
        )


# --- delivery (MSG-1, CASE-4, ORG-7) ------------------------------------------------------------


def received(case) -> dict:
    return {
        m.recipient_id: m
        for m in Message.objects.filter(
            case=case, kind__in=[MessageKind.DOCUMENT, MessageKind.DIRECTION]
        )
    }


def test_msg_1_an_order_reaches_the_linked_iu_with_its_drn_and_link(clerk, iu_case):
    individual, case = iu_case
    document = issue_upload(clerk, case).document
    (message,) = received(case).values()
    assert message.recipient_id == individual.pk and message.kind == MessageKind.DOCUMENT
    assert message.sent_by_id == clerk.pk
    assert message.subject == f"Order issued in {case.number}: {TITLE}"
    assert drn_display(document.drn) in message.body
    assert f"{settings.SITE_URL}/cases/{case.pk}/documents/{document.pk}/" in message.body


def test_msg_1_a_direction_is_a_direction_message_in_the_recipients_language(clerk, iu_case):
    individual, case = iu_case
    individual.preferred_language = "zh-hant"
    individual.save(update_fields=["preferred_language"])
    issue_composed(clerk, case)
    (message,) = received(case).values()
    assert message.kind == MessageKind.DIRECTION
    assert f"{settings.SITE_URL}/zh-hant/cases/{case.pk}/documents/" in message.body


def test_org_7_before_assignment_the_default_ous_receive(clerk, org):
    issue_upload(clerk, org.case)
    assert set(received(org.case)) == {org.ou.pk}


def test_case_4_after_assignment_the_assigned_ous_receive(clerk, org):
    case_assignment_create(actor=org.pa, link_id=org.link.pk, organization_user_id=org.ou2.pk)
    issue_upload(clerk, org.case)
    assert set(received(org.case)) == {org.ou2.pk}


# --- inspection by the parties (SVC-2, CASE-2, ROLE-1, ROLE-2) -----------------------------------


def _urls(case, document):
    return (
        f"/cases/{case.pk}/documents/",
        f"/cases/{case.pk}/documents/{document.pk}/",
        f"/cases/{case.pk}/documents/{document.pk}/download/",
        f"/api/v1/cases/{case.pk}/documents/",
        f"/api/v1/cases/{case.pk}/documents/{document.pk}/download/",
    )


def test_svc_2_the_linked_iu_lists_and_downloads_the_document(client, clerk, iu_case):
    individual, case = iu_case
    document = issue_upload(clerk, case).document
    client.force_login(individual)
    listing = client.get(f"/cases/{case.pk}/documents/")
    assert listing.status_code == 200
    assert TITLE in listing.text and drn_display(document.drn) in listing.text
    download = client.get(f"/cases/{case.pk}/documents/{document.pk}/download/")
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == stored_bytes(document)
    assert download["Content-Type"] == "application/pdf"
    assert download["Content-Disposition"] == f'attachment; filename="{document.drn}.pdf"'
    assert "private" in download["Cache-Control"] and "no-store" in download["Cache-Control"]
    assert download["X-Content-Type-Options"] == "nosniff"
    api = client.get(f"/api/v1/cases/{case.pk}/documents/")
    assert api.status_code == 200
    assert [d["drn"] for d in api.json()["results"]] == [drn_display(document.drn)]
    api_file = client.get(f"/api/v1/cases/{case.pk}/documents/{document.pk}/download/")
    assert b"".join(api_file.streaming_content) == stored_bytes(document)


def test_svc_2_the_assigned_ou_downloads_the_unassigned_ou_does_not(client, clerk, org):
    case_assignment_create(actor=org.pa, link_id=org.link.pk, organization_user_id=org.ou2.pk)
    document = issue_upload(clerk, org.case).document
    client.force_login(org.ou2)
    for url in _urls(org.case, document):
        assert client.get(url).status_code == 200, url
    client.force_login(org.ou_kowloon)
    for url in _urls(org.case, document):
        assert client.get(url).status_code == 404, url


def test_svc_2_another_party_and_another_organization_get_not_found(client, clerk, iu_case, org):
    individual, case = iu_case
    document = issue_upload(clerk, case).document
    org_document = issue_upload(clerk, org.case).document
    stranger = ApiOnlyUserFactory()
    CaseLinkFactory(organization=None, individual=stranger)  # linked to a case of its own
    other = organization_with_cases()
    case_assignment_create(actor=other.pa, link_id=other.link.pk, organization_user_id=other.ou2.pk)
    for actor in (stranger, other.ou2, org.ou):
        client.force_login(actor)
        for url in _urls(case, document):
            assert client.get(url).status_code == 404, (actor, url)
    # The document of one case is not found under another case's address either.
    client.force_login(individual)
    assert client.get(f"/cases/{case.pk}/documents/{org_document.pk}/download/").status_code == 404


def test_role_1_administrators_and_staff_do_not_inspect_through_the_parties_pages(
    client, clerk, org
):
    document = issue_upload(clerk, org.case).document
    for actor in (org.pa, org.sa, clerk):
        client.force_login(actor)
        for url in _urls(org.case, document):
            assert client.get(url).status_code == 403, (actor, url)


# --- the public check (SVC-5, BEY-3, [A4]) ------------------------------------------------------


def test_svc_5_the_public_check_says_only_case_number_title_and_date(client, clerk, iu_case):
    individual, case = iu_case
    document = issue_upload(clerk, case).document
    check = drn_check(drn_display(document.drn).lower())
    assert (check.issued, check.case_number, check.title) == (True, case.number, TITLE)
    page = client.get(f"/documents/check/{document.drn}/")
    assert page.status_code == 200
    assert case.number in page.text and TITLE in page.text
    for private in (case.title, individual.login_name, document.sha256, "download"):
        assert private not in page.text, private
    api = client.get("/api/v1/document-check/", {"drn": drn_display(document.drn)})
    assert api.status_code == 200
    assert set(api.json()) == {"drn", "issued", "case_number", "title", "issued_on", "detail"}
    assert api.json()["case_number"] == case.number


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_svc_5_the_check_answers_after_the_server_closed_the_kept_connection(clerk, iu_case):
    """The check's connection is kept between requests and not tested before use: when the
    server has closed it (a restart), the check reads again on a new one."""
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only")
    _individual, case = iu_case
    document = issue_upload(clerk, case).document
    assert drn_check(document.drn).issued
    before = connection.connection.info.backend_pid
    with psycopg.connect(**connection.get_connection_params(), autocommit=True) as other:
        other.execute("SELECT pg_terminate_backend(%s)", [before])
    check = drn_check(document.drn)
    assert (check.issued, check.case_number) == (True, case.number)
    assert connection.connection.info.backend_pid != before


def test_bey_3_the_check_form_goes_to_the_page_the_qr_code_opens(client, clerk, iu_case):
    _individual, case = iu_case
    document = issue_upload(clerk, case).document
    typed = " drn: " + drn_display(document.drn).lower()
    answer = client.get("/documents/check/", {"drn": typed})
    assert answer.status_code == 302
    assert answer["Location"] == f"/documents/check/{document.drn}/"


def test_bey_3_a_number_never_issued_and_a_mistyped_one_say_so(client):
    body = "ABCDEFGHJKMNPQR"
    never = body + check_character(body)
    assert not drn_check(never).issued
    page = client.get(f"/documents/check/{never}/")
    assert "has not issued a document" in page.text
    mistyped = never[:-1] + ("0" if never[-1] != "0" else "1")
    answer = client.get("/documents/check/", {"drn": mistyped})
    assert answer.status_code == 200
    assert "typed wrong" in answer.text


def test_bey_3_uploading_the_issued_pdf_says_it_is_identical(client, clerk, iu_case):
    _individual, case = iu_case
    document = issue_upload(clerk, case).document
    data = stored_bytes(document)
    same = client.post(f"/documents/check/{document.drn}/", {"file": upload(data)})
    assert "identical to the document the court issued" in same.text
    altered = client.post(f"/documents/check/{document.drn}/", {"file": upload(data + b"\n")})
    assert "is not the document the court issued" in altered.text
    not_pdf = client.post(f"/documents/check/{document.drn}/", {"file": upload(b"Hello")})
    assert "This file is not a PDF." in not_pdf.text
    assert "is not the document the court issued" not in not_pdf.text
    nothing = client.post(f"/documents/check/{document.drn}/", {})
    assert "Choose the PDF file you received." in nothing.text


def test_svc_5_the_registry_downloads_a_cases_document_through_the_api(client, clerk, iu_case):
    individual, case = iu_case
    document = issue_upload(clerk, case).document
    other_case = CaseFactory()
    url = f"/api/v1/backoffice/cases/{case.pk}/documents/{document.pk}/download/"
    client.force_login(clerk)
    answer = client.get(url, HTTP_ACCEPT="application/pdf")
    assert answer.status_code == 200 and answer["Content-Type"] == "application/pdf"
    assert b"".join(answer.streaming_content) == stored_bytes(document)
    wrong_case = f"/api/v1/backoffice/cases/{other_case.pk}/documents/{document.pk}/download/"
    assert client.get(wrong_case).status_code == 404
    client.force_login(individual)
    assert client.get(url).status_code == 403


def test_bey_3_the_api_checks_a_copy_byte_for_byte(client, clerk, iu_case):
    _individual, case = iu_case
    document = issue_upload(clerk, case).document
    data = stored_bytes(document)
    url = "/api/v1/document-check/copy/"
    printed = drn_display(document.drn).lower()
    same = client.post(url, {"drn": printed, "file": upload(data)})
    assert same.status_code == 200, same.content
    body = same.json()
    assert body["issued"] is True and body["matches"] is True
    assert body["case_number"] == case.number and body["title"] == TITLE
    assert body["detail"] == "The file is identical to the document the court issued."
    altered = bytearray(data)
    altered[len(altered) // 2] ^= 1  # one byte, one bit
    differs = client.post(url, {"drn": printed, "file": upload(bytes(altered))}).json()
    assert differs["issued"] is True and differs["matches"] is False
    assert differs["detail"].startswith("The file is not the document the court issued")
    chinese = client.post(
        url, {"drn": printed, "file": upload(data)}, HTTP_ACCEPT_LANGUAGE="zh-hant"
    ).json()
    assert chinese["matches"] is True and chinese["detail"] != body["detail"]
    never = client.post(url, {"drn": "ABCD-EFGH-JKMN-PQRS", "file": upload(data)}).json()
    assert never["issued"] is False and never["matches"] is None
    not_pdf = client.post(url, {"drn": printed, "file": upload(b"Hello")})
    assert not_pdf.status_code == 400
    assert not_pdf.json()["errors"]["file"][0].startswith("This file is not a PDF.")
    missing = client.post(url, {"drn": printed})
    assert missing.status_code == 400 and set(missing.json()["errors"]) == {"file"}


def test_svc_5_the_api_check_refuses_a_missing_blank_or_overlong_drn(client, clerk, iu_case):
    _individual, case = iu_case
    document = issue_upload(clerk, case).document
    for query, error in (
        ({}, "This field is required."),
        ({"drn": "   "}, "This field may not be blank."),
        ({"drn": "A" * 101}, "Ensure this field has no more than 100 characters."),
    ):
        answer = client.get("/api/v1/document-check/", query)
        assert answer.status_code == 400, query
        assert error in str(answer.json()), answer.json()
    padded = client.get("/api/v1/document-check/", {"drn": f"  {drn_display(document.drn)}  "})
    assert padded.status_code == 200 and padded.json()["issued"] is True


def test_svc_5_the_public_check_is_rate_limited(client):
    for _ in range(60):
        assert client.get("/documents/check/ABCDEFGHJKMNPQRS/").status_code == 200
    over = client.get("/documents/check/ABCDEFGHJKMNPQRS/")
    assert over.status_code == 429 and int(over["Retry-After"]) > 0
    assert client.get("/api/v1/document-check/", {"drn": "ABCD"}).status_code == 429
    copy = client.post("/api/v1/document-check/copy/", {"drn": "ABCD", "file": upload()})
    assert copy.status_code == 429 and int(copy["Retry-After"]) > 0
    # A bad file counts too, and is refused as any other over the limit.
    bad = client.post("/api/v1/document-check/copy/", {"drn": "ABCD", "file": upload(b"Hi")})
    assert bad.status_code == 429


def test_svc_5_the_issue_page_issues_only_once_the_clerk_confirms(client, clerk, iu_case):
    _individual, case = iu_case
    client.force_login(clerk)
    url = f"/backoffice/cases/{case.pk}/documents/new/"
    fields = {"kind": "DIRECTION", "title": TITLE, "method": "COMPOSED", "text": TEXT}
    unconfirmed = client.post(url, fields)
    assert unconfirmed.status_code == 200
    assert "Confirm that you have checked the document before issuing it." in unconfirmed.text
    assert TEXT in unconfirmed.text  # what was typed is kept
    assert not CaseDocument.objects.exists()
    confirmed = client.post(url, {**fields, "checked": "on"})
    assert confirmed.status_code == 302
    assert CaseDocument.objects.get().title == TITLE


def test_svc_5_the_issue_page_asks_for_the_documents_title_not_the_cases(client, clerk, iu_case):
    _individual, case = iu_case
    client.force_login(clerk)
    html = client.get(f"/zh-hant/backoffice/cases/{case.pk}/documents/new/").text
    assert re.search(r'<label for="id_title">標題\s', html)
    assert "案件名稱" not in html


def test_svc_5_the_issue_page_sent_back_keeps_its_pdf_until_it_is_issued(client, clerk, iu_case):
    """The clerk forgot the confirmation: the page comes back saying the PDF is kept, and
    issuing then needs no second choice of it. Issued, the kept file is released."""
    _individual, case = iu_case
    client.force_login(clerk)
    url = f"/backoffice/cases/{case.pk}/documents/new/"
    fields = {"kind": "ORDER", "title": TITLE, "method": "UPLOADED"}
    source = source_pdf()
    unconfirmed = client.post(url, {**fields, "file": upload(source, name="sealed order.pdf")})
    assert unconfirmed.status_code == 200
    assert not CaseDocument.objects.exists()
    assert "Kept from your last sending: sealed order.pdf" in unconfirmed.text
    held = HeldUpload.objects.get(account=clerk)
    assert f'name="file-held" value="{held.token}"' in unconfirmed.text
    confirmed = client.post(url, {**fields, "checked": "on", "file-held": held.token})
    assert confirmed.status_code == 302
    document = CaseDocument.objects.get()
    assert document.title == TITLE and document.method == "UPLOADED"
    # The stamped PDF is made from the kept one: its first page's text is the source's.
    assert "Order page 1" in PdfReader(document.file.open("rb")).pages[0].extract_text()
    assert not HeldUpload.objects.exists()


def test_svc_5_another_accounts_kept_pdf_is_not_issued(client, clerk, iu_case):
    _individual, case = iu_case
    url = f"/backoffice/cases/{case.pk}/documents/new/"
    fields = {"kind": "ORDER", "title": TITLE, "method": "UPLOADED"}
    client.force_login(clerk)
    client.post(url, {**fields, "file": upload()})
    token = HeldUpload.objects.get().token
    other = StaffFactory(role=Role.REGISTRY)
    client.force_login(other)
    refused = client.post(url, {**fields, "checked": "on", "file-held": token})
    assert refused.status_code == 200
    assert "The file sent last time is no longer kept: choose it again." in refused.text
    assert not CaseDocument.objects.exists()
    assert HeldUpload.objects.filter(token=token).exists()


# --- the registry's API (SVC-5, NFR-3, NFR-4) ---------------------------------------------------


def test_svc_5_the_registry_issues_through_the_api(client, clerk, iu_case):
    individual, case = iu_case
    client.force_login(clerk)
    url = f"/api/v1/backoffice/cases/{case.pk}/documents/"
    refused = client.post(url, {"kind": "ORDER", "title": TITLE, "method": "UPLOADED"})
    assert refused.status_code == 400
    assert set(refused.json()["errors"]) == {"file"}
    assert not CaseDocument.objects.exists()
    answer = client.post(
        url, {"kind": "ORDER", "title": TITLE, "method": "UPLOADED", "file": upload()}
    )
    assert answer.status_code == 201
    body = answer.json()
    document = CaseDocument.objects.get()
    assert body["document"]["drn"] == drn_display(document.drn)
    assert body["document"]["sha256"] == document.sha256
    assert body["recipients"] == [individual.login_name]
    listed = client.get(url).json()
    assert [d["id"] for d in listed["results"]] == [document.pk]
    client.force_login(individual)
    assert client.post(url, {"kind": "ORDER"}).status_code == 403
    assert client.get(url).status_code == 403


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_svc_5_documents_issued_at_once_that_draw_one_drn_each_get_their_own(
    clerk, iu_case, monkeypatch
):
    """Six documents issued at the same moment, each first drawing the same DRN: one keeps it,
    the others draw again (the unique constraint decides); six documents, six DRNs, six
    messages, no error."""
    import secrets
    import threading

    from tests.test_concurrency import assert_audit_chain_intact, run_in_parallel

    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (DATABASE_URL=postgres://...)")
    individual, case = iu_case
    same = "ABCDEFGHJKMNPQR"
    drawn = threading.local()

    class SameFirst:
        @staticmethod
        def choice(alphabet):
            drawn.count = getattr(drawn, "count", 0) + 1
            return same[drawn.count - 1] if drawn.count <= len(same) else secrets.choice(alphabet)

    monkeypatch.setattr(drn_module, "secrets", SameFirst)
    results = run_in_parallel(6, lambda index: issue_upload(clerk, case, title=f"Order {index}"))
    assert all(kind == "ok" for kind, _value in results), results
    drns = {value.document.drn for _kind, value in results}
    assert len(drns) == 6 and same + check_character(same) in drns
    assert set(CaseDocument.objects.values_list("drn", flat=True)) == drns
    assert Message.objects.filter(recipient=individual).count() == 6
    assert_audit_chain_intact()
