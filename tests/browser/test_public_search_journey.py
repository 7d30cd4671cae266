"""SVC-2, GEN-3, UX: the public search of documents open to inspection on a 390 px wide phone,
without JavaScript, in both languages: the form, a page of results and the next, and the
"Inspect" button and its page of what the fee buys, whose Pay button, without a reachable
payment gateway, says that nothing was charged."""

import datetime

import pytest
from django.utils import timezone

from tests.browser.conftest import assert_accessible
from tests.factories import CaseFactory
from tests.inspection_helpers import case_document

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
LONG_NAME = "Wolfeschlegelsteinhausenbergerdorff Holdings International Limited"


@pytest.mark.parametrize(("prefix", "locale"), [("", "en-HK"), ("/zh-hant", "zh-Hant-HK")])
def test_svc_2_search_fits_a_390_px_screen_without_javascript(site, browser, prefix, locale):
    case = CaseFactory(
        title=f"CHAN Tai Man v. {LONG_NAME}",
        parties=[("PLAINTIFF", "CHAN Tai Man"), ("DEFENDANT", LONG_NAME)],
    )
    start = timezone.now() - datetime.timedelta(days=40)
    for n in range(25):
        case_document(
            case,
            kind="ORDER",
            title=f"Order no. {n} {LONG_NAME}",
            dated_at=start + datetime.timedelta(days=n),
        )
        case_document(case, kind="DIRECTION", title=f"Private direction {n}")
    search = f"{site}{prefix}/documents/search/"
    # Without JavaScript: the form, the pages of results and the Inspect button.
    context = browser.new_context(
        locale=locale, timezone_id="Asia/Hong_Kong", viewport=PHONE, java_script_enabled=False
    )
    try:
        page = context.new_page()
        page.set_default_timeout(15_000)
        page.goto(search)
        page.fill("#id_party_name", "wolfeschlegel steinhausen")
        page.locator("main form[role=search] button[type=submit]").click()
        page.wait_for_load_state()
        assert page.locator(".search-results > li").count() == 20
        assert "Private direction" not in page.content()
        page.locator("nav.pager a[rel=next]").click()
        page.wait_for_load_state()
        assert page.locator(".search-results > li").count() == 5
        # Inspect: first what the fee buys; then Pay. The gateway is not running here, so the
        # payer is told nothing was charged, back on the same page of results.
        page.locator(".search-results > li a.button").first.click()
        page.wait_for_load_state()
        assert page.locator("#document-to-inspect").count() == 1
        page.locator("main form button[type=submit]").click()
        page.wait_for_load_state()
        assert page.locator(".message-error").count() == 1
        assert page.locator(".search-results > li").count() == 5  # back on the same page
    finally:
        context.close()
    # On a 390 px screen: nothing wider than the screen; WCAG 2.2 AA.
    context = browser.new_context(locale=locale, timezone_id="Asia/Hong_Kong", viewport=PHONE)
    try:
        page = context.new_page()
        page.set_default_timeout(15_000)
        for query in ("", "?party_name=wolfeschlegel", "?party_name=wolfeschlegel&page=2"):
            page.goto(search + query)
            assert page.evaluate("() => document.documentElement.scrollWidth") <= PHONE["width"]
            assert_accessible(page)
    finally:
        context.close()
