"""The steps of the Individual User journey through the real pages, shared by the English and
the Traditional Chinese runs.

Elements are found by id, name, role or link target, never by English text, so every step works
in both languages. Each step checks the page it lands on for accessibility (NFR-2), checks the
page language (NFR-1), and checks the outcome in the database or the mailbox.
"""

import re
import time
from dataclasses import dataclass, field
from datetime import timedelta

from django.core import mail
from django.utils import translation
from django.utils.formats import date_format
from playwright.sync_api import Page, expect

from accounts.models import AccountStatus, User
from core.names import person_name
from core.workdays import add_working_days, local_today
from permissions.roles import Role
from registration.access import access_token_read
from registration.models import (
    Application,
    ApplicationStatus,
    AuthenticationMode,
    Channel,
    Counter,
    DocumentKind,
)
from tests.browser.conftest import assert_accessible, screenshot
from tests.factories import PDF_BYTES, new_hkid, one_time_code

HTML_LANG = {"en": "en-HK", "zh-hant": "zh-Hant-HK"}
URL_PREFIX = {"en": "", "zh-hant": "/zh-hant"}
CASE_NUMBER = "DCPI 1234/2025"
# Activation codes and Change Tokens: six groups of five letters and digits (accounts.secrets).
ONE_TIME_CODE_RE = re.compile(r"\b[A-Z2-9]{5}(?:-[A-Z2-9]{5}){5}\b")
LOGIN_NAME_RE = re.compile(r"\biu\d{8}\b")


@dataclass
class Applicant:
    """One person applying for an IU account, and what the portal gave them on the way."""

    language: str
    email: str
    surname: str = "Chan"
    given_name: str = "Tai Man"
    hkid: str = field(default_factory=new_hkid)
    address: str = "Flat A, 10/F, 1 Queen's Road Central, Hong Kong"
    phone: str = "(852) 2477-1002"
    password: str = "Blue-Harbour-2046"
    new_password: str = "Green-Lantern-1997"
    reference: str = ""
    status_url: str = ""
    login_name: str = ""

    @property
    def hkid_as_printed(self) -> str:
        """As on the card: A123456(3)."""
        return f"{self.hkid[:-1]}({self.hkid[-1]})"

    def url(self, site: str, path: str) -> str:
        return site + URL_PREFIX[self.language] + path

    def application(self) -> Application:
        return Application.objects.get(reference=self.reference)

    def account(self) -> User:
        return User.objects.get(login_name=self.login_name)


class Mailbox:
    """The emails one address received (locmem outbox), each taken once."""

    def __init__(self, address: str):
        self.address = address
        self.taken = 0

    def _mine(self):
        return [m for m in mail.outbox if self.address in m.to]

    def take_one(self):
        # The email leaves when the request's transaction commits, before the response; poll a
        # moment anyway in case the page was read before the server finished.
        deadline = time.monotonic() + 5
        while len(self._mine()) <= self.taken and time.monotonic() < deadline:
            time.sleep(0.05)
        new = self._mine()[self.taken :]
        assert len(new) == 1, f"expected one new email to {self.address}, got {len(new)}"
        self.taken += 1
        return new[0]


def link_in(body: str, path_pattern: str) -> str:
    match = re.search(rf"https?://\S+?{path_pattern}\S*", body)
    assert match, f"no link matching {path_pattern!r} in:\n{body}"
    return match[0]


def expect_language(page: Page, language: str) -> None:
    expect(page.locator("html")).to_have_attribute("lang", HTML_LANG[language])


def expect_success_message(page: Page) -> None:
    expect(page.locator(".messages .message-success")).to_be_visible()


def submit(page: Page, form: str = "main form") -> None:
    page.locator(f"{form} button[type=submit]").click()


def localized_date(day, language: str) -> str:
    with translation.override(language):
        return date_format(day, "DATE_FORMAT")


# --- the applicant -----------------------------------------------------------------------------


