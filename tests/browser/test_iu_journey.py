"""The Individual User journey end to end in a real browser, staff steps included, in English
and in Traditional Chinese, with an accessibility check on every page visited."""

import re

import pytest
from django.core import mail
from django.utils import translation
from playwright.sync_api import expect

from permissions.roles import Role
from tests.browser.journey import Applicant, Staff, expect_language, walk_journey
from tests.factories import PASSWORD, StaffFactory

pytestmark = pytest.mark.browser


@pytest.fixture
def staff(transactional_db):
    return Staff(
        vetting_officer=StaffFactory(role=Role.VETTING, login_name="vet1"),
        help_centre_officer=StaffFactory(role=Role.HELP_CENTRE, login_name="hc1"),
        password=PASSWORD,
    )


def test_iu_journey_in_english(new_page, site, staff):
    """REG-2, REG-4, REG-8, GEN-6, IDA-1, IDA-2, IDA-4, ACT-1, ACT-2, ACT-3, AUTH-1, AUTH-4,
    NFR-2: apply online, vetting with a request for more information, in-person identity
    authentication, activation, login, and a Help Centre password reset, all through the
    pages, every page free of WCAG 2.2 AA violations."""
    applicant = Applicant(language="en", email="chan.taiman@example.com")
    page = walk_journey(new_page, site, applicant, staff)
    expect_language(page, "en")
    expect(page.get_by_role("link", name="My account")).to_be_visible()


def test_iu_journey_in_traditional_chinese(new_page, site, staff):
    """NFR-1, NFR-2, REG-2, REG-8, IDA-4, ACT-2, ACT-3, AUTH-4: the same journey with the
    applicant switching to 繁體中文 with the header's language button; every applicant page,
    including those reached from the emails, is in Traditional Chinese."""
    applicant = Applicant(language="zh-hant", email="wong.siuming@example.com")
    page = walk_journey(new_page, site, applicant, staff)
    expect_language(page, "zh-hant")

    page.goto(applicant.url(site, "/account/login/"))
    expect_language(page, "zh-hant")
    with translation.override("zh-hant"):
        chinese = translation.gettext("Log in")
    assert chinese != "Log in", "no Traditional Chinese translation of the login page"
    expect(page.locator("h1")).to_have_text(chinese)

    # Every email the applicant received was written in Chinese too.
    # Received, authenticate, activation code, Change Token, password changed.
    emails = [m for m in mail.outbox if applicant.email in m.to]
    assert len(emails) == 6
    for email in emails:
        assert re.search(r"[\u4e00-\u9fff]", email.subject), email.subject
        assert re.search(r"[\u4e00-\u9fff]", email.body), email.body
