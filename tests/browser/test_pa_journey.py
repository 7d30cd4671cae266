"""The PA's journey end to end in a real browser, in English and in Traditional Chinese: a PA
applies online for an organization account, the vetting officer marks it in order, the Help
Centre authenticates the PA's identity, the PA activates with the Organization Code from the
email and logs in. Every page visited is checked for accessibility (NFR-2)."""

import re
from dataclasses import dataclass, field

import pytest
from playwright.sync_api import Page, expect

from accounts.models import AccountStatus, User
from organizations.models import Organization, OrganizationStatus
from permissions.roles import Role
from registration.models import Application, ApplicationStatus, AuthenticationMode, Counter
from tests.browser.conftest import assert_accessible, screenshot
from tests.browser.journey import (
    ONE_TIME_CODE_RE,
    URL_PREFIX,
    Mailbox,
    Staff,
    expect_language,
    expect_success_message,
    link_in,
    open_work_queue,
    staff_log_in,
    submit,
)
from tests.factories import PASSWORD, PDF_BYTES, StaffFactory, new_hkid

pytestmark = pytest.mark.browser

ORGANIZATION_CODE_RE = re.compile(
    r"[:：]\s*([0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5})\s*$", re.MULTILINE
)
PA_LOGIN_NAME_RE = re.compile(r"\bpa\d{8}\b")
CASE_NUMBER = "HCA 1234/2025"


@dataclass
class PrimaryAdministrator:
    language: str
    email: str
    organization_name: str
    registration_number: str
    surname: str = "Leung"
    given_name: str = "Ka Yan"
    hkid: str = field(default_factory=new_hkid)
    phone: str = "(852) 2521-1234"
    password: str = "Harbour-Peak-2046"
    reference: str = ""
    login_name: str = ""

    def url(self, site: str, path: str) -> str:
        return site + URL_PREFIX[self.language] + path

    def application(self) -> Application:
        return Application.objects.get(reference=self.reference)


@pytest.fixture
def staff(transactional_db):
    return Staff(
        vetting_officer=StaffFactory(role=Role.VETTING, login_name="vet1"),
        help_centre_officer=StaffFactory(role=Role.HELP_CENTRE, login_name="hc1"),
        password=PASSWORD,
    )


def _attach(page: Page, selector: str, name: str) -> None:
    page.set_input_files(
        selector, files=[{"name": name, "mimeType": "application/pdf", "buffer": PDF_BYTES}]
    )


def apply_for_organization(page: Page, site: str, pa: PrimaryAdministrator, mail: Mailbox):
    """REG-7, REG-4, REG-9: from the public apply page to the organization's form; a law firm
    attaches the authorization and the proof of status (no proof of involvement)."""
    page.goto(pa.url(site, "/apply/"))
    expect_language(page, pa.language)
    page.locator(f"main a[href='{URL_PREFIX[pa.language]}/apply/organization/']").click()
    page.wait_for_url(pa.url(site, "/apply/organization/"))
    expect_language(page, pa.language)
    assert_accessible(page)
    page.fill("#id_organization_name", pa.organization_name)
    page.select_option("#id_organization_type", "LAW_FIRM")
    page.select_option("#id_organization_registration_document_type", "BR")
    page.fill("#id_organization_registration_document_number", pa.registration_number)
    page.fill("#id_organization_address", "16/F, Alexandra House, 18 Chater Road, Central")
    page.fill("#id_surname", pa.surname)
    page.fill("#id_given_name", pa.given_name)
    page.select_option("#id_id_document_type", "HKID")
    page.fill("#id_id_document_number", pa.hkid)
    page.fill("#id_address", "Flat B, 3/F, 8 Robinson Road, Mid-Levels")
    page.fill("#id_phone", pa.phone)
    page.fill("#id_email", pa.email)
    page.fill("#id_cases-0-case_number", CASE_NUMBER)
    page.select_option("#id_cases-0-party_type", "DEFENDANT")
    _attach(page, "#id_authorization_letter", "resolution.pdf")
    _attach(page, "#id_organization_status_proof", "br-certificate.pdf")
    screenshot(page, f"pa-{pa.language}-01-apply-filled")
    submit(page)
    page.wait_for_url(re.compile(re.escape(pa.url(site, "/apply/status/")) + r"[^/]+/$"))
    expect_language(page, pa.language)
    pa.reference = page.locator(".panel-highlight strong").inner_text().strip()
    assert re.fullmatch(r"PA\d{10}", pa.reference), pa.reference
    assert_accessible(page)
    application = pa.application()
    assert (application.application_type, application.status) == ("PA", ApplicationStatus.SUBMITTED)
    assert application.organization_name == pa.organization_name
    assert list(application.cases.values_list("case_number", flat=True)) == [CASE_NUMBER]
    acknowledgement = mail.take_one()
    assert pa.reference in acknowledgement.subject


