"""Journey 1 in a real browser: the application form says what the court knows of a case
number as the applicant leaves the field (htmx), in English and Traditional Chinese; and a
registry clerk enters a case, in both languages. Every page passes the accessibility check."""

import datetime

import pytest
from playwright.sync_api import expect

from cases.models import Case, CaseStatus
from permissions.roles import Role
from tests.browser.conftest import assert_accessible
from tests.browser.journey import staff_log_in
from tests.factories import PASSWORD, CaseFactory, StaffFactory

pytestmark = pytest.mark.browser


LANGUAGES = {"en": ("", "en-HK"), "zh-hant": ("/zh-hant", "zh-Hant-HK")}
SAYS = {
    "en": {
        "linkable": "is a case of the court conducted through iCMS",
        "paper": "it stays on paper and cannot be linked",
        "disposed": "has been finally disposed of",
        "unknown": "is not found in the court's records",
        "not_a_number": "This is not a case number.",
    },
    "zh-hant": {
        "linkable": "是以綜合法院案件管理系統進行的法院案件",
        "paper": "該案件仍以紙本處理，不能連結",
        "disposed": "已有最終處置",
        "unknown": "法院紀錄中找不到",
        "not_a_number": "這不是案件編號",
    },
}


@pytest.mark.parametrize("language", LANGUAGES)
def test_journey_1_application_form_checks_each_case_number_on_leaving_the_field(
    site, new_page, language
):
    CaseFactory(number="DCPI 1234/2025", title="CHAN Tai Man v. LEE Ka Yan")
    CaseFactory(number="DCCJ 55/2025", type_code="DCCJ")
    CaseFactory(
        number="DCTC 9/2025",
        type_code="DCTC",
        status=CaseStatus.FINALLY_DISPOSED,
        final_disposal_date=datetime.date(2025, 10, 1),
    )
    prefix, locale = LANGUAGES[language]
    says = SAYS[language]
    page = new_page("applicant", locale=locale)
    for path in ("/apply/", "/apply/organization/"):
        page.goto(site + prefix + path)
        rows = [
            ("dcpi 01234/2025", "linkable"),
            ("DCCJ 55/2025", "paper"),
            ("DCTC 9/2025", "disposed"),
        ]
        for index, (typed, result) in enumerate(rows):
            field = page.locator(f"#id_cases-{index}-case_number")
            field.fill(typed)
            field.press("Tab")  # leaving the field asks the court
            expect(page.locator(f"#id_cases-{index}-case_number_check")).to_contain_text(
                says[result]
            )
        check = page.locator("#id_cases-0-case_number_check")
        # The proceeding's name, and nothing of the parties or the title.
        expect(check).not_to_contain_text("CHAN Tai Man")
        assert_accessible(page)
        field = page.locator("#id_cases-1-case_number")
        field.fill("DCPI 4321/2025")
        field.press("Tab")
        expect(page.locator("#id_cases-1-case_number_check")).to_contain_text(says["unknown"])
        field.fill("not a number")
        field.press("Tab")
        expect(page.locator("#id_cases-1-case_number_check")).to_contain_text(says["not_a_number"])


def test_journey_1_without_script_the_form_still_submits(site, browser):
    """Progressive enhancement: with script off the field carries no behaviour of its own,
    and the form is sent as before (the errors come back from the server)."""
    context = browser.new_context(java_script_enabled=False, locale="en-HK")
    page = context.new_page()
    page.goto(site + "/apply/")
    page.fill("#id_cases-0-case_number", "DCPI 1234/2025")
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    expect(page.locator(".error-summary")).to_be_visible()
    expect(page.locator("#id_cases-0-case_number")).to_have_value("DCPI 1234/2025")
    context.close()


@pytest.mark.parametrize("language", LANGUAGES)
def test_case_1_registry_clerk_enters_a_case(site, new_page, language):
    clerk = StaffFactory(role=Role.REGISTRY)
    prefix, locale = LANGUAGES[language]
    page = new_page("registry", locale=locale)
    staff_log_in(page, site, clerk, PASSWORD, check=False)
    page.goto(site + prefix + "/backoffice/")
    page.locator(f"main a[href='{prefix}/backoffice/cases/']").first.click()
    page.wait_for_url(site + prefix + "/backoffice/cases/")
    assert_accessible(page)
    page.goto(site + prefix + "/backoffice/cases/new/")
    assert_accessible(page)
    # Bad input first: the error summary, the marked fields, nothing saved.
    page.fill("#id_number", "XYZQ 1/2025")
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    expect(page.locator(".error-summary")).to_be_visible()
    assert_accessible(page)
    assert not Case.objects.exists()
    page.fill("#id_number", "dctc 00042/2026")
    page.fill("#id_title", "Commissioner of Inland Revenue v. WONG Siu Ming")
    page.select_option("#id_parties-0-party_type", "PLAINTIFF")
    page.fill("#id_parties-0-name", "Commissioner of Inland Revenue")
    page.select_option("#id_parties-1-party_type", "DEFENDANT")
    page.fill("#id_parties-1-name", "WONG Siu Ming")
    page.locator("main form button[type=submit]").click()
    case = Case.objects.get()
    page.wait_for_url(site + prefix + f"/backoffice/cases/{case.pk}/")
    assert case.number == "DCTC 42/2026"
    heading = "Case DCTC 42/2026" if language == "en" else "案件DCTC 42/2026"
    expect(page.locator("h1")).to_have_text(heading)
    expect(page.locator("main")).to_contain_text("WONG Siu Ming")
    assert_accessible(page)
