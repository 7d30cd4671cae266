"""Writes on organizations: one module per area (branches, sub-accounts, default OUs,
configuration changes), re-exported here so that views and the API call
`organizations.services.<name>`."""

from organizations.services.activation import account_activate
from organizations.services.creation import organization_create, primary_administrator_open
from organizations.services.termination import primary_administrator_terminate

__all__ = [
    "account_activate",
    "organization_create",
    "primary_administrator_open",
    "primary_administrator_terminate",
]
