"""The indexes Django made for foreign keys that an index or constraint beginning with the same
column already serves (docs/decisions.md, "Indexes that another already serves"): dropped by
introspection, without SQLite's copy of the table that an AlterField would make."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

from core.db import drop_covered_index


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0012_indexes_covered_by_others"),
        ("filing", "0007_delete_heldupload"),
        ("organizations", "0004_indexes_covered_by_others"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="documenttype",
                    name="proceeding_type",
                    field=models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="document_types",
                        to="cases.proceedingtype",
                    ),
                ),
                migrations.AlterField(
                    model_name="fileddocument",
                    name="filing",
                    field=models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="documents",
                        to="filing.filing",
                    ),
                ),
                migrations.AlterField(
                    model_name="filing",
                    name="account",
                    field=models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="filings",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                migrations.AlterField(
                    model_name="filing",
                    name="organization",
                    field=models.ForeignKey(
                        blank=True,
                        db_index=False,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="filings",
                        to="organizations.organization",
                    ),
                ),
            ],
            database_operations=[
                migrations.RunPython(
                    *drop_covered_index(
                        app_label="filing", model_name="documenttype", field_name="proceeding_type"
                    )
                ),
                migrations.RunPython(
                    *drop_covered_index(
                        app_label="filing", model_name="fileddocument", field_name="filing"
                    )
                ),
                migrations.RunPython(
                    *drop_covered_index(
                        app_label="filing", model_name="filing", field_name="account"
                    )
                ),
                migrations.RunPython(
                    *drop_covered_index(
                        app_label="filing", model_name="filing", field_name="organization"
                    )
                ),
            ],
        ),
    ]
