"""The organization's journeys end to end in a real browser, in English and in Traditional
Chinese: a PA applies online for an organization account, the vetting officer marks it in
order, the Help Centre authenticates the PA's identity, the PA activates with the Organization
Code from the email and logs in; then the PA creates a branch code, an SA of that branch with
an optional role and an OU of it, each with an effective end date, through the organization's
pages; the SA and the OU activate with the Organization Code from their emails and log in with
it. Every page visited is checked for accessibility (NFR-2)."""

import re
from dataclasses import dataclass, field
from datetime import date, timedelta

import pytest
from django.utils import translation
from playwright.sync_api import Page, expect

from accounts.models import AccountStatus, OptionalRoleGrant, User
from core.names import person_name
from core.workdays import local_today
from organizations.models import Branch, DefaultOU, Organization, OrganizationStatus
from permissions.roles import OptionalRole, Role
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
    localized_date,
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
SUB_ACCOUNT_LOGIN_NAME_RE = {
    Role.SA: re.compile(r"\bsa\d{8}\b"),
    Role.OU: re.compile(r"\bou\d{8}\b"),
}
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


@dataclass
class SubAccountHolder:
    """The holder of an SA or OU account the PA opens (ORG-5, ORG-6), and what the portal gave
    them on the way."""

    role: str
    language: str
    email: str
    surname: str
    given_name: str
    phone: str
    password: str
    effective_end_date: date
    optional_roles: tuple[str, ...] = ()
    login_name: str = ""

    def url(self, site: str, path: str) -> str:
        return site + URL_PREFIX[self.language] + path

    def account(self) -> User:
        return User.objects.get(login_name=self.login_name)


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


def log_in(page: Page, site: str, holder, organization_code: str, who: str = "pa"):
    """AUTH-1, AUTH-2: the PA (or an SA or OU) logs in with the Organization Code, the login
    name and the password, and sees the account."""
    expect_language(page, holder.language)
    assert_accessible(page)
    page.fill("#id_organization_code", organization_code)
    page.fill("#id_login_name", holder.login_name)
    page.fill("#id_password", holder.password)
    submit(page)
    page.wait_for_url(holder.url(site, "/account/"))
    expect_language(page, holder.language)
    expect(page.locator("h1")).to_contain_text(person_name(f"{holder.surname} {holder.given_name}"))
    expect(page.locator("main dl.summary")).to_contain_text(holder.login_name)
    assert_accessible(page)
    screenshot(page, f"{who}-{holder.language}-02-my-account")


# --- the PA's organization: a branch, an SA and an OU (ORG-2, ORG-5, ORG-6, ORG-7) ------------


BRANCH_CODE = "HK-CENTRAL"


def open_organization(page: Page, site: str, holder, organization_code: str) -> None:
    """ORG-2: from the account page to the organization's overview, which shows the
    Organization Code every holder enters at login."""
    page.locator(f"main a[href='{URL_PREFIX[holder.language]}/organization/']").click()
    page.wait_for_url(holder.url(site, "/organization/"))
    expect_language(page, holder.language)
    expect(page.locator("main dl.summary")).to_contain_text(organization_code)
    assert_accessible(page)


def create_branch(page: Page, site: str, pa: PrimaryAdministrator, branch_name: str) -> Branch:
    """ORG-2: the PA types a branch code (kept in capitals) and its name."""
    page.locator(f"nav.sub-nav a[href='{URL_PREFIX[pa.language]}/organization/branches/']").click()
    page.wait_for_url(pa.url(site, "/organization/branches/"))
    expect_language(page, pa.language)
    assert_accessible(page)
    page.fill("#id_code", f" {BRANCH_CODE.lower()} ")
    page.fill("#id_name", branch_name)
    submit(page)
    page.wait_for_url(pa.url(site, "/organization/branches/"))
    expect_success_message(page)
    expect(page.locator("main table tbody tr", has_text=BRANCH_CODE)).to_contain_text(branch_name)
    assert_accessible(page)
    screenshot(page, f"pa-{pa.language}-03-branches")
    branch = Branch.objects.get()
    organization = pa.application().organization
    assert (branch.organization_id, branch.code, branch.name) == (
        organization.pk,
        BRANCH_CODE,
        branch_name,
    )
    return branch


