"""Reads on the audit trail."""

from django.utils.translation import gettext_lazy as _

from audit.models import AuditRecord
from permissions.roles import Capability, require

# What each recorded action is called on the staff's screens.
ACTION_LABELS = {
    "application.submitted": _("Application received"),
    "application.information_requested": _("More information requested"),
    "application.supplemented": _("Information supplemented by the applicant"),
    "application.marked_in_order": _("Marked in order"),
    "application.rejected": _("Rejected"),
    "application.identity_authenticated": _("Identity authenticated; account issued"),
    "application.authentication_expired": _("Not authenticated within 30 days"),
}


def audit_record_count(*, actor) -> int:
    require(actor, Capability.ADMINISTER_SYSTEM)
    return AuditRecord.objects.count()


def application_history(*, actor, application) -> list[dict]:
    """OPS-2 for the officer handling an application: who did what to it, and when."""
    require(actor, Capability.VIEW_APPLICATIONS)
    records = AuditRecord.objects.filter(
        object_type=application._meta.label_lower, object_id=str(application.pk)
    ).order_by("at", "pk")  # records awaiting sealing have no sequence yet
    return [
        {"at": r.at, "who": r.actor_label, "what": ACTION_LABELS.get(r.action, r.action)}
        for r in records
    ]
