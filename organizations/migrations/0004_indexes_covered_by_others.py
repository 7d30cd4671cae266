"""The indexes Django made for foreign keys that an index or constraint beginning with the same
column already serves (docs/decisions.md, "Indexes that another already serves"): dropped by
introspection, without SQLite's copy of the table that an AlterField would make."""

import django.db.models.deletion
from django.db import migrations, models

from core.db import drop_covered_index


class Migration(migrations.Migration):
    dependencies = [
        ("organizations", "0003_one_open_configuration_change_per_kind"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="branch",
                    name="organization",
                    field=models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="branches",
                        to="organizations.organization",
                    ),
                ),
            ],
            database_operations=[
                migrations.RunPython(
                    *drop_covered_index(
                        app_label="organizations", model_name="branch", field_name="organization"
                    )
                ),
            ],
        ),
    ]
