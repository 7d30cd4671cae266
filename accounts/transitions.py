"""How an account moves (ACT-4, LIFE-5): one declaration per action, as for applications.
Suspension, re-activation and the ends of an account (ORG-5, ORG-6, LIFE-2..4) join this table
with the organization accounts and the lifecycle jobs."""

from accounts.models import AccountStatus as S
from audit.services import audit_record
from core.transitions import Transition, TransitionTable
from permissions.roles import can

ACCOUNT_TRANSITIONS = TransitionTable(
    [
        Transition(
            # ACT-1..4: the holder, with the emailed code and matching particulars.
            action="activate",
            sources=frozenset({S.PENDING_ACTIVATION}),
            target=S.ACTIVE,
            capability=None,
            audit_action="account.activated",
        ),
    ],
    authorize=can,
    record=audit_record,
)