def apply_online(page: Page, site: str, applicant: Applicant, mailbox: Mailbox) -> None:
    """REG-2, REG-4, REG-8: apply with particulars, one case and proof of involvement; the
    page and the acknowledgement email give the reference and the vetting due date."""
    page.goto(site + "/apply/")
    expect_language(page, "en")
    if applicant.language != "en":
        page.locator(f"form.lang-switch button[name=language][value={applicant.language}]").click()
        page.wait_for_url(applicant.url(site, "/apply/"))
    expect_language(page, applicant.language)
    assert_accessible(page)

    page.fill("#id_surname", applicant.surname)
    page.fill("#id_given_name", applicant.given_name)
    page.select_option("#id_id_document_type", "HKID")
    page.fill("#id_id_document_number", applicant.hkid_as_printed)
    page.fill("#id_address", applicant.address)
    page.fill("#id_phone", applicant.phone)
    page.fill("#id_email", applicant.email)
    # Emails come in the language of the page by default.
    expect(page.locator("#id_language")).to_have_value(applicant.language)
    page.fill("#id_cases-0-case_number", CASE_NUMBER)
    page.select_option("#id_cases-0-party_type", "PLAINTIFF")
    page.set_input_files(
        "#id_proof_of_involvement",
        files=[{"name": "writ.pdf", "mimeType": "application/pdf", "buffer": PDF_BYTES}],
    )
    screenshot(page, f"{applicant.language}-01-apply-filled")
    submit(page)

    page.wait_for_url(re.compile(re.escape(applicant.url(site, "/apply/status/")) + r"[^/]+/$"))
    expect_language(page, applicant.language)
    panel = page.locator(".panel-highlight")
    expect(panel).to_be_visible()
    applicant.reference = panel.locator("strong").inner_text().strip()
    applicant.status_url = page.url
    assert re.fullmatch(r"IU\d{10}", applicant.reference), applicant.reference
    application = applicant.application()
    # REG-8: vetting is due three working days after submission, and the page says when.
    assert application.due_date == add_working_days(local_today(), 3)
    expect(panel).to_contain_text(localized_date(application.due_date, applicant.language))
    assert_accessible(page)
    screenshot(page, f"{applicant.language}-02-application-submitted")

    # What was stored is what was typed (REG-2), from the online channel (GEN-6).
    assert application.status == ApplicationStatus.SUBMITTED
    assert application.channel == Channel.ONLINE
    assert (application.surname, application.given_name) == (
        applicant.surname,
        applicant.given_name,
    )
    assert (application.id_document_type, application.id_document_number) == (
        "HKID",
        applicant.hkid,
    )
    assert (application.address, application.phone, application.email) == (
        applicant.address,
        applicant.phone,
        applicant.email,
    )
    assert application.language == applicant.language
    assert [(c.case_number, c.party_type) for c in application.cases.all()] == [
        (CASE_NUMBER, "PLAINTIFF")
    ]
    assert [d.kind for d in application.documents.all()] == [DocumentKind.PROOF_OF_INVOLVEMENT]

    acknowledgement = mailbox.take_one()
    assert applicant.reference in acknowledgement.subject
    assert localized_date(application.due_date, applicant.language) in acknowledgement.body
    # The emailed link opens the same status page, in the applicant's language, for the same
    # application. Its token is signed anew with the time, so it need not be the same string.
    emailed = link_in(acknowledgement.body, "/apply/status/")
    emailed_page, emailed_token = emailed.rstrip("/").rsplit("/", 1)
    shown_page, shown_token = applicant.status_url.rstrip("/").rsplit("/", 1)
    assert emailed_page == shown_page
    assert access_token_read(emailed_token) == access_token_read(shown_token) == application.pk


def supplement_application(
    page: Page, site: str, applicant: Applicant, mailbox: Mailbox, question: str, answer: str
) -> None:
    """REG-8: the applicant follows the link in the "more information needed" email and
    answers; the application goes back to the vetting queue."""
    email = mailbox.take_one()
    assert applicant.reference in email.subject
    assert question in email.body
    link = link_in(email.body, "/apply/status/")
    assert link.startswith(applicant.url(site, "/apply/status/")), link

    page.goto(link)
    expect_language(page, applicant.language)
    expect(page.locator("main .panel").first).to_contain_text(question)
    assert_accessible(page)
    page.fill("#id_answer", answer)
    submit(page)

    page.wait_for_url(link)
    expect_success_message(page)
    expect(page.locator("#id_answer")).to_have_count(0)
    assert_accessible(page)
    application = applicant.application()
    assert application.status == ApplicationStatus.SUBMITTED
    assert application.information_requests.get().answer == answer


