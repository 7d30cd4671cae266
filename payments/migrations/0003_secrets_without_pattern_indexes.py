"""The `varchar_pattern_ops` copy PostgreSQL's backend of Django makes beside the unique index
of a text column, for LIKE, dropped where the column is a secret's hash or a token: looked up
whole, never by pattern (docs/decisions.md, "Indexes that another already serves"). Each insert
wrote both."""

from django.db import migrations

from core.db import drop_covered_index


class Migration(migrations.Migration):
    dependencies = [("payments", "0002_translation_fee_purpose")]

    operations = [
        migrations.RunPython(
            *drop_covered_index(
                app_label="payments", model_name="payment", field_name="access_token_hash", like=True
            )
        ),
    ]
