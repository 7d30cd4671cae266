"""Checks on uploaded files: size, and type by content (not by the name the browser sent)."""

import hashlib

from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

_SIGNATURES = {
    b"%PDF-": ("application/pdf", ".pdf"),
    b"\x89PNG\r\n\x1a\n": ("image/png", ".png"),
    b"\xff\xd8\xff": ("image/jpeg", ".jpg"),
}


def inspect_upload(upload) -> tuple[dict | None, str | None]:
    """Return (facts, None) for an acceptable file, or (None, error message)."""
    if upload.size == 0:
        return None, _("The file %(name)s is empty.") % {"name": upload.name}
    if upload.size > settings.UPLOAD_MAX_BYTES:
        return None, _("The file %(name)s is larger than %(limit)s.") % {
            "name": upload.name,
            "limit": filesizeformat(settings.UPLOAD_MAX_BYTES),
        }
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    kind = next((kind for sig, kind in _SIGNATURES.items() if head.startswith(sig)), None)
    if kind is None:
        return None, _("The file %(name)s is not a PDF, JPEG or PNG file.") % {"name": upload.name}
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    content_type, extension = kind
    return {
        "content_type": content_type,
        "extension": extension,
        "size": upload.size,
        "sha256": digest.hexdigest(),
        "original_name": upload.name[-255:],
    }, None