def create_sub_account(
    page: Page, site: str, pa: PrimaryAdministrator, holder: SubAccountHolder, branch: Branch
) -> None:
    """ORG-5, ORG-6, ROLE-1: the PA opens the account in the branch, with its effective end
    date, the language of its emails and, for an SA, the optional roles the PA gives."""
    prefix = URL_PREFIX[pa.language]
    page.locator(f"nav.sub-nav a[href='{prefix}/organization/accounts/']").click()
    page.wait_for_url(pa.url(site, "/organization/accounts/"))
    expect_language(page, pa.language)
    assert_accessible(page)
    page.locator(f"main a[href='{prefix}/organization/accounts/new/?role={holder.role}']").click()
    page.wait_for_url(pa.url(site, f"/organization/accounts/new/?role={holder.role}"))
    expect_language(page, pa.language)
    assert_accessible(page)
    page.fill("#id_surname", holder.surname)
    page.fill("#id_given_name", holder.given_name)
    page.fill("#id_email", holder.email)
    page.fill("#id_phone", holder.phone)
    page.select_option("#id_preferred_language", holder.language)
    page.select_option("#id_branch", str(branch.pk))
    page.fill("#id_effective_end_date", holder.effective_end_date.isoformat())
    # Optional roles are an SA's only (ROLE-1 [A38]); the OU's form does not offer them.
    checkboxes = page.locator("input[name=optional_roles]")
    expect(checkboxes).to_have_count(len(OptionalRole) if holder.role == Role.SA else 0)
    for optional_role in holder.optional_roles:
        page.check(f"input[name=optional_roles][value={optional_role}]")
    screenshot(page, f"pa-{pa.language}-04-new-{holder.role.lower()}")
    submit(page)
    page.wait_for_url(re.compile(re.escape(pa.url(site, "/organization/accounts/")) + r"\d+/$"))
    expect_success_message(page)
    expect_language(page, pa.language)
    account = User.objects.get(email=holder.email)
    holder.login_name = account.login_name
    assert SUB_ACCOUNT_LOGIN_NAME_RE[holder.role].fullmatch(account.login_name), account.login_name
    organization = pa.application().organization
    assert (
        account.role,
        account.status,
        account.organization_id,
        account.branch_id,
        account.effective_end_date,
        account.preferred_language,
    ) == (
        holder.role,
        AccountStatus.PENDING_ACTIVATION,
        organization.pk,
        branch.pk,
        holder.effective_end_date,
        holder.language,
    )
    granted = set(OptionalRoleGrant.objects.filter(account=account).values_list("optional_role"))
    assert granted == {(r,) for r in holder.optional_roles}
    # The account's page, in the PA's language, shows what was set.
    main = page.locator("main")
    expect(main.locator("h1")).to_contain_text(account.login_name)
    summary = main.locator("dl.summary")
    expect(summary).to_contain_text(BRANCH_CODE)
    expect(summary).to_contain_text(localized_date(holder.effective_end_date, pa.language))
    with translation.override(pa.language):
        expect(summary).to_contain_text(str(Role(holder.role).label))
        for optional_role in holder.optional_roles:
            expect(summary).to_contain_text(str(OptionalRole(optional_role).label))
    assert_accessible(page)
    screenshot(page, f"pa-{pa.language}-05-{holder.role.lower()}-created")
    # Back on the list of accounts, the new account is there with its type in words.
    page.locator(f"main a[href='{prefix}/organization/accounts/']").click()
    page.wait_for_url(pa.url(site, "/organization/accounts/"))
    row = page.locator("main table tbody tr", has_text=account.login_name)
    with translation.override(pa.language):
        expect(row).to_contain_text(str(Role(holder.role).label))
    assert_accessible(page)


