"""Payment gateways (SVC-4): the adapter interface (`base`), the hosted-payment-page protocol
of a real provider (`hosted`), and the local gateway for development and tests, which speaks
the same protocol from a process of its own on loopback (`local_server`)."""

from django.conf import settings
from django.utils.module_loading import import_string

from payments.gateways.base import PaymentGateway


def gateway() -> PaymentGateway:
    """The gateway the settings name (PAYMENT_GATEWAY["CLASS"]), configured from them."""
    config = settings.PAYMENT_GATEWAY
    return import_string(config["CLASS"])(
        name=config["NAME"],
        api_base=config["API_BASE"],
        api_key=config["API_KEY"],
        webhook_secret=config["WEBHOOK_SECRET"],
        tolerance_seconds=int(config["TOLERANCE_SECONDS"]),
    )
