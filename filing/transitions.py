"""How a filing moves (SVC-1): it waits for its fee (unless none is due), reaches the
registry's queue when paid, and is accepted, or rejected with reasons, by a registry clerk;
its filer may withdraw it until then. The moves are those of every request that costs a fee
(payments.transitions.fee_transitions), in e-filing's words."""

from django.utils.translation import gettext_lazy as _

from filing.models import FilingStatus
from payments.transitions import fee_transitions
from permissions.roles import Capability

FILING_TRANSITIONS = fee_transitions(
    FilingStatus,
    audit_prefix="filing",
    withdraw_capability=Capability.FILE_DOCUMENTS,
    decide_capability=Capability.REVIEW_FILINGS,
    grant="accept",
    granted=FilingStatus.ACCEPTED,
    not_awaiting_payment=_("This filing is not awaiting payment."),
    not_withdrawable=_("Only a filing the registry has not yet decided can be withdrawn."),
    decided=_("This filing is no longer awaiting the registry's review."),
    reasons_missing=_("Give the reasons for rejecting the filing: the filer reads them."),
)
