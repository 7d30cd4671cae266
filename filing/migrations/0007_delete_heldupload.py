"""The files kept for forms sent back for corrections move to core (core.HeldUpload): the
issuing of documents keeps them too, and documents sits below filing. The rows kept now move
with their files, which stay where they are in the storage."""

from django.db import migrations


FIELDS = ("token", "account_id", "file_name", "size", "storage_name", "held_at")


def _copy(source, target):
    target.objects.bulk_create(
        target(**{field: getattr(row, field) for field in FIELDS}) for row in source.objects.all()
    )


def move_to_core(apps, schema_editor):
    _copy(apps.get_model("filing", "HeldUpload"), apps.get_model("core", "HeldUpload"))


def move_back(apps, schema_editor):
    _copy(apps.get_model("core", "HeldUpload"), apps.get_model("filing", "HeldUpload"))


class Migration(migrations.Migration):
    dependencies = [
        ("filing", "0006_held_uploads"),
        ("core", "0003_heldupload"),
    ]

    operations = [
        migrations.RunPython(move_to_core, move_back),
        migrations.DeleteModel(name="HeldUpload"),
    ]