def activate(page: Page, site: str, applicant: Applicant, mailbox: Mailbox) -> None:
    """IDA-4, ACT-1, ACT-2, ACT-3: the activation email gives the login name and code; the
    particulars are matched ignoring case and surrounding spaces in names, and spaces,
    brackets and dashes in the telephone number; spaces between words still count."""
    email = mailbox.take_one()
    account = User.objects.get(application__reference=applicant.reference)
    login_names = set(LOGIN_NAME_RE.findall(email.body))
    assert login_names == {account.login_name}, email.body
    applicant.login_name = account.login_name
    codes = ONE_TIME_CODE_RE.findall(email.body)
    assert len(codes) == 1, email.body
    link = link_in(email.body, "/account/activate/")
    assert link.startswith(applicant.url(site, "/account/activate/")), link

    page.goto(link)
    expect_language(page, applicant.language)
    expect(page.locator("#id_login_name")).to_have_value(applicant.login_name)
    assert_accessible(page)

    def fill(given_name: str) -> None:
        page.fill("#id_activation_code", codes[0])
        page.fill("#id_surname", f"  {applicant.surname.upper()}  ")
        page.fill("#id_given_name", given_name)
        page.fill("#id_phone", "852 24771002")
        page.fill("#id_password", applicant.password)
        page.fill("#id_password_confirm", applicant.password)
        submit(page)

    # ACT-2: a space between words counts, so "TaiMan" is not "Tai Man".
    fill(applicant.given_name.replace(" ", ""))
    expect(page.locator(".error-summary")).to_be_visible()
    expect_language(page, applicant.language)
    assert_accessible(page)
    assert applicant.account().status == AccountStatus.PENDING_ACTIVATION

    fill(f" {applicant.given_name.lower()} ")
    page.wait_for_url(applicant.url(site, "/account/login/"))
    expect_success_message(page)
    account = applicant.account()
    assert account.status == AccountStatus.ACTIVE
    assert account.check_password(applicant.password)


def log_in(page: Page, site: str, applicant: Applicant, password: str) -> None:
    """AUTH-1: the holder logs in with the system-generated login name and sees the account."""
    expect_language(page, applicant.language)
    assert_accessible(page)
    page.fill("#id_login_name", applicant.login_name)
    page.fill("#id_password", password)
    submit(page)
    page.wait_for_url(applicant.url(site, "/account/"))
    expect_language(page, applicant.language)
    main = page.locator("main")
    expect(page.locator("h1")).to_contain_text(
        person_name(f"{applicant.surname} {applicant.given_name}")
    )
    expect(main.locator("dl.summary")).to_contain_text(applicant.login_name)
    expect(main).to_contain_text(CASE_NUMBER)
    expect(page.locator(f"nav a[href='{URL_PREFIX[applicant.language]}/account/']")).to_be_visible()
    assert_accessible(page)


def log_out(page: Page, site: str, applicant: Applicant) -> None:
    page.locator("nav form[action$='/account/logout/'] button").click()
    page.wait_for_url(applicant.url(site, "/"))
    expect(page.locator("nav form[action$='/account/logout/']")).to_have_count(0)
    expect_language(page, applicant.language)


def reset_password(page: Page, site: str, applicant: Applicant, mailbox: Mailbox) -> None:
    """AUTH-4: with the emailed Change Token, "Reset Password" on the login page sets a new
    password; the old one stops working."""
    email = mailbox.take_one()
    assert set(LOGIN_NAME_RE.findall(email.body)) == {applicant.login_name}, email.body
    tokens = ONE_TIME_CODE_RE.findall(email.body)
    assert len(tokens) == 1, email.body
    assert link_in(email.body, "/account/reset-password/") == applicant.url(
        site, "/account/reset-password/"
    )

    page.locator(f"nav a[href='{URL_PREFIX[applicant.language]}/account/login/']").click()
    page.wait_for_url(applicant.url(site, "/account/login/"))
    page.locator(f"main a[href='{URL_PREFIX[applicant.language]}/account/reset-password/']").click()
    page.wait_for_url(applicant.url(site, "/account/reset-password/"))
    expect_language(page, applicant.language)
    assert_accessible(page)
    page.fill("#id_login_name", applicant.login_name)
    page.fill("#id_change_token", tokens[0])
    page.fill("#id_password", applicant.new_password)
    page.fill("#id_password_confirm", applicant.new_password)
    submit(page)
    page.wait_for_url(applicant.url(site, "/account/login/"))
    expect_success_message(page)

    # The old password no longer opens the account.
    page.fill("#id_login_name", applicant.login_name)
    page.fill("#id_password", applicant.password)
    submit(page)
    expect(page.locator(".error-summary")).to_be_visible()
    assert page.url.startswith(applicant.url(site, "/account/login/"))
    assert_accessible(page)

    log_in(page, site, applicant, applicant.new_password)


