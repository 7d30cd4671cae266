"""CASE-3 (b) and BEY-1 end to end in a real browser, in English and in Traditional Chinese: an
IU lodges a Notice of Consent from its home page (a case on paper is refused first), a
registry clerk finds it in the queue from the dashboard, checks it against the case's parties
and accepts it for the plaintiff, and the IU sees it accepted; then the PA of an incoming firm
lodges a Notice of Change for the defendant, the clerk accepts it, and the outgoing firm's OU
loses the case at once. Every page visited is checked for accessibility (NFR-2)."""

import re

import pytest
from django.utils import translation
from playwright.sync_api import Page, expect

from cases.models import CaseLink, CaseLinkRequest, NoticeOfChange, RequestStatus
from cases.selectors.access import may_transact
from cases.selectors.routing import case_message_recipients
from organizations.models import DefaultOU
from permissions.roles import Role
from tests.browser.conftest import assert_accessible, screenshot
from tests.browser.journey import (
    URL_PREFIX,
    expect_language,
    expect_success_message,
    open_work_queue,
    staff_log_in,
    submit,
)
from tests.factories import (
    PASSWORD,
    PDF_BYTES,
    CaseAssignmentFactory,
    CaseFactory,
    CaseLinkFactory,
    OrganizationAccountFactory,
    OrganizationFactory,
    StaffFactory,
    UserFactory,
    party_of,
)

pytestmark = pytest.mark.browser

LOCALES = {"en": "en-HK", "zh-hant": "zh-HK"}


def _holder_log_in(page: Page, site: str, user, language: str) -> None:
    prefix = URL_PREFIX[language]
    page.goto(site + prefix + "/account/login/")
    expect_language(page, language)
    if user.organization_id:
        page.fill("#id_organization_code", user.organization.code)
    page.fill("#id_login_name", user.login_name)
    page.fill("#id_password", PASSWORD)
    submit(page, "main form")
    page.wait_for_url(site + prefix + "/account/")
    assert_accessible(page)


def _fill_notice(page: Page, case_number: str, party_type: str, party_name: str) -> None:
    page.fill("#id_case_number", case_number)
    page.select_option("#id_party_type", party_type)
    page.fill("#id_party_name", party_name)
    page.set_input_files(
        "#id_document",
        files=[{"name": "notice.pdf", "mimeType": "application/pdf", "buffer": PDF_BYTES}],
    )