def activate_sub_account(
    page: Page, site: str, holder: SubAccountHolder, mail: Mailbox, organization_code: str
) -> None:
    """ACT-4, AUTH-2: the holder's email, in the holder's language, gives the login name, the
    activation code, the Organization Code and the effective end date; the holder activates
    with the Organization Code and the particulars the PA registered."""
    email = mail.take_one()
    assert set(SUB_ACCOUNT_LOGIN_NAME_RE[holder.role].findall(email.body)) == {holder.login_name}
    [code] = ONE_TIME_CODE_RE.findall(email.body)
    assert ORGANIZATION_CODE_RE.findall(email.body) == [organization_code], email.body
    assert localized_date(holder.effective_end_date, holder.language) in email.body
    link = link_in(email.body, "/account/activate/")
    assert link.startswith(holder.url(site, "/account/activate/")), link

    page.goto(link)
    expect_language(page, holder.language)
    expect(page.locator("#id_login_name")).to_have_value(holder.login_name)
    assert_accessible(page)
    page.fill("#id_activation_code", code)
    page.fill("#id_organization_code", organization_code)
    page.fill("#id_surname", holder.surname)
    page.fill("#id_given_name", holder.given_name)
    page.fill("#id_phone", holder.phone)
    page.fill("#id_password", holder.password)
    page.fill("#id_password_confirm", holder.password)
    submit(page)
    page.wait_for_url(holder.url(site, "/account/login/"))
    expect_success_message(page)
    assert holder.account().status == AccountStatus.ACTIVE


def sub_account_logs_in(
    new_page, site: str, holder: SubAccountHolder, mail: Mailbox, organization_code: str
) -> Page:
    locale = "zh-HK" if holder.language == "zh-hant" else "en-HK"
    page = new_page(f"{holder.role.lower()}-holder", locale=locale)
    activate_sub_account(page, site, holder, mail, organization_code)
    log_in(page, site, holder, organization_code, who=holder.role.lower())
    open_organization(page, site, holder, organization_code)
    return page


def walk_organization_journey(
    page: Page,
    new_page,
    site: str,
    pa: PrimaryAdministrator,
    organization_code: str,
    sa: SubAccountHolder,
    ou: SubAccountHolder,
    branch_name: str,
) -> None:
    """Journeys 2 and 3: the PA, logged in, creates a branch, an SA with an optional role and
    an OU in it; each activates with the Organization Code and logs in with it."""
    open_organization(page, site, pa, organization_code)
    screenshot(page, f"pa-{pa.language}-03-organization")
    branch = create_branch(page, site, pa, branch_name)
    create_sub_account(page, site, pa, sa, branch)
    create_sub_account(page, site, pa, ou, branch)

    sa_page = sub_account_logs_in(new_page, site, sa, Mailbox(sa.email), organization_code)
    # The optional role "To create SA Account" lets the SA open SA accounts, and the branch
    # codes stay the PA's (ROLE-1).
    prefix = URL_PREFIX[sa.language]
    expect(
        sa_page.locator(f"main a[href='{prefix}/organization/accounts/new/?role=SA']")
    ).to_be_visible()
    sa_page.locator(f"nav.sub-nav a[href='{prefix}/organization/branches/']").click()
    sa_page.wait_for_url(sa.url(site, "/organization/branches/"))
    expect(sa_page.locator("main table tbody tr", has_text=BRANCH_CODE)).to_have_count(1)
    expect(sa_page.locator("#id_code")).to_have_count(0)
    assert_accessible(sa_page)

    ou_page = sub_account_logs_in(new_page, site, ou, Mailbox(ou.email), organization_code)
    # An OU manages no account (ORG-6).
    expect(ou_page.locator("main a[href*='/organization/accounts/']")).to_have_count(0)
    screenshot(ou_page, f"ou-{ou.language}-03-organization")

    organization = pa.application().organization
    members = list(User.objects.filter(organization=organization))
    accounts = {account.role: account for account in members}
    assert len(members) == len(accounts) == 3
    assert {role: account.status for role, account in accounts.items()} == {
        Role.PA: AccountStatus.ACTIVE,
        Role.SA: AccountStatus.ACTIVE,
        Role.OU: AccountStatus.ACTIVE,
    }
    assert accounts[Role.PA].branch_id is None
    assert (accounts[Role.SA].branch_id, accounts[Role.OU].branch_id) == (branch.pk, branch.pk)
    assert (accounts[Role.SA].effective_end_date, accounts[Role.OU].effective_end_date) == (
        sa.effective_end_date,
        ou.effective_end_date,
    )
    assert list(
        OptionalRoleGrant.objects.filter(account=accounts[Role.SA]).values_list(
            "optional_role", "granted_by"
        )
    ) == [("create_sa", accounts[Role.PA].pk)]
    # ORG-7 [A43]: the first OU is the organization's default OU.
    assert list(
        DefaultOU.objects.filter(organization=organization).values_list("account", flat=True)
    ) == [accounts[Role.OU].pk]
    assert all(account.is_active for account in accounts.values())