def vet_in_order(page: Page, site: str, pa: PrimaryAdministrator, mail: Mailbox):
    """REG-8: the PA application is in the vetting queue with its type and organization; the
    vetting officer marks it in order after confirming."""
    open_work_queue(page, site, "/backoffice/vetting/")
    row = page.locator("#to-vet tbody tr", has_text=pa.reference)
    expect(row).to_contain_text(pa.organization_name)
    expect(row).to_contain_text("Organization account (Primary Administrator)")
    row.get_by_role("link", name=pa.reference).click()
    page.wait_for_url(re.compile(r"/backoffice/applications/\d+/$"))
    main = page.locator("main")
    expect(main).to_contain_text(pa.registration_number)
    expect(main).to_contain_text("Letter of authorization or resolution authorizing the applicant")
    assert_accessible(page)
    submit(page, "form[action$='/in-order/']")
    assert_accessible(page)
    submit(page, "form.confirm-form")
    page.wait_for_url(site + "/backoffice/vetting/")
    expect_success_message(page)
    assert pa.application().status == ApplicationStatus.AWAITING_AUTHENTICATION
    mail.take_one()  # asked to authenticate identity at a counter


def authenticate_identity(page: Page, site: str, pa: PrimaryAdministrator):
    """IDA-2, IDA-4, AUTH-2: the PA's own identity document; the organization is created with
    its Organization Code and the PA's account opens."""
    open_work_queue(page, site, "/backoffice/authentication/")
    page.fill("#id_q", pa.reference)
    submit(page, "form[role=search]")
    rows = page.locator("tbody tr")
    expect(rows).to_have_count(1)
    rows.locator("a[href^='/backoffice/authentication/']").click()
    page.wait_for_url(re.compile(r"/backoffice/authentication/\d+/$"))
    expect(page.locator("main dl.summary")).to_contain_text(pa.organization_name)
    assert_accessible(page)
    page.select_option("#id_counter", Counter.HELP_CENTRE)
    page.check(f"input[name=mode][value={AuthenticationMode.IN_PERSON}]")
    page.fill("#id_presented_document_number", pa.hkid)
    submit(page)
    page.wait_for_url(re.compile(re.escape(site + "/backoffice/authentication/") + r"(\?.*)?$"))
    expect_success_message(page)
    application = pa.application()
    assert application.status == ApplicationStatus.APPROVED
    organization = application.organization
    assert organization.status == OrganizationStatus.NO_ACTIVE_PA
    account = application.account
    assert (account.role, account.status, account.organization_id) == (
        Role.PA,
        AccountStatus.PENDING_ACTIVATION,
        organization.pk,
    )


