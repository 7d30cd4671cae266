"""The audit trail (OPS-2).

A change and its record commit together: `audit_record` inserts the record, unsealed, inside
the caller's transaction and takes no shared lock, so audited writes run in parallel. Right
after the commit, `audit_seal` chains the records in the order their commits became
visible, under the chain head's row lock held only for that short transaction. A record whose
sealing did not run (the process died) is sealed by the next sealer, the scheduled job
(audit.tasks.seal_audit_records) or `manage.py verify_audit`. See docs/decisions.md."""

import logging
import time

from django.db import OperationalError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from audit.models import ZERO_HASH, AuditChainHead, AuditRecord

logger = logging.getLogger(__name__)

SYSTEM = "system"  # the scheduled jobs
APPLICANT = "applicant"  # a person without an account yet, acting on their own application

SEAL_BATCH = 1000
# The longest a request goes on sealing others' records after its own commit, and the job.
SEAL_TURN_SECONDS = 1.0
SEAL_JOB_SECONDS = 60.0
LOCK_NOT_AVAILABLE = "55P03"  # PostgreSQL: SELECT ... FOR UPDATE NOWAIT found the row locked


class AuditChainBroken(Exception):
    """The sealer refuses to extend a chain whose head or pending records were tampered with;
    `audit_verify` says what is wrong."""


def audit_record(
    *,
    actor,
    action: str,
    obj,
    before: dict | None = None,
    after: dict | None = None,
    actor_label: str | None = None,
):
    """Append a record of a change of state. Call inside the transaction that makes the change,
    so that the record and the change commit or roll back together. Without a logged-in
    actor, `actor_label` says who acted (SYSTEM or APPLICANT)."""
    record = _new_record(actor, action, obj, before, after, actor_label)
    record.save()
    transaction.on_commit(_seal_after_commit)
    return record


def _new_record(actor, action, obj, before=None, after=None, actor_label=None) -> AuditRecord:
    record = AuditRecord(
        at=timezone.now(),
        actor=actor if getattr(actor, "pk", None) else None,
        actor_label=actor.login_name if getattr(actor, "pk", None) else actor_label or SYSTEM,
        action=action,
        object_type=obj._meta.label_lower,
        object_id=str(obj.pk),
        before=before or {},
        after=after or {},
    )
    record.content_hash = record.compute_content_hash()
    return record


def audit_read(*, actor, action: str, obj, via: str, detail: dict | None = None):
    """Record that `actor` read a record's personal data (who, when, which record, through
    which page or operation): one record per view, in the trail like a change, so a read
    cannot be hidden afterwards any more than a change can. Outside a transaction the record
    commits at once and is sealed right after, as any other."""
    return audit_record(actor=actor, action=action, obj=obj, after={"via": via, **(detail or {})})


def audit_reads(*, actor, action: str, objs, via: str) -> list[AuditRecord]:
    """`audit_read` of each of `objs`, in one insert: a page of a list that shows each one's
    personal data (200 records one by one cost about 0.9 ms each)."""
    records = [_new_record(actor, action, obj, after={"via": via}) for obj in objs]
    if records:
        AuditRecord.objects.bulk_create(records)
        transaction.on_commit(_seal_after_commit)
    return records


def _seal_after_commit():
    # The change has committed; a failure here must not fail the request. The records wait,
    # unsealed, for the next sealer.
    try:
        _seal_pending(wait=False, turn=SEAL_TURN_SECONDS)
    except Exception:
        logger.exception("Sealing the audit trail failed; the records wait for the next sealer")


def audit_seal() -> int:
    """Chain the committed, unsealed records in the order they became visible; return how
    many were sealed. Safe to run at any time and from any number of processes; returns at
    once when nothing awaits sealing."""
    return _seal_pending(wait=True, turn=SEAL_JOB_SECONDS)


def _seal_pending(*, wait: bool, turn: float) -> int:
    """Seal batches until nothing awaits sealing. A sealer looks again after each batch, once
    it has let go of the chain head: so a writer that finds the head held (wait=False) may go
    on at once, since its record committed before that look. Queueing for the head instead
    would serialize the writers again behind sealers with nothing left to seal."""
    sealed = 0
    deadline = time.monotonic() + turn
    while AuditRecord.objects.filter(sequence__isnull=True).exists():
        count = _seal_batch(wait=wait)
        if count is None:
            break  # another sealer holds the head and will look again
        sealed += count
        if time.monotonic() > deadline:
            # Only under sustained load: the writers that follow take over, or the job.
            logger.warning("Audit records left for the next sealer after %ss", turn)
            break
    return sealed