@pytest.mark.parametrize("language", ["en", "zh-hant"])
def test_case_3_b_bey_1_notices_journey(site, new_page, language):
    prefix = URL_PREFIX[language]
    case = CaseFactory(number="DCPI 4321/2025")
    on_paper = CaseFactory(number="DCCJ 55/2025", type_code="DCCJ")
    outgoing_link = CaseLinkFactory(
        case=case,
        party=party_of(case, "DEFENDANT"),
        organization=OrganizationFactory(name="Outgoing & Co."),
    )
    old_ou = CaseAssignmentFactory(link=outgoing_link).organization_user
    iu = UserFactory(preferred_language=language)
    incoming = OrganizationFactory(name="Incoming LLP")
    pa = OrganizationAccountFactory(role=Role.PA, organization=incoming, branch=None)
    default_ou = OrganizationAccountFactory(role=Role.OU, organization=incoming)
    DefaultOU.objects.create(organization=incoming, account=default_ou)
    clerk = StaffFactory(role=Role.REGISTRY)

    # The IU lodges a Notice of Consent from its home page.
    me = new_page("iu", locale=LOCALES[language])
    _holder_log_in(me, site, iu, language)
    me.locator(f"main a[href='{prefix}/cases/link-requests/']").click()
    me.wait_for_url(site + prefix + "/cases/link-requests/")
    assert_accessible(me)
    me.locator(f"main a[href='{prefix}/cases/link-requests/new/']").click()
    me.wait_for_url(site + prefix + "/cases/link-requests/new/")
    expect_language(me, language)
    assert_accessible(me)
    # GEN-2: a case whose proceedings are on paper is refused, saying so.
    _fill_notice(me, on_paper.number, "PLAINTIFF", "CHAN Tai Man")
    submit(me, "main form")
    expect(me.locator(".error-summary")).to_be_visible()
    expect(me.locator(".error-summary")).to_contain_text(on_paper.number)
    assert_accessible(me)
    assert not CaseLinkRequest.objects.exists()
    _fill_notice(me, "dcpi 4321/2025", "PLAINTIFF", "CHAN Tai Man")
    submit(me, "main form")
    me.wait_for_url(re.compile(re.escape(site + prefix + "/cases/link-requests/") + r"\d+/$"))
    expect_success_message(me)
    expect(me.locator("main dl.summary")).to_contain_text(case.number)
    assert_accessible(me)
    screenshot(me, f"{language}-notice-of-consent-lodged")
    request = CaseLinkRequest.objects.get()
    assert (request.individual, request.status) == (iu, RequestStatus.PENDING)

    # The registry clerk checks it against the case's parties and accepts it for the plaintiff.
    registry = new_page("registry")
    staff_log_in(registry, site, clerk, PASSWORD)
    open_work_queue(registry, site, "/backoffice/link-requests/")
    row = registry.locator("#link-requests tbody tr", has_text=case.number)
    expect(row).to_contain_text(iu.login_name)
    row.locator("a").first.click()
    registry.wait_for_url(site + f"/backoffice/link-requests/{request.pk}/")
    expect(registry.locator("#parties")).to_contain_text("Outgoing & Co.")
    assert_accessible(registry)
    registry.check(f"input[name=party][value='{party_of(case).pk}']")
    submit(registry, "form[action$='/accept/']")
    # Confirmed on a page of its own: the holder is linked at once.
    expect(registry.locator("form.confirm-form")).to_be_visible()
    assert_accessible(registry)
    assert CaseLinkRequest.objects.get().status == RequestStatus.PENDING
    submit(registry, "form.confirm-form")
    registry.wait_for_url(site + "/backoffice/link-requests/")
    expect_success_message(registry)
    assert_accessible(registry)
    assert may_transact(iu, case)

    # The IU sees the decision.
    me.goto(site + prefix + "/cases/link-requests/")
    expect(me.locator("main table")).to_contain_text(case.number)
    request.refresh_from_db()
    with translation.override(language):
        accepted = str(request.get_status_display())
    expect(me.locator("main table .tag")).to_have_text(accepted)

    # The incoming firm's PA lodges a Notice of Change for the defendant.
    firm = new_page("pa", locale=LOCALES[language])
    _holder_log_in(firm, site, pa, language)
    firm.locator(f"main a[href='{prefix}/cases/notices-of-change/']").click()
    firm.wait_for_url(site + prefix + "/cases/notices-of-change/")
    assert_accessible(firm)
    firm.locator(f"main a[href='{prefix}/cases/notices-of-change/new/']").click()
    firm.wait_for_url(site + prefix + "/cases/notices-of-change/new/")
    _fill_notice(firm, case.number, "DEFENDANT", "LEE Ka Yan")
    submit(firm, "main form")
    firm.wait_for_url(re.compile(re.escape(site + prefix + "/cases/notices-of-change/") + r"\d+/$"))
    expect_success_message(firm)
    assert_accessible(firm)
    notice = NoticeOfChange.objects.get()
    assert may_transact(old_ou, case)

    # The clerk accepts it: the outgoing firm's OU loses the case at once.
    open_work_queue(registry, site, "/backoffice/notices-of-change/")
    registry.locator("#notices-of-change tbody tr", has_text=case.number).locator("a").click()
    registry.wait_for_url(site + f"/backoffice/notices-of-change/{notice.pk}/")
    assert_accessible(registry)
    registry.check(f"input[name=party][value='{party_of(case, 'DEFENDANT').pk}']")
    submit(registry, "form[action$='/accept/']")
    expect(registry.locator("form.confirm-form")).to_be_visible()
    submit(registry, "form.confirm-form")
    registry.wait_for_url(site + "/backoffice/notices-of-change/")
    expect_success_message(registry)
    assert not may_transact(old_ou, case)
    defendant_links = CaseLink.objects.filter(party=party_of(case, "DEFENDANT"))
    assert defendant_links.count() == 2
    assert defendant_links.get(ended_at__isnull=True).organization == incoming
    assert default_ou in case_message_recipients(case.pk)
    # The history of the party's representation is on the notice's page.
    registry.goto(site + f"/backoffice/notices-of-change/{notice.pk}/")
    expect(registry.locator("#parties")).to_contain_text("Outgoing & Co.")
    expect(registry.locator("#parties")).to_contain_text("Incoming LLP")
    assert_accessible(registry)
    screenshot(registry, f"{language}-notice-of-change-accepted")
    firm.goto(site + prefix + f"/cases/notices-of-change/{notice.pk}/")
    expect(firm.locator("main .notice")).to_be_visible()
    assert_accessible(firm)
