"""SVC-3: parties' Chinese names, and the cases' folded party names for the Cause Book's search,
with a trigram index on PostgreSQL (pg_trgm, a trusted extension since PostgreSQL 13)."""

from django.db import migrations, models

from cases.search import case_search_names


def fill_search_names(apps, schema_editor):
    Case = apps.get_model("cases", "Case")
    CaseParty = apps.get_model("cases", "CaseParty")
    names: dict[int, list[str]] = {}
    for case_id, name, name_zh in CaseParty.objects.order_by(
        "case_id", "party_type", "position"
    ).values_list("case_id", "name", "name_zh"):
        names.setdefault(case_id, []).extend([name, name_zh])
    for case_id, case_names in names.items():
        Case.objects.filter(pk=case_id).update(search_names=case_search_names(case_names))


def trigram_index_create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    schema_editor.execute(
        "CREATE INDEX IF NOT EXISTS case_search_names_trgm ON cases_case "
        "USING gin (search_names gin_trgm_ops)"
    )


def trigram_index_drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("DROP INDEX IF EXISTS case_search_names_trgm")


class Migration(migrations.Migration):
    dependencies = [("cases", "0004_case_number_prefix_index")]

    operations = [
        migrations.AddField(
            model_name="caseparty",
            name="name_zh",
            field=models.CharField(blank=True, default="", max_length=300),
        ),
        migrations.AddField(
            model_name="case",
            name="search_names",
            field=models.TextField(blank=True, default="", editable=False),
        ),
        migrations.RunPython(fill_search_names, migrations.RunPython.noop),
        migrations.RunPython(trigram_index_create, trigram_index_drop),
    ]
