"""Writes on organizations: one module per area (branches, sub-accounts, default OUs,
configuration changes), re-exported here so that views and the API call
`organizations.services.<name>`."""

from organizations.services.activation import account_activate
from organizations.services.branches import branch_create, branch_remove, branch_update
from organizations.services.creation import organization_create, primary_administrator_open
from organizations.services.default_ous import (
    LastDefaultOU,
    default_ou_designate,
    default_ou_remove,
)
from organizations.services.sub_accounts import (
    ACCOUNT_ACTIONS,
    sub_account_activation_code_resend,
    sub_account_create,
    sub_account_end_date_revise,
    sub_account_optional_roles_set,
    sub_account_password_reset,
    sub_account_profile_update,
    sub_account_transition,
)
from organizations.services.termination import primary_administrator_terminate

__all__ = [
    "ACCOUNT_ACTIONS",
    "account_activate",
    "branch_create",
    "branch_remove",
    "branch_update",
    "default_ou_designate",
    "default_ou_remove",
    "LastDefaultOU",
    "organization_create",
    "primary_administrator_open",
    "primary_administrator_terminate",
    "sub_account_activation_code_resend",
    "sub_account_create",
    "sub_account_end_date_revise",
    "sub_account_optional_roles_set",
    "sub_account_password_reset",
    "sub_account_profile_update",
    "sub_account_transition",
]
