"""How a request for the certification of a translation moves (SVC-6): it waits for its fee,
reaches the registry's queue when paid, and is certified, or rejected with reasons, by a
registry clerk; the applicant may withdraw it until then. The moves are those of every request
that costs a fee (payments.transitions.fee_transitions), in the certification's words."""

from django.utils.translation import gettext_lazy as _

from payments.transitions import fee_transitions
from permissions.roles import Capability
from translations.models import CertificationStatus

CERTIFICATION_TRANSITIONS = fee_transitions(
    CertificationStatus,
    audit_prefix="certification",
    withdraw_capability=Capability.APPLY_FOR_CERTIFICATION,
    decide_capability=Capability.PROCESS_CERTIFICATIONS,
    grant="certify",
    granted=CertificationStatus.CERTIFIED,
    not_awaiting_payment=_("This request is not awaiting payment."),
    not_withdrawable=_("Only a request the registry has not yet decided can be withdrawn."),
    decided=_("This request is no longer awaiting the registry."),
    reasons_missing=_("Give the reasons for rejecting the request: the applicant reads them."),
)
