"""SVC-2: a Chinese given name is two characters ("大文"), too short for any trigram of
`case_name_keys_trgm` to hold, so that search read every case's names (about 200 ms at
1,000,000 cases). On PostgreSQL the cases' names also give their pairs of characters that hold
a character other than ASCII (`icms_name_pairs`), in a GIN index that answers such a search
at once. Two ASCII letters ("ng") are left to the trigram index's path: they are common, so
that path soon finds them, and would make the index hold every English name's pairs. The
expression is the one `inspection.selectors` filters on.

And finer statistics of the trigram index's expression (1,000 as for `search_names`,
cases/0006): with the default, a name such as "大文", held by 13,794 of 1,000,000 cases, was
estimated at 100, so that PostgreSQL read every case for the documents of so common a name,
where it should read the newest documents and check their cases (800 ms to 20 ms)."""

from django.db import migrations

FUNCTION = r"""
CREATE OR REPLACE FUNCTION icms_name_pairs(names text) RETURNS text[]
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT coalesce(array_agg(DISTINCT pair), '{}')
  FROM regexp_split_to_table(replace(names, ' ', ''), E'\n') AS line,
       generate_series(1, char_length(line) - 1) AS i,
       substr(line, i, 2) AS pair
  WHERE pair ~ '[^\x01-\x7f]'
$$
"""
INDEX = (
    "CREATE INDEX IF NOT EXISTS case_name_pairs ON cases_case "
    "USING gin (icms_name_pairs(search_names))"
)


STATISTICS = "ALTER INDEX case_name_keys_trgm ALTER COLUMN 1 SET STATISTICS %d"


def index_create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(FUNCTION)
        schema_editor.execute(INDEX)
        schema_editor.execute(STATISTICS % 1000)


def index_drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(STATISTICS % -1)
        schema_editor.execute("DROP INDEX IF EXISTS case_name_pairs")
        schema_editor.execute("DROP FUNCTION IF EXISTS icms_name_pairs(text)")


class Migration(migrations.Migration):
    dependencies = [("cases", "0012_indexes_covered_by_others")]

    operations = [migrations.RunPython(index_create, index_drop)]
