"""Journeys 3 and 7 of the cases in a real browser, in English and in Traditional Chinese: the
PA gives an SA the cases of a case profile (CASE-5); a case linked afterwards is among the
SA's cases; the SA assigns it to an OU of its branch, which takes a place of 10 (CASE-6,
CASE-7); the PA takes the OU off again after confirming; the PA reviews who can see which
case and downloads the CSV (BEY-5). Elements are found by id, name or link target, never by
English text; every page is checked for accessibility (NFR-2) and its language (NFR-1)."""

import pytest
from playwright.sync_api import Page, expect

from cases.models import CaseAssignment, CaseProfileAssignment
from tests.browser.conftest import assert_accessible, screenshot
from tests.browser.journey import URL_PREFIX, expect_language, expect_success_message
from tests.factories import (
    PASSWORD,
    CaseLinkFactory,
    OrganizationAccountFactory,
    organization_with_cases,
)

pytestmark = pytest.mark.browser


def _log_in(page: Page, site: str, language: str, account) -> None:
    page.goto(site + URL_PREFIX[language] + "/account/login/")
    page.fill("#id_organization_code", account.organization.code)
    page.fill("#id_login_name", account.login_name)
    page.fill("#id_password", PASSWORD)
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_url(site + URL_PREFIX[language] + "/account/")
    expect_language(page, language)


def _checked(page: Page, language: str, name: str) -> None:
    expect_language(page, language)
    assert page.locator("h1").count() == 1
    assert_accessible(page)
    screenshot(page, f"case-assignment-{language}-{name}")


@pytest.mark.parametrize("language", ["en", "zh-hant"])
def test_case_5_case_6_bey_5_assignment_journey(site, new_page, language):
    org = organization_with_cases(accounts=OrganizationAccountFactory)
    locale = {"en": "en-HK", "zh-hant": "zh-Hant-HK"}[language]
    prefix = site + URL_PREFIX[language]

    # The PA gives the SA of CENTRAL the DCPI case profile (CASE-5).
    pa = new_page("pa", locale=locale)
    _log_in(pa, site, language, org.pa)
    pa.locator("main a[href$='/cases/assignment/given/']").click()
    _checked(pa, language, "01-give")
    pa.select_option("#id_administrator", str(org.sa.pk))
    pa.select_option("#id_proceeding_type", "DCPI")
    pa.locator("form[action$='/given/profiles/'] button[type=submit]").click()
    expect_success_message(pa)
    _checked(pa, language, "02-given")
    assert CaseProfileAssignment.objects.filter(
        administrator=org.sa, proceeding_type__code="DCPI"
    ).exists()
    # A case the organization is linked to afterwards follows the profile.
    later = CaseLinkFactory(organization=org.organization)

    # The SA assigns it to an OU of its branch (CASE-6); the OU of KOWLOON is not offered.
    sa = new_page("sa", locale=locale)
    _log_in(sa, site, language, org.sa)
    sa.locator("main a[href$='/cases/assignment/']").click()
    _checked(sa, language, "03-list")
    expect(sa.locator("main table")).to_contain_text(later.case.number)
    sa.locator(f"main a[href$='/cases/assignment/{later.pk}/']").click()
    _checked(sa, language, "04-party")
    options = sa.locator("#id_organization_user option")
    values = {options.nth(i).get_attribute("value") for i in range(options.count())}
    assert str(org.ou2.pk) in values and str(org.ou_kowloon.pk) not in values
    sa.select_option("#id_organization_user", str(org.ou2.pk))
    sa.locator("main form.panel button[type=submit]").click()
    expect_success_message(sa)
    expect(sa.locator("main table").first).to_contain_text(org.ou2.login_name)
    expect(sa.locator("main dl.summary")).to_contain_text("9")
    _checked(sa, language, "05-assigned")
    assert CaseAssignment.objects.filter(link=later, organization_user=org.ou2).exists()
    # Nothing chosen: the error summary.
    sa.locator("main form.panel button[type=submit]").click()
    expect(sa.locator(".error-summary")).to_be_visible()
    _checked(sa, language, "06-error")

    # The PA reviews who can see the case (BEY-5), narrowed to the OU.
    pa.goto(prefix + "/cases/access-review/")
    _checked(pa, language, "07-review")
    pa.select_option("#id_holder", str(org.ou2.pk))
    pa.locator("main form[role=search] button[type=submit]").click()
    pa.wait_for_load_state()
    expect(pa.locator("main table")).to_contain_text(later.case.number)
    _checked(pa, language, "08-review-ou")
    with pa.expect_download() as download:
        pa.locator("main a[href*='/cases/access-review/export.csv']").click()
    content = open(download.value.path(), encoding="utf-8-sig").read()  # noqa: SIM115
    assert org.ou2.login_name in content and later.case.number in content

    # The PA takes the OU off, after confirming (the party goes back to the default OUs).
    pa.goto(prefix + f"/cases/assignment/{later.pk}/")
    _checked(pa, language, "09-party")
    pa.locator(f"form[action$='/unassign/{org.ou2.pk}/'] button[type=submit]").click()
    expect(pa.locator(".confirm-form")).to_be_visible()
    _checked(pa, language, "10-confirm")
    pa.locator(".confirm-form button[type=submit]").click()
    expect_success_message(pa)
    _checked(pa, language, "11-taken-off")
    assert not CaseAssignment.objects.filter(link=later).exists()
