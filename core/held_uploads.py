"""Files kept between a form sent back for corrections and its next sending
(core.models.HeldUpload): so that a filer who mistyped a case number does not choose four PDFs
again, nor a clerk who forgot the confirmation box the document to issue. Kept only for the
account that sent them; the service the form calls checks them again, as it checks every
file."""

import secrets

from django.core.files import File
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone

from core import policy
from core.models import HeldUpload
from core.uploads import atomic_with_files, upload_size

PREFIX = "held"


def upload_hold(*, actor, upload) -> HeldUpload:
    """Keep `upload` for `actor`; the account's oldest go beyond MAX_HELD_UPLOADS_PER_ACCOUNT."""
    token = secrets.token_urlsafe(32)
    with atomic_with_files() as written:
        upload.seek(0)
        name = default_storage.save(f"{PREFIX}/{token}", File(upload, name=token))
        written.append((default_storage, name))
        upload.seek(0)
        held = HeldUpload.objects.create(
            token=token,
            account=actor,
            file_name=(upload.name or "document.pdf")[:200],
            size=upload_size(upload),
            storage_name=name,
        )
        older = HeldUpload.objects.filter(account=actor).order_by("-held_at", "-pk")
        _remove(older[policy.MAX_HELD_UPLOADS_PER_ACCOUNT :])
    return held


def held_upload(*, actor, token: str) -> HeldUpload | None:
    """`actor`'s held file of `token`, if it is still kept; None for anyone else's."""
    if not token or len(token) > 64:
        return None
    since = timezone.now() - policy.HELD_UPLOAD_FOR
    return HeldUpload.objects.filter(token=token, account=actor, held_at__gt=since).first()


def held_file(held: HeldUpload) -> File | None:
    """The held bytes, opened for reading under the name they were sent with (None if the
    storage lost them)."""
    if not default_storage.exists(held.storage_name):
        return None
    return File(default_storage.open(held.storage_name, "rb"), name=held.file_name)


def uploads_release(*, actor, tokens) -> None:
    """The held files of a form that was filed: no longer needed."""
    _remove(HeldUpload.objects.filter(account=actor, token__in=[t for t in tokens if t]))


def held_uploads_expire(now=None) -> int:
    """Daily: remove the files held longer than HELD_UPLOAD_FOR. Returns how many."""
    now = now or timezone.now()
    return _remove(HeldUpload.objects.filter(held_at__lte=now - policy.HELD_UPLOAD_FOR))


def _remove(rows) -> int:
    rows = list(rows)
    if not rows:
        return 0
    HeldUpload.objects.filter(pk__in=[row.pk for row in rows]).delete()
    # The files go once the rows' removal is committed (a rollback keeps both).
    names = [row.storage_name for row in rows]
    transaction.on_commit(lambda: [default_storage.delete(name) for name in names])
    return len(rows)
