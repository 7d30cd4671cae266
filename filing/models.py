"""Court policy as data (BEY-2, SVC-1, GEN-2): per proceeding type, the document types that may
be filed, what each costs and whether its acceptance links the filer (CASE-3 (c)); and the
limits on the files of a filing. The registry maintains them through `filing.services`; the
public reads them through `filing.selectors` and /api/v1/policy/.

Money is exact: fees are `Decimal` in Hong Kong dollars with two decimal places, never float.
A fee is due per document filed; 0.00 where none is due.

File limits: one row per proceeding type that needs limits of its own, and one default row
(no proceeding type) for every other type (docs/decisions.md, "Court policy")."""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cases.models import BilingualName, PartyType, ProceedingType
from cases.services.linking import LinkingDocument
from payments.models import FeeBearing

CURRENCY = "HKD"


class FiledBy(models.TextChoices):
    """Which side of the proceedings files a document type: a Defence comes from the side that
    was sued, a Reply from the side that sued. The registry sets it per type; the filing form
    offers a filer only what its party may file, and the filing service refuses the rest."""

    ANY_PARTY = "ANY_PARTY", _("Any party")
    CLAIMING = "CLAIMING", _("The claiming side (plaintiff, applicant)")
    RESPONDING = "RESPONDING", _("The responding side (defendant, respondent, third party)")


# The party types on each side.
FILING_SIDES = {
    FiledBy.ANY_PARTY: frozenset(PartyType.values),
    FiledBy.CLAIMING: frozenset({PartyType.PLAINTIFF, PartyType.APPLICANT}),
    FiledBy.RESPONDING: frozenset(
        {PartyType.DEFENDANT, PartyType.RESPONDENT, PartyType.THIRD_PARTY}
    ),
}


class DocumentType(BilingualName):
    """A kind of document that may be filed in proceedings of one type, e.g. a Defence in a
    District Court Personal Injuries Action. `linking_role` says which of CASE-3 (c)'s
    documents it is (the vocabulary of `cases.services.linking.LinkingDocument`), or empty:
    its acceptance links nobody. An inactive type stays for the filings made with it but can
    no longer be filed."""

    # No index of its own: `one_document_type_code_per_proceeding` begins with it.
    proceeding_type = models.ForeignKey(
        ProceedingType,
        on_delete=models.PROTECT,
        related_name="document_types",
        db_index=False,
    )
    code = models.CharField(max_length=20, help_text="e.g. DEF; unique within its proceeding type")
    linking_role = models.CharField(
        max_length=30, choices=LinkingDocument.choices, blank=True, default=""
    )
    fee = models.DecimalField(max_digits=10, decimal_places=2, default=Decimal("0.00"))
    active = models.BooleanField(default=True)
    # SVC-2, GEN-3: whether the documents of this type, once accepted into a case's file, are
    # open to public inspection (searched by anyone, inspected after the search fee). The
    # registry decides; a case the registry closes to the public hides them all the same.
    open_to_public_inspection = models.BooleanField(default=False)
    filed_by = models.CharField(max_length=12, choices=FiledBy.choices, default=FiledBy.ANY_PARTY)
    # [A12]: whether counsel the party's solicitors instructed may file it (written
    # submissions, skeleton arguments, lists of authorities); everything else the solicitors
    # file themselves.
    counsel_may_file = models.BooleanField(default=False)
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

    def may_be_filed_for(self, party_type: str) -> bool:
        return party_type in FILING_SIDES[self.filed_by]


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


# --- e-filing (SVC-1) ---------------------------------------------------------------------------


class FilingStatus(models.TextChoices):
    """Where a filing stands (FILING_TRANSITIONS in filing/transitions.py says how it moves)."""

    AWAITING_PAYMENT = "AWAITING_PAYMENT", _("Awaiting payment")
    SUBMITTED = "SUBMITTED", _("Submitted, awaiting the registry")
    ACCEPTED = "ACCEPTED", _("Accepted")
    REJECTED = "REJECTED", _("Rejected")
    WITHDRAWN = "WITHDRAWN", _("Withdrawn")


