"""e-Payments in a real browser, in English and in Traditional Chinese (SVC-4, GEN-3, NFR-1,
NFR-2): a registry clerk records a top-up of an organization's deposit account (first with a
mistake, then right); an OU's filing fee is paid from it; the PA reads the statement and its
receipt; and a member of the public, not logged in, pays the search fee on the local payment
gateway's page (a process of its own on loopback) and comes back to the receipt. Every page
of the portal is checked for accessibility."""

from decimal import Decimal

import pytest
from django.conf import settings as django_settings
from playwright.sync_api import expect

from payments.models import DepositAccount, Payment, PaymentStatus
from payments.services import fee_pay_from_deposit
from permissions.roles import Role
from tests.browser.conftest import assert_accessible
from tests.browser.journey import URL_PREFIX, expect_language, staff_log_in
from tests.factories import (
    PASSWORD,
    OrganizationAccountFactory,
    StaffFactory,
    organization_with_cases,
)

pytestmark = pytest.mark.browser

LOCALE = {"en": "en-HK", "zh-hant": "zh-Hant-HK"}


@pytest.mark.parametrize("language", ["en", "zh-hant"])
def test_svc_4_top_up_fee_statement_and_search_fee_without_login(
    site, new_page, language, local_gateway, settings
):
    settings.PAYMENT_GATEWAY = {
        **django_settings.PAYMENT_GATEWAY,
        "API_BASE": local_gateway,
        "PAGE_ORIGIN": local_gateway,
    }
    prefix = URL_PREFIX[language]
    org = organization_with_cases(accounts=OrganizationAccountFactory)

    # The registry records a top-up; a bad amount first.
    clerk = StaffFactory(role=Role.REGISTRY)
    staff = new_page("registry", locale=LOCALE[language])
    staff_log_in(staff, site, clerk, PASSWORD, check=False)
    staff.goto(site + prefix + "/backoffice/deposit-accounts/top-ups/new/")
    expect_language(staff, language)
    assert_accessible(staff)
    staff.fill("#id_organization_code", org.organization.code)
    staff.fill("#id_amount", "12.345")
    staff.fill("#id_reference", "CHQ 004321")
    staff.locator("main form button[type=submit]").click()
    staff.wait_for_load_state()
    expect(staff.locator(".error-summary")).to_be_visible()
    assert_accessible(staff)
    staff.fill("#id_amount", "HK$5,000")
    staff.locator("main form button[type=submit]").click()
    staff.wait_for_load_state()
    # Asked first, naming the organization and the amount.
    expect(staff.locator("h1")).to_contain_text("HK$5,000.00")
    assert_accessible(staff)
    staff.locator("main form.confirm-form button[type=submit]").click()
    staff.wait_for_load_state()
    expect(staff.locator(".messages .message-success")).to_contain_text("HK$5,000.00")
    assert DepositAccount.objects.get().balance == Decimal("5000.00")

    # An OU's filing fee is paid from the account (e-filing will do this).
    payment = fee_pay_from_deposit(
        actor=org.ou, purpose="FILING_FEE", reference="FIL-2026-000077", amount="630.10"
    )

    # The PA reads the statement and opens the receipt from it.
    pa = new_page("pa", locale=LOCALE[language])
    pa.goto(site + prefix + "/account/login/")
    pa.fill("#id_organization_code", org.organization.code)
    pa.fill("#id_login_name", org.pa.login_name)
    pa.fill("#id_password", PASSWORD)
    pa.locator("main form button[type=submit]").first.click()
    pa.wait_for_load_state()
    pa.goto(site + prefix + "/payments/deposit-account/")
    expect_language(pa, language)
    expect(pa.locator("#balance")).to_have_text("HK$4,369.90")
    assert_accessible(pa)
    pa.locator(f"main a:has-text('{payment.receipt.number}')").click()
    pa.wait_for_load_state()
    expect(pa.locator("#receipt")).to_contain_text("HK$630.10")
    assert_accessible(pa)

    # A member of the public pays the search fee without logging in.
    public = new_page("public", locale=LOCALE[language])
    public.goto(site + prefix + "/payments/search-fee/")
    expect_language(public, language)
    assert_accessible(public)
    public.fill("#id_reference", "DCPI 1234/2025")
    public.locator("main form button[type=submit]").click()
    public.wait_for_url(local_gateway + "/pay/**")
    expect(public.locator("#amount")).to_have_text("HKD 145.00")
    public.locator("#pay").click()
    public.wait_for_url(site + prefix + "/payments/p/**")
    expect_language(public, language)
    searched = Payment.objects.get(purpose="SEARCH_FEE")
    assert searched.status == PaymentStatus.SUCCEEDED and searched.account_id is None
    expect(public.locator("#receipt")).to_contain_text(searched.receipt.number)
    assert_accessible(public)
