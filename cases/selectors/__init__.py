"""Reads of the cases, one module per area; import from the module itself:

- `linkability`: which proceedings are e-enabled (GEN-2) and whether a typed case number can
  be linked (`case_check`, `case_checks`).
- `access`: who may see which case (CASE-2, GEN-5, ROLE-2): `visible_links`, `case_for`,
  `may_transact`.
- `routing`: to whom a case's messages go (CASE-4, ORG-7): `case_message_recipients`.
- `notices`: link requests and Notices of Change (CASE-3, BEY-1).
- `registry`: the registry's records (CASE-1, GEN-2).
- `paging`: the keyset pages the assignment and the access review share.
- `numbers`: which cases a typed case number, or a part of one, names (CASE-1, SVC-2).
- `giving`: the cases the PA gives its SAs (CASE-5): `cases_given_to`.
- `assignment`: assigning case parties to OUs (CASE-6, CASE-7).
- `access_review`: who can see which case of the organization, and why (BEY-5).
- `my_cases`: "My cases" and a case's page (CASE-2, CASE-4, GEN-2, BEY-1).

The base modules (`linkability`, `numbers`, `access`, `paging`) import none of the others.
"""
