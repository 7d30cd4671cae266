"""The `varchar_pattern_ops` copy PostgreSQL's backend of Django makes beside the unique index
of a text column, for LIKE, dropped where the column is a secret's hash or a token: looked up
whole, never by pattern (docs/decisions.md, "Indexes that another already serves"). Each insert
wrote both."""

from django.db import migrations

from core.db import drop_covered_index


class Migration(migrations.Migration):
    dependencies = [("audit", "0002_sealed_after_commit")]

    operations = [
        migrations.RunPython(
            *drop_covered_index(
                app_label="audit", model_name="auditrecord", field_name="record_hash", like=True
            )
        ),
    ]
