"""Issue 15: each hearing carries its case's folded party names (`Hearing.party_names`), kept by
the database, and the public list's index holds them, so that the Cause Book's search by party
name reads the index alone (docs/decisions.md).

The copy is kept by triggers, on PostgreSQL and on SQLite alike: a hearing written takes its
case's names; a case whose names change passes them to its hearings. The cases app, which
changes the names, knows nothing of hearings, and no writer of either table can forget it."""

from django.conf import settings
from django.db import migrations, models

POSTGRESQL_CREATE = """
CREATE FUNCTION hearing_party_names_copy() RETURNS trigger AS $$
BEGIN
    NEW.party_names := coalesce(
        (SELECT search_names FROM cases_case WHERE id = NEW.case_id), '');
    RETURN NEW;
END $$ LANGUAGE plpgsql;
CREATE TRIGGER hearing_party_names_copy BEFORE INSERT OR UPDATE OF case_id, party_names
    ON hearings_hearing FOR EACH ROW EXECUTE FUNCTION hearing_party_names_copy();

CREATE FUNCTION case_party_names_to_hearings() RETURNS trigger AS $$
BEGIN
    UPDATE hearings_hearing SET party_names = NEW.search_names WHERE case_id = NEW.id;
    RETURN NULL;
END $$ LANGUAGE plpgsql;
CREATE TRIGGER case_party_names_to_hearings AFTER UPDATE OF search_names ON cases_case
    FOR EACH ROW WHEN (OLD.search_names IS DISTINCT FROM NEW.search_names)
    EXECUTE FUNCTION case_party_names_to_hearings();
"""
POSTGRESQL_DROP = """
DROP TRIGGER IF EXISTS case_party_names_to_hearings ON cases_case;
DROP FUNCTION IF EXISTS case_party_names_to_hearings();
DROP TRIGGER IF EXISTS hearing_party_names_copy ON hearings_hearing;
DROP FUNCTION IF EXISTS hearing_party_names_copy();
"""
# SQLite's triggers cannot change the row being written: they write it again after (recursive
# triggers are off, so that second write fires nothing).
_SQLITE_CASE_NAMES = "coalesce((SELECT search_names FROM cases_case WHERE id = NEW.case_id), '')"
SQLITE_CREATE = [
    "CREATE TRIGGER hearing_party_names_insert AFTER INSERT ON hearings_hearing BEGIN "
    f"UPDATE hearings_hearing SET party_names = {_SQLITE_CASE_NAMES} WHERE id = NEW.id; END",
    "CREATE TRIGGER hearing_party_names_update AFTER UPDATE OF case_id, party_names "
    "ON hearings_hearing BEGIN "
    f"UPDATE hearings_hearing SET party_names = {_SQLITE_CASE_NAMES} WHERE id = NEW.id; END",
    "CREATE TRIGGER case_party_names_to_hearings AFTER UPDATE OF search_names ON cases_case "
    "WHEN OLD.search_names IS NOT NEW.search_names BEGIN "
    "UPDATE hearings_hearing SET party_names = NEW.search_names WHERE case_id = NEW.id; END",
]
SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS case_party_names_to_hearings",
    "DROP TRIGGER IF EXISTS hearing_party_names_update",
    "DROP TRIGGER IF EXISTS hearing_party_names_insert",
]


def copy_create(apps, schema_editor):
    # The hearings there are first, then the triggers (which would fire for each row).
    schema_editor.execute(
        "UPDATE hearings_hearing SET party_names = coalesce((SELECT search_names FROM "
        "cases_case WHERE cases_case.id = hearings_hearing.case_id), '')"
    )
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(POSTGRESQL_CREATE)
    elif vendor == "sqlite":
        for statement in SQLITE_CREATE:
            schema_editor.execute(statement)


def copy_drop(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(POSTGRESQL_DROP)
    elif vendor == "sqlite":
        for statement in SQLITE_DROP:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0006_search_names_statistics"),
        ("hearings", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="hearing",
            options={"ordering": ["date", "start_time", "court_level_id", "courtroom", "case_id"]},
        ),
        migrations.RemoveIndex(model_name="hearing", name="public_hearings_by_date"),
        migrations.AddField(
            model_name="hearing",
            name="party_names",
            field=models.TextField(blank=True, default="", editable=False),
        ),
        migrations.RunPython(copy_create, copy_drop),
        migrations.AddIndex(
            model_name="hearing",
            index=models.Index(
                condition=models.Q(("public", True)),
                fields=["date", "start_time", "court_level", "courtroom", "case"],
                include=("id", "party_names"),
                name="public_hearings_in_order",
            ),
        ),
    ]
