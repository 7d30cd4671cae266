"""The partial index of unread messages (`message_box_unread`), which 0002 dropped with the
recipient's own index on databases migrated before its fix: made again where it is missing
(docs/decisions.md, "Indexes that another already serves")."""

from django.db import migrations

from core.db import restore_declared_index


class Migration(migrations.Migration):
    dependencies = [
        ("messaging", "0002_indexes_covered_by_others"),
    ]

    operations = [
        migrations.RunPython(
            *restore_declared_index(
                app_label="messaging", model_name="message", index_name="message_box_unread"
            )
        ),
    ]
