"""How a payment moves (SVC-4): from awaiting payment to paid or not paid, which the payer's
deposit account or the gateway's signed event decides (no actor's capability: the system
moves it), and from paid to refunded, which the registry records with reasons."""

from django.utils.translation import gettext_lazy as _

from audit.services import audit_record
from core.transitions import Transition, TransitionTable
from payments.models import PaymentStatus
from permissions.roles import Capability, can

_SETTLED = _("This payment has already been settled.")

PAYMENT_TRANSITIONS = TransitionTable(
    [
        Transition(
            action="succeed",
            sources=frozenset({PaymentStatus.PENDING}),
            target=PaymentStatus.SUCCEEDED,
            capability=None,
            audit_action="payment.succeeded",
            refused=_SETTLED,
        ),
        Transition(
            action="fail",
            sources=frozenset({PaymentStatus.PENDING}),
            target=PaymentStatus.FAILED,
            capability=None,
            audit_action="payment.failed",
            refused=_SETTLED,
        ),
        Transition(
            action="refund",
            sources=frozenset({PaymentStatus.SUCCEEDED}),
            target=PaymentStatus.REFUNDED,
            capability=Capability.REFUND_PAYMENTS,
            audit_action="payment.refunded",
            reasons_field="reasons",
            reasons_missing=_("Give the reasons for the refund."),
            refused=_("Only a payment that was made can be refunded, and only once."),
        ),
        # SVC-1: the payer withdrew the filing before the registry reviewed it; the charging
        # app checked that it may, and the fee goes back as the registry would give it.
        Transition(
            action="refund_on_withdrawal",
            sources=frozenset({PaymentStatus.SUCCEEDED}),
            target=PaymentStatus.REFUNDED,
            capability=None,
            audit_action="payment.refunded",
            refused=_("Only a payment that was made can be refunded, and only once."),
        ),
    ],
    authorize=can,
    record=audit_record,
)
