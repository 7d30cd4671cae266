"""/api/v1/ operations of the cases, one module per area, as the pages."""
