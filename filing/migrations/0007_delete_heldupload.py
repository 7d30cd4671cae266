"""The files kept for forms sent back for corrections move to core (core.HeldUpload): the
issuing of documents keeps them too, and documents sits below filing. The rows kept now move
with their files, which stay where they are in the storage."""

from django.db import migrations


def move_to_core(apps, schema_editor):
    old = apps.get_model("filing", "HeldUpload")
    new = apps.get_model("core", "HeldUpload")
    new.objects.bulk_create(
        new(
            token=row.token,
            account_id=row.account_id,
            file_name=row.file_name,
            size=row.size,
            storage_name=row.storage_name,
            held_at=row.held_at,
        )
        for row in old.objects.all()
    )


def move_back(apps, schema_editor):
    old = apps.get_model("filing", "HeldUpload")
    new = apps.get_model("core", "HeldUpload")
    old.objects.bulk_create(
        old(
            token=row.token,
            account_id=row.account_id,
            file_name=row.file_name,
            size=row.size,
            storage_name=row.storage_name,
            held_at=row.held_at,
        )
        for row in new.objects.all()
    )


class Migration(migrations.Migration):
    dependencies = [
        ("filing", "0006_held_uploads"),
        ("core", "0003_heldupload"),
    ]

    operations = [
        migrations.RunPython(move_to_core, move_back),
        migrations.DeleteModel(name="HeldUpload"),
    ]
