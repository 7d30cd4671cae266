"""Reads of e-filing, one module per area; import from the module itself: the court policy,
the fee calculation and the pre-filing check (`policy`), and filings (`filings`)."""
