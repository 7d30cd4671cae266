"""Reads on the audit trail."""

from accounts.roles import Capability, require
from audit.models import AuditRecord


def audit_record_count(*, actor) -> int:
    require(actor, Capability.ADMINISTER_SYSTEM)
    return AuditRecord.objects.count()
