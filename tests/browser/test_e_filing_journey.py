"""e-Filing end to end in a real browser, in English and in Traditional Chinese (SVC-1, SVC-4,
SVC-5, SVC-2, MSG-1, CASE-4, NFR-2): an OU assigned to a case files a Defence from the case's
page, its fee paid from the organization's deposit account; a registry clerk finds it in the
queue and accepts it; the case file shows it, dated when it was filed; the court issues an
order to the case, whose PDF carries the DRN and its QR code; the parties (the OU and the
plaintiff's IU) find it in their Message Boxes. Every page is checked for accessibility."""

import io
from decimal import Decimal

import pytest
from playwright.sync_api import Page, expect
from pypdf import PdfReader

from cases.models import PartyType
from cases.services.assignment import case_assignment_create
from documents.drn import drn_display
from documents.models import CaseDocument, DocumentOrigin
from documents.services import drn_check_url
from filing.models import DocumentType, Filing, FilingStatus
from payments.models import DepositAccount
from payments.services import deposit_top_up
from permissions.roles import Role
from tests.browser.conftest import assert_accessible
from tests.browser.journey import URL_PREFIX, expect_language, staff_log_in
from tests.factories import (
    PASSWORD,
    CaseLinkFactory,
    OrganizationAccountFactory,
    StaffFactory,
    UserFactory,
    organization_with_cases,
)
from tests.pdfs import good_pdf
from tests.test_issued_documents import qr_expected, qr_on

pytestmark = pytest.mark.browser

LOCALE = {"en": "en-HK", "zh-hant": "zh-Hant-HK"}
ORDER_TITLE = {"en": "Order for directions after the Defence", "zh-hant": "提交抗辯書後的指示命令"}
ORDER_TEXT = {
    "en": "The plaintiff shall file a Reply within 28 days.",
    "zh-hant": "原告須於二十八天內提交答覆書。",
}


def _log_in(page: Page, site: str, language: str, account) -> None:
    page.goto(site + URL_PREFIX[language] + "/account/login/")
    if account.organization_id:
        page.fill("#id_organization_code", account.organization.code)
    page.fill("#id_login_name", account.login_name)
    page.fill("#id_password", PASSWORD)
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_load_state()