def activate_with_organization_code(page: Page, site: str, pa: PrimaryAdministrator, mail):
    """ACT-4, AUTH-2: the email gives the login name, the activation code and the Organization
    Code; a wrong code is refused like wrong particulars; the right one activates the PA and
    puts the organization in service."""
    email = mail.take_one()
    account = User.objects.get(application__reference=pa.reference)
    assert set(PA_LOGIN_NAME_RE.findall(email.body)) == {account.login_name}, email.body
    pa.login_name = account.login_name
    [code] = ONE_TIME_CODE_RE.findall(email.body)
    [organization_code] = ORGANIZATION_CODE_RE.findall(email.body)
    organization = Organization.objects.get(pk=account.organization_id)
    assert organization_code == f"{organization.code[:5]}-{organization.code[5:]}"
    link = link_in(email.body, "/account/activate/")
    assert link.startswith(pa.url(site, "/account/activate/")), link

    page.goto(link)
    expect_language(page, pa.language)
    expect(page.locator("#id_login_name")).to_have_value(pa.login_name)
    assert_accessible(page)

    def fill(typed_code: str) -> None:
        page.fill("#id_activation_code", code)
        page.fill("#id_organization_code", typed_code)
        page.fill("#id_surname", pa.surname)
        page.fill("#id_given_name", pa.given_name)
        page.fill("#id_phone", pa.phone)
        page.fill("#id_password", pa.password)
        page.fill("#id_password_confirm", pa.password)
        submit(page)

    fill("00000-00000")
    expect(page.locator(".error-summary")).to_be_visible()
    assert_accessible(page)
    assert User.objects.get(pk=account.pk).status == AccountStatus.PENDING_ACTIVATION

    fill(organization_code.lower())
    page.wait_for_url(pa.url(site, "/account/login/"))
    expect_success_message(page)
    assert User.objects.get(pk=account.pk).status == AccountStatus.ACTIVE
    organization.refresh_from_db()
    assert organization.status == OrganizationStatus.ACTIVE
    return organization_code


def log_in(page: Page, site: str, pa: PrimaryAdministrator, organization_code: str):
    """AUTH-1, AUTH-2: the PA logs in and sees the account."""
    expect_language(page, pa.language)
    assert_accessible(page)
    page.fill("#id_organization_code", organization_code)
    page.fill("#id_login_name", pa.login_name)
    page.fill("#id_password", pa.password)
    submit(page)
    page.wait_for_url(pa.url(site, "/account/"))
    expect_language(page, pa.language)
    expect(page.locator("h1")).to_contain_text(f"{pa.surname} {pa.given_name}")
    expect(page.locator("main dl.summary")).to_contain_text(pa.login_name)
    assert_accessible(page)
    screenshot(page, f"pa-{pa.language}-02-my-account")


def walk_pa_journey(new_page, site: str, pa: PrimaryAdministrator, staff: Staff) -> Page:
    mail = Mailbox(pa.email)
    locale = "zh-HK" if pa.language == "zh-hant" else "en-HK"
    me = new_page("primary-administrator", locale=locale)
    vetting = new_page("vetting-officer")
    help_centre = new_page("help-centre-officer")
    apply_for_organization(me, site, pa, mail)
    staff_log_in(vetting, site, staff.vetting_officer, staff.password)
    vet_in_order(vetting, site, pa, mail)
    staff_log_in(help_centre, site, staff.help_centre_officer, staff.password)
    authenticate_identity(help_centre, site, pa)
    organization_code = activate_with_organization_code(me, site, pa, mail)
    log_in(me, site, pa, organization_code)
    return me


def test_pa_journey_in_english(new_page, site, staff):
    """REG-4, REG-7, REG-8, REG-9, IDA-2, IDA-4, AUTH-2, ACT-4, ORG-8, NFR-2."""
    pa = PrimaryAdministrator(
        language="en",
        email="leung.kayan@example.com",
        organization_name="Harbour & Peak Solicitors",
        registration_number="61234567",
    )
    walk_pa_journey(new_page, site, pa, staff)


def test_pa_journey_in_traditional_chinese(new_page, site, staff):
    """NFR-1, NFR-2, REG-7, IDA-4, AUTH-2, ACT-4: the same journey in Traditional Chinese,
    the emails included."""
    pa = PrimaryAdministrator(
        language="zh-hant",
        email="wong.pa@example.com",
        organization_name="海港及山頂律師行",
        registration_number="71234567",
        surname="黃",
        given_name="小明",
    )
    page = walk_pa_journey(new_page, site, pa, staff)
    expect_language(page, "zh-hant")
