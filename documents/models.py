"""A case's file (SVC-2, SVC-5): the documents the court issued to a case, and later those the
parties filed and the registry accepted (issue 14, e-filing), in one table so that the parties
inspect one file. An issued document carries a Document Reference Number (documents/drn.py);
its bytes, once stored, never change."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from cases.models import Case
from documents.drn import drn_display


class DocumentOrigin(models.TextChoices):
    ISSUED = "ISSUED", _("Issued by the court")
    # Filed by a party and accepted by the registry: written by e-filing (the filing app).
    FILED = "FILED", _("Filed by a party")


class IssuedKind(models.TextChoices):
    DIRECTION = "DIRECTION", _("Direction")
    ORDER = "ORDER", _("Order")
    # SVC-6: issued by the registry on a request for the certification of a translation
    # (translations app), never through "Issue a document".
    CERTIFIED_TRANSLATION = "CERTIFIED_TRANSLATION", _("Certified translation")


# What the registry issues by hand ("Issue a document", its API); the rest is issued by the
# services of the requests they answer.
ISSUED_BY_HAND = (IssuedKind.DIRECTION, IssuedKind.ORDER)


class IssueMethod(models.TextChoices):
    UPLOADED = "UPLOADED", _("Uploaded PDF")
    COMPOSED = "COMPOSED", _("Composed in the portal")


class ImmutableDocument(Exception):
    """A stored document is never changed: re-issuing makes a new document with a new DRN."""


def _document_path(instance, filename):
    if instance.drn:
        return f"documents/issued/{instance.drn}.pdf"
    return f"documents/{instance.origin.lower()}/{instance.sha256}.pdf"


class CaseDocument(models.Model):
    """One document of a case's file. `origin` says where it came from: ISSUED by the court
    (with its DRN and how the registry made it), or FILED by a party (written by e-filing;
    no DRN). `kind` is, for an issued document, an `IssuedKind`; for a filed one, the code of
    its document type in the court's policy. `dated_at` is when it was issued or filed."""

    # No index of its own: `case_file_newest` begins with the case.
    case = models.ForeignKey(
        Case, on_delete=models.PROTECT, related_name="documents", db_index=False
    )
    origin = models.CharField(max_length=10, choices=DocumentOrigin.choices)
    kind = models.CharField(max_length=40)
    title = models.CharField(max_length=200)
    # Looked up whole, never by pattern: no `varchar_pattern_ops` copy of its index on
    # PostgreSQL (migration 0003).
    drn = models.CharField(max_length=16, unique=True, null=True, blank=True)
    method = models.CharField(max_length=10, choices=IssueMethod.choices, blank=True)
    file = models.FileField(upload_to=_document_path, max_length=200)
    sha256 = models.CharField(max_length=64)
    size = models.PositiveIntegerField()
    page_count = models.PositiveIntegerField()
    dated_at = models.DateTimeField()
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True
    )

    class Meta:
        constraints = [
            # SVC-5: every document the court issues has a DRN; nothing else has one.
            models.CheckConstraint(
                condition=(Q(origin=DocumentOrigin.ISSUED) & Q(drn__isnull=False))
                | (~Q(origin=DocumentOrigin.ISSUED) & Q(drn__isnull=True)),
                name="drn_exactly_on_issued_documents",
            ),
        ]
        indexes = [
            models.Index(fields=["case", "-dated_at", "-id"], name="case_file_newest"),
            # SVC-2: the public search, newest first, across every case: by dates alone, and by
            # type (docs/decisions.md, "The public document search at ten million documents").
            models.Index(fields=["-dated_at", "-id"], include=["case"], name="documents_newest"),
            models.Index(fields=["kind", "-dated_at", "-id"], name="documents_of_a_kind_newest"),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise ImmutableDocument(f"Case document {self.pk} is immutable.")
        super().save(*args, **kwargs)

    @property
    def display_drn(self) -> str:
        return drn_display(self.drn) if self.drn else ""

    @property
    def kind_label(self) -> str:
        if self.origin == DocumentOrigin.ISSUED and self.kind in IssuedKind.values:
            return IssuedKind(self.kind).label
        return self.kind
