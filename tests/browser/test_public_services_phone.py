"""SVC-5, BEY-3, SVC-3, GEN-3, UX: the public services on a 390 px wide phone, without
JavaScript, in both languages: the DRN check typed as a person would (a typo's message, then
the result), the comparison of a copy (one byte changed is not the document), and the Cause
Book searched by a party's name with its printable list. Then, with JavaScript, nothing is
wider than the screen and every page meets WCAG 2.2 AA."""

import datetime

import pytest

from documents.drn import drn_display
from documents.services import document_issue
from hearings.services import hearing_create
from permissions.roles import Role
from tests.browser.conftest import assert_accessible
from tests.factories import CaseFactory, CaseLinkFactory, StaffFactory, UserFactory

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
LONG_NAME = "Wolfeschlegelsteinhausenbergerdorff Holdings International Limited"


@pytest.mark.parametrize(("prefix", "locale"), [("", "en-HK"), ("/zh-hant", "zh-Hant-HK")])
def test_svc_5_svc_3_public_services_on_a_phone_without_javascript(
    site, browser, prefix, locale, tmp_path
):
    clerk = StaffFactory(role=Role.REGISTRY)
    case = CaseFactory(
        title=f"CHAN Tai Man v. {LONG_NAME}",
        parties=[("PLAINTIFF", "CHAN Tai Man"), ("DEFENDANT", LONG_NAME)],
    )
    CaseLinkFactory(case=case, organization=None, individual=UserFactory())
    order = document_issue(
        actor=clerk,
        case_id=case.pk,
        kind="ORDER",
        title=f"Order against {LONG_NAME}",
        method="COMPOSED",
        text="The defendant shall file its Defence within 14 days.",
    ).document
    today = datetime.date.today()
    hearing_create(
        actor=clerk,
        date=today,
        start_time="09:30",
        court="District Court",
        courtroom="Court 23",
        judge_en="HH Judge LEE",
        judge_zh="李法官",
        case_number=case.number,
        hearing_type="TRIAL",
        public=True,
    )
    with order.file.open("rb") as stored:
        issued = stored.read()
    altered = tmp_path / "altered.pdf"
    altered.write_bytes(issued[:-2] + bytes([issued[-2] ^ 1]) + issued[-1:])
    drn = drn_display(order.drn)
    # One character mistyped: the check character catches it.
    typo = drn[:-1] + ("A" if drn[-1] != "A" else "B")

    context = browser.new_context(
        locale=locale, timezone_id="Asia/Hong_Kong", viewport=PHONE, java_script_enabled=False
    )
    try:
        page = context.new_page()
        page.set_default_timeout(15_000)
        # The DRN check: a typo, then the number as printed.
        page.goto(f"{site}{prefix}/documents/check/")
        page.fill("#id_drn", typo)
        page.locator("main form button[type=submit]").click()
        page.wait_for_load_state()
        assert page.locator(".error-summary, .error-text").count() >= 1
        page.fill("#id_drn", drn.lower())
        page.locator("main form button[type=submit]").click()
        page.wait_for_url(f"{site}{prefix}/documents/check/{order.drn}/")
        assert case.number in page.locator("main dl.summary").inner_text()
        # A copy one byte off is not the document the court issued.
        page.set_input_files("#id_file", str(altered))
        page.locator("main form[enctype] button[type=submit]").click()
        page.wait_for_load_state()
        assert page.locator("#compare-result.error").count() == 1
        # The Cause Book, by a party's name typed loosely, and its printable list.
        page.goto(f"{site}{prefix}/cause-book/")
        page.fill("#id_party", "  wolfeschlegelSTEINHAUSEN ")
        page.locator("main form[role=search] button[type=submit]").click()
        page.wait_for_load_state()
        assert case.number in page.locator("main table").inner_text()
        page.locator(f"main a[href*='{prefix}/cause-book/print/']").click()
        page.wait_for_load_state()
        assert case.number in page.locator("main table").inner_text()
    finally:
        context.close()

    context = browser.new_context(locale=locale, timezone_id="Asia/Hong_Kong", viewport=PHONE)
    try:
        page = context.new_page()
        page.set_default_timeout(15_000)
        for path in (
            "/documents/check/",
            f"/documents/check/{order.drn}/",
            "/cause-book/",
            "/cause-book/?party=wolfeschlegel",
            # The printable list, before it is printed.
            f"/cause-book/print/?case_number={case.number}",
            "/help/",
            "/forms/individual-user/",
            "/forms/organization/",
            "/forms/notice-of-consent/",
        ):
            page.goto(site + prefix + path)
            assert page.evaluate("() => document.documentElement.scrollWidth") <= PHONE["width"], (
                path
            )
            assert_accessible(page)
    finally:
        context.close()
