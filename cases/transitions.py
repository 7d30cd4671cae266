"""How the registry decides what holders lodge (CASE-3 (a), (b); BEY-1), and how a case ends
(CASE-1)."""

from django.utils.translation import gettext_lazy as _

from audit.services import audit_record
from cases.models import CaseStatus, RequestStatus
from core.transitions import Transition, TransitionTable
from permissions.roles import Capability, can

_DECIDED = _("This has already been decided.")


def _decisions(name: str) -> TransitionTable:
    return TransitionTable(
        [
            Transition(
                action="accept",
                sources=frozenset({RequestStatus.PENDING}),
                target=RequestStatus.ACCEPTED,
                capability=Capability.RUN_REGISTRY,
                audit_action=f"{name}.accepted",
                refused=_DECIDED,
            ),
            Transition(
                action="refuse",
                sources=frozenset({RequestStatus.PENDING}),
                target=RequestStatus.REFUSED,
                capability=Capability.RUN_REGISTRY,
                audit_action=f"{name}.refused",
                reasons_field="reasons",
                reasons_missing=_("Give the reasons for refusing."),
                refused=_DECIDED,
            ),
        ],
        authorize=can,
        record=audit_record,
    )


LINK_REQUEST_TRANSITIONS = _decisions("case_link_request")
NOTICE_OF_CHANGE_TRANSITIONS = _decisions("notice_of_change")

CASE_TRANSITIONS = TransitionTable(
    [
        Transition(
            action="record_final_disposal",
            sources=frozenset({CaseStatus.ONGOING}),
            target=CaseStatus.FINALLY_DISPOSED,
            capability=Capability.RUN_REGISTRY,
            audit_action="case.finally_disposed",
            refused=_("This case is already finally disposed."),
        ),
        # A disposal recorded in error (or set aside on appeal) is undone with reasons.
        Transition(
            action="reopen",
            sources=frozenset({CaseStatus.FINALLY_DISPOSED}),
            target=CaseStatus.ONGOING,
            capability=Capability.RUN_REGISTRY,
            audit_action="case.reopened",
            reasons_field="reasons",
            reasons_missing=_("Give the reasons for reopening the case."),
            refused=_("This case is on-going."),
        ),
    ],
    authorize=can,
    record=audit_record,
)
