"""A case's title in Chinese. Added by ALTER TABLE ... ADD COLUMN with a database default on
both databases: Django adds a NOT NULL column on SQLite by copying the table, and renaming the
copy back fails there while the hearings' triggers (hearings/0002) name the cases table."""

from django.db import migrations, models

FIELD = models.CharField(
    blank=True,
    default="",
    db_default="",
    help_text="The title in Chinese, where the court has one.",
    max_length=300,
)


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0008_link_route_correction"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[
                migrations.RunSQL(
                    "ALTER TABLE cases_case ADD COLUMN title_zh varchar(300) DEFAULT '' NOT NULL",
                    "ALTER TABLE cases_case DROP COLUMN title_zh",
                )
            ],
            state_operations=[migrations.AddField(model_name="case", name="title_zh", field=FIELD)],
        )
    ]
