"""Writes of e-filing, one module per area; import from the module itself: the registry's
court policy (`policy`), and filings, from submission to the registry's decision
(`filings`)."""
