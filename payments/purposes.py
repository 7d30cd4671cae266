"""What the apps that charge fees want to hear when a payment for one of their purposes is
settled. They register a handler from their AppConfig.ready() (as with core.scheduler), so
that this app, below them, names none of them:

    settlement_handler_register(PaymentPurpose.FILING_FEE, filing.services.fee_settled)

The handler is called as handler(payment) inside the transaction that settles the payment
(status SUCCEEDED or FAILED), so its own writes commit or roll back with it.

A charging app may also say what the payer can do next, on the payment's page: a provider
registered with `follow_up_register(purpose, provider)` is called as provider(payment, token)
and returns a list of (label, address): on the secret page of a payment made without logging
in (GEN-3, `/payments/p/<token>/`) the paid document's inspection; on a signed-in payer's
page (token None) the way back to the filing or request the fee is for
(`fee_bearing_follow_up`).

A charging app may also say in words what a payment of its purpose was for, on the receipt
(`description_register(purpose, describe)`, with `describe(payments)` -> {payment id: text}):
the case and the document, which a reference alone ("F2026-00000003", "DOC-12") does not say.

A charging app whose payments name what they pay for by a reference of its own form (the
inspection's "DOC-<id>") reserves its prefix with `reference_prefix_reserve(prefix)`: a payer's
own reference (the search fee paid from its form) may not start with it, so that no payer can
type their way to what only the charging app's own service may start."""

from collections.abc import Callable

from django.urls import reverse

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


def fee_bearing_follow_up(model, *, label, url_name: str, kwarg: str) -> Callable:
    """A follow-up provider for a charging app's payments.models.FeeBearing (a filing, a
    request): a link, `label` with its "reference", to the page of the one the fee is for. That
    page checks who may see it."""

    def provider(payment, token):
        found = model.objects.filter(reference=payment.reference).values_list("pk", flat=True)
        pk = found.first()
        if pk is None:
            return []
        return [(label % {"reference": payment.reference}, reverse(url_name, kwargs={kwarg: pk}))]

    return provider


_DESCRIBERS: dict[str, Callable] = {}


def description_register(purpose: str, describe: Callable) -> None:
    """`describe(payments)` -> {payment id: text}, for many payments of `purpose` at once (a
    statement names each of its fees in a few queries, whatever their number)."""
    _DESCRIBERS[purpose] = describe


def descriptions(payments) -> dict:
    """What each payment was for, in words, as its charging app says it: {payment id: text}."""
    by_purpose: dict[str, list] = {}
    for payment in payments:
        by_purpose.setdefault(payment.purpose, []).append(payment)
    found: dict = {}
    for purpose, group in by_purpose.items():
        describe = _DESCRIBERS.get(purpose)
        if describe is not None:
            found |= describe(group)
    return found


def description(payment) -> str:
    return descriptions([payment]).get(payment.pk, "")


def reference_describer(model, text: Callable) -> Callable:
    """A describer for a charging app's payments.models.FeeBearing (a filing, a request),
    found by the payment's reference: `text(row)` says what it was for."""

    def describe(payments):
        rows = {
            row.reference: row
            for row in model.objects.filter(
                reference__in=[payment.reference for payment in payments]
            ).select_related("case")
        }
        return {
            payment.pk: text(rows[payment.reference])
            for payment in payments
            if payment.reference in rows
        }

    return describe


_RESERVED_PREFIXES: set[str] = set()


def reference_prefix_reserve(prefix: str) -> None:
    _RESERVED_PREFIXES.add(prefix.casefold())


def reference_is_reserved(reference: str) -> bool:
    """Whether a payer's own reference starts with a reserved prefix, in any letter case."""
    folded = (reference or "").strip().casefold()
    return any(folded.startswith(prefix) for prefix in _RESERVED_PREFIXES)
