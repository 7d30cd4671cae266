from django.db import transaction
from django.utils import timezone

from audit.models import AuditChainHead, AuditRecord

SYSTEM = "system"  # the scheduled jobs
APPLICANT = "applicant"  # a person without an account yet, acting on their own application


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
    with transaction.atomic():
        head, _ = AuditChainHead.objects.select_for_update().get_or_create(pk=1)
        record = AuditRecord(
            sequence=head.last_sequence + 1,
            at=timezone.now(),
            actor=actor if getattr(actor, "pk", None) else None,
            actor_label=actor.login_name if getattr(actor, "pk", None) else actor_label or SYSTEM,
            action=action,
            object_type=obj._meta.label_lower,
            object_id=str(obj.pk),
            before=before or {},
            after=after or {},
            previous_hash=head.last_hash,
        )
        record.record_hash = record.compute_hash()
        record.save()
        head.last_sequence = record.sequence
        head.last_hash = record.record_hash
        head.save(update_fields=["last_sequence", "last_hash"])
    return record


def audit_verify() -> tuple[bool, str]:
    """Walk the chain; report the first broken link, or ok."""
    previous = "0" * 64
    expected_sequence = 1
    count = 0
    for record in AuditRecord.objects.order_by("sequence").iterator(chunk_size=2000):
        if record.sequence != expected_sequence:
            return False, f"record #{expected_sequence} is missing (found #{record.sequence})"
        if record.previous_hash != previous:
            return False, f"record #{record.sequence} does not follow record #{record.sequence - 1}"
        if record.compute_hash() != record.record_hash:
            return False, f"record #{record.sequence} was altered"
        previous = record.record_hash
        expected_sequence += 1
        count += 1
    head = AuditChainHead.objects.filter(pk=1).first()
    if head and head.last_sequence != count:
        return False, f"the trail ends at #{count} but {head.last_sequence} records were written"
    return True, f"ok ({count} records)"
