"""What the apps that charge fees want to hear when a payment for one of their purposes is
settled. They register a handler from their AppConfig.ready() (as with core.scheduler), so
that this app, below them, names none of them:

    settlement_handler_register(PaymentPurpose.FILING_FEE, filing.services.fee_settled)

The handler is called as handler(payment) inside the transaction that settles the payment
(status SUCCEEDED or FAILED), so its own writes commit or roll back with it."""

from collections.abc import Callable

_HANDLERS: dict[str, list[Callable]] = {}


def settlement_handler_register(purpose: str, handler: Callable) -> None:
    handlers = _HANDLERS.setdefault(purpose, [])
    if handler not in handlers:
        handlers.append(handler)


def settlement_handlers(purpose: str) -> list[Callable]:
    return list(_HANDLERS.get(purpose, ()))
