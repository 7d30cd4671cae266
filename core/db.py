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
