"""Database helpers the ORM does not offer."""

import psycopg
from django.db import connection


def fetch_one_prepared(sql: str, params: list):
    """One row of a read-only `sql` (with %s placeholders), or None.

    On PostgreSQL the statement is prepared on the server and reused by this connection (kept
    between requests: CONN_MAX_AGE), so it is parsed and planned once rather than per request:
    for the few public queries answered thousands of times a minute (the DRN check), planning
    cost more than running them. Nor is the kept connection checked first (Django's health
    check, a round trip of its own): if the server has closed it, the read runs again once on a
    new connection. Errors come out as Django's. Elsewhere, a plain cursor."""
    if connection.vendor != "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchone()
    with connection.wrap_database_errors:
        connection.ensure_connection()
        try:
            return _prepared_fetch(sql, params)
        except psycopg.OperationalError:
            if not connection.connection.broken or connection.in_atomic_block:
                raise
        connection.close()
        connection.ensure_connection()
        return _prepared_fetch(sql, params)


def _prepared_fetch(sql: str, params: list):
    # Django's own cursors bind parameters on the client, which cannot be prepared.
    with psycopg.Cursor(connection.connection) as cursor:
        cursor.execute(sql, params, prepare=True)
        return cursor.fetchone()


def lock_for_transaction(name: str) -> None:
    """Hold the lock `name` until the caller's transaction ends: a check of a count or a sum
    and the write it allows, where no row exists yet to lock, run one at a time for one name.
    PostgreSQL takes a transaction-scoped advisory lock (by a hash of the name: two names
    sharing one wait for each other, nothing worse); SQLite already admits one writer at a
    time (its transactions start IMMEDIATE). Call it inside transaction.atomic()."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(hashtext(%s))", [name])


# --- migrations: an index another one already covers ---------------------------------------------


def _plain_indexes_of(schema_editor, model, column: str) -> list[str]:
    """The names of the non-unique indexes of `model`'s table on `column` alone that Django
    made by itself: not one the model declares (a partial index on the column, say)."""
    declared = {index.name for index in [*model._meta.indexes, *model._meta.constraints]}
    with schema_editor.connection.cursor() as cursor:
        found = schema_editor.connection.introspection.get_constraints(cursor, model._meta.db_table)
    return [
        name
        for name, index in found.items()
        if index["index"]
        and not index["unique"]
        and index["columns"] == [column]
        and name not in declared
    ]


def drop_covered_index(*, app_label: str, model_name: str, field_name: str, like: bool = False):
    """A migration's (forwards, backwards) pair dropping the index Django made for one column
    that an index beginning with that column already serves: a foreign key's own index
    (`like=False`), or on PostgreSQL the `varchar_pattern_ops` copy Django adds beside a
    unique text column for LIKE, where nothing searches by pattern (`like=True`). By
    introspection, since Django's names of them carry a hash; on either database, without
    SQLite's copy of the whole table that an AlterField of the column would make. Backwards
    makes the index again under Django's own name."""

    def forwards(apps, schema_editor):
        if like and schema_editor.connection.vendor != "postgresql":
            return  # only PostgreSQL has the pattern copy
        model = apps.get_model(app_label, model_name)
        column = model._meta.get_field(field_name).column
        for name in _plain_indexes_of(schema_editor, model, column):
            schema_editor.execute(f"DROP INDEX {schema_editor.quote_name(name)}")

    def backwards(apps, schema_editor):
        if like and schema_editor.connection.vendor != "postgresql":
            return
        model = apps.get_model(app_label, model_name)
        field = model._meta.get_field(field_name)
        if _plain_indexes_of(schema_editor, model, field.column):
            return
        if like:
            schema_editor.execute(schema_editor._create_like_index_sql(model, field))
        else:
            schema_editor.execute(schema_editor._create_index_sql(model, fields=[field]))

    return forwards, backwards


def restore_declared_index(*, app_label: str, model_name: str, index_name: str):
    """A migration's (forwards, backwards) pair making again, where it is missing, an index the
    model declares: `drop_covered_index` once dropped a declared index on the column it
    cleared (a partial one) with Django's own. Backwards leaves it: the model declares it."""

    def forwards(apps, schema_editor):
        model = apps.get_model(app_label, model_name)
        with schema_editor.connection.cursor() as cursor:
            found = schema_editor.connection.introspection.get_constraints(
                cursor, model._meta.db_table
            )
        if index_name not in found:
            index = next(i for i in model._meta.indexes if i.name == index_name)
            schema_editor.add_index(model, index)

    def backwards(apps, schema_editor):
        pass

    return forwards, backwards
