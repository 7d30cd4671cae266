"""NFR-2 beyond axe-core: the WCAG 2.2 AA success criteria that an automated check cannot
judge, checked in a real browser in English and in Traditional Chinese: reflow at 320 CSS px
(1.4.10) and with the text spacing of 1.4.12, and status messages (4.1.3)."""

import re

import pytest
from playwright.sync_api import Page

from messaging.models import MessageKind
from messaging.services import messages_deliver
from permissions.roles import Role
from registration import services as registration_services
from tests.browser.conftest import assert_accessible
from tests.browser.journey import URL_PREFIX, staff_log_in
from tests.factories import (
    PASSWORD,
    CaseLinkFactory,
    StaffFactory,
    UserFactory,
    submit_application,
)

pytestmark = pytest.mark.browser

LOCALE = {"en": "en-HK", "zh-hant": "zh-Hant-HK"}
# WCAG 1.4.10: content reflows in a viewport 320 CSS px wide (1280 px at 400 % zoom).
NARROW = {"width": 320, "height": 640}
# WCAG 1.4.12: what a reader's own style sheet may set; nothing may be cut off or widen the page.
TEXT_SPACING = """
  * { line-height: 1.5 !important; letter-spacing: 0.12em !important;
      word-spacing: 0.16em !important; }
  p { margin-bottom: 2em !important; }
"""
LONG_ADDRESS = (
    "https://www.judiciary.hk/en/court_services_facilities/e_courts_practice_directions.html"
)


def _log_in(page: Page, site: str, language: str, account) -> None:
    page.goto(site + URL_PREFIX[language] + "/account/login/")
    page.fill("#id_login_name", account.login_name)
    page.fill("#id_password", PASSWORD)
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_url(site + URL_PREFIX[language] + "/account/")


def _page_width(page: Page) -> int:
    return page.evaluate("() => document.documentElement.scrollWidth")


def _with_text_spacing(page: Page) -> None:
    # A reader's style sheet is not subject to the page's Content Security Policy; the test's is.
    page.evaluate(
        """css => { const style = document.createElement('style');
                    style.textContent = css; document.head.append(style); }""",
        TEXT_SPACING,
    )


def _assert_reflows(page: Page, path: str) -> None:
    assert _page_width(page) <= NARROW["width"], f"{path} scrolls sideways at 320 px"
    _with_text_spacing(page)
    assert _page_width(page) <= NARROW["width"], f"{path} scrolls sideways with text spacing"


@pytest.fixture
def narrow_page(new_page):
    def open_page(name: str, language: str) -> Page:
        page = new_page(name, locale=LOCALE[language])
        page.set_viewport_size(NARROW)
        return page

    return open_page


@pytest.mark.parametrize("language", ["en", "zh-hant"])
def test_nfr_2_forms_with_file_choosers_reflow_at_320_px(site, narrow_page, language):
    """WCAG 1.4.10, 1.4.12: the applications' and e-filing's groups of fields (a fieldset holding
    a file chooser, or a select naming a long document type) fit a 320 px screen, where they
    were as wide as their widest field and the whole page scrolled sideways."""
    prefix = URL_PREFIX[language]
    page = narrow_page("public", language)
    for path in ["/apply/", "/apply/organization/", "/apply/organization/replacement/"]:
        page.goto(site + prefix + path)
        _assert_reflows(page, path)
    assert_accessible(page)

    holder = UserFactory()
    page = narrow_page("iu", language)
    _log_in(page, site, language, holder)
    page.goto(site + prefix + "/filings/new/")
    _assert_reflows(page, "/filings/new/")

    officer = StaffFactory(role=Role.HELP_CENTRE)
    page = narrow_page("help centre", language)
    staff_log_in(page, site, officer, PASSWORD, check=False)
    page.goto(site + prefix + "/backoffice/paper-applications/new/")
    _assert_reflows(page, "/backoffice/paper-applications/new/")


@pytest.mark.parametrize("language", ["en", "zh-hant"])
def test_nfr_2_message_with_a_long_address_reflows_at_320_px(site, narrow_page, language):
    """WCAG 1.4.10: a message in the Message Box whose text holds a long web address wraps it,
    where the address ran off a 320 px screen and the page scrolled sideways."""
    holder = UserFactory()
    message = messages_deliver(
        recipients=[holder],
        kind=MessageKind.NOTICE,
        subject="Practice directions",
        body=f"The practice directions are at {LONG_ADDRESS} for reference.",
    )[0]
    page = narrow_page("iu", language)
    _log_in(page, site, language, holder)
    page.goto(site + URL_PREFIX[language] + f"/messages/{message.pk}/")
    assert page.locator(f".message-body a[href='{LONG_ADDRESS}']").is_visible()
    _assert_reflows(page, "/messages/<id>/")


# --- WCAG 4.1.3: status messages ----------------------------------------------------------------

