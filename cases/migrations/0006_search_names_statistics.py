"""Issue 15: finer statistics of the cases' folded party names on PostgreSQL, so that the planner
tells a rare name (few cases: read them by the trigram index, then their hearings) from a
common one (many: read the day's hearings in order until a page is full). With the default
sample a rare whole name was estimated at ten times its cases and a one-character Chinese name
at a hundredth of them, and either took the slow way."""

from django.db import migrations


def statistics_raise(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "ALTER TABLE cases_case ALTER COLUMN search_names SET STATISTICS 1000"
        )


def statistics_default(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("ALTER TABLE cases_case ALTER COLUMN search_names SET STATISTICS -1")


class Migration(migrations.Migration):
    dependencies = [("cases", "0005_case_search_names_party_name_zh")]

    operations = [migrations.RunPython(statistics_raise, statistics_default)]
