"""The registry's review of e-filings (SVC-1, CASE-3 (c)) through its pages and the staff API:
the queue oldest first with its count on the work queues; a filing with its documents, fee and
payments; accepting (the documents join the case file, the parties and the filer are told; an
originating filing opens its case under the suggested number) or rejecting with reasons (the
fee goes back, the filer reads the reasons); a refusal changes nothing; a filing is decided
once; only the registry reviews."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone
from django.utils.html import escape
from rest_framework.test import APIClient

from audit.models import AuditRecord
from cases.models import Case, CaseLink, CaseParty, LinkRoute, PartyType
from core.workdays import local_today
from documents.models import CaseDocument, DocumentOrigin
from filing.models import Filing, FilingStatus
from filing.review_forms import RejectFilingForm
from filing.selectors.filings import next_case_number
from filing.services.filings import DocumentToFile, filing_submit, filing_withdraw
from messaging.models import Message
from payments.models import PaymentStatus
from permissions.roles import Role
from tests.factories import ApiOnlyUserFactory, CaseFactory, StaffFactory, proceeding_type
from tests.filing_helpers import (
    assigned_organization,
    balance,
    fee_of,
    registry_clerk,
)
from tests.filing_helpers import pdf_upload as shared_pdf_upload
from translations.forms import RejectForm as RejectCertificationForm

pytestmark = [pytest.mark.django_db, pytest.mark.documents]

CONFIRM = {"confirm": "yes"}
QUEUE = "/backoffice/filings/"
API = "/api/v1/backoffice/filings/"


def pdf_upload(content=None, name="defence.pdf"):
    return shared_pdf_upload(content, name)


@pytest.fixture
def clerk():
    return registry_clerk()


@pytest.fixture
def org(clerk):
    """An organization whose OU `ou` is assigned to its DCPI case (the plaintiff), with
    HK$1,000.00 in its deposit account."""
    return assigned_organization(clerk, reasons="Cheque received")


def file_defence(org, **overrides) -> Filing:
    values = {
        "actor": org.ou,
        "case_number": org.case.number,
        "documents": [DocumentToFile("DEF", pdf_upload())],
        "pay_by": "DEPOSIT",
    }
    values.update(overrides)
    return filing_submit(**values).filing


def file_writ(org) -> Filing:
    return filing_submit(
        actor=org.ou,
        proceeding_type="DCPI",
        title="WONG Siu Ming v. ABC Limited",
        parties=[
            {"party_type": PartyType.PLAINTIFF, "name": "WONG Siu Ming"},
            {"party_type": PartyType.DEFENDANT, "name": "ABC Limited"},
        ],
        documents=[DocumentToFile("WRIT", pdf_upload(name="writ.pdf"))],
        pay_by="DEPOSIT",
    ).filing


def api_as(user) -> APIClient:
    api = APIClient()
    api.force_authenticate(user)
    return api


# --- the queue ---------------------------------------------------------------------------------


def test_svc_1_queue_lists_filings_oldest_first_with_the_count_on_the_work_queues(
    client, clerk, org
):
    later = file_defence(org)
    earlier = file_writ(org)
    # The writ was filed first: the queue goes by the filing date and time, not by the id.
    Filing.objects.filter(pk=earlier.pk).update(
        submitted_at=later.submitted_at - datetime.timedelta(hours=1)
    )
    client.force_login(clerk)
    html = client.get(QUEUE).content.decode()
    assert html.index(earlier.reference) < html.index(later.reference)
    assert "New proceedings: WONG Siu Ming v. ABC Limited" in html
    assert org.case.number in html and escape(org.organization.name) in html
    assert "Defence" in html and "630.00" in html
    chinese = client.get("/zh-hant" + QUEUE).content.decode()
    assert "待審核的存檔" in chinese and "新程序：WONG Siu Ming v. ABC Limited" in chinese
    home = client.get("/backoffice/").content.decode()
    assert 'href="/backoffice/filings/"' in home
    assert '<span class="count">2</span> e-filings awaiting' in home
    body = api_as(clerk).get(API).json()
    assert [row["reference"] for row in body] == [earlier.reference, later.reference]
    writ = body[0]
    assert writ["originating"] and writ["case_number"] is None
    assert writ["filer"]["organization_code"] == org.organization.code
    assert writ["documents"][0]["document_type"] == "WRIT"
    assert writ["payments"][0]["status"] == PaymentStatus.SUCCEEDED
    assert writ["payments"][0]["receipt_number"]


# --- a filing's page and its decision ----------------------------------------------------------


def test_svc_1_filing_page_shows_what_the_clerk_needs_and_serves_the_documents(client, clerk, org):
    fee_of("DEF", "630.00")
    filing = file_defence(org)
    document = filing.documents.get()
    client.force_login(clerk)
    page = client.get(f"{QUEUE}{filing.pk}/")
    html = page.content.decode()
    assert page.status_code == 200
    assert f'href="/backoffice/cases/{org.case.pk}/"' in html
    assert document.sha256 in html and "630.00" in html
    assert org.link.party.name in html
    assert f'action="/backoffice/filings/{filing.pk}/accept/"' in html
    assert f'action="/backoffice/filings/{filing.pk}/reject/"' in html
    download = client.get(f"{QUEUE}{filing.pk}/documents/{document.pk}/download/")
    assert download.status_code == 200 and download["Content-Type"] == "application/pdf"
    assert download["Content-Security-Policy"] == "sandbox"
    assert b"".join(download.streaming_content).startswith(b"%PDF")
    assert client.get(f"{QUEUE}{filing.pk}/documents/999999/download/").status_code == 404
    assert client.get(f"{QUEUE}999999/").status_code == 404


def test_svc_1_a_documents_title_reads_as_a_documents_on_the_chinese_page(client, clerk, org):
    filing = file_defence(org)
    client.force_login(clerk)
    html = client.get(f"/zh-hant{QUEUE}{filing.pk}/").text
    # 標題, a document's title; 案件名稱 names a case's title.
    assert '<th scope="col">標題</th>' in html and '<th scope="col">案件名稱</th>' not in html


def test_svc_1_accept_through_the_page_files_the_documents_and_tells_the_parties(
    client, clerk, org
):
    individual = ApiOnlyUserFactory()
    CaseParty.objects.create(
        case=org.case, party_type=PartyType.DEFENDANT, position=2, name="HO Siu Fung"
    )
    defence = filing_submit(
        actor=individual,
        case_number=org.case.number,
        documents=[DocumentToFile("DEF", pdf_upload())],
        party_type=PartyType.DEFENDANT,
        party_position=2,
    ).filing
    client.force_login(clerk)
    page = client.get(f"{QUEUE}{defence.pk}/").content.decode()
    assert "Defendant (2)" in page
    chinese = client.get(f"/zh-hant{QUEUE}{defence.pk}/").content.decode()
    assert (
        '被告人（2）<span class="hint">（由尚未連結的存檔者指明：登記處於接納時確定該方）</span>'
        in chinese
    )
    assert f'<span class="hint">（{individual.login_name}）</span>' in chinese
    # Asked again first, on a page of its own: nothing decided yet.
    asked = client.post(f"{QUEUE}{defence.pk}/accept/")
    assert asked.status_code == 200
    assert 'name="confirm" value="yes"' in asked.content.decode()
    assert Filing.objects.get(pk=defence.pk).status == FilingStatus.SUBMITTED
    response = client.post(f"{QUEUE}{defence.pk}/accept/", CONFIRM)
    assert response.status_code == 302 and response["Location"] == QUEUE
    assert defence.reference in client.get(QUEUE).content.decode()  # the success message
    defence.refresh_from_db()
    assert defence.status == FilingStatus.ACCEPTED and defence.decided_by == clerk
    document = CaseDocument.objects.get(case=org.case)
    assert document.origin == DocumentOrigin.FILED and document.dated_at == defence.submitted_at
    link = CaseLink.objects.get(individual=individual, ended_at__isnull=True)
    assert link.route == LinkRoute.FILING
    assert Message.objects.filter(recipient=individual, subject__contains="accepted").exists()
    assert Message.objects.filter(recipient=org.ou, case=org.case).exists()
    assert AuditRecord.objects.filter(action="filing.accepted").exists()


def test_svc_1_accepting_an_originating_filing_with_the_suggested_number_opens_the_case(
    client, clerk, org
):
    filing = file_writ(org)
    suggested = next_case_number(filing.proceeding_type, local_today().year)
    client.force_login(clerk)
    page = client.get(f"{QUEUE}{filing.pk}/").content.decode()
    assert f'value="{suggested}"' in page and "ABC Limited" in page
    # A number of another proceeding type: refused on the page, nothing opened.
    refused = client.post(f"{QUEUE}{filing.pk}/accept/", {"case_number": "DCTC 1/2026", **CONFIRM})
    assert refused.status_code == 400
    assert "error-summary" in refused.content.decode()
    assert not Case.objects.filter(number="DCTC 1/2026").exists()
    assert Filing.objects.get(pk=filing.pk).status == FilingStatus.SUBMITTED
    # A number the registry already has: shown on the field, nothing opened.
    taken = client.post(f"{QUEUE}{filing.pk}/accept/", {"case_number": org.case.number, **CONFIRM})
    assert taken.status_code == 400
    assert 'href="#id_case_number"' in taken.content.decode()
    assert "already has a case with this number" in taken.content.decode()
    assert Filing.objects.get(pk=filing.pk).case is None
    api_taken = api_as(clerk).post(
        f"{API}{filing.pk}/accept/", {"case_number": org.case.number}, format="json"
    )
    assert api_taken.status_code == 400 and "case_number" in api_taken.json()["errors"]
    missing = client.post(f"{QUEUE}{filing.pk}/accept/", {"case_number": "", **CONFIRM})
    assert missing.status_code == 400 and "Give the number of the new case" in (
        missing.content.decode()
    )
    response = client.post(f"{QUEUE}{filing.pk}/accept/", {"case_number": suggested, **CONFIRM})
    assert response.status_code == 302
    case = Case.objects.get(number=suggested)
    assert case.title == "WONG Siu Ming v. ABC Limited"
    assert Filing.objects.get(pk=filing.pk).case == case
    assert CaseLink.objects.get(case=case).organization == org.organization


def test_svc_1_a_party_missing_from_the_case_is_shown_and_nothing_changes(client, clerk, org):
    filing = filing_submit(
        actor=ApiOnlyUserFactory(),
        case_number=org.case.number,
        documents=[DocumentToFile("DEF", pdf_upload())],
        party_type=PartyType.DEFENDANT,
        party_position=7,
    ).filing
    client.force_login(clerk)
    refused = client.post(f"{QUEUE}{filing.pk}/accept/", CONFIRM)
    assert refused.status_code == 400
    assert "has no Defendant 7" in refused.content.decode()
    assert Filing.objects.get(pk=filing.pk).status == FilingStatus.SUBMITTED
    assert not CaseDocument.objects.filter(case=org.case).exists()


def test_svc_1_reject_with_reasons_through_the_page_refunds_the_fee(client, clerk, org):
    fee_of("DEF", "630.00")
    filing = file_defence(org)
    assert balance(org) == Decimal("370.00")
    client.force_login(clerk)
    asked = client.post(f"{QUEUE}{filing.pk}/reject/", {"reasons": "Not signed by the solicitor."})
    assert asked.status_code == 200
    assert 'name="reasons" value="Not signed by the solicitor."' in asked.content.decode()
    assert Filing.objects.get(pk=filing.pk).status == FilingStatus.SUBMITTED
    response = client.post(
        f"{QUEUE}{filing.pk}/reject/", {"reasons": "Not signed by the solicitor.", **CONFIRM}
    )
    assert response.status_code == 302 and response["Location"] == QUEUE
    filing.refresh_from_db()
    assert filing.status == FilingStatus.REJECTED and filing.reasons == (
        "Not signed by the solicitor."
    )
    assert balance(org) == Decimal("1000.00")
    message = Message.objects.get(recipient=org.ou, subject__contains="rejected")
    assert "Not signed by the solicitor." in message.body
    assert not CaseDocument.objects.filter(case=org.case).exists()
    decided = client.get("/backoffice/filings/decided/?status=REJECTED").content.decode()
    assert filing.reference in decided
    assert (
        filing.reference
        not in client.get("/backoffice/filings/decided/?status=ACCEPTED").content.decode()
    )


def test_svc_1_empty_reasons_are_refused_and_nothing_changes(client, clerk, org):
    fee_of("DEF", "630.00")
    filing = file_defence(org)
    client.force_login(clerk)
    refused = client.post(f"{QUEUE}{filing.pk}/reject/", {"reasons": "   "})
    assert refused.status_code == 400
    html = refused.content.decode()
    assert "error-summary" in html and "Give the reasons" in html
    assert Filing.objects.get(pk=filing.pk).status == FilingStatus.SUBMITTED
    assert balance(org) == Decimal("370.00")
    api = api_as(clerk).post(f"{API}{filing.pk}/reject/", {"reasons": ""}, format="json")
    assert api.status_code == 400 and "reasons" in api.json()["errors"]
    assert Filing.objects.get(pk=filing.pk).status == FilingStatus.SUBMITTED


def test_svc_1_the_next_case_number_is_one_above_the_highest_serial_as_a_number():
    dccj = proceeding_type("DCCJ")
    assert next_case_number(dccj, 2026) == "DCCJ 1/2026"
    for number in ("DCCJ 9/2026", "DCCJ 10/2026", "DCCJ 99/2025"):
        CaseFactory(number=number, type_code="DCCJ")
    CaseFactory(number="DCPI 500/2026")
    CaseFactory(number="DCCJ 12A/2026", type_code="DCCJ")  # not in the registry's form
    # 10 is above 9 (as text, "9" is above "10"); another year, another type and a number not
    # in the registry's form do not count.
    assert next_case_number(dccj, 2026) == "DCCJ 11/2026"
    assert next_case_number(dccj, 2025) == "DCCJ 100/2025"
    assert next_case_number(proceeding_type("DCPI"), 2026) == "DCPI 501/2026"


def test_svc_1_svc_6_each_reject_form_says_who_reads_the_reasons_and_requires_them():
    filing_form, certification_form = RejectFilingForm({}), RejectCertificationForm({})
    assert filing_form.errors == {
        "reasons": ["Give the reasons for rejecting the filing: the filer reads them."]
    }
    assert certification_form.errors == {
        "reasons": ["Give the reasons for rejecting the request: the applicant reads them."]
    }
    assert filing_form.fields["reasons"].help_text == (
        "The filer reads these reasons in its Message Box; any fee paid is refunded."
    )
    assert certification_form.fields["reasons"].help_text == (
        "The applicant reads these reasons in its Message Box; the fee is refunded."
    )
    too_long = RejectFilingForm({"reasons": "x" * 4001})
    assert not too_long.is_valid() and "at most 4000" in too_long.errors["reasons"][0]


def test_svc_1_a_filing_is_decided_once(client, clerk, org):
    filing = file_defence(org)
    client.force_login(clerk)
    assert client.post(f"{QUEUE}{filing.pk}/accept/", CONFIRM).status_code == 302
    again = client.post(f"{QUEUE}{filing.pk}/reject/", {"reasons": "Too late."})
    assert again.status_code == 400
    assert "no longer awaiting the registry" in again.content.decode()
    assert Filing.objects.get(pk=filing.pk).status == FilingStatus.ACCEPTED
    page = client.get(f"{QUEUE}{filing.pk}/").content.decode()
    assert "/accept/" not in page and "/reject/" not in page
    # Its page leads back to the list it is now in.
    assert '<a href="/backoffice/filings/decided/">Back to the decided filings</a>' in page
    waiting = client.get(f"{QUEUE}{file_defence(org).pk}/").text
    assert '<a href="/backoffice/filings/">Back to the filings to review</a>' in waiting
    api = api_as(clerk)
    assert api.post(f"{API}{filing.pk}/accept/", {}, format="json").status_code == 409
    conflict = api.post(f"{API}{filing.pk}/reject/", {"reasons": "Too late."}, format="json")
    assert conflict.status_code == 409 and conflict.json()["code"] == "invalid_state"
    # Withdrawn by its filer: decided too.
    withdrawn = file_defence(org)
    filing_withdraw(actor=org.ou, filing_id=withdrawn.pk)
    assert api.post(f"{API}{withdrawn.pk}/accept/", {}, format="json").status_code == 409
    body = api.get(API, {"status": "DECIDED"}).json()
    assert [row["reference"] for row in body] == [withdrawn.reference, filing.reference]
    decided = client.get("/backoffice/filings/decided/").content.decode()
    assert decided.index(withdrawn.reference) < decided.index(filing.reference)


@pytest.mark.parametrize("role", [Role.HELP_CENTRE, Role.VETTING])
def test_rol_2_only_the_registry_reviews_filings(client, org, role):
    filing = file_defence(org)
    document = filing.documents.get()
    officer = StaffFactory(role=role)
    client.force_login(officer)
    for path in (
        QUEUE,
        f"{QUEUE}decided/",
        f"{QUEUE}{filing.pk}/",
        f"{QUEUE}{filing.pk}/documents/{document.pk}/download/",
    ):
        assert client.get(path).status_code == 403, path
    assert client.post(f"{QUEUE}{filing.pk}/accept/", CONFIRM).status_code == 403
    assert client.post(f"{QUEUE}{filing.pk}/reject/", {"reasons": "No."}).status_code == 403
    assert "/backoffice/filings/" not in client.get("/backoffice/").content.decode()
    api = api_as(officer)
    assert api.get(API).status_code == 403
    assert api.get(f"{API}{filing.pk}/").status_code == 403
    assert api.post(f"{API}{filing.pk}/accept/", {}, format="json").status_code == 403
    assert api.post(f"{API}{filing.pk}/reject/", {"reasons": "No."}).status_code == 403
    download = f"{API}{filing.pk}/documents/{document.pk}/download/"
    assert api.get(download).status_code == 403
    assert Filing.objects.get(pk=filing.pk).status == FilingStatus.SUBMITTED
    # A holder, even the filer, reaches none of it either.
    client.force_login(org.ou)
    assert client.get(QUEUE).status_code == 403
    assert api_as(org.ou).get(f"{API}{filing.pk}/").status_code == 403


# --- the staff API -----------------------------------------------------------------------------


def test_svc_1_api_accepts_an_originating_filing_and_downloads_its_document(clerk, org):
    filing = file_writ(org)
    api = api_as(clerk)
    body = api.get(f"{API}{filing.pk}/").json()
    assert body["status"] == "SUBMITTED" and body["title"] == "WONG Siu Ming v. ABC Limited"
    assert body["new_case_parties"][1]["name"] == "ABC Limited"
    assert body["filer"]["login_name"] == org.ou.login_name and body["fee"] == "630.00"
    missing = api.post(f"{API}{filing.pk}/accept/", {}, format="json")
    assert missing.status_code == 400 and "case_number" in missing.json()["errors"]
    number = next_case_number(filing.proceeding_type, local_today().year)
    accepted = api.post(f"{API}{filing.pk}/accept/", {"case_number": number}, format="json")
    assert accepted.status_code == 200
    assert accepted.json()["status"] == "ACCEPTED" and accepted.json()["case_number"] == number
    assert accepted.json()["decided_by"] == clerk.login_name
    document = body["documents"][0]
    download = api.get(f"{API}{filing.pk}/documents/{document['id']}/download/")
    assert download.status_code == 200 and download["Content-Type"] == "application/pdf"
    assert "writ.pdf" in download["Content-Disposition"]
    assert api.get(f"{API}999999/").status_code == 404
    assert api.get(f"{API}{filing.pk}/documents/999999/download/").status_code == 404


def test_svc_1_api_rejects_with_reasons_and_refunds(clerk, org):
    fee_of("DEF", "630.00")
    filing = file_defence(org)
    api = api_as(clerk)
    rejected = api.post(f"{API}{filing.pk}/reject/", {"reasons": "Unsigned."}, format="json")
    assert rejected.status_code == 200
    body = rejected.json()
    assert body["status"] == "REJECTED" and body["reasons"] == "Unsigned."
    assert body["payments"][0]["status"] == PaymentStatus.REFUNDED
    assert balance(org) == Decimal("1000.00")
    listed = api.get(API, {"status": "REJECTED", "case_number": org.case.number}).json()
    assert [row["id"] for row in listed] == [filing.pk]
    assert api.get(API, {"status": "NOPE"}).status_code == 400
    assert api.get(API).json() == []
    assert timezone.now() >= Filing.objects.get(pk=filing.pk).decided_at