def walk_pa_journey(
    new_page, site: str, pa: PrimaryAdministrator, staff: Staff
) -> tuple[Page, str]:
    """Journey 1; returns the PA's page, logged in, and the Organization Code."""
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
    return me, organization_code


def test_pa_sa_ou_journeys_in_english(new_page, site, staff):
    """Journeys 1-3 (REG-4, REG-7, REG-8, REG-9, IDA-2, IDA-4, AUTH-2, ACT-4, ORG-2, ORG-5,
    ORG-6, ORG-7, ORG-8, ROLE-1, NFR-2): the PA's application to the login, then the branch,
    the SA and the OU, who activate and log in with the Organization Code."""
    pa = PrimaryAdministrator(
        language="en",
        email="leung.kayan@example.com",
        organization_name="Harbour & Peak Solicitors",
        registration_number="61234567",
    )
    page, organization_code = walk_pa_journey(new_page, site, pa, staff)
    sa = SubAccountHolder(
        role=Role.SA,
        language="en",
        email="cheung.wingsze@example.com",
        surname="Cheung",
        given_name="Wing Sze",
        phone="(852) 2521-2001",
        password="Star-Ferry-2046",
        effective_end_date=local_today() + timedelta(days=365),
        optional_roles=(OptionalRole.CREATE_SA,),
    )
    ou = SubAccountHolder(
        role=Role.OU,
        language="en",
        email="lam.chikeung@example.com",
        surname="Lam",
        given_name="Chi Keung",
        phone="(852) 2521-2002",
        password="Peak-Tram-2046",
        effective_end_date=local_today() + timedelta(days=180),
    )
    walk_organization_journey(page, new_page, site, pa, organization_code, sa, ou, "Central office")


def test_pa_sa_ou_journeys_in_traditional_chinese(new_page, site, staff):
    """NFR-1, NFR-2 and journeys 1-3 in Traditional Chinese: the /zh-hant/ pages, the emails
    in Chinese, the account types and optional roles in Chinese words."""
    pa = PrimaryAdministrator(
        language="zh-hant",
        email="wong.pa@example.com",
        organization_name="海港及山頂律師行",
        registration_number="71234567",
        surname="黃",
        given_name="小明",
    )
    page, organization_code = walk_pa_journey(new_page, site, pa, staff)
    expect_language(page, "zh-hant")
    sa = SubAccountHolder(
        role=Role.SA,
        language="zh-hant",
        email="chan.sa@example.com",
        surname="陳",
        given_name="美玲",
        phone="2521 3001",
        password="Lion-Rock-2046",
        effective_end_date=local_today() + timedelta(days=365),
        optional_roles=(OptionalRole.CREATE_SA,),
    )
    ou = SubAccountHolder(
        role=Role.OU,
        language="zh-hant",
        email="lee.ou@example.com",
        surname="李",
        given_name="志強",
        phone="2521 3002",
        password="Tsing-Ma-2046",
        effective_end_date=local_today() + timedelta(days=180),
    )
    walk_organization_journey(page, new_page, site, pa, organization_code, sa, ou, "中環辦事處")