COUNTS = {
    "en": {
        "cases": ("1 case on this page.", "0 cases on this page."),
        "messages": ("2 messages on this page.", "1 message on this page."),
        "applications": ("1 application found", "0 applications found"),
    },
    "zh-hant": {
        "cases": ("本頁有1宗案件。", "本頁有0宗案件。"),
        "messages": ("本頁有2則訊息。", "本頁有1則訊息。"),
        "applications": ("找到1宗申請", "找到0宗申請"),
    },
}


def _search_announces_count(page: Page, field: str, words: str, before: str, after: str) -> None:
    """Type in a search field and press Enter: htmx replaces the results in place. The count
    is in a live region that was on the page before the search and is still the same element
    after it (a region inserted with the results is not announced); focus stays in the field
    and no page is loaded."""
    live = "main [role=status]:not(.messages)"
    status = page.locator(live)
    assert status.count() == 1
    assert status.inner_text() == before
    page.evaluate(
        "live => { window.stillThisPage = true;"
        " window.countRegion = document.querySelector(live); }",
        live,
    )
    page.focus(field)
    page.fill(field, words)
    page.keyboard.press("Enter")
    page.wait_for_function(
        "([live, text]) => document.querySelector(live).textContent.trim() === text",
        arg=[live, after],
    )
    assert page.evaluate(
        "live => window.stillThisPage === true"
        " && window.countRegion === document.querySelector(live)"
        " && document.querySelectorAll(live).length === 1",
        live,
    )
    assert page.evaluate("() => '#' + document.activeElement.id") == field


@pytest.mark.parametrize("language", ["en", "zh-hant"])
def test_nfr_2_my_cases_and_message_box_searches_announce_their_count(site, new_page, language):
    """WCAG 4.1.3: when the holder filters My cases or the Message Box, the new results come in
    without a page load; their count is announced to screen readers, where nothing was."""
    holder = UserFactory()
    CaseLinkFactory(organization=None, individual=holder)
    for subject in ("Directions on costs", "Hearing adjourned"):
        messages_deliver(
            recipients=[holder], kind=MessageKind.NOTICE, subject=subject, body="See the order."
        )
    page = new_page("iu", locale=LOCALE[language])
    _log_in(page, site, language, holder)
    counts = COUNTS[language]

    page.goto(site + URL_PREFIX[language] + "/cases/")
    _search_announces_count(page, "#id_number", "HCA 1/1999", *counts["cases"])
    assert_accessible(page)

    page.goto(site + URL_PREFIX[language] + "/messages/")
    _search_announces_count(page, "#id_search", "adjourned", *counts["messages"])
    assert_accessible(page)


@pytest.mark.parametrize("language", ["en", "zh-hant"])
def test_nfr_2_authentication_queue_search_announces_its_count(site, new_page, language):
    """WCAG 4.1.3: the Help Centre's queue follows the officer's typing; its count ("1
    application found") was inside the results that htmx replaced, a new region each time,
    which screen readers did not announce."""
    in_order = submit_application()
    registration_services.application_mark_in_order(
        actor=StaffFactory(role=Role.VETTING), application_id=in_order.pk
    )
    officer = StaffFactory(role=Role.HELP_CENTRE)
    page = new_page("help centre", locale=LOCALE[language])
    staff_log_in(page, site, officer, PASSWORD, check=False)
    page.goto(site + URL_PREFIX[language] + "/backoffice/authentication/")
    _search_announces_count(page, "#id_q", "NO-SUCH-REFERENCE", *COUNTS[language]["applications"])
    assert_accessible(page)


@pytest.mark.parametrize("language", ["en", "zh-hant"])
def test_nfr_2_audit_trail_search_announces_its_count_and_its_refusal(site, new_page, language):
    """WCAG 4.1.3 and 3.3.1: the system administrator's filter of the audit trail brings the
    records in place; their count is announced, and a refused filter (an end date before the
    start date) says why. The count was not shown, and the refusal stayed in the form, which
    htmx does not replace: the records went and no reason came."""
    admin = StaffFactory(role=Role.SYSTEM_ADMIN)
    page = new_page("administrator", locale=LOCALE[language])
    staff_log_in(page, site, admin, PASSWORD, check=False)
    page.goto(site + URL_PREFIX[language] + "/backoffice/audit-trail/")
    before = page.locator("main [role=status]:not(.messages)").inner_text()
    assert re.fullmatch(AUDIT_COUNT[language], before), before
    nothing = {"en": "0 audit records on this page.", "zh-hant": "本頁有0項審計紀錄。"}
    _search_announces_count(page, "#id_record", "NO-SUCH-RECORD", before, nothing[language])
    assert_accessible(page)

    page.fill("#id_record", "")
    page.fill("#id_date_from", "2026-11-30")
    page.fill("#id_date_to", "2026-11-01")
    page.focus("#id_actor")
    page.keyboard.press("Enter")
    refusal = {
        "en": "The end date is before the start date.",
        "zh-hant": "結束日期早於開始日期。",
    }[language]
    page.locator("#trail").get_by_text(refusal).first.wait_for()
    assert page.evaluate("() => window.stillThisPage === true")
    assert_accessible(page)


AUDIT_COUNT = {"en": r"\d+ audit records? on this page\.", "zh-hant": r"本頁有\d+項審計紀錄。"}
