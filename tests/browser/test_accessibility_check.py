"""The accessibility check itself (NFR-2): it must judge the page a form led to, even when that
page arrives slowly. A page answered in two parts (its headers, then its body a moment later)
stands for a slow server."""

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from tests.browser.conftest import assert_accessible
from tests.browser.journey import submit

# The suite's session set-up reads the migrated database, so even this test asks for it.
pytestmark = [pytest.mark.browser, pytest.mark.django_db]

FORM_PAGE = (
    b"<!doctype html><html lang='en'><title>Form</title><main><h1>Form</h1>"
    b"<form method='post' action='/next'><button type='submit'>Go</button></form></main>"
)
NEXT_PAGE = b"<!doctype html><html lang='en'><title>Next</title><main><h1>Next</h1></main>"


class _SlowAnswer(BaseHTTPRequestHandler):
    def _start(self):
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.end_headers()

    def do_GET(self):
        self._start()
        self.wfile.write(FORM_PAGE)

    def do_POST(self):
        self._start()
        self.wfile.flush()  # the browser has begun the next page: it holds no document yet
        time.sleep(0.8)
        self.wfile.write(NEXT_PAGE)

    def log_message(self, *args):
        pass


@pytest.fixture
def slow_site():
    server = ThreadingHTTPServer(("127.0.0.1", 0), _SlowAnswer)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()


def test_nfr_2_the_check_waits_for_the_page_a_form_leads_to(new_page, slow_site):
    page = new_page("slow")
    page.goto(slow_site + "/")
    submit(page, "main form")
    assert_accessible(page)  # ran on a document not yet parsed before it waited for the load
    assert page.title() == "Next"
