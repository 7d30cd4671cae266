"""The Message Box in a real browser, in English and in Traditional Chinese (MSG-1, MSG-3,
CASE-4, BEY-6, NFR-1, NFR-2): a registry clerk sends a direction to a case from its page in
the back office; the linked individual user finds "Message Box (1 unread)" on the home page,
sees the direction marked unread, opens it (now read), finds it again by a Chinese word,
mutes the case's emails and chooses a weekly reminder. Every page is checked for
accessibility."""

import pytest
from playwright.sync_api import Page, expect

from messaging.models import Message, NotificationPreference
from permissions.roles import Role
from tests.browser.conftest import assert_accessible
from tests.browser.journey import URL_PREFIX, expect_language, staff_log_in
from tests.factories import PASSWORD, CaseLinkFactory, StaffFactory, UserFactory

pytestmark = pytest.mark.browser

LOCALE = {"en": "en-HK", "zh-hant": "zh-Hant-HK"}
SUBJECT = "指示：提交文件清單"
BODY = "雙方須於十四天內提交及送達文件清單。"


def _log_in(page: Page, site: str, language: str, account) -> None:
    page.goto(site + URL_PREFIX[language] + "/account/login/")
    page.fill("#id_login_name", account.login_name)
    page.fill("#id_password", PASSWORD)
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_load_state()


@pytest.mark.parametrize("language", ["en", "zh-hant"])
def test_msg_1_registry_sends_a_direction_and_the_iu_reads_it(site, new_page, language):
    holder = UserFactory(preferred_language="zh-hant" if language == "zh-hant" else "en")
    case = CaseLinkFactory(organization=None, individual=holder).case
    clerk = StaffFactory(role=Role.REGISTRY)
    prefix = URL_PREFIX[language]

    # The registry clerk: from the case's page to "Send a direction", which names the IU.
    staff = new_page("registry", locale=LOCALE[language])
    staff_log_in(staff, site, clerk, PASSWORD, check=False)
    staff.goto(site + prefix + f"/backoffice/cases/{case.pk}/")
    staff.locator(f"main a[href$='/backoffice/cases/{case.pk}/directions/new/']").click()
    staff.wait_for_load_state()
    expect_language(staff, language)
    expect(staff.locator("main")).to_contain_text(holder.login_name)
    assert_accessible(staff)
    # Sent without a subject: the error summary, nothing sent.
    staff.fill("#id_body", BODY)
    staff.locator("main form button[type=submit]").click()
    staff.wait_for_load_state()
    expect(staff.locator(".error-summary")).to_be_visible()
    assert_accessible(staff)
    assert not Message.objects.exists()
    staff.fill("#id_subject", SUBJECT)
    staff.check("#id_checked")
    staff.locator("main form button[type=submit]").click()
    staff.wait_for_url(site + prefix + f"/backoffice/cases/{case.pk}/")
    expect(staff.locator(".messages .message-success")).to_be_visible()
    assert Message.objects.get().recipient_id == holder.pk

    # The IU: the home page counts the unread message; the list marks it unread.
    page = new_page("iu", locale=LOCALE[language])
    _log_in(page, site, language, holder)
    link = page.locator("#message-box-link")
    expect(link).to_contain_text("1")
    link.click()
    page.wait_for_load_state()
    expect_language(page, language)
    assert_accessible(page)
    row = page.locator("table.message-box tbody tr.unread")
    expect(row).to_have_count(1)
    expect(row.locator(".tag")).to_be_visible()
    row.locator("a").click()
    page.wait_for_load_state()
    expect(page.locator("h1")).to_have_text(SUBJECT)
    expect(page.locator(".message-body")).to_contain_text(BODY)
    assert_accessible(page)
    assert Message.objects.get().read_at is not None

    # Mute the case's emails from the message; the page says it is muted.
    page.locator("main form[action$='/messages/preferences/muted-cases/'] button").click()
    page.wait_for_load_state()
    expect(page.locator(".messages .message-success")).to_be_visible()
    assert_accessible(page)

    # Search by a Chinese word: the direction, no longer marked unread.
    page.goto(site + prefix + "/messages/")
    page.fill("#id_search", "文件清單")
    page.locator("main form[role=search] button[type=submit]").click()
    page.wait_for_load_state()
    expect(page.locator("table.message-box tbody tr")).to_have_count(1)
    expect(page.locator("table.message-box tbody tr.unread")).to_have_count(0)
    assert_accessible(page)

    # The choice of emails: a weekly reminder, and the muted case listed.
    page.goto(site + prefix + "/messages/preferences/")
    expect(page.locator("main")).to_contain_text(case.number)
    page.locator("#id_reminder_1").check()
    page.locator("main form[action$='/messages/preferences/'] button[type=submit]").click()
    page.wait_for_load_state()
    expect(page.locator(".messages .message-success")).to_be_visible()
    assert_accessible(page)
    preference = NotificationPreference.objects.get(account=holder)
    assert preference.reminder == "WEEKLY"
    assert list(preference.muted_cases.values_list("pk", flat=True)) == [case.pk]
