"""Indexes another index already serves (docs/decisions.md, "Indexes that another already
serves"): `case_number_prefix`, the same `varchar_pattern_ops` index of the number that Django
makes beside its unique index on PostgreSQL; and the indexes Django made for foreign keys that
a constraint or index beginning with the same column serves (the parties' case:
`one_party_per_position`, and so on), dropped by introspection, without SQLite's copy of the
table that an AlterField would make."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

from core.db import drop_covered_index


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0011_case_number_trigram_index"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RemoveIndex(model_name="case", name="case_number_prefix"),
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="caseparty",
                    name="case",
                    field=models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="parties",
                        to="cases.case",
                    ),
                ),
                migrations.AlterField(
                    model_name="caseassignment",
                    name="link",
                    field=models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="assignments",
                        to="cases.caselink",
                    ),
                ),
                migrations.AlterField(
                    model_name="caseassignment",
                    name="organization_user",
                    field=models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="case_assignments",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                migrations.AlterField(
                    model_name="casenumberassignment",
                    name="administrator",
                    field=models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="case_numbers",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                migrations.AlterField(
                    model_name="caseprofileassignment",
                    name="administrator",
                    field=models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="case_profiles",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                migrations.AlterField(
                    model_name="implementationnotice",
                    name="proceeding_type",
                    field=models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="implementation_notices",
                        to="cases.proceedingtype",
                    ),
                ),
            ],
            database_operations=[
                migrations.RunPython(
                    *drop_covered_index(
                        app_label="cases", model_name="caseparty", field_name="case"
                    )
                ),
                migrations.RunPython(
                    *drop_covered_index(
                        app_label="cases", model_name="caseassignment", field_name="link"
                    )
                ),
                migrations.RunPython(
                    *drop_covered_index(
                        app_label="cases",
                        model_name="caseassignment",
                        field_name="organization_user",
                    )
                ),
                migrations.RunPython(
                    *drop_covered_index(
                        app_label="cases",
                        model_name="casenumberassignment",
                        field_name="administrator",
                    )
                ),
                migrations.RunPython(
                    *drop_covered_index(
                        app_label="cases",
                        model_name="caseprofileassignment",
                        field_name="administrator",
                    )
                ),
                migrations.RunPython(
                    *drop_covered_index(
                        app_label="cases",
                        model_name="implementationnotice",
                        field_name="proceeding_type",
                    )
                ),
            ],
        ),
    ]
