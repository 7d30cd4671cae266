"""The permission layer: who may do what (the role matrix of ROLE-1 and OPS-1) and on which
records, in `roles`; the doors for pages and the API in `checks`. It sits below every domain
app, so that any of them (the audit trail included) can ask it."""
