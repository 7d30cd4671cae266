"""The hearings' index of their case, which `one_hearing_per_slot` (case, date, time,
courtroom) begins with (docs/decisions.md, "Indexes that another already serves")."""

import django.db.models.deletion
from django.db import migrations, models

from core.db import drop_covered_index


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0012_indexes_covered_by_others"),
        ("hearings", "0003_one_index_for_both_lists"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="hearing",
                    name="case",
                    field=models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="hearings",
                        to="cases.case",
                    ),
                ),
            ],
            database_operations=[
                migrations.RunPython(
                    *drop_covered_index(
                        app_label="hearings", model_name="hearing", field_name="case"
                    )
                ),
            ],
        ),
    ]
