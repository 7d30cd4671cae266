"""The local payment gateway: a small server for development and tests that plays the
provider of `payments.gateways.hosted` on loopback, in a process of its own
(`manage.py run_local_gateway --port N`). It speaks the same protocol as a real provider:

- `POST /v1/checkout/sessions` (bearer API key): a session and the address of its page;
- `GET /pay/<session>`: the hosted payment page, with the amount and two buttons, "Pay" and
  "Decline" (a card refused);
- `POST /pay/<session>`: settles the session, POSTs the signed event to the portal's webhook
  address, then sends the payer back to the portal's return address. The event goes before
  the payer is sent back, so a payer who closes the page there is settled all the same;
- `GET /v1/events` (bearer API key): the events sent, with their raw bodies and signatures,
  as providers list them (the tests replay one from here).

It holds its sessions in memory and knows nothing of the portal's database."""

import html
import json
import secrets
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from payments.gateways.hosted import SIGNATURE_HEADER, signature

MAX_BODY = 64 * 1024


class LocalGatewayState:
    def __init__(self, *, api_key: str, webhook_secret: str, webhook_url: str):
        self.api_key = api_key
        self.webhook_secret = webhook_secret
        self.webhook_url = webhook_url
        self.sessions: dict[str, dict] = {}
        self.events: list[dict] = []
        self.lock = threading.Lock()


PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Local payment gateway</title></head>
<body><main>
<h1>Local payment gateway <span lang="zh-Hant">本地付款閘道</span></h1>
<p>For development and tests only: no money moves.</p>
<dl><dt>Amount</dt><dd id="amount">{currency} {amount}</dd>
<dt>For</dt><dd id="description">{description}</dd>
<dt>Reference</dt><dd id="reference">{reference}</dd></dl>
{body}
</main></body></html>
"""
FORM = """<form method="post">
<button type="submit" name="action" value="pay" id="pay">
Pay <span lang="zh-Hant">付款</span></button>
<button type="submit" name="action" value="fail" id="fail">
Decline <span lang="zh-Hant">拒絕</span></button>
</form>"""


class Handler(BaseHTTPRequestHandler):
    server_version = "LocalGateway/1"
    state: LocalGatewayState

    def log_message(self, format, *args):  # noqa: A002 - quiet: the tests start it often
        return

    # --- helpers -------------------------------------------------------------------------

    def _send(self, status, body: bytes, content_type="application/json", headers=None):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def _json(self, status, value):
        self._send(status, json.dumps(value).encode())

    def _body(self) -> bytes:
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(min(length, MAX_BODY))

    def _authorized(self) -> bool:
        expected = f"Bearer {self.state.api_key}"
        return secrets.compare_digest(self.headers.get("Authorization", ""), expected)

    def _session(self):
        session_id = self.path.removeprefix("/pay/").split("?")[0]
        return session_id, self.state.sessions.get(session_id)

    # --- routes ----------------------------------------------------------------------------

    def do_GET(self):  # noqa: N802
        if self.path == "/v1/events":
            if not self._authorized():
                return self._json(HTTPStatus.UNAUTHORIZED, {"error": "unauthorized"})
            with self.state.lock:
                return self._json(HTTPStatus.OK, {"data": list(self.state.events)})
        if self.path.startswith("/pay/"):
            _session_id, session = self._session()
            if session is None:
                return self._send(HTTPStatus.NOT_FOUND, b"Not found", "text/plain")
            body = FORM if session["status"] == "open" else f"<p>{session['status']}</p>"
            page = PAGE.format(
                currency=html.escape(session["currency"]),
                amount=html.escape(session["amount"]),
                description=html.escape(session["description"]),
                reference=html.escape(session["reference"]),
                body=body,
            )
            return self._send(HTTPStatus.OK, page.encode(), "text/html; charset=utf-8")
        return self._send(HTTPStatus.NOT_FOUND, b"Not found", "text/plain")

    def do_POST(self):  # noqa: N802
        if self.path == "/v1/checkout/sessions":
            return self._create_session()
        if self.path.startswith("/pay/"):
            return self._settle()
        return self._send(HTTPStatus.NOT_FOUND, b"Not found", "text/plain")

    def _create_session(self):
        if not self._authorized():
            return self._json(HTTPStatus.UNAUTHORIZED, {"error": "unauthorized"})
        try:
            data = json.loads(self._body())
            session = {
                key: str(data[key])
                for key in ("amount", "currency", "reference", "description", "return_url")
            }
        except (ValueError, KeyError, TypeError):
            return self._json(HTTPStatus.BAD_REQUEST, {"error": "invalid_request"})
        session_id = "cs_" + secrets.token_hex(12)
        session["status"] = "open"
        with self.state.lock:
            self.state.sessions[session_id] = session
        host, port = self.server.server_address[:2]
        url = f"http://{host}:{port}/pay/{session_id}"
        return self._json(HTTPStatus.OK, {"id": session_id, "url": url})

    def _settle(self):
        session_id, session = self._session()
        if session is None:
            return self._send(HTTPStatus.NOT_FOUND, b"Not found", "text/plain")
        form = urllib.parse.parse_qs(self._body().decode())
        action = (form.get("action") or [""])[0]
        if action not in {"pay", "fail"}:
            return self._send(HTTPStatus.BAD_REQUEST, b"Choose pay or fail", "text/plain")
        with self.state.lock:
            if session["status"] != "open":
                return self._send(HTTPStatus.CONFLICT, b"Already settled", "text/plain")
            session["status"] = "paid" if action == "pay" else "failed"
        event_type = "checkout.session.completed" if action == "pay" else "checkout.session.failed"
        self._deliver(event_type, session_id, session)
        query = urllib.parse.urlencode({"session_id": session_id})
        separator = "&" if "?" in session["return_url"] else "?"
        self.send_response(HTTPStatus.SEE_OTHER)
        self.send_header("Location", session["return_url"] + separator + query)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def _deliver(self, event_type: str, session_id: str, session: dict) -> None:
        """The signed event, POSTed to the portal once, as it is; kept for the events list."""
        body = json.dumps(
            {
                "id": "evt_" + secrets.token_hex(12),
                "type": event_type,
                "created": int(time.time()),
                "data": {
                    "session_id": session_id,
                    "reference": session["reference"],
                    "amount": session["amount"],
                    "currency": session["currency"],
                },
            }
        ).encode()
        header = signature(self.state.webhook_secret, body, int(time.time()))
        request = urllib.request.Request(  # noqa: S310 - the portal's configured address
            self.state.webhook_url,
            data=body,
            method="POST",
            headers={"Content-Type": "application/json", SIGNATURE_HEADER: header},
        )
        try:
            with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
                delivered = response.status
        except urllib.error.HTTPError as exc:
            delivered = exc.code
        except (urllib.error.URLError, OSError):
            delivered = None
        with self.state.lock:
            self.state.events.append(
                {
                    "id": json.loads(body)["id"],
                    "type": event_type,
                    "body": body.decode(),
                    "signature": header,
                    "delivered_status": delivered,
                }
            )


def make_server(
    *, host: str, port: int, api_key: str, webhook_secret: str, webhook_url: str
) -> ThreadingHTTPServer:
    state = LocalGatewayState(
        api_key=api_key, webhook_secret=webhook_secret, webhook_url=webhook_url
    )
    handler = type("BoundHandler", (Handler,), {"state": state})
    return ThreadingHTTPServer((host, port), handler)
