"""The indexes Django made for foreign keys that an index or constraint beginning with the same
column already serves (docs/decisions.md, "Indexes that another already serves"): dropped by
introspection, without SQLite's copy of the table that an AlterField would make."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

from core.db import drop_covered_index


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0009_email_change_token"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="optionalrolegrant",
                    name="account",
                    field=models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="optional_role_grants",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            database_operations=[
                migrations.RunPython(
                    *drop_covered_index(
                        app_label="accounts", model_name="optionalrolegrant", field_name="account"
                    )
                ),
            ],
        ),
    ]
