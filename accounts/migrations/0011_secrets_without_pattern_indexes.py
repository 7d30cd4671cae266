"""The `varchar_pattern_ops` copy PostgreSQL's backend of Django makes beside the unique index
of a text column, for LIKE, dropped where the column is a secret's hash or a token: looked up
whole, never by pattern (docs/decisions.md, "Indexes that another already serves"). Each insert
wrote both."""

from django.db import migrations

from core.db import drop_covered_index


class Migration(migrations.Migration):
    dependencies = [("accounts", "0010_indexes_covered_by_others")]

    operations = [
        migrations.RunPython(
            *drop_covered_index(
                app_label="accounts", model_name="activationcode", field_name="secret_hash", like=True
            )
        ),
        migrations.RunPython(
            *drop_covered_index(
                app_label="accounts", model_name="changetoken", field_name="secret_hash", like=True
            )
        ),
        migrations.RunPython(
            *drop_covered_index(
                app_label="accounts", model_name="emailchangetoken", field_name="secret_hash", like=True
            )
        ),
        migrations.RunPython(
            *drop_covered_index(
                app_label="accounts", model_name="apitoken", field_name="key_hash", like=True
            )
        ),
    ]
