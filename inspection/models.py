"""Public inspection (SVC-2, GEN-3): the registry's word on a case's documents and the public,
and the inspection of one document that a search fee paid for.

What is open by default is data too: per document type in the court's policy
(`filing.DocumentType.open_to_public_inspection`) and, for the court's own documents, per kind
(`inspection/rules.py`)."""

from django.conf import settings
from django.db import models
from django.utils import timezone


class CaseInspection(models.Model):
    """The registry's override on one case: `closed` hides every document of the case from
    the public, whatever its type (a sealed file, proceedings of a family nature), from the
    search, from a new paid inspection and from an inspection already paid for. No row: the
    case is open as its documents' types say. Each change is audited with its reasons."""

    case = models.OneToOneField(
        "cases.Case", on_delete=models.PROTECT, related_name="public_inspection"
    )
    closed = models.BooleanField(default=False)
    reasons = models.TextField(blank=True)
    set_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    set_at = models.DateTimeField(default=timezone.now)

    def __str__(self):
        return f"{self.case} ({'closed' if self.closed else 'open'})"


class InspectionGrant(models.Model):
    """The inspection of one document that a search fee paid for, made when the gateway's
    verified event settles the payment: its payer downloads the document through the payment's
    own secret link until `expires_at`, and only while the document stays open to public
    inspection. `token_hash` is the keyed hash of that secret (payments/tokens.py), never the
    secret itself."""

    document = models.ForeignKey(
        "documents.CaseDocument", on_delete=models.PROTECT, related_name="+"
    )
    payment = models.OneToOneField(
        "payments.Payment", on_delete=models.PROTECT, related_name="inspection_grant"
    )
    token_hash = models.CharField(max_length=64, unique=True)
    granted_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()

    def __str__(self):
        return f"Inspection of document {self.document_id}"
