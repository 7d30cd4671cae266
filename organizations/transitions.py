"""How a configuration-change request moves (ORG-4, REG-10): decided by a vetting officer."""

from django.utils.translation import gettext_lazy as _

from audit.services import audit_record
from core.transitions import Transition, TransitionTable
from organizations.models import ConfigurationChangeStatus as S
from permissions.roles import Capability, can

CONFIGURATION_CHANGE_TRANSITIONS = TransitionTable(
    [
        Transition(
            action="approve",
            sources=frozenset({S.SUBMITTED}),
            target=S.APPROVED,
            capability=Capability.DECIDE_CONFIGURATION_CHANGES,
            audit_action="configuration_change.approved",
            refused=_("This request has already been decided."),
        ),
        Transition(
            action="reject",
            sources=frozenset({S.SUBMITTED}),
            target=S.REJECTED,
            capability=Capability.DECIDE_CONFIGURATION_CHANGES,
            audit_action="configuration_change.rejected",
            reasons_field="reasons",
            reasons_missing=_("Give the reasons for rejecting the request."),
            refused=_("This request has already been decided."),
        ),
    ],
    authorize=can,
    record=audit_record,
)
