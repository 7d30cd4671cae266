"""LIFE-1, LIFE-2, LIFE-5 through the real pages, in English and in Traditional Chinese: an IU
holder changes contact details (and is reminded to tell the Court and the other parties), moves
to a new email address confirmed with the code sent to it, then ends the account online and
can no longer log in. Every page visited passes the accessibility check."""

import re

import pytest
from django.core import mail
from django.utils import translation
from playwright.sync_api import expect

from accounts.models import AccountStatus, User
from accounts.services import NOTIFY_COURT_REMINDER
from tests.browser.conftest import assert_accessible
from tests.browser.journey import ONE_TIME_CODE_RE, URL_PREFIX, expect_language
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.browser


def _log_in(page, site, prefix, user) -> None:
    page.goto(site + prefix + "/account/login/")
    page.fill("#id_login_name", user.login_name)
    page.fill("#id_password", PASSWORD)
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_load_state()


@pytest.mark.parametrize("language", ["en", "zh-hant"])
def test_life_1_life_2_holder_changes_email_and_ends_account(new_page, site, language):
    prefix = URL_PREFIX[language]
    user = UserFactory(email="old.address@example.com", preferred_language=language)
    page = new_page(f"holder {language}", locale="en-HK" if language == "en" else "zh-Hant-HK")
    _log_in(page, site, prefix, user)

    # LIFE-1: the profile; a new phone and a new email address.
    page.goto(site + prefix + "/account/profile/")
    expect_language(page, language)
    assert_accessible(page)
    page.fill("#id_phone", "2999 0000")
    page.fill("#id_email", "new.address@example.com")
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_url(re.compile(r".*/account/profile/email/$"))
    with translation.override(language):
        reminder = str(NOTIFY_COURT_REMINDER)
    expect(page.locator(".messages")).to_contain_text(reminder)
    assert_accessible(page)
    user.refresh_from_db()
    assert (user.phone, user.email) == ("2999 0000", "old.address@example.com")

    # A wrong code is refused clearly; the one from the new address's email works.
    page.fill("#id_confirmation_code", "WRONG-CODE")
    page.fill("#id_password", PASSWORD)
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_load_state()
    expect(page.locator(".error-summary")).to_be_visible()
    assert_accessible(page)
    (email,) = [m for m in mail.outbox if m.to == ["new.address@example.com"]]
    code = ONE_TIME_CODE_RE.search(email.body)[0]
    page.fill("#id_confirmation_code", code)
    page.fill("#id_password", PASSWORD)  # asked again: a password field is never filled back
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_url(re.compile(r".*/account/profile/$"))
    user.refresh_from_db()
    assert user.email == "new.address@example.com"

    # LIFE-2 [+]: ending the account online, with the password.
    page.locator("a[href$='/account/terminate/']").click()
    page.wait_for_load_state()
    expect_language(page, language)
    assert_accessible(page)
    page.fill("#id_password", "not-the-password")
    page.locator("main form button.warning").click()
    page.wait_for_load_state()
    expect(page.locator(".error-summary")).to_be_visible()
    assert_accessible(page)
    page.fill("#id_password", PASSWORD)
    page.locator("main form button.warning").click()
    page.wait_for_url(re.compile(r".*/account/login/"))
    assert User.objects.get(pk=user.pk).status == AccountStatus.TERMINATED
    assert any(m.to == ["new.address@example.com"] for m in mail.outbox[1:])

    # LIFE-5: it cannot log in again.
    _log_in(page, site, prefix, user)
    expect(page.locator(".error-summary")).to_be_visible()
    assert "/account/login/" in page.url
