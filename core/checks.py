"""Deployment checks of the portal's own (`manage.py check --deploy`, run by `make serve`,
which refuses to start on any of them)."""

from django.core.checks import Error, register
from django.core.files.storage import storages

from core.storage import ObjectStorage

# A name no file ever has: asking for it needs the rights every store of the portal needs
# (a bucket answers "not found" only to a client that may list it, "forbidden" otherwise).
PROBE = "checks/reachable"


@register(deploy=True)
def documents_bucket_reachable(app_configs, **kwargs):
    """With ICMS_STORAGE=s3, the bucket answers: a start without it would fail every upload
    and every download, and only when someone tried one."""
    storage = storages["default"]
    if not isinstance(storage, ObjectStorage):
        return []
    try:
        # A missing bucket answers "not found" to a name in it, as if the bucket were empty.
        storage.connection.meta.client.head_bucket(Bucket=storage.bucket_name)
        storage.exists(PROBE)
    except Exception as error:  # noqa: BLE001 - any failure is the answer
        return [
            Error(
                f"The documents' bucket {storage.bucket_name!r} cannot be read: "
                f"{type(error).__name__}: {error}",
                hint="Check ICMS_S3_BUCKET, ICMS_S3_ENDPOINT_URL and the credentials; the "
                "portal needs to list, read, write and delete objects in the bucket.",
                id="icms.E001",
            )
        ]
    return []