class Filing(FeeBearing):
    """SVC-1 [A2]: documents an IU or an OU sends to the court in one go, for one party of a
    case (or, with an originating document, for a party of new proceedings, which the registry
    opens as a case when it accepts the filing). `account` is the filer (whose own filing it
    is, ROLE-1) and `organization` the OU's organization (whose administrators follow it).

    The party: a filer linked to the case files for its linked party (`party` set at once); a
    filer not yet linked names the party it acts for by type and position, and the registry
    finds it on acceptance, which links the filer (CASE-3 (c))."""

    # No index of its own: `filings_of_a_filer` begins with it.
    account = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="filings",
        db_index=False,
    )
    # No index of its own: `filings_of_an_organization` begins with it.
    organization = models.ForeignKey(
        "organizations.Organization",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="filings",
        db_index=False,
    )
    proceeding_type = models.ForeignKey(ProceedingType, on_delete=models.PROTECT, related_name="+")
    # None until the registry opens the case of an originating filing.
    case = models.ForeignKey(
        "cases.Case", on_delete=models.PROTECT, null=True, blank=True, related_name="filings"
    )
    party = models.ForeignKey(
        "cases.CaseParty", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    party_type = models.CharField(max_length=20, choices=PartyType.choices)
    party_position = models.PositiveSmallIntegerField(default=1)
    # An originating filing: the title of the new proceedings and their parties, the filer's
    # own first ([{"party_type", "position", "name"}]), for the registry's new case.
    originating = models.BooleanField(default=False)
    title = models.CharField(max_length=300, blank=True)
    new_case_parties = models.JSONField(default=list, blank=True)
    status = models.CharField(
        max_length=20, choices=FilingStatus.choices, default=FilingStatus.AWAITING_PAYMENT
    )

    class Meta:
        constraints = [
            models.CheckConstraint(condition=Q(fee__gte=0), name="filing_fee_not_negative"),
            models.CheckConstraint(
                condition=Q(originating=True) | Q(case__isnull=False),
                name="filing_in_a_case_unless_originating",
            ),
            models.CheckConstraint(
                condition=~Q(status__in=["SUBMITTED", "ACCEPTED", "REJECTED"])
                | Q(submitted_at__isnull=False),
                name="filing_submitted_on_a_date",
            ),
        ]
        indexes = [
            # The registry's queue, oldest first.
            models.Index(
                fields=["submitted_at", "id"],
                condition=Q(status="SUBMITTED"),
                name="filing_queue_oldest_first",
            ),
            models.Index(fields=["account", "-id"], name="filings_of_a_filer"),
            models.Index(fields=["organization", "-id"], name="filings_of_an_organization"),
        ]

    def __str__(self):
        return self.reference or f"filing {self.pk}"

    @property
    def case_label(self) -> str:
        return self.case.number if self.case_id else self.title


class FiledDocument(models.Model):
    """One PDF of a filing, kept in the content store by its SHA-256 (filing/storage.py).
    When the registry accepts the filing it joins the case file as `case_document`."""

    # No index of its own: `one_filed_document_per_position` begins with it.
    filing = models.ForeignKey(
        Filing, on_delete=models.CASCADE, related_name="documents", db_index=False
    )
    position = models.PositiveSmallIntegerField()
    document_type = models.ForeignKey(DocumentType, on_delete=models.PROTECT, related_name="+")
    title = models.CharField(max_length=200)
    file_name = models.CharField(max_length=200)
    sha256 = models.CharField(max_length=64)
    size = models.PositiveIntegerField()
    page_count = models.PositiveIntegerField()
    fee = models.DecimalField(max_digits=10, decimal_places=2)
    case_document = models.OneToOneField(
        "documents.CaseDocument",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="filed_as",
    )

    class Meta:
        ordering = ["filing", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["filing", "position"], name="one_filed_document_per_position"
            ),
        ]

    def __str__(self):
        return self.title
