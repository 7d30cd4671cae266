"""Files kept between a form sent back for corrections and its next sending
(core.models.HeldUpload): so that a filer who mistyped a case number does not choose four PDFs
again, nor a clerk who forgot the confirmation box the document to issue, nor an applicant for
an account who mistyped a telephone number the documents of the application. Kept only for
the one who sent them: an account, or, for an applicant who has none, that browser's session
(`SessionHolder`); the service the form calls checks them again, as it checks every file."""

import secrets
from contextlib import contextmanager
from datetime import timedelta

from django.core.files import File
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import Q, Sum
from django.utils import timezone

from core import policy, ratelimit
from core.db import lock_for_transaction
from core.models import HeldUpload
from core.uploads import atomic_with_files, upload_size

PREFIX = "held"
# The session key of the random id that binds an applicant's kept files to the browser.
HOLDER_SESSION_KEY = "held_uploads_holder"
# How long a sending's claim on its held files outlives a sending that never ended (a worker
# stopped mid-request): far beyond any request's time.
SENDING_CLAIM_FOR = timedelta(minutes=10)


class SessionHolder:
    """Who keeps files without an account (an applicant): the browser's session, by a random
    id stored in it when its first file is kept, and the client address that counts against
    the scope "hold_files" (core.ratelimit). Another session (another browser, or the same one
    after its session ended) holds nothing of it, whatever token it sends."""

    def __init__(self, request):
        self.session = request.session
        self.address = ratelimit.client_address(request)

    @property
    def holder_id(self) -> str | None:
        return self.session.get(HOLDER_SESSION_KEY)

    def made_holder_id(self) -> str:
        if not self.holder_id:
            self.session[HOLDER_SESSION_KEY] = secrets.token_urlsafe(32)
        return self.holder_id


def _of(actor) -> Q:
    """The held files of `actor` (an account, or a SessionHolder)."""
    if isinstance(actor, SessionHolder):
        return Q(holder=actor.holder_id) if actor.holder_id else Q(pk__in=[])
    return Q(account=actor)


# The lock of the holds of every applicant without an account (core.db.lock_for_transaction):
# their total bytes, each session's cap and each address's count are checked under it.
WITHOUT_ACCOUNT_LOCK = "held-uploads:without-account"


class _NotHeld(Exception):
    """An applicant without an account may keep no more: the file written is removed again."""


def _may_hold_without_account(actor: SessionHolder, size: int) -> bool:
    """Against holding as free storage: the address's files today (every file kept counts),
    and the bytes held for all applicants without an account (policy). Under the lock
    WITHOUT_ACCOUNT_LOCK, so that holds sent at the same moment do not all read the same
    total."""
    held = HeldUpload.objects.filter(account=None).aggregate(total=Sum("size"))["total"] or 0
    if held + size > policy.HELD_UPLOADS_WITHOUT_ACCOUNT_MAX_BYTES:
        return False
    return ratelimit.allow(scope="hold_files", key=actor.address)


def upload_hold(*, actor, upload) -> HeldUpload | None:
    """Keep `upload` for `actor` (an account, or a SessionHolder); the actor's oldest go beyond
    MAX_HELD_UPLOADS_PER_ACCOUNT. None when an applicant without an account may keep no more
    (`_may_hold_without_account`): the form asks for the file again. The count and the total
    are read and written under a lock (an account's own, or the one of all applicants without
    an account), so that files kept at the same moment never go past them; the bytes are
    written first, outside it, and removed again when they are not kept."""
    size = upload_size(upload)
    token = secrets.token_urlsafe(32)
    try:
        with atomic_with_files() as written:
            upload.seek(0)
            name = default_storage.save(f"{PREFIX}/{token}", File(upload, name=token))
            written.append((default_storage, name))
            upload.seek(0)
            if isinstance(actor, SessionHolder):
                lock_for_transaction(WITHOUT_ACCOUNT_LOCK)
                if not _may_hold_without_account(actor, size):
                    raise _NotHeld()
                owner = {"holder": actor.made_holder_id()}
            else:
                lock_for_transaction(f"held-uploads:account:{actor.pk}")
                owner = {"account": actor}
            held = HeldUpload.objects.create(
                token=token,
                file_name=(upload.name or "document.pdf")[:200],
                size=size,
                storage_name=name,
                **owner,
            )
            older = HeldUpload.objects.filter(**owner).order_by("-held_at", "-pk")
            _remove(older[policy.MAX_HELD_UPLOADS_PER_ACCOUNT :])
    except _NotHeld:
        return None
    return held


def held_upload(*, actor, token: str) -> HeldUpload | None:
    """`actor`'s held file of `token`, if it is still kept; None for anyone else's."""
    if not token or len(token) > 64:
        return None
    since = timezone.now() - policy.HELD_UPLOAD_FOR
    return HeldUpload.objects.filter(_of(actor), token=token, held_at__gt=since).first()


def held_file(held: HeldUpload) -> File | None:
    """The held bytes, opened for reading under the name they were sent with (None if the
    storage lost them)."""
    if not default_storage.exists(held.storage_name):
        return None
    return File(default_storage.open(held.storage_name, "rb"), name=held.file_name)


def uploads_release(*, actor, tokens) -> None:
    """The held files of a form that was filed: no longer needed."""
    _remove(HeldUpload.objects.filter(_of(actor), token__in=[t for t in tokens if t]))


@contextmanager
def held_uploads_sending(*, actor, tokens):
    """Around the sending of a form that files `actor`'s held files of `tokens` (and, once
    filed, releases them: `uploads_release`): yields the tokens this sending may file. Two
    sendings of one form at the same moment (a double click, two tabs) would each read the
    held file and file it; here each held file is claimed by one sending (`sending_since`, set
    by one UPDATE that only a file not being sent matches), and the other sending finds it no
    longer kept (its form says so). The claim is a column, not a lock held between
    transactions, so that it also holds behind a connection pooler in transaction mode; it
    ends with the block (a file filed is gone by then), or after SENDING_CLAIM_FOR when the
    sending died on the way."""
    tokens = sorted({token for token in tokens if token})
    now = timezone.now()
    free = Q(sending_since=None) | Q(sending_since__lte=now - SENDING_CLAIM_FOR)
    kept = HeldUpload.objects.filter(_of(actor), free, held_at__gt=now - policy.HELD_UPLOAD_FOR)
    claimed = {token for token in tokens if kept.filter(token=token).update(sending_since=now)}
    try:
        yield claimed
    finally:
        HeldUpload.objects.filter(token__in=claimed, sending_since=now).update(sending_since=None)


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
