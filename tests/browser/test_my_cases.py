"""My cases in a real browser, in English and in Traditional Chinese (CASE-2, CASE-4, GEN-2,
BEY-1, NFR-1, NFR-2): an OU goes from its home page to the cases assigned to it, pages through
them with "Next page", narrows them by case number (with and without script), and opens a
case on paper, which says e-services are not available; the PA sees the organization's cases
assigned to no OU and a case's history of representation. Every page is checked for
accessibility."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from cases.models import CaseAssignment, CaseLink, LinkRoute
from permissions.roles import Role
from tests.browser.conftest import assert_accessible
from tests.browser.journey import URL_PREFIX, expect_language
from tests.factories import (
    PASSWORD,
    BranchFactory,
    CaseFactory,
    OrganizationAccountFactory,
    OrganizationFactory,
    cases_linked_in_bulk,
    party_of,
)

pytestmark = pytest.mark.browser

LOCALE = {"en": "en-HK", "zh-hant": "zh-Hant-HK"}


def _log_in(page: Page, site: str, language: str, account) -> None:
    page.goto(site + URL_PREFIX[language] + "/account/login/")
    page.fill("#id_organization_code", account.organization.code)
    page.fill("#id_login_name", account.login_name)
    page.fill("#id_password", PASSWORD)
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_load_state()


def _case_numbers(page: Page) -> list[str]:
    return page.locator("table.my-cases tbody td:first-child a").all_inner_texts()


@pytest.mark.parametrize("language", ["en", "zh-hant"])
def test_case_2_ou_and_pa_find_their_cases(site, new_page, language):
    firm = OrganizationFactory(name="Chan & Lee Solicitors")
    branch = BranchFactory(organization=firm)
    ou = OrganizationAccountFactory(organization=firm, branch=branch)
    pa = OrganizationAccountFactory(organization=firm, role=Role.PA, branch=None)
    cases_linked_in_bulk(30, organization=firm, assign_to=[ou], start=100)
    cases_linked_in_bulk(3, organization=firm, start=900)  # assigned to no OU
    paper = CaseFactory(number="DCCJ 77/2025", type_code="DCCJ")
    CaseAssignment.objects.create(
        link=CaseLink.objects.create(
            case=paper, party=party_of(paper), organization=firm, route=LinkRoute.FILING
        ),
        organization=firm,
        organization_user=ou,
    )
    history = CaseFactory(number="DCPI 5/2025")
    CaseLink.objects.create(
        case=history,
        party=party_of(history),
        organization=OrganizationFactory(name="Wong & Partners"),
        route=LinkRoute.APPLICATION,
        linked_at=timezone.now() - datetime.timedelta(days=200),
        ended_at=timezone.now() - datetime.timedelta(days=20),
    )
    CaseLink.objects.create(
        case=history, party=party_of(history), organization=firm, route=LinkRoute.NOTICE_OF_CHANGE
    )

    # The OU: from its home page's e-services to its cases, newest assignment first, 25 to a
    # page.
    page = new_page("ou", locale=LOCALE[language])
    _log_in(page, site, language, ou)
    page.locator("#e-services a[href$='/cases/']").click()
    page.wait_for_load_state()
    expect_language(page, language)
    assert_accessible(page)
    first = _case_numbers(page)
    assert first[0] == "DCCJ 77/2025" and len(first) == 25
    page.locator("a[rel=next]").click()
    page.wait_for_load_state()
    second = _case_numbers(page)
    assert len(second) == 6 and not set(first) & set(second)
    assert page.locator("a[rel=next]").count() == 0
    assert_accessible(page)

    # A look-alike letter is refused clearly; a number's beginning narrows the list (htmx
    # replaces the results only, and the address follows).
    page.fill("#id_number", "DСPI 1")  # a Cyrillic С
    page.locator("form[role=search] button[type=submit]").click()
    expect(page.locator(".error-summary")).to_be_visible()
    assert_accessible(page)
    page.fill("#id_number", "dcpi 12")
    page.locator("form[role=search] button[type=submit]").click()
    expect(page.locator("table.my-cases tbody tr")).to_have_count(10)
    assert "number=dcpi" in page.url
    assert set(_case_numbers(page)) == {f"DCPI {n}/2024" for n in range(120, 130)}
    assert_accessible(page)

    # The case on paper says so.
    page.goto(site + URL_PREFIX[language] + "/cases/")
    page.locator("table.my-cases a", has_text="DCCJ 77/2025").click()
    page.wait_for_load_state()
    expect(page.locator("h1")).to_contain_text("DCCJ 77/2025")
    expect(page.locator("#not-e-enabled")).to_be_visible()
    assert_accessible(page)

    # The PA: the organization's cases assigned to no OU, and who represented its party.
    page = new_page("pa", locale=LOCALE[language])
    _log_in(page, site, language, pa)
    page.goto(site + URL_PREFIX[language] + "/cases/")
    page.select_option("#id_assignment", "unassigned")
    page.locator("form[role=search] button[type=submit]").click()
    expect(page.locator("table.my-cases tbody tr")).to_have_count(4)
    assert_accessible(page)
    page.locator("table.my-cases a", has_text="DCPI 5/2025").click()
    page.wait_for_load_state()
    history_rows = page.locator("table.representation-history tbody tr")
    expect(history_rows).to_have_count(2)
    expect(history_rows.first).to_contain_text("Wong & Partners")
    expect(history_rows.last).to_contain_text("Chan & Lee Solicitors")
    expect(page.locator("#not-e-enabled")).to_have_count(0)
    assert_accessible(page)
