"""How a request for the certification of a translation moves (SVC-6): it waits for its fee,
reaches the registry's queue when paid, and is certified, or rejected with reasons, by a
registry clerk; the applicant may withdraw it until then."""

from django.utils.translation import gettext_lazy as _

from audit.services import audit_record
from core.transitions import Transition, TransitionTable
from permissions.roles import Capability, can
from translations.models import CertificationStatus

_DECIDED = _("This request is no longer awaiting the registry.")

CERTIFICATION_TRANSITIONS = TransitionTable(
    [
        # The fee was paid (deposit account or the gateway's verified event): the system
        # moves it.
        Transition(
            action="submit",
            sources=frozenset({CertificationStatus.AWAITING_PAYMENT}),
            target=CertificationStatus.SUBMITTED,
            capability=None,
            audit_action="certification.submitted",
            refused=_("This request is not awaiting payment."),
        ),
        Transition(
            action="withdraw",
            sources=frozenset(
                {CertificationStatus.AWAITING_PAYMENT, CertificationStatus.SUBMITTED}
            ),
            target=CertificationStatus.WITHDRAWN,
            capability=Capability.APPLY_FOR_CERTIFICATION,
            audit_action="certification.withdrawn",
            refused=_("Only a request the registry has not yet decided can be withdrawn."),
        ),
        Transition(
            action="certify",
            sources=frozenset({CertificationStatus.SUBMITTED}),
            target=CertificationStatus.CERTIFIED,
            capability=Capability.PROCESS_CERTIFICATIONS,
            audit_action="certification.certified",
            refused=_DECIDED,
        ),
        Transition(
            action="reject",
            sources=frozenset({CertificationStatus.SUBMITTED}),
            target=CertificationStatus.REJECTED,
            capability=Capability.PROCESS_CERTIFICATIONS,
            audit_action="certification.rejected",
            reasons_field="reasons",
            reasons_missing=_(
                "Give the reasons for rejecting the request: the applicant reads them."
            ),
            refused=_DECIDED,
        ),
    ],
    authorize=can,
    record=audit_record,
)
