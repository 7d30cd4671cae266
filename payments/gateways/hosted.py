"""A provider of hosted payment pages, in the shape such providers share (card and FPS):

- create a session: `POST {api_base}/v1/checkout/sessions` with a bearer API key and a JSON
  body (amount as a decimal string, currency, reference, description, return address,
  language); the answer carries the session's `id` and the `url` of its payment page;
- the webhook: `POST` to the portal's address with the event as JSON and the header
  `Gateway-Signature: t=<unix time>,v1=<hex HMAC-SHA256 of "<t>." + raw body>` under the
  shared webhook secret. Events: `checkout.session.completed` (paid) and
  `checkout.session.failed`; each has a unique `id`, and the provider may send it again.

Configured from the environment (config/settings.py): PAYMENT_GATEWAY_API_BASE,
PAYMENT_GATEWAY_API_KEY, PAYMENT_GATEWAY_WEBHOOK_SECRET."""

import hashlib
import hmac
import json
import time
import urllib.error
import urllib.request
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext_lazy as _

from core.money import money
from payments.gateways.base import (
    CheckoutSession,
    EventOutcome,
    EventRefused,
    GatewayEventData,
    GatewayUnavailable,
    PaymentGateway,
)

SIGNATURE_HEADER = "Gateway-Signature"
EVENT_OUTCOMES = {
    "checkout.session.completed": EventOutcome.SUCCEEDED,
    "checkout.session.failed": EventOutcome.FAILED,
}
TIMEOUT_SECONDS = 10
_STALE = _("The event is too old or from the future; it is not read.")
_MALFORMED = _("The event could not be read.")


def signature(secret: str, body: bytes, timestamp: int) -> str:
    """The value of the signature header for `body` sent at `timestamp`."""
    digest = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256)
    return f"t={timestamp},v1={digest.hexdigest()}"


def _parts(header: str) -> tuple[int, list[str]]:
    timestamp, signatures = None, []
    for item in (header or "").split(","):
        key, _sep, value = item.strip().partition("=")
        if key == "t" and value.isdigit():
            timestamp = int(value)
        elif key == "v1" and value:
            signatures.append(value)
    if timestamp is None or not signatures:
        raise EventRefused()
    return timestamp, signatures


class HostedPageGateway(PaymentGateway):
    def __init__(
        self,
        *,
        name: str,
        api_base: str,
        api_key: str,
        webhook_secret: str,
        tolerance_seconds: int = 300,
    ):
        self.name = name
        self.api_base = api_base.rstrip("/")
        self.api_key = api_key
        self.webhook_secret = webhook_secret
        self.tolerance_seconds = tolerance_seconds

    # --- the session -------------------------------------------------------------------------

    def session_create(
        self, *, payment_reference, amount, currency, description, return_url, language
    ) -> CheckoutSession:
        body = json.dumps(
            {
                "amount": str(money(amount)),
                "currency": currency,
                "reference": payment_reference,
                "description": description,
                "return_url": return_url,
                "language": language,
            }
        ).encode()
        request = urllib.request.Request(  # noqa: S310 - the configured provider's address
            f"{self.api_base}/v1/checkout/sessions",
            data=body,
            method="POST",
            headers={
                "Authorization": f"Bearer {self.api_key}",
                "Content-Type": "application/json",
                "Idempotency-Key": payment_reference,
            },
        )
        try:
            with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as response:  # noqa: S310
                answer = json.loads(response.read())
        except (urllib.error.URLError, TimeoutError, OSError, ValueError) as exc:
            raise GatewayUnavailable() from exc
        if not isinstance(answer, dict) or not answer.get("id") or not answer.get("url"):
            raise GatewayUnavailable()
        return CheckoutSession(session_id=str(answer["id"]), redirect_url=str(answer["url"]))

    # --- the webhook -------------------------------------------------------------------------

    def event_verify(self, *, body: bytes, headers) -> GatewayEventData:
        if not self.webhook_secret:
            raise EventRefused()
        timestamp, signatures = _parts(headers.get(SIGNATURE_HEADER, ""))
        expected = signature(self.webhook_secret, body, timestamp).partition(",v1=")[2]
        if not any(hmac.compare_digest(expected, given) for given in signatures):
            raise EventRefused()
        if abs(time.time() - timestamp) > self.tolerance_seconds:
            raise EventRefused(code="event_stale", message=_STALE)
        try:
            event = json.loads(body)
            data = event["data"]
            return GatewayEventData(
                event_id=str(event["id"]),
                event_type=str(event["type"]),
                session_id=str(data["session_id"]),
                payment_reference=str(data["reference"]),
                outcome=EVENT_OUTCOMES.get(str(event["type"])),
                amount=Decimal(str(data["amount"])),
                currency=str(data["currency"]),
            )
        except (ValueError, KeyError, TypeError, InvalidOperation) as exc:
            raise EventRefused(code="event_malformed", message=_MALFORMED) from exc
