"""Writes on accounts, one module per concern: `opening` (accounts open and are activated),
`login` (AUTH-3, logout, API tokens), `attempts` (one login check under AUTH-3, password or
code), `second_factor` (OPS-1: court staff's one-time codes), `passwords` (reset and change),
`unlock` (BEY-4: the lock notice and self-unlock), `grants` (optional roles), `profile` and
`email_change` (ROLE-1, LIFE-1), `termination` (LIFE-2: an IU account ended on request)."""

from accounts.services.attempts import AccountLocked, LoginRefused, LoginThrottled
from accounts.services.email_change import (
    EmailChangeRefused,
    email_change_confirm,
    email_change_request,
)
from accounts.services.grants import optional_role_grant, optional_role_revoke
from accounts.services.login import (
    api_token_issue,
    api_token_revoke,
    login,
    logout_everywhere,
    password_checked,
)
from accounts.services.opening import (
    ActivationRefused,
    account_activate,
    account_open,
    activation_code_issue,
    activation_code_reissue,
)
from accounts.services.passwords import (
    ResetRefused,
    change_token_issue,
    holder_particulars_read,
    password_change,
    password_reset,
)
from accounts.services.profile import (
    NOTIFY_COURT_REMINDER,
    ProfileUpdate,
    holder_name_correct,
    own_profile_update,
)
from accounts.services.second_factor import (
    Enrolment,
    EnrolmentReplaced,
    SecondFactorNotEnrolled,
    SecondFactorRefused,
    second_factor_checked,
    second_factor_enrolment,
    second_factor_required,
    second_factor_reset,
)
from accounts.services.termination import (
    TerminationChannel,
    TerminationIdentityCheck,
    iu_termination_record,
    iu_termination_request,
)
from accounts.services.unlock import unlock_token_request

__all__ = [
    "AccountLocked",
    "ActivationRefused",
    "Enrolment",
    "EmailChangeRefused",
    "EnrolmentReplaced",
    "LoginRefused",
    "LoginThrottled",
    "NOTIFY_COURT_REMINDER",
    "ProfileUpdate",
    "ResetRefused",
    "SecondFactorNotEnrolled",
    "SecondFactorRefused",
    "TerminationChannel",
    "TerminationIdentityCheck",
    "account_activate",
    "account_open",
    "activation_code_issue",
    "activation_code_reissue",
    "api_token_issue",
    "api_token_revoke",
    "change_token_issue",
    "holder_name_correct",
    "holder_particulars_read",
    "email_change_confirm",
    "email_change_request",
    "iu_termination_record",
    "iu_termination_request",
    "login",
    "logout_everywhere",
    "optional_role_grant",
    "optional_role_revoke",
    "own_profile_update",
    "password_change",
    "password_checked",
    "password_reset",
    "second_factor_checked",
    "second_factor_enrolment",
    "second_factor_required",
    "second_factor_reset",
    "unlock_token_request",
]
