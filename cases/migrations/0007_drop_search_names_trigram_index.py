"""Issue 15: the Cause Book searches party names in the public list's own index (each hearing
holds a copy of its case's names: hearings 0002), so the trigram index of the cases' names has
no reader left; dropped, it costs the cases' writes nothing more."""

from django.db import migrations


def trigram_index_drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS case_search_names_trgm")


def trigram_index_create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "CREATE INDEX IF NOT EXISTS case_search_names_trgm ON cases_case "
            "USING gin (search_names gin_trgm_ops)"
        )


class Migration(migrations.Migration):
    dependencies = [("cases", "0006_search_names_statistics"), ("hearings", "0002_hearing_party_names")]

    operations = [migrations.RunPython(trigram_index_drop, trigram_index_create)]
