"""The plan PostgreSQL chooses for a query at scale. With a handful of test rows it would read a
table whole, or by bitmap and then sort; both are turned off for the one EXPLAIN, so that the
plan shows whether an index can answer the query in its order. A trigram (GIN) index is read by
bitmap alone: `bitmap=True` for those."""

from django.db import connection


def plan(queryset, *, bitmap: bool = False) -> str:
    with connection.cursor() as cursor:
        cursor.execute("SET enable_seqscan = off")
        cursor.execute(f"SET enable_bitmapscan = {'on' if bitmap else 'off'}")
        sql, params = queryset.query.sql_with_params()
        cursor.execute(f"EXPLAIN {sql}", params)
        found = "\n".join(row[0] for row in cursor.fetchall())
        cursor.execute("RESET enable_seqscan")
        cursor.execute("RESET enable_bitmapscan")
    return found
