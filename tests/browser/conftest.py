"""Browser tests: Debian's Chromium driven through Playwright against pytest-django's live
server, with an axe-core accessibility check (NFR-2) on every page a journey visits."""

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in the test thread; the ORM calls the tests make
# between browser steps are synchronous and safe.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

from playwright.sync_api import sync_playwright  # noqa: E402

BROWSER_DIR = Path(__file__).resolve().parent
REPO_DIR = BROWSER_DIR.parent.parent
ARTIFACTS = REPO_DIR / "test-artifacts"
AXE_JS = BROWSER_DIR / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-quic",
    "--no-first-run",
    "--disable-component-update",
    "--disable-sync",
]
# WCAG 2.0, 2.1 and 2.2, levels A and AA.
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


# --- accessibility -----------------------------------------------------------------------------

_axe_source: str | None = None


def axe_source() -> str:
    """axe-core's script, installed from tests/browser/package-lock.json when missing."""
    global _axe_source
    if _axe_source is None:
        if not AXE_JS.exists():
            npm = shutil.which("npm")
            if npm is None:
                pytest.fail("npm is needed to install axe-core for the accessibility checks")
            subprocess.run(  # noqa: S603
                [npm, "ci", "--silent", "--no-audit", "--no-fund", "--prefix", str(BROWSER_DIR)],
                check=True,
            )
        _axe_source = AXE_JS.read_text(encoding="utf-8")
    return _axe_source


def _describe(violations: list[dict]) -> str:
    lines = []
    for v in violations:
        lines.append(f"[{v['impact']}] {v['id']}: {v['help']} ({v['helpUrl']})")
        for node in v["nodes"][:5]:
            lines.append(f"    {' '.join(node['target'])}: {node['failureSummary']}")
    return "\n".join(lines)


def assert_accessible(page) -> None:
    """NFR-2: no WCAG 2.2 A/AA violation that axe-core can detect on the page as it is now."""
    # A click that submits a form returns once the next page has begun; axe-core, already in
    # that page from its start, would otherwise run on a document not yet parsed.
    page.wait_for_load_state("load")
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        # A page whose start the context's init script missed (`new_page`). Evaluated from
        # outside the page: its Content Security Policy refuses inline scripts.
        page.evaluate(axe_source())
    # Only the violations are read: axe then skips gathering every node that passed.
    result = page.evaluate(
        "tags => axe.run(document,"
        " {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
        WCAG_TAGS,
    )
    violations = result["violations"]
    assert not violations, f"Accessibility violations on {page.url}:\n{_describe(violations)}"


# --- screenshots -------------------------------------------------------------------------------


def screenshot(page, name: str) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{re.sub(r'[^A-Za-z0-9_.-]', '_', name)}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if report.when == "call":
        item.browser_test_failed = report.failed
    return report


# --- fixtures ----------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def browser():
    if not os.path.exists(CHROMIUM):
        pytest.fail(f"{CHROMIUM} is missing: run `make browser-deps`")
    axe_source()  # install axe-core before any test starts its clock
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def site(live_server, settings, transactional_db):
    """The live server's address; emails link to it."""
    settings.SITE_URL = live_server.url
    return live_server.url


@pytest.fixture
def new_page(browser, request):
    """Open a page in a fresh browser context: one per person, so sessions stay apart.
    When the test fails, each page is saved to test-artifacts/ for a look."""
    contexts = []

    def open_page(name: str, locale: str = "en-HK"):
        context = browser.new_context(
            locale=locale, timezone_id="Asia/Hong_Kong", viewport={"width": 1280, "height": 900}
        )
        # axe-core is in every page from its start, outside its Content Security Policy: the
        # browser compiles it once, where evaluating it on each page sent and parsed it anew.
        context.add_init_script(script=axe_source())
        contexts.append((name, context))
        page = context.new_page()
        page.set_default_timeout(10_000)
        return page

    yield open_page
    failed = getattr(request.node, "browser_test_failed", False)
    for name, context in contexts:
        if failed:
            for i, page in enumerate(context.pages):
                try:
                    screenshot(page, f"FAILED-{request.node.name}-{name}-{i}")
                except Exception:  # noqa: BLE001, S110 - best effort only
                    pass
        context.close()
