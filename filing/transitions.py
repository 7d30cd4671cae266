"""How a filing moves (SVC-1): it waits for its fee (unless none is due), reaches the
registry's queue when paid, and is accepted, or rejected with reasons, by a registry clerk;
its filer may withdraw it until then."""

from django.utils.translation import gettext_lazy as _

from audit.services import audit_record
from core.transitions import Transition, TransitionTable
from filing.models import FilingStatus
from permissions.roles import Capability, can

_DECIDED = _("This filing is no longer awaiting the registry's review.")

FILING_TRANSITIONS = TransitionTable(
    [
        # The fee was paid (deposit account or the gateway's verified event): the system
        # moves it.
        Transition(
            action="submit",
            sources=frozenset({FilingStatus.AWAITING_PAYMENT}),
            target=FilingStatus.SUBMITTED,
            capability=None,
            audit_action="filing.submitted",
            refused=_("This filing is not awaiting payment."),
        ),
        Transition(
            action="withdraw",
            sources=frozenset({FilingStatus.AWAITING_PAYMENT, FilingStatus.SUBMITTED}),
            target=FilingStatus.WITHDRAWN,
            capability=Capability.FILE_DOCUMENTS,
            audit_action="filing.withdrawn",
            refused=_("Only a filing the registry has not yet decided can be withdrawn."),
        ),
        Transition(
            action="accept",
            sources=frozenset({FilingStatus.SUBMITTED}),
            target=FilingStatus.ACCEPTED,
            capability=Capability.REVIEW_FILINGS,
            audit_action="filing.accepted",
            refused=_DECIDED,
        ),
        Transition(
            action="reject",
            sources=frozenset({FilingStatus.SUBMITTED}),
            target=FilingStatus.REJECTED,
            capability=Capability.REVIEW_FILINGS,
            audit_action="filing.rejected",
            reasons_field="reasons",
            reasons_missing=_("Give the reasons for rejecting the filing: the filer reads them."),
            refused=_DECIDED,
        ),
    ],
    authorize=can,
    record=audit_record,
)