@pytest.mark.parametrize("language", ["en", "zh-hant"])
def test_svc_1_ou_files_a_defence_paid_from_deposit_registry_accepts_court_issues_an_order(
    site, new_page, language
):
    prefix = URL_PREFIX[language]
    clerk = StaffFactory(role=Role.REGISTRY)
    org = organization_with_cases(accounts=OrganizationAccountFactory)
    org.ou.preferred_language = language
    org.ou.save(update_fields=["preferred_language"])
    case = org.case
    # The organization acts for the defendant; an IU is the plaintiff in person.
    link = org.link
    link.party = case.parties.get(party_type=PartyType.DEFENDANT)
    link.save(update_fields=["party"])
    plaintiff = UserFactory(preferred_language=language)
    CaseLinkFactory(
        case=case,
        party=case.parties.get(party_type=PartyType.PLAINTIFF),
        organization=None,
        individual=plaintiff,
    )
    case_assignment_create(actor=org.pa, link_id=link.pk, organization_user_id=org.ou.pk)
    deposit_top_up(
        actor=clerk,
        organization_code=org.organization.code,
        amount="1000.00",
        reference="CHEQUE 0001",
        reasons="Cheque received at the registry",
    )
    # A fee that binary floating point cannot hold exactly.
    DocumentType.objects.filter(proceeding_type__code="DCPI", code="DEF").update(
        fee=Decimal("630.10")
    )

    # The OU: from its case's page to "File documents"; the Defence, paid from the account.
    page = new_page("ou", locale=LOCALE[language])
    _log_in(page, site, language, org.ou)
    page.goto(site + prefix + f"/cases/{case.pk}/")
    expect_language(page, language)
    page.locator(f"main a[href*='/filings/new/?case={case.pk}']").click()
    page.wait_for_load_state()
    expect(page.locator("#id_case_number")).to_have_value(case.number)
    assert_accessible(page)
    page.select_option("#id_documents-0-document_type", "DCPI:DEF")
    page.set_input_files(
        "#id_documents-0-file",
        files=[{"name": "defence.pdf", "mimeType": "application/pdf", "buffer": good_pdf(3)}],
    )
    page.locator("input[name=pay_by][value=DEPOSIT]").check()
    # An affidavit chosen in the second row without its file: the form comes back, keeping
    # the Defence's file so that it need not be chosen again.
    page.select_option("#id_documents-1-document_type", "DCPI:AFF")
    page.locator("main form[enctype] button[type=submit]").click()
    page.wait_for_load_state()
    assert not Filing.objects.exists()
    expect(page.locator("#id_documents-0-file_helptext")).to_contain_text("defence.pdf")
    assert_accessible(page)
    page.select_option("#id_documents-1-document_type", "")
    page.locator("main form[enctype] button[type=submit]").click()
    page.wait_for_load_state()
    filing = Filing.objects.get()
    assert filing.documents.get().file_name == "defence.pdf"
    assert page.url.endswith(f"/filings/{filing.pk}/")
    assert filing.status == FilingStatus.SUBMITTED and filing.fee == Decimal("630.10")
    expect(page.locator("main")).to_contain_text(filing.reference)
    expect(page.locator("main")).to_contain_text("630.10")
    assert_accessible(page)
    account = DepositAccount.objects.get(organization=org.organization)
    assert account.balance == Decimal("369.90")

    # The registry clerk: the queue, the filing's page, accept.
    staff = new_page("registry", locale=LOCALE[language])
    staff_log_in(staff, site, clerk, PASSWORD, check=False)
    staff.goto(site + prefix + "/backoffice/filings/")
    expect_language(staff, language)
    expect(staff.locator("#filings tbody")).to_contain_text(filing.reference)
    assert_accessible(staff)
    staff.locator(f"#filings a[href$='/backoffice/filings/{filing.pk}/']").click()
    staff.wait_for_load_state()
    expect(staff.locator("main")).to_contain_text(case.number)
    assert_accessible(staff)
    staff.locator(f"main form[action$='/backoffice/filings/{filing.pk}/accept/'] button").click()
    staff.wait_for_load_state()
    # Asked again, on a page of its own, before anything is decided.
    expect(staff.locator("h1")).to_contain_text(filing.reference)
    assert_accessible(staff)
    staff.locator("main form.confirm-form button[type=submit]").click()
    staff.wait_for_load_state()
    expect(staff.locator(".messages")).to_contain_text(filing.reference)
    filing.refresh_from_db()
    assert filing.status == FilingStatus.ACCEPTED

    # The case file shows the Defence, dated when it was filed, for the OU.
    page.goto(site + prefix + f"/cases/{case.pk}/documents/")
    filed = CaseDocument.objects.get(case=case, origin=DocumentOrigin.FILED)
    expect(page.locator("table.case-documents tbody")).to_contain_text(filed.title)
    assert filed.dated_at == filing.submitted_at
    assert_accessible(page)

    # The court issues an order to the case, composed in the portal.
    staff.goto(site + prefix + f"/backoffice/cases/{case.pk}/documents/new/")
    staff.locator("input[name=kind][value=ORDER]").check()
    staff.locator("input[name=method][value=COMPOSED]").check()
    staff.fill("#id_title", ORDER_TITLE[language])
    staff.fill("#id_text", ORDER_TEXT[language])
    staff.locator("#id_checked").check()
    staff.locator("main form button[type=submit]").click()
    staff.wait_for_url(site + prefix + f"/backoffice/cases/{case.pk}/documents/")
    order = CaseDocument.objects.get(case=case, origin=DocumentOrigin.ISSUED)
    drn = drn_display(order.drn)

    # The parties find it in their Message Boxes: the OU, then the plaintiff in person.
    for reader, account_page in ((org.ou, page), (plaintiff, None)):
        if account_page is None:
            account_page = new_page("iu", locale=LOCALE[language])
            _log_in(account_page, site, language, reader)
        account_page.goto(site + prefix + "/messages/")
        expect_language(account_page, language)
        row = account_page.locator("table.message-box tbody tr", has_text=ORDER_TITLE[language])
        expect(row).to_have_count(1)
        row.locator("a").first.click()
        account_page.wait_for_load_state()
        expect(account_page.locator(".message-body")).to_contain_text(drn)
        assert_accessible(account_page)

    # The order's PDF, downloaded by the OU, carries the DRN and the QR code on its page.
    page.goto(site + prefix + f"/cases/{case.pk}/documents/{order.pk}/")
    with page.expect_download() as download:
        page.locator(f"main a[href$='/documents/{order.pk}/download/']").click()
    downloaded = download.value.path().read_bytes()
    first_page = PdfReader(io.BytesIO(downloaded)).pages[0]
    assert drn in first_page.extract_text()
    assert qr_on(first_page) == qr_expected(drn_check_url(order.drn))