def _locked_head(wait: bool = True) -> AuditChainHead:
    head, _created = AuditChainHead.objects.select_for_update(nowait=not wait).get_or_create(
        pk=1,
        defaults={
            "head_hash": AuditChainHead(last_sequence=0, last_hash=ZERO_HASH).compute_head_hash()
        },
    )
    return head


def _seal_batch(wait: bool = True) -> int | None:
    """Seal up to SEAL_BATCH records; None if `wait` is false and another sealer holds the
    chain head."""
    try:
        with transaction.atomic():
            return _seal_batch_locked(_locked_head(wait))
    except OperationalError as exc:
        if not wait and getattr(exc.__cause__, "sqlstate", None) == LOCK_NOT_AVAILABLE:
            return None
        raise


def _seal_batch_locked(head: AuditChainHead) -> int:
    if head.head_hash != head.compute_head_hash():
        raise AuditChainBroken("the chain head was altered")
    # Read after the lock is held: under READ COMMITTED this sees every record committed
    # so far, including those the previous sealer could not yet see.
    pending = list(AuditRecord.objects.filter(sequence__isnull=True).order_by("pk")[:SEAL_BATCH])
    if not pending:
        return 0
    for record in pending:
        if record.content_hash != record.compute_content_hash():
            raise AuditChainBroken(f"the record awaiting sealing with id {record.pk} was altered")
        record.sequence = head.last_sequence + 1
        record.previous_hash = head.last_hash
        record.record_hash = record.compute_hash()
        head.last_sequence = record.sequence
        head.last_hash = record.record_hash
    # Queryset updates: save() refuses to change a record, sealing is the one exception.
    AuditRecord.objects.bulk_update(pending, ["sequence", "previous_hash", "record_hash"])
    head.head_hash = head.compute_head_hash()
    head.save(update_fields=["last_sequence", "last_hash", "head_hash"])
    return len(pending)


def audit_verify() -> tuple[bool, str]:
    """Walk the chain to its keyed head; report the first broken link, or ok and how many
    records still await sealing."""
    head = AuditChainHead.objects.filter(pk=1).first()
    if head is None:
        if AuditRecord.objects.filter(sequence__isnull=False).exists():
            return False, _("the chain head is missing")
        head = AuditChainHead(last_sequence=0, last_hash=ZERO_HASH)
    elif head.head_hash != head.compute_head_hash():
        return False, _("the chain head was altered")

    previous = ZERO_HASH
    expected = 1
    sealed = AuditRecord.objects.filter(sequence__isnull=False).order_by("sequence")
    for record in sealed.iterator(chunk_size=2000):
        if record.sequence != expected:
            return False, _("record #%(expected)d is missing (found #%(found)d)") % {
                "expected": expected,
                "found": record.sequence,
            }
        if record.previous_hash != previous:
            return False, _("record #%(n)d does not follow record #%(m)d") % {
                "n": record.sequence,
                "m": record.sequence - 1,
            }
        if record.compute_hash() != record.record_hash:
            return False, _("record #%(n)d was altered") % {"n": record.sequence}
        if record.sequence == head.last_sequence and record.record_hash != head.last_hash:
            return False, _("the chain head does not name record #%(n)d") % {"n": record.sequence}
        previous = record.record_hash
        expected += 1
    # Records past the head were sealed while this ran; their keyed links vouch for them.
    count = expected - 1
    if count < head.last_sequence:
        return False, _("the trail ends at #%(end)d but %(head)d records were written") % {
            "end": count,
            "head": head.last_sequence,
        }

    awaiting = 0
    for record in AuditRecord.objects.filter(sequence__isnull=True).iterator(chunk_size=2000):
        if record.content_hash != record.compute_content_hash():
            return False, _("the record awaiting sealing with id %(id)d was altered") % {
                "id": record.pk
            }
        awaiting += 1
    records = ngettext("%(n)d record", "%(n)d records", count) % {"n": count}
    if awaiting:
        return True, ngettext(
            "ok (%(records)s, %(n)d awaiting sealing)",
            "ok (%(records)s, %(n)d awaiting sealing)",
            awaiting,
        ) % {"records": records, "n": awaiting}
    return True, _("ok (%(records)s)") % {"records": records}
