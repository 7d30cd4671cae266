"""Checks on uploaded files: size, and type by content (not by the name the browser sent)."""

import hashlib
from contextlib import contextmanager

from django.db import transaction
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from core import policy


def inspect_upload(upload) -> tuple[dict | None, str | None]:
    """Return (facts, None) for an acceptable file, or (None, error message)."""
    if upload.size == 0:
        return None, _("The file %(name)s is empty.") % {"name": upload.name}
    limit = policy.UPLOAD_MAX_BYTES
    if upload.size > limit:
        return None, _("The file %(name)s is larger than %(limit)s.") % {
            "name": upload.name,
            "limit": filesizeformat(limit),
        }
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    kind = next((t for t in policy.UPLOAD_TYPES if head.startswith(t.signature)), None)
    if kind is None:
        return None, _("The file %(name)s is not a PDF, JPEG or PNG file.") % {"name": upload.name}
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    return {
        "content_type": kind.content_type,
        "extension": kind.extension,
        "size": upload.size,
        "sha256": digest.hexdigest(),
        "original_name": upload.name[-255:],
    }, None


@contextmanager
def atomic_with_files():
    """transaction.atomic() for a block that stores uploaded files. The block adds each file it
    writes to the list it is given; unless the transaction commits, the files are deleted again
    (a rollback forgets the rows, but the storage keeps what was written to it). Inside an
    enclosing transaction, only a failure of this block is seen, not a later rollback."""
    written: list = []
    committed = False

    def mark_committed():
        nonlocal committed
        committed = True

    try:
        with transaction.atomic():
            transaction.on_commit(mark_committed)  # runs before the callbacks added later
            yield written
    except BaseException:
        if not committed:
            for storage, name in written:
                storage.delete(name)
        raise
