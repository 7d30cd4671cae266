"""Two indexes of the case file that serve nothing (docs/decisions.md, "Indexes that another
already serves"): the documents' index of their case, which `case_file_newest` (case, newest
first) begins with; and, on PostgreSQL, the `varchar_pattern_ops` copy of the DRN's unique
index, for LIKE searches that nothing makes (a DRN is looked up whole)."""

import django.db.models.deletion
from django.db import migrations, models

from core.db import drop_covered_index


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0012_indexes_covered_by_others"),
        ("documents", "0002_public_search_newest_first"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="casedocument",
                    name="case",
                    field=models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="documents",
                        to="cases.case",
                    ),
                ),
            ],
            database_operations=[
                migrations.RunPython(
                    *drop_covered_index(
                        app_label="documents", model_name="casedocument", field_name="case"
                    )
                ),
            ],
        ),
        migrations.RunPython(
            *drop_covered_index(
                app_label="documents", model_name="casedocument", field_name="drn", like=True
            )
        ),
    ]
