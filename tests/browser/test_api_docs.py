"""The API's documentation page for a law firm's developer: Swagger UI from our own static
files, under the site's Content Security Policy, showing every operation."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_nfr_3_api_docs_page_renders_under_the_csp_from_our_own_host(site, new_page):
    page = new_page("developer")
    refused, hosts = [], set()
    page.on(
        "console",
        lambda m: refused.append(m.text) if "Content Security Policy" in m.text else None,
    )
    page.on("request", lambda r: hosts.add(r.url.split("/")[2]))
    page.goto(site + "/api/v1/docs/")
    expect(page.locator(".swagger-ui .info .title")).to_contain_text("iCMS e-Courts API")
    # Every operation is listed, with its summary in words.
    operations = page.locator(".opblock-summary")
    expect(operations.first).to_be_visible()
    # 19 of the first release; self-unlock (BEY-4); unlocking and the holder search (Help
    # Centre); configuration changes, the PA's three and the vetting officer's four; the PA's
    # application and the replacement PA's, online and keyed in, and the end of a PA account;
    # resetting a staff member's second factor (system administrators); the organization
    # administration and the holder's profile; re-sending a sub-account's activation code;
    # Notices of Consent and of Change (16); the registry's cases, the correction of a link
    # made to the wrong party, and implementation notices, and the public case-number check
    # (18); cases given to SAs, case parties assigned to OUs
    # and the access review (13); My cases and a case (2); the email change and its
    # confirmation, and the end of an IU account online and by the Help Centre (4); the
    # Message Box, its choice of emails and muted cases (10), and the registry's directions
    # to a case (1); the court policy (11); issued documents: the registry's list and issue,
    # the parties' list and download, the public DRN check (5); e-payments: deposit accounts
    # and statements, payments and receipts, the search fee, the gateway's webhook, top-ups
    # and refunds (9); the registry's Cause Book, a case's hearings and the calendar address
    # (10); the receipts as PDFs, the signed notices, a certification's files, the registry's
    # download of a case's document and the check of a copy against its DRN (9); the audit
    # trail and the check of its chain (2); counsel briefed for a party: the list, a brief, its
    # withdrawal, and counsel's return of it (4).
    assert len(_operations_listed(page)) == 194
    page.evaluate("window.scrollTo(0, 0)")
    expect(page.get_by_text("/api/v1/auth/login/", exact=True)).to_be_visible()
    # Opening an operation shows its description and its error body.
    page.get_by_text("/api/v1/auth/login/", exact=True).click()
    expect(page.locator(".opblock.is-open .opblock-description-wrapper").first).to_contain_text(
        "bearer token"
    )
    assert refused == [], "the docs page must need nothing the Content Security Policy refuses"
    assert hosts == {site.split("/")[2]}, "no other host is contacted"


def _operations_listed(page) -> set[str]:
    """Every operation the page lists. With this many operations Swagger UI draws only those
    near the screen (it virtualizes long lists), so the page is read a screenful at a time,
    from the top to the bottom."""
    seen: set[str] = set()
    at = -1
    while True:
        seen |= set(
            page.locator(".opblock-summary").evaluate_all(
                "nodes => nodes.map(n => n.querySelector('.opblock-summary-method').textContent"
                " + ' ' + n.querySelector('.opblock-summary-path').dataset.path)"
            )
        )
        position = page.evaluate("window.scrollY")
        if position == at:
            return seen
        at = position
        page.mouse.wheel(0, 600)
        page.wait_for_timeout(100)
