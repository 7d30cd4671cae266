"""How a payment moves (SVC-4): from awaiting payment to paid or not paid, which the payer's
deposit account or the gateway's signed event decides (no actor's capability: the system
moves it), and from paid to refunded, which the registry records with reasons; and
`fee_transitions`, the moves of every request that costs a fee (e-filing, translations)."""

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


def fee_transitions(
    statuses,
    *,
    audit_prefix: str,
    withdraw_capability,
    decide_capability,
    grant: str,
    granted,
    not_awaiting_payment,
    not_withdrawable,
    decided,
    reasons_missing,
) -> TransitionTable:
    """The moves of a request that costs a fee (payments.models.FeeBearing): the system submits
    it once paid (or no fee is due), its applicant may withdraw it until the registry decides,
    and the registry grants it (`grant`, to `granted`: e.g. accept, certify) or rejects it
    with reasons. `statuses` has AWAITING_PAYMENT, SUBMITTED, REJECTED and WITHDRAWN; each
    move is audited as "<audit_prefix>.<its target status, lower case>"; the messages are the
    app's own words for what it refuses."""

    def audited(target) -> str:
        return f"{audit_prefix}.{str(target).lower()}"

    return TransitionTable(
        [
            # The fee was paid (deposit account or the gateway's verified event): the system
            # moves it.
            Transition(
                action="submit",
                sources=frozenset({statuses.AWAITING_PAYMENT}),
                target=statuses.SUBMITTED,
                capability=None,
                audit_action=audited(statuses.SUBMITTED),
                refused=not_awaiting_payment,
            ),
            Transition(
                action="withdraw",
                sources=frozenset({statuses.AWAITING_PAYMENT, statuses.SUBMITTED}),
                target=statuses.WITHDRAWN,
                capability=withdraw_capability,
                audit_action=audited(statuses.WITHDRAWN),
                refused=not_withdrawable,
            ),
            Transition(
                action=grant,
                sources=frozenset({statuses.SUBMITTED}),
                target=granted,
                capability=decide_capability,
                audit_action=audited(granted),
                refused=decided,
            ),
            Transition(
                action="reject",
                sources=frozenset({statuses.SUBMITTED}),
                target=statuses.REJECTED,
                capability=decide_capability,
                audit_action=audited(statuses.REJECTED),
                reasons_field="reasons",
                reasons_missing=reasons_missing,
                refused=decided,
            ),
        ],
        authorize=can,
        record=audit_record,
    )
