"""BEY-2 in a real browser, in English and Traditional Chinese: a registry clerk opens the court
policy from the back office, is refused a fee that is not money (nothing saved), adds a
document type with a fee of cents, changes it, and gives the Tax Claim proceedings file limits
of their own; the public policy served to programs says the same at once. Every page passes
the accessibility check."""

from decimal import Decimal

import pytest
from playwright.sync_api import expect

from filing.models import DocumentType, FileLimits
from permissions.roles import Role
from tests.browser.conftest import assert_accessible
from tests.browser.journey import staff_log_in
from tests.factories import PASSWORD, StaffFactory, proceeding_type

pytestmark = pytest.mark.browser

LANGUAGES = {"en": ("", "en-HK"), "zh-hant": ("/zh-hant", "zh-Hant-HK")}
SAYS = {
    "en": {"title": "Court policy", "cents": "A fee has at most two decimal places (cents)."},
    "zh-hant": {"title": "法院政策", "cents": "費用最多有兩個小數位（仙）。"},
}


@pytest.mark.parametrize("language", LANGUAGES)
def test_bey_2_registry_clerk_maintains_the_court_policy(site, new_page, language):
    clerk = StaffFactory(role=Role.REGISTRY)
    prefix, locale = LANGUAGES[language]
    says = SAYS[language]
    dcpi, dctc = proceeding_type("DCPI"), proceeding_type("DCTC")
    page = new_page("registry", locale=locale)
    staff_log_in(page, site, clerk, PASSWORD, check=False)
    page.goto(site + prefix + "/backoffice/")
    page.locator(f"main a[href='{prefix}/backoffice/court-policy/']").first.click()
    page.wait_for_url(site + prefix + "/backoffice/court-policy/")
    expect(page.locator("h1")).to_have_text(says["title"])
    expect(page.locator("main")).to_contain_text("630.00")
    assert_accessible(page)

    # A document type for DCPI, from its own section of the page.
    page.locator(
        f"main a[href='{prefix}/backoffice/court-policy/document-types/new/?type={dcpi.pk}']"
    ).click()
    page.wait_for_url(f"**/backoffice/court-policy/document-types/new/?type={dcpi.pk}")
    expect(page.locator("#id_type-proceeding_type")).to_have_value(str(dcpi.pk))
    page.fill("#id_type-code", "copy")
    page.fill("#id_type-name_en", "Request for a copy")
    page.fill("#id_type-name_zh", "索取副本")
    page.fill("#id_type-fee", "0.105")
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    expect(page.locator(".error-summary")).to_contain_text(says["cents"])
    assert_accessible(page)
    assert not DocumentType.objects.filter(code="COPY").exists()
    page.fill("#id_type-fee", "0.10")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(site + prefix + "/backoffice/court-policy/")
    row = DocumentType.objects.get(proceeding_type=dcpi, code="COPY")
    assert row.fee == Decimal("0.10")

    # Changed: the fee, and its role in linking stays "none".
    page.goto(site + prefix + f"/backoffice/court-policy/document-types/{row.pk}/")
    assert_accessible(page)
    page.fill("#id_type-fee", "0.20")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(site + prefix + "/backoffice/court-policy/")
    row.refresh_from_db()
    assert row.fee == Decimal("0.20") and row.linking_role == ""

    # The Tax Claim proceedings get file limits of their own.
    page.locator(f"main a[href='{prefix}/backoffice/court-policy/file-limits/{dctc.pk}/']").click()
    page.wait_for_url(site + prefix + f"/backoffice/court-policy/file-limits/{dctc.pk}/")
    assert_accessible(page)
    page.fill("#id_limits-max_pages", "120")
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_url(site + prefix + "/backoffice/court-policy/")
    assert FileLimits.objects.get(proceeding_type=dctc).max_pages == 120
    assert_accessible(page)

    # Programs read the same at once.
    policy = page.request.get(site + "/api/v1/policy/").json()
    proceedings = {p["proceeding_type"]: p for p in policy["proceedings"]}
    copy = next(t for t in proceedings["DCPI"]["document_types"] if t["code"] == "COPY")
    assert copy["fee"] == "0.20"
    assert proceedings["DCTC"]["file_limits"]["max_pages"] == 120
