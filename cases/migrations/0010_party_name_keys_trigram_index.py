"""SVC-2: the public document search finds the cases whose parties' names hold what was typed,
in any spacing ("CHANTAIMAN" finds "CHAN Tai Man"): the cases' folded names without their
spaces, in a trigram index on PostgreSQL, so that a rare or unknown name is answered without
reading every case (docs/decisions.md, "The public document search at ten million
documents"). The expression is the one `inspection.selectors` filters on."""

from django.db import migrations

CREATE = (
    "CREATE INDEX IF NOT EXISTS case_name_keys_trgm ON cases_case "
    "USING gin ((REPLACE(search_names, ' ', '')) gin_trgm_ops)"
)


def index_create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        schema_editor.execute(CREATE)


def index_drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS case_name_keys_trgm")


class Migration(migrations.Migration):
    dependencies = [("cases", "0009_case_title_zh")]

    operations = [migrations.RunPython(index_create, index_drop)]
