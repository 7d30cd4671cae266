"""Where documents are kept, from the environment (README, "Production").

ICMS_STORAGE=files (the default): a folder, ICMS_MEDIA_ROOT, for one server.
ICMS_STORAGE=s3: an S3-compatible bucket, for several app servers:
  ICMS_S3_BUCKET (required), ICMS_S3_ENDPOINT_URL (a store other than AWS), ICMS_S3_REGION,
  ICMS_S3_PREFIX (a folder in the bucket), ICMS_S3_ADDRESSING_STYLE (path, virtual or auto).
The credentials are found by the S3 client itself (AWS_ACCESS_KEY_ID and
AWS_SECRET_ACCESS_KEY, or the host's role), never written into the settings."""

from collections.abc import Mapping

from django.core.exceptions import ImproperlyConfigured

KINDS = ("files", "s3")
ADDRESSING_STYLES = ("auto", "path", "virtual")


def documents_storage(environ: Mapping[str, str]) -> dict:
    """The STORAGES["default"] entry that `environ` asks for. The folder is MEDIA_ROOT (read
    when a file is stored, so that a test's own MEDIA_ROOT holds its files)."""
    kind = environ.get("ICMS_STORAGE", "files")
    if kind not in KINDS:
        raise ImproperlyConfigured(f"ICMS_STORAGE must be one of {', '.join(KINDS)}.")
    if kind == "files":
        return {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    bucket = environ.get("ICMS_S3_BUCKET", "")
    if not bucket:
        raise ImproperlyConfigured("ICMS_STORAGE=s3 needs ICMS_S3_BUCKET.")
    style = environ.get("ICMS_S3_ADDRESSING_STYLE", "auto")
    if style not in ADDRESSING_STYLES:
        raise ImproperlyConfigured(
            f"ICMS_S3_ADDRESSING_STYLE must be one of {', '.join(ADDRESSING_STYLES)}."
        )
    return {
        "BACKEND": "core.storage.ObjectStorage",
        "OPTIONS": {
            "bucket_name": bucket,
            "endpoint_url": environ.get("ICMS_S3_ENDPOINT_URL") or None,
            "region_name": environ.get("ICMS_S3_REGION") or None,
            "location": environ.get("ICMS_S3_PREFIX", "").strip("/"),
            "addressing_style": style,
            "signature_version": "s3v4",
            # Private objects, read only through the portal's permission-checked views: the
            # bucket's own policy decides access, no object is made public, and no address
            # of a file is ever given out.
            "default_acl": None,
            "querystring_auth": True,
            "file_overwrite": False,
        },
    }
