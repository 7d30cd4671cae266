"""Fast at real scale (issue 15): no index of the portal's tables is one another index already
serves. A second index on the same leading columns costs every insert and update, and its
space, and answers no query the first cannot: at the benchmark's scale the documents' and
hearings' copies alone were some 600 MB (docs/decisions.md, "Indexes that another already
serves"). On PostgreSQL, as migrated."""

from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext

from payments.models import DepositAccount
from payments.services import deposit_top_up

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]

# Of each btree index of a table: its key columns and their operator classes (its INCLUDE
# columns left out), and whether it is unique, partial or on expressions.
_INDEXES = """
    SELECT c.relname,
           (string_to_array(i.indkey::text, ' ')::int[])[1:i.indnkeyatts],
           (string_to_array(i.indclass::text, ' ')::oid[])[1:i.indnkeyatts],
           i.indisunique OR i.indisprimary,
           i.indpred IS NOT NULL,
           i.indexprs IS NOT NULL
    FROM pg_index i
    JOIN pg_class c ON c.oid = i.indexrelid
    JOIN pg_am am ON am.oid = c.relam
    WHERE i.indrelid = %s::regclass AND am.amname = 'btree'
"""


def _portal_tables() -> list[str]:
    """The tables of the portal's own models (not Django's or a library's; not the tables
    Django makes for a many-to-many field, whose indexes it decides)."""
    root = Path(settings.BASE_DIR)
    return sorted(
        model._meta.db_table
        for config in apps.get_app_configs()
        if Path(config.path).parent == root
        for model in config.get_models()
        if not model._meta.auto_created and model._meta.managed
    )


def _covered(indexes) -> list[tuple[str, str]]:
    """(index, the index that serves it): a plain index whose key columns, with the same
    operator classes, begin another index that is neither partial nor on expressions."""
    found = []
    for name, keys, classes, unique, partial, expressions in indexes:
        if unique or partial or expressions:
            continue  # a constraint, or a small index chosen for its condition
        for other, other_keys, other_classes, _u, other_partial, other_expressions in indexes:
            if other == name or other_partial or other_expressions:
                continue
            if other_keys[: len(keys)] == keys and other_classes[: len(classes)] == classes:
                found.append((name, other))
                break
    return found


def _indexes_of(table: str) -> list:
    with connection.cursor() as cursor:
        cursor.execute(_INDEXES, [table])
        return cursor.fetchall()


def test_issue_15_no_index_is_one_another_already_serves():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: SQLite's indexes are not those production has")
    tables = _portal_tables()
    assert "documents_casedocument" in tables and "hearings_hearing" in tables
    covered = {table: _covered(_indexes_of(table)) for table in tables}
    assert {table: found for table, found in covered.items() if found} == {}


def test_issue_15_the_check_finds_a_covered_index():
    """The check above can fail: an index of the documents' case, beside `case_file_newest`."""
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL")
    with connection.cursor() as cursor:
        cursor.execute("CREATE INDEX documents_of_a_case ON documents_casedocument (case_id)")
    assert ("documents_of_a_case", "case_file_newest") in _covered(
        _indexes_of("documents_casedocument")
    )


def test_svc_5_the_drn_has_no_pattern_copy_of_its_index():
    """A DRN is looked up whole (the public check): the `varchar_pattern_ops` copy Django adds
    beside a unique text column on PostgreSQL, for LIKE, served nothing (387 MB at 10,000,000
    documents). The unique index stays, and the check reads it."""
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL")
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexdef FROM pg_indexes WHERE tablename = 'documents_casedocument' "
            "AND indexdef LIKE '%%(drn%%'"
        )
        definitions = [row[0] for row in cursor.fetchall()]
    assert len(definitions) == 1 and definitions[0].startswith("CREATE UNIQUE INDEX")


def test_ops_2_a_secrets_hash_or_token_has_no_pattern_copy_of_its_index():
    """A secret's hash (an activation code's, a Change Token's, an API token's, an audit
    record's), a calendar's or an inspection's token: each is looked up whole, so its unique
    index has no `varchar_pattern_ops` copy, written at every insert for nothing."""
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL")
    root = Path(settings.BASE_DIR)
    secrets = [
        (model._meta.db_table, field.column)
        for config in apps.get_app_configs()
        if Path(config.path).parent == root
        for model in config.get_models()
        for field in model._meta.local_fields
        if field.unique and (field.name.endswith("_hash") or field.name == "token")
    ]
    assert ("audit_auditrecord", "record_hash") in secrets and len(secrets) >= 9
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT tablename, indexdef FROM pg_indexes WHERE indexdef LIKE '%%pattern_ops%%'"
        )
        patterns = cursor.fetchall()
    copies = [
        (table, column)
        for table, column in secrets
        for other, definition in patterns
        if other == table and f"({column} varchar_pattern_ops)" in definition
    ]
    assert copies == []


def test_nfr_5_a_deposit_statement_between_two_dates_reads_only_those_entries():
    """A busy firm's account holds years of entries: a statement between two dates finds
    them in the index by account and date, not by reading every entry of the account and
    dropping those outside the dates."""
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL")
    from datetime import date

    from payments.selectors import statement
    from tests.factories import organization_with_cases
    from tests.filing_helpers import registry_clerk

    clerk = registry_clerk()
    world = organization_with_cases()
    deposit_top_up(
        actor=clerk, organization_code=world.organization.code, amount="10.00", reference="S-1"
    )
    account = DepositAccount.objects.get(organization=world.organization)
    with CaptureQueriesContext(connection) as captured:
        statement(
            actor=world.pa,
            account_id=account.pk,
            date_from=date(2026, 1, 1),
            date_to=date(2026, 1, 31),
        )
    sql = next(q["sql"] for q in captured if 'FROM "payments_ledgerentry"' in q["sql"])
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(f"EXPLAIN {sql}")
        plan = "\n".join(row[0] for row in cursor.fetchall())
    lines = plan.splitlines()
    scan = next(i for i, line in enumerate(lines) if "ledger_entries_of_an_account" in line)
    condition = next(line for line in lines[scan:] if "Index Cond" in line)
    assert "account_id =" in condition and "at >=" in condition and "at <" in condition, plan


def test_nfr_5_every_index_a_model_declares_is_in_the_database():
    """The indexes and constraints the models name are the ones the migrations made: a
    migration dropping the index Django made for a foreign key had also dropped an index the
    model declares on that column alone (`message_box_unread`, a partial index), and the unread
    count of a Message Box read the whole table."""
    root = Path(settings.BASE_DIR)
    missing = []
    with connection.cursor() as cursor:
        for config in apps.get_app_configs():
            if Path(config.path).parent != root:
                continue
            for model in config.get_models():
                found = connection.introspection.get_constraints(cursor, model._meta.db_table)
                missing += [
                    f"{model._meta.db_table}.{declared.name}"
                    for declared in [*model._meta.indexes, *model._meta.constraints]
                    if declared.name not in found
                ]
    assert missing == []
