"""What the apps that charge fees want to hear when a payment for one of their purposes is
settled. They register a handler from their AppConfig.ready() (as with core.scheduler), so
that this app, below them, names none of them:

    settlement_handler_register(PaymentPurpose.FILING_FEE, filing.services.fee_settled)

The handler is called as handler(payment) inside the transaction that settles the payment
(status SUCCEEDED or FAILED), so its own writes commit or roll back with it.

A charging app may also say what the payer of a payment made without logging in (GEN-3) can
do next, on the payment's secret page (`/payments/p/<token>/`): a provider registered with
`follow_up_register(purpose, provider)` is called as provider(payment, token) and returns a
list of (label, address), e.g. the paid document's inspection."""

from collections.abc import Callable

_HANDLERS: dict[str, list[Callable]] = {}


def settlement_handler_register(purpose: str, handler: Callable) -> None:
    handlers = _HANDLERS.setdefault(purpose, [])
    if handler not in handlers:
        handlers.append(handler)


def settlement_handlers(purpose: str) -> list[Callable]:
    return list(_HANDLERS.get(purpose, ()))


_FOLLOW_UPS: dict[str, list[Callable]] = {}


def follow_up_register(purpose: str, provider: Callable) -> None:
    providers = _FOLLOW_UPS.setdefault(purpose, [])
    if provider not in providers:
        providers.append(provider)


def follow_ups(payment, token: str) -> list[tuple[str, str]]:
    """What the payer may do next, as (label, address): every registered provider's."""
    return [
        link
        for provider in _FOLLOW_UPS.get(payment.purpose, ())
        for link in provider(payment, token)
    ]
