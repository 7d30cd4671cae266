"""The identity authentication queue filters as the officer types (htmx), and still works as
a plain form."""

import pytest
from playwright.sync_api import expect

from permissions.roles import Role
from registration import services
from tests.browser.conftest import assert_accessible
from tests.browser.journey import staff_log_in
from tests.factories import PASSWORD, StaffFactory, submit_application

pytestmark = pytest.mark.browser


def test_ida_2_queue_filters_while_typing(site, new_page):
    vetting = StaffFactory(role=Role.VETTING)
    wanted, other = submit_application(), submit_application()
    for application in (wanted, other):
        services.application_mark_in_order(actor=vetting, application_id=application.pk)
    officer = StaffFactory(role=Role.HELP_CENTRE)
    page = new_page("help centre")
    staff_log_in(page, site, officer, PASSWORD, check=False)
    page.goto(site + "/backoffice/authentication/")
    rows = page.locator("#results tbody tr")
    expect(rows).to_have_count(2)
    page.evaluate("window.loadedOnce = true")  # gone if the page were reloaded
    page.fill("#id_q", wanted.reference)
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text(wanted.reference)
    assert page.evaluate("window.loadedOnce") is True
    assert wanted.reference in page.url  # the address follows, for the back button
    assert_accessible(page)