# --- court staff (always in English here) -----------------------------------------------------


def staff_log_in(
    page: Page, site: str, officer: User, password: str, *, check: bool = True
) -> None:
    """OPS-1: the password, then on a page of its own the one-time code that the officer's
    authenticator app shows now (computed from the key the app was given)."""
    page.goto(site + "/account/login/")
    if check:
        assert_accessible(page)
    page.fill("#id_login_name", officer.login_name)
    page.fill("#id_password", password)
    submit(page)
    page.wait_for_url(site + "/account/login/second-factor/")
    if check:
        assert_accessible(page)
    page.fill("#id_one_time_code", one_time_code(officer))
    submit(page)
    page.wait_for_url(site + "/backoffice/")
    expect(page.locator("main .cards")).to_be_visible()
    if check:
        assert_accessible(page)


def open_work_queue(page: Page, site: str, queue_path: str) -> None:
    page.locator("nav a[href='/backoffice/']").click()
    page.wait_for_url(site + "/backoffice/")
    page.locator(f"main a[href='{queue_path}']").click()
    page.wait_for_url(site + queue_path)
    assert_accessible(page)


def open_for_vetting(page: Page, site: str, applicant: Applicant) -> None:
    """REG-8: the application is in the vetting queue with its due date."""
    open_work_queue(page, site, "/backoffice/vetting/")
    row = page.locator("tbody tr", has_text=applicant.reference)
    expect(row).to_have_count(1)
    expect(row).to_contain_text(localized_date(applicant.application().due_date, "en"))
    row.get_by_role("link", name=applicant.reference).click()
    page.wait_for_url(re.compile(r"/backoffice/applications/\d+/$"))
    main = page.locator("main")
    expect(main.locator("h1")).to_contain_text(applicant.reference)
    expect(main).to_contain_text(applicant.hkid_as_printed)  # as the card prints it
    expect(main).to_contain_text(CASE_NUMBER)
    assert_accessible(page)


def ask_for_information(page: Page, site: str, applicant: Applicant, question: str) -> None:
    open_for_vetting(page, site, applicant)
    # The proof of involvement is there, byte for byte, for the officer to read.
    document = page.locator("main a[href^='/backoffice/documents/']")
    expect(document).to_have_count(1)
    response = page.request.get(site + document.get_attribute("href"))
    assert response.ok and response.body() == PDF_BYTES
    screenshot(page, "staff-01-application-detail")

    page.fill("#id_message", question)
    submit(page, "form[action$='/request-information/']")
    page.wait_for_url(site + "/backoffice/vetting/")
    expect_success_message(page)
    # Out of the vetting queue, into the table of applications waiting for the applicant.
    expect(page.locator("#to-vet tbody tr", has_text=applicant.reference)).to_have_count(0)
    waiting = page.locator("#awaiting-applicant tbody tr", has_text=applicant.reference)
    expect(waiting).to_have_count(1)
    assert_accessible(page)
    assert applicant.application().status == ApplicationStatus.INFO_REQUESTED


def mark_in_order(
    page: Page, site: str, applicant: Applicant, mailbox: Mailbox, answer: str
) -> None:
    """REG-8, IDA-1: in order; the applicant is emailed to authenticate within 30 days at one
    of the eight counters."""
    open_for_vetting(page, site, applicant)
    expect(page.locator("main")).to_contain_text(answer)
    submit(page, "form[action$='/in-order/']")
    # A decision the applicant is told of at once is confirmed on a page of its own.
    expect(page.locator("h1")).to_contain_text(f"Mark application {applicant.reference} in order?")
    assert applicant.application().status == ApplicationStatus.SUBMITTED
    assert_accessible(page)
    screenshot(page, "staff-02-confirm-in-order")
    submit(page, "form.confirm-form")
    page.wait_for_url(site + "/backoffice/vetting/")
    expect_success_message(page)
    application = applicant.application()
    assert application.status == ApplicationStatus.AWAITING_AUTHENTICATION
    assert application.authentication_due == local_today() + timedelta(days=30)

    email = mailbox.take_one()
    assert applicant.reference in email.subject
    assert localized_date(application.authentication_due, applicant.language) in email.body
    with translation.override(applicant.language):
        for _code, counter in Counter.choices:
            assert str(counter) in email.body


