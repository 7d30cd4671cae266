"""The payment gateway adapter: what the portal needs of a provider of hosted payment pages.

1. `session_create`: the portal asks for a payment session for one payment (amount in HKD,
   its reference, where to send the payer back) and gets the address of the provider's page,
   to which it redirects the payer.
2. `event_verify`: the provider tells the portal how it went in a webhook signed with a
   shared secret; the adapter checks the signature over the raw body and its timestamp, and
   only then reads the event.

The portal never trusts the payer's return to its page: only a verified event settles a
payment, so a payer who closes the page before returning is still settled, and one who
returns by a forged address settles nothing."""

import abc
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from core.errors import DomainError


class GatewayUnavailable(DomainError):
    code = "gateway_unavailable"
    status = 503
    default_message = _(
        "The payment service cannot be reached now. Nothing has been charged; try again later."
    )


class EventRefused(DomainError):
    """A webhook whose signature does not verify or whose timestamp is stale: not read."""

    code = "event_refused"
    status = 400
    default_message = _("The event's signature is not valid.")


@dataclass(frozen=True)
class CheckoutSession:
    session_id: str
    redirect_url: str


class EventOutcome:
    SUCCEEDED = "succeeded"
    FAILED = "failed"


@dataclass(frozen=True)
class GatewayEventData:
    event_id: str
    event_type: str
    session_id: str
    payment_reference: str
    outcome: str | None  # EventOutcome, or None for an event the portal does not act on
    amount: Decimal
    currency: str


class PaymentGateway(abc.ABC):
    name: str

    @abc.abstractmethod
    def session_create(
        self,
        *,
        payment_reference: str,
        amount: Decimal,
        currency: str,
        description: str,
        return_url: str,
        language: str,
    ) -> CheckoutSession: ...

    @abc.abstractmethod
    def event_verify(self, *, body: bytes, headers) -> GatewayEventData:
        """The event in `body`, once its signature and timestamp are checked; EventRefused
        otherwise."""
