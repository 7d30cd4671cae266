"""Writes on organizations: one module per area (branches, sub-accounts, default OUs,
configuration changes), re-exported here so that views and the API call
`organizations.services.<name>`."""