def record_authentication(page: Page, site: str, applicant: Applicant, officer: User) -> None:
    """IDA-2, IDA-4: a Help Centre officer finds the application, checks the HKID presented at
    the counter (a different card is refused), and records the in-person authentication."""
    open_work_queue(page, site, "/backoffice/authentication/")
    page.fill("#id_q", applicant.reference)
    submit(page, "form[role=search]")
    rows = page.locator("tbody tr")
    expect(rows).to_have_count(1)
    expect(rows).to_contain_text(applicant.reference)
    rows.locator("a[href^='/backoffice/authentication/']").click()
    page.wait_for_url(re.compile(r"/backoffice/authentication/\d+/$"))
    expect(page.locator("main dl.summary")).to_contain_text(applicant.reference)
    assert_accessible(page)

    def record(document_number: str) -> None:
        page.select_option("#id_counter", Counter.EASTERN)
        page.check(f"input[name=mode][value={AuthenticationMode.IN_PERSON}]")
        expect(page.locator("#id_presented_document_type")).to_have_value("HKID")
        page.fill("#id_presented_document_number", document_number)
        submit(page)

    # Another person's card: refused, nothing recorded.
    record(new_hkid())
    expect(page.locator(".error-summary")).to_be_visible()
    assert_accessible(page)
    assert applicant.application().status == ApplicationStatus.AWAITING_AUTHENTICATION

    record(applicant.hkid_as_printed.lower())
    page.wait_for_url(re.compile(re.escape(site + "/backoffice/authentication/") + r"(\?.*)?$"))
    expect_success_message(page)
    application = applicant.application()
    assert application.status == ApplicationStatus.APPROVED
    authentication = application.identity_authentication
    assert (authentication.counter, authentication.mode, authentication.officer) == (
        Counter.EASTERN,
        AuthenticationMode.IN_PERSON,
        officer,
    )
    assert authentication.presented_document_number == applicant.hkid
    account = application.account
    assert (account.role, account.status) == (Role.IU, AccountStatus.PENDING_ACTIVATION)
    assert account.preferred_language == applicant.language


def start_password_reset(page: Page, site: str, applicant: Applicant) -> None:
    """AUTH-4: the Help Centre officer finds the holder by login name, picks the account,
    records how the request came and how identity was checked, and starts the reset."""
    open_work_queue(page, site, "/backoffice/password-resets/")
    page.fill("#id_q", applicant.login_name)
    submit(page, "main form[role=search]")
    page.wait_for_load_state()
    assert_accessible(page)
    page.locator("main table a").first.click()
    page.wait_for_load_state()
    page.locator("main input[name=channel][value=EMAIL]").check()
    page.locator("main input[name=identity_check][value=PARTICULARS_MATCHED]").check()
    page.fill("#id_identity_note", "Name, document number and telephone number matched")
    assert_accessible(page)
    submit(page)
    page.wait_for_url(site + "/backoffice/password-resets/")
    expect_success_message(page)
    assert_accessible(page)


# --- the whole journey --------------------------------------------------------------------------


@dataclass
class Staff:
    vetting_officer: User
    help_centre_officer: User
    password: str


def walk_journey(new_page, site: str, applicant: Applicant, staff: Staff) -> Page:
    """Apply, vet with a request for information, authenticate, activate, log in, log out,
    reset the password and log in again. Returns the applicant's page, logged in."""
    mailbox = Mailbox(applicant.email)
    locale = "zh-HK" if applicant.language == "zh-hant" else "en-HK"
    me = new_page("applicant", locale=locale)
    vetting = new_page("vetting-officer")
    help_centre = new_page("help-centre-officer")

    apply_online(me, site, applicant, mailbox)

    staff_log_in(vetting, site, staff.vetting_officer, staff.password)
    question = "Please upload a sealed copy of the writ of summons."
    ask_for_information(vetting, site, applicant, question)
    answer = "The sealed writ was filed on 2 May 2025; my copy is with the court file."
    supplement_application(me, site, applicant, mailbox, question, answer)
    mark_in_order(vetting, site, applicant, mailbox, answer)

    staff_log_in(help_centre, site, staff.help_centre_officer, staff.password)
    record_authentication(help_centre, site, applicant, staff.help_centre_officer)

    activate(me, site, applicant, mailbox)
    screenshot(me, f"{applicant.language}-03-login-after-activation")
    log_in(me, site, applicant, applicant.password)
    screenshot(me, f"{applicant.language}-04-my-account")
    log_out(me, site, applicant)

    start_password_reset(help_centre, site, applicant)
    reset_password(me, site, applicant, mailbox)
    return me
