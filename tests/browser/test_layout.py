"""Layout beyond the desktop: staff pages on a 390 px wide phone, and pages on paper."""

import re

import pytest
from playwright.sync_api import expect

from permissions.roles import Role
from registration import services
from tests.browser.conftest import assert_accessible
from tests.browser.journey import staff_log_in
from tests.factories import (
    PASSWORD,
    BranchFactory,
    OrganizationAccountFactory,
    OrganizationFactory,
    StaffFactory,
    pdf,
    submit_application,
)

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}


def _log_in(page, site, user):
    staff_log_in(page, site, user, PASSWORD, check=False)


def _page_width(page) -> int:
    return page.evaluate("() => document.documentElement.scrollWidth")


@pytest.mark.parametrize("language", ["", "/zh-hant"])
def test_ux_18_staff_queues_fit_a_390_px_screen(site, new_page, language):
    vetting = StaffFactory(role=Role.VETTING)
    help_centre = StaffFactory(role=Role.HELP_CENTRE)
    registry = StaffFactory(role=Role.REGISTRY)
    admin = StaffFactory(role=Role.SYSTEM_ADMIN, is_superuser=True)
    long_name = {"surname": "Wolfeschlegelsteinhausenbergerdorff", "given_name": "Hubert Blaine"}
    waiting = submit_application(
        particulars={**long_name, "email": "a.very.long.address@example.com"}
    )
    services.application_request_information(
        actor=vetting, application_id=waiting.pk, message="Please send the writ."
    )
    submit_application(particulars=long_name)
    in_order = submit_application(particulars=long_name)
    services.application_mark_in_order(actor=vetting, application_id=in_order.pk)
    pages = {
        vetting: [
            "/backoffice/vetting/",
            f"/backoffice/applications/{waiting.pk}/",
        ],
        help_centre: [
            "/backoffice/authentication/",
            "/backoffice/paper-applications/new/",
            "/backoffice/password-resets/?q=Wolfeschlegelsteinhausenbergerdorff",
            "/backoffice/account-locks/",
        ],
        # The import's hint names the file's header, one word of 70 characters.
        registry: ["/backoffice/cause-book/import/"],
        # OPS-2: the audit trail, its before/after columns included.
        admin: ["/backoffice/audit-trail/"],
    }
    for officer, paths in pages.items():
        page = new_page(officer.login_name)
        page.set_viewport_size(PHONE)
        _log_in(page, site, officer)
        for path in paths:
            page.goto(site + language + path)
            assert _page_width(page) <= PHONE["width"], path
            assert_accessible(page)


