"""How an account moves (ACT-4, ORG-6, ORG-8, LIFE-5): one declaration per action, as for
applications. Who may suspend, re-activate or end an organization's sub-account depends on the
account: an SA's needs "create / suspend / re-activate SA accounts", an OU's the OU one (ROLE-1).
LIFE-2: an IU account is ended on a request keyed in by the Help Centre ("terminate") or by
its holder online ("terminate_own"). The system's own moves (LIFE-3, LIFE-4) are taken by the
daily jobs of the `lifecycle` app, with no actor: their audit records name the system."""

from django.utils.translation import gettext_lazy as _

from accounts.models import LIVE_STATUSES
from accounts.models import AccountStatus as S
from audit.services import audit_record
from core.transitions import Transition, TransitionTable
from permissions.roles import Capability, Role, can


def _manage_capability(account):
    """ROLE-1: managing an SA account is the PA's (or an SA's with "To create SA Account");
    managing an OU account is any administrator's of the organization."""
    if account.role == Role.SA:
        return Capability.MANAGE_SA_ACCOUNTS
    if account.role == Role.OU:
        return Capability.MANAGE_OU_ACCOUNTS
    # A PA's account is ended by the court on the organization's request (ORG-8 [A51]).
    return Capability.RECORD_TERMINATION_REQUEST


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
        Transition(
            # ORG-6: an administrator suspends a sub-account; it cannot log in (LIFE-5).
            action="suspend",
            sources=frozenset({S.ACTIVE, S.PENDING_ACTIVATION}),
            target=S.SUSPENDED,
            capability=_manage_capability,
            audit_action="account.suspended",
            reasons_field="reasons",
            reasons_missing=_("Say why the account is suspended."),
            refused=_("Only an active account, or one awaiting activation, can be suspended."),
        ),
        Transition(
            action="reactivate",
            sources=frozenset({S.SUSPENDED}),
            target=S.ACTIVE,
            capability=_manage_capability,
            audit_action="account.reactivated",
            refused=_("Only a suspended account can be re-activated."),
        ),
        Transition(
            # ORG-8 [A51]: a PA ended on request; an SA or OU ended by its administrators. The
            # account and its history are kept (LIFE-5); its login name is never reused.
            action="terminate",
            sources=frozenset({S.ACTIVE, S.PENDING_ACTIVATION, S.SUSPENDED}),
            target=S.TERMINATED,
            capability=_manage_capability,
            audit_action="account.terminated",
            reasons_field="reasons",
            reasons_missing=_("Say why the account is ended."),
            refused=_("This account has already ended."),
        ),
        Transition(
            # LIFE-3 [A48]: an IU account, three months after the final disposal of the last
            # e-proceeding linked to it, after notice in its Message Box. Kept (LIFE-5).
            action="deactivate",
            sources=frozenset(LIVE_STATUSES),
            target=S.DEACTIVATED,
            capability=None,
            audit_action="account.deactivated",
            refused=_("This account has already ended."),
        ),
        Transition(
            # LIFE-4 [A17]: a prospective litigant's IU account linked to no e-proceeding when
            # the period to file one has run out; without notice. Kept (LIFE-5).
            action="terminate_unlinked",
            sources=frozenset(LIVE_STATUSES),
            target=S.TERMINATED,
            capability=None,
            audit_action="account.terminated_unlinked",
            refused=_("This account has already ended."),
        ),
        Transition(
            # LIFE-2 [+]: the IU holder, logged in and giving the password again, ends the
            # account at once. Kept with its history (LIFE-5), as every ended account is.
            action="terminate_own",
            sources=frozenset({S.ACTIVE}),
            target=S.TERMINATED,
            capability=Capability.TERMINATE_OWN_ACCOUNT,
            audit_action="account.terminated",
            refused=_("This account has already ended."),
        ),
    ],
    authorize=can,
    record=audit_record,
)
