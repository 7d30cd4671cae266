"""SVC-2: the public document search finds a case by a part of its number ("1234/2025", "DCPI
123"): case numbers are kept in the registry's form (upper case), and a trigram index of them
on PostgreSQL answers a part without reading every case (docs/decisions.md, "The public
document search at ten million documents")."""

from django.db import migrations


def index_create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        schema_editor.execute(
            "CREATE INDEX IF NOT EXISTS case_number_trgm ON cases_case "
            "USING gin (number gin_trgm_ops)"
        )


def index_drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS case_number_trgm")


class Migration(migrations.Migration):
    dependencies = [("cases", "0010_party_name_keys_trigram_index")]

    operations = [migrations.RunPython(index_create, index_drop)]
