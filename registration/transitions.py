"""How an application moves (REG-8, IDA-1..4): one declaration per action. The services apply
these, the back office offers the actions allowed from the present state, and the API answers
409 for any other."""

from django.utils.translation import gettext_lazy as _

from audit.services import audit_record
from core.transitions import Transition, TransitionTable
from permissions.roles import Capability, can
from registration.models import ApplicationStatus as S

APPLICATION_TRANSITIONS = TransitionTable(
    [
        Transition(
            action="request_information",
            sources=frozenset({S.SUBMITTED}),
            target=S.INFO_REQUESTED,
            capability=Capability.VET_APPLICATIONS,
            audit_action="application.information_requested",
            reasons_field="message",
            reasons_missing=_("Say what information is needed."),
        ),
        Transition(
            action="supplement",
            sources=frozenset({S.INFO_REQUESTED}),
            target=S.SUBMITTED,
            capability=None,  # the applicant, through the signed link
            audit_action="application.supplemented",
            refused=_("No information has been requested for this application."),
        ),
        Transition(
            action="mark_in_order",
            sources=frozenset({S.SUBMITTED}),
            target=S.AWAITING_AUTHENTICATION,
            capability=Capability.VET_APPLICATIONS,
            audit_action="application.marked_in_order",
        ),
        Transition(
            action="reject",
            sources=frozenset({S.SUBMITTED, S.INFO_REQUESTED}),
            target=S.REJECTED,
            capability=Capability.VET_APPLICATIONS,
            audit_action="application.rejected",
            reasons_field="reasons",
            reasons_missing=_("Give the reasons for rejection."),
            refused=_("This application can no longer be rejected on vetting."),
        ),
        Transition(
            action="authenticate_identity",
            sources=frozenset({S.AWAITING_AUTHENTICATION}),
            target=S.APPROVED,
            capability=Capability.RECORD_IDENTITY_AUTHENTICATION,
            audit_action="application.identity_authenticated",
            refused=_("This application is not awaiting identity authentication."),
        ),
        Transition(
            # IDA-3: not authenticated within 30 calendar days, regarded as rejected.
            action="expire_authentication",
            sources=frozenset({S.AWAITING_AUTHENTICATION}),
            target=S.REJECTED,
            capability=None,  # the daily job
            audit_action="application.authentication_expired",
        ),
    ],
    authorize=can,
    record=audit_record,
)
