"""Database helpers the ORM does not offer."""

import psycopg
from django.db import connection


def fetch_one_prepared(sql: str, params: list):
    """One row of `sql` (with %s placeholders), or None. On PostgreSQL the statement is prepared
    on the server and reused by this connection (kept between requests: CONN_MAX_AGE), so it is
    parsed and planned once rather than per request: for the few public queries answered
    thousands of times a minute (the DRN check), planning cost more than running them. The
    query goes through Django's connection, its errors wrapped as Django's. Elsewhere, a plain
    cursor."""
    if connection.vendor != "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchone()
    connection.ensure_connection()
    with connection.wrap_database_errors:
        # Django's own cursors bind parameters on the client, which cannot be prepared.
        with psycopg.Cursor(connection.connection) as cursor:
            cursor.execute(sql, params, prepare=True)
            return cursor.fetchone()
