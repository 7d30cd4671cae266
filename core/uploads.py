"""Checks on uploaded files: size, and type by content (not by the name the browser sent)."""

import hashlib
import threading
from contextlib import contextmanager
from dataclasses import dataclass

from django.db import transaction
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from core import policy


@dataclass(frozen=True)
class UploadRefusal:
    """Why a file is refused: a stable code for programs, a message in the reader's language."""

    code: str
    message: str


def upload_size(upload) -> int:
    """The file's size as the request declared it (Django's uploaded files), or as its stream
    says, without reading it."""
    size = getattr(upload, "size", None)
    if size is not None:
        return size
    position = upload.tell()
    upload.seek(0, 2)
    size = upload.tell()
    upload.seek(position)
    return size


def upload_refusal(upload, *, max_bytes: int | None = None, types=None) -> UploadRefusal | None:
    """The first reason to refuse the file, or None: empty; larger than `max_bytes` (by its
    declared size, before any of it is read); not of one of `types` by its first bytes,
    whatever its name says. Defaults: policy.UPLOAD_MAX_BYTES, policy.UPLOAD_TYPES."""
    name = getattr(upload, "name", "") or ""
    size = upload_size(upload)
    if size == 0:
        return UploadRefusal("file_empty", _("The file %(name)s is empty.") % {"name": name})
    limit = policy.UPLOAD_MAX_BYTES if max_bytes is None else max_bytes
    if size > limit:
        return UploadRefusal(
            "file_too_large",
            _("The file %(name)s is larger than %(limit)s.")
            % {"name": name, "limit": filesizeformat(limit)},
        )
    types = policy.UPLOAD_TYPES if types is None else types
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    if not any(head.startswith(t.signature) for t in types):
        if tuple(types) == tuple(policy.PDF_ONLY):
            message = _(
                "The file %(name)s is not a PDF file: its content is of another kind, whatever "
                "its name says."
            )
        else:
            message = _("The file %(name)s is not a PDF, JPEG or PNG file.")
        return UploadRefusal("not_accepted_type", message % {"name": name})
    return None


def upload_sha256(upload) -> str:
    upload.seek(0)
    digest = hashlib.sha256()
    if hasattr(upload, "chunks"):
        for chunk in upload.chunks():
            digest.update(chunk)
    else:
        for chunk in iter(lambda: upload.read(64 * 1024), b""):
            digest.update(chunk)
    upload.seek(0)
    return digest.hexdigest()


def inspect_upload(upload) -> tuple[dict | None, str | None]:
    """Return (facts, None) for an acceptable file, or (None, error message)."""
    refusal = upload_refusal(upload)
    if refusal is not None:
        return None, refusal.message
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    kind = next(t for t in policy.UPLOAD_TYPES if head.startswith(t.signature))
    return {
        "content_type": kind.content_type,
        "extension": kind.extension,
        "size": upload.size,
        "sha256": upload_sha256(upload),
        "original_name": upload.name[-255:],
    }, None


# The lists of the atomic_with_files blocks open in this thread, outermost first.
_open_blocks = threading.local()


@contextmanager
def atomic_with_files():
    """transaction.atomic() for a block that stores uploaded files. The block adds each file it
    writes to the list it is given; unless the transaction commits, the files are deleted again
    (a rollback forgets the rows, but the storage keeps what was written to it). A block inside
    another one hands its files to it when it succeeds, so that a later failure of the outer
    block deletes them too (e.g. a certified translation issued, then its request's update
    failing). Inside a plain enclosing transaction, only a failure of this block is seen."""
    written: list = []
    committed = False
    stack = _open_blocks.__dict__.setdefault("lists", [])

    def mark_committed():
        nonlocal committed
        committed = True

    stack.append(written)
    try:
        with transaction.atomic():
            transaction.on_commit(mark_committed)  # runs before the callbacks added later
            yield written
    except BaseException:
        if not committed:
            for storage, name in written:
                storage.delete(name)
        raise
    finally:
        stack.pop()
    if stack:
        stack[-1].extend(written)
