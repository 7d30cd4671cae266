"""Issued documents in a real browser, in English and in Traditional Chinese (SVC-5, SVC-2,
MSG-1, BEY-3, NFR-1, NFR-2): a registry clerk issues an order to a case from its page in the
back office, composing it; the linked individual user finds it in the Message Box with its
DRN, opens the case's documents and downloads the stamped PDF; anyone checks the DRN on the
public page, by typing it and by the QR code's address, and compares the downloaded copy.
Every page is checked for accessibility."""

import io

import pytest
from playwright.sync_api import Page, expect
from pypdf import PdfReader

from documents.drn import drn_display
from documents.models import CaseDocument
from documents.services import drn_check_url
from messaging.models import Message, MessageKind
from permissions.roles import Role
from tests.browser.conftest import assert_accessible
from tests.browser.journey import URL_PREFIX, expect_language, staff_log_in
from tests.factories import PASSWORD, CaseLinkFactory, StaffFactory, UserFactory

pytestmark = pytest.mark.browser

LOCALE = {"en": "en-HK", "zh-hant": "zh-Hant-HK"}
TITLE = {"en": "Order on the filing of witness statements", "zh-hant": "有關提交證人陳述書的命令"}
TEXT = {
    "en": "The plaintiff shall file and serve witness statements within 28 days.",
    "zh-hant": "原告須於二十八天內提交及送達證人陳述書。",
}


def _log_in(page: Page, site: str, language: str, account) -> None:
    page.goto(site + URL_PREFIX[language] + "/account/login/")
    page.fill("#id_login_name", account.login_name)
    page.fill("#id_password", PASSWORD)
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_load_state()


@pytest.mark.parametrize("language", ["en", "zh-hant"])
def test_svc_5_registry_issues_an_order_the_iu_downloads_it_anyone_checks_it(
    site, new_page, language
):
    holder = UserFactory(preferred_language=language)
    case = CaseLinkFactory(organization=None, individual=holder).case
    clerk = StaffFactory(role=Role.REGISTRY)
    prefix = URL_PREFIX[language]

    # The registry clerk: from the case's page to "Issue a document", which names the IU.
    staff = new_page("registry", locale=LOCALE[language])
    staff_log_in(staff, site, clerk, PASSWORD, check=False)
    staff.goto(site + prefix + f"/backoffice/cases/{case.pk}/")
    staff.locator(f"main a[href$='/backoffice/cases/{case.pk}/documents/new/']").click()
    staff.wait_for_load_state()
    expect_language(staff, language)
    expect(staff.locator("main")).to_contain_text(holder.login_name)
    assert_accessible(staff)
    # Sent with no title and no text: the error summary, nothing issued.
    staff.locator("input[name=kind][value=ORDER]").check()
    staff.locator("input[name=method][value=COMPOSED]").check()
    staff.locator("main form button[type=submit]").click()
    staff.wait_for_load_state()
    expect(staff.locator(".error-summary")).to_be_visible()
    assert_accessible(staff)
    assert not CaseDocument.objects.exists()
    staff.fill("#id_title", TITLE[language])
    staff.fill("#id_text", TEXT[language])
    staff.locator("#id_checked").check()
    staff.locator("main form button[type=submit]").click()
    staff.wait_for_url(site + prefix + f"/backoffice/cases/{case.pk}/documents/")
    document = CaseDocument.objects.get()
    drn = drn_display(document.drn)
    expect(staff.locator(".messages .message-success")).to_contain_text(drn)
    expect(staff.locator("table.case-documents tbody")).to_contain_text(drn)
    assert_accessible(staff)

    # The IU: the order is in the Message Box with its DRN.
    page = new_page("iu", locale=LOCALE[language])
    _log_in(page, site, language, holder)
    page.locator("#message-box-link").click()
    page.wait_for_load_state()
    row = page.locator("table.message-box tbody tr.unread")
    expect(row).to_have_count(1)
    row.locator("a").click()
    page.wait_for_load_state()
    expect_language(page, language)
    expect(page.locator(".message-body")).to_contain_text(drn)
    assert_accessible(page)
    assert Message.objects.get().kind == MessageKind.DOCUMENT

    # From the case's page to its documents, then the document's page and its download.
    page.goto(site + prefix + f"/cases/{case.pk}/")
    page.locator(f"main a[href$='/cases/{case.pk}/documents/']").click()
    page.wait_for_load_state()
    expect(page.locator("table.case-documents tbody")).to_contain_text(TITLE[language])
    assert_accessible(page)
    page.locator(f"main a[href$='/documents/{document.pk}/']").click()
    page.wait_for_load_state()
    expect(page.locator("h1")).to_have_text(TITLE[language])
    assert_accessible(page)
    with page.expect_download() as download:
        page.locator(f"main a[href$='/documents/{document.pk}/download/']").click()
    assert download.value.suggested_filename == f"{document.drn}.pdf"
    downloaded = download.value.path().read_bytes()
    with document.file.open("rb") as stored:
        assert downloaded == stored.read()
    first_page = PdfReader(io.BytesIO(downloaded)).pages[0].extract_text()
    assert drn in first_page

    # Anyone, not logged in: the DRN typed as a person would, then the QR code's address.
    public = new_page("public", locale=LOCALE[language])
    public.goto(site + prefix + "/documents/check/")
    expect_language(public, language)
    assert_accessible(public)
    public.fill("#id_drn", " " + drn.lower().replace("-", " "))
    public.locator("main form button[type=submit]").click()
    public.wait_for_url(site + prefix + f"/documents/check/{document.drn}/")
    result = public.locator("main dl.summary")
    expect(result).to_contain_text(case.number)
    expect(result).to_contain_text(TITLE[language])
    expect(public.locator("main")).not_to_contain_text(case.title)
    assert_accessible(public)
    public.goto(drn_check_url(document.drn))
    assert public.url == f"{site}/documents/check/{document.drn}/"
    expect(public.locator("main dl.summary")).to_contain_text(case.number)
    # The downloaded copy is the one issued, byte for byte.
    public.set_input_files(
        "#id_file",
        files=[{"name": "copy.pdf", "mimeType": "application/pdf", "buffer": downloaded}],
    )
    public.locator("main form[enctype] button[type=submit]").click()
    public.wait_for_load_state()
    expect(public.locator("#compare-result.success")).to_be_visible()
    assert_accessible(public)
