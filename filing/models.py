"""Court policy as data (BEY-2, SVC-1, GEN-2): per proceeding type, the document types that may
be filed, what each costs and whether its acceptance links the filer (CASE-3 (c)); and the
limits on the files of a filing. The registry maintains them through `filing.services`; the
public reads them through `filing.selectors` and /api/v1/policy/.

Money is exact: fees are `Decimal` in Hong Kong dollars with two decimal places, never float.
A fee is due per document filed; 0.00 where none is due.

File limits: one row per proceeding type that needs limits of its own, and one default row
(no proceeding type) for every other type (docs/decisions.md, "Court policy")."""

from decimal import Decimal

from django.db import models
from django.db.models import Q, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from cases.models import BilingualName, ProceedingType
from cases.services.linking import LinkingDocument

CURRENCY = "HKD"


class DocumentType(BilingualName):
    """A kind of document that may be filed in proceedings of one type, e.g. a Defence in a
    District Court Personal Injuries Action. `linking_role` says which of CASE-3 (c)'s
    documents it is (the vocabulary of `cases.services.linking.LinkingDocument`), or empty:
    its acceptance links nobody. An inactive type stays for the filings made with it but can
    no longer be filed."""

    proceeding_type = models.ForeignKey(
        ProceedingType, on_delete=models.PROTECT, related_name="document_types"
    )
    code = models.CharField(max_length=20, help_text="e.g. DEF; unique within its proceeding type")
    linking_role = models.CharField(
        max_length=30, choices=LinkingDocument.choices, blank=True, default=""
    )
    fee = models.DecimalField(max_digits=10, decimal_places=2, default=Decimal("0.00"))
    active = models.BooleanField(default=True)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["proceeding_type__code", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["proceeding_type", "code"], name="one_document_type_code_per_proceeding"
            ),
            models.CheckConstraint(condition=Q(fee__gte=0), name="document_type_fee_not_negative"),
        ]

    def __str__(self):
        return f"{self.code} · {self.name}"

    @property
    def is_originating(self) -> bool:
        return self.linking_role == LinkingDocument.ORIGINATING_DOCUMENT


class FileLimits(models.Model):
    """The limits on the files of one filing: the largest file, the most pages in one file,
    the most files in one filing. With a proceeding type, that type's own; without, the
    default for every type without a row of its own (exactly one such row)."""

    proceeding_type = models.ForeignKey(
        ProceedingType,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="Empty: the default row.",
    )
    max_file_bytes = models.PositiveIntegerField()
    max_pages = models.PositiveIntegerField()
    max_files = models.PositiveSmallIntegerField()
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            # One row per proceeding type, and one default row (no type: 0 in the index).
            models.UniqueConstraint(
                Coalesce("proceeding_type", Value(0)), name="one_file_limits_per_proceeding"
            ),
            models.CheckConstraint(
                condition=Q(max_file_bytes__gt=0, max_pages__gt=0, max_files__gt=0),
                name="file_limits_positive",
            ),
        ]

    def __str__(self):
        return self.proceeding_type.code if self.proceeding_type_id else "default"

    @property
    def is_default(self) -> bool:
        return self.proceeding_type_id is None
