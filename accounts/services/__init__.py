"""Writes on accounts, one module per concern: `opening` (accounts open and are activated),
`login` (AUTH-3, API tokens), `passwords` (reset and change), `grants` (optional roles)."""

from accounts.services.grants import optional_role_grant, optional_role_revoke
from accounts.services.login import (
    AccountLocked,
    LoginRefused,
    api_token_issue,
    api_token_revoke,
    login,
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
    password_change,
    password_reset,
)

__all__ = [
    "AccountLocked",
    "ActivationRefused",
    "LoginRefused",
    "ResetRefused",
    "account_activate",
    "account_open",
    "activation_code_issue",
    "activation_code_reissue",
    "api_token_issue",
    "api_token_revoke",
    "change_token_issue",
    "login",
    "optional_role_grant",
    "optional_role_revoke",
    "password_change",
    "password_reset",
]