@pytest.mark.parametrize("language", ["", "/zh-hant"])
def test_ops_1_ux_18_second_factor_set_up_fits_a_390_px_screen(site, new_page, language):
    """The QR code and the key of a staff member's first login, on the phone it is scanned
    with or beside."""
    officer = StaffFactory(second_factor=False)
    page = new_page(officer.login_name)
    page.set_viewport_size(PHONE)
    page.goto(site + language + "/account/login/")
    page.fill("#id_login_name", officer.login_name)
    page.fill("#id_password", PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(site + language + "/account/login/second-factor/")
    qr = page.locator("svg.qr-code").bounding_box()
    assert qr["width"] >= 150 and qr["width"] == qr["height"]  # large enough to scan
    assert _page_width(page) <= PHONE["width"]
    assert_accessible(page)


@pytest.mark.parametrize("language", ["", "/zh-hant"])
def test_ux_18_organization_pages_fit_a_390_px_screen_under_a_row_of_sections(
    site, new_page, language
):
    """ORG-2, ORG-5: the PA's organization pages on a phone; their sections (overview,
    branches, accounts) are a row of links, the current one marked, not a bulleted list."""
    organization = OrganizationFactory(name="Wolfeschlegelsteinhausenbergerdorff & Partners")
    branch = BranchFactory(organization=organization, code="KOWLOON-EAST-OFFICE")
    pa = OrganizationAccountFactory(
        organization=organization, role=Role.PA, login_name="pa10000001"
    )
    sa = OrganizationAccountFactory(organization=organization, role=Role.SA, branch=branch)
    page = new_page(pa.login_name)
    page.set_viewport_size(PHONE)
    page.goto(site + language + "/account/login/")
    page.fill("#id_organization_code", organization.code)
    page.fill("#id_login_name", pa.login_name)
    page.fill("#id_password", PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(site + language + "/account/")
    for path in ["/organization/", "/organization/branches/", "/organization/accounts/"]:
        page.goto(site + language + path)
        sections = page.locator("nav.sub-nav ul")
        expect(sections).to_have_css("list-style-type", "none")
        expect(sections).to_have_css("display", "flex")
        current = page.locator("nav.sub-nav a[aria-current=page]")
        expect(current).to_have_attribute("href", language + path)
        expect(current).to_have_css("font-weight", "700")
        assert _page_width(page) <= PHONE["width"], path
        assert_accessible(page)
    if language:
        # A Chinese column heading reads as one word, not a character a line.
        lines = page.evaluate(
            """() => [...document.querySelectorAll("main th")].map(th => {
                const range = document.createRange();
                range.selectNodeContents(th);
                return new Set([...range.getClientRects()].map(r => Math.round(r.top))).size;
            })"""
        )
        assert lines and max(lines) == 1, lines
    for path in ["/organization/accounts/new/?role=SA", f"/organization/accounts/{sa.pk}/"]:
        page.goto(site + language + path)
        assert _page_width(page) <= PHONE["width"], path
        assert_accessible(page)


def _apply(page, site):
    page.goto(site + "/apply/")
    page.fill("#id_surname", "Chan")
    page.fill("#id_given_name", "Tai Man")
    page.fill("#id_id_document_number", "A123456(3)")
    page.fill("#id_address", "1 Queen's Road Central")
    page.fill("#id_phone", "2477 1002")
    page.fill("#id_email", "chan@example.com")
    page.fill("#id_cases-0-case_number", "DCPI 1234/2025")
    page.select_option("#id_cases-0-party_type", "PLAINTIFF")
    document = pdf("writ.pdf")
    page.set_input_files(
        "#id_proof_of_involvement",
        files=[{"name": "writ.pdf", "mimeType": "application/pdf", "buffer": document.read()}],
    )
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/apply/status/[^/]+/$"))


def test_ux_21_confirmation_page_prints_without_navigation_or_buttons(site, new_page):
    page = new_page("applicant")
    _apply(page, site)
    main = page.locator("main")
    expect(main).to_contain_text("writ.pdf (Proof of involvement")
    expect(main).to_contain_text("What happens next")
    # With script, the print button shows and calls the browser's print.
    button = page.get_by_role("button", name="Print this page")
    expect(button).to_be_visible()
    page.evaluate("() => { window.printed = 0; window.print = () => { window.printed += 1; }; }")
    button.click()
    assert page.evaluate("() => window.printed") == 1
    assert_accessible(page)

    page.emulate_media(media="print")
    expect(page.locator("nav.main-nav")).to_be_hidden()
    expect(page.locator("form.lang-switch")).to_be_hidden()
    expect(button).to_be_hidden()
    expect(page.locator("h1")).to_be_visible()
    expect(main.locator("dl.summary").first).to_be_visible()
    # A link to another site is followed by its address on paper.
    after = page.evaluate(
        """() => {
            const a = document.createElement("a");
            a.href = "https://www.judiciary.hk/";
            a.textContent = "Judiciary";
            document.querySelector("main").append(a);
            return getComputedStyle(a, "::after").content;
        }"""
    )
    assert after == '" <https://www.judiciary.hk/>"'


def test_ux_21_print_button_stays_hidden_without_script(site, browser):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        _apply(page, site)
        expect(page.locator("main")).to_contain_text("What happens next")
        button = page.locator("button[data-print]")
        expect(button).to_have_count(1)
        expect(button).to_be_hidden()  # it would do nothing without script
    finally:
        context.close()
