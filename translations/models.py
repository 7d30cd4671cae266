"""SVC-6 [A38]: a request to the court for the certification of a translation. An IU linked to
a case, or an OU assigned to it, submits the translation (a PDF) of a document: one of the
case's file or a source PDF it uploads, from English into Chinese or the other way, and pays a
fee per page of the translation. The registry certifies it, which issues the translation to
the case as a document of its own, with a Document Reference Number (documents.services), or
rejects it with reasons, refunding the fee.

The files are kept in e-filing's content store by their SHA-256 (filing/storage.py)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from payments.models import FeeBearing


class Language(models.TextChoices):
    """The court's two official languages."""

    ENGLISH = "en", _("English")
    CHINESE = "zh", _("Chinese")


class CertificationStatus(models.TextChoices):
    """Where a request stands (CERTIFICATION_TRANSITIONS in translations/transitions.py)."""

    AWAITING_PAYMENT = "AWAITING_PAYMENT", _("Awaiting payment")
    SUBMITTED = "SUBMITTED", _("Submitted, awaiting the registry")
    CERTIFIED = "CERTIFIED", _("Certified")
    REJECTED = "REJECTED", _("Rejected")
    WITHDRAWN = "WITHDRAWN", _("Withdrawn")


class CertificationRequest(FeeBearing):
    """One translation to certify. `account` is the applicant (whose own request it is,
    ROLE-1) and `organization` an OU's organization (whose administrators follow it). The
    source is either `source_document` (a document of the case's file) or an uploaded PDF
    (`source_sha256`); `source_title` is its title either way."""

    # No index of its own: `certifications_of_an_account` begins with it.
    account = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="certification_requests",
        db_index=False,
    )
    organization = models.ForeignKey(
        "organizations.Organization",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="certification_requests",
    )
    case = models.ForeignKey(
        "cases.Case", on_delete=models.PROTECT, related_name="certification_requests"
    )
    source_document = models.ForeignKey(
        "documents.CaseDocument",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    source_title = models.CharField(max_length=160)
    source_file_name = models.CharField(max_length=200, blank=True)
    source_sha256 = models.CharField(max_length=64, blank=True)
    source_size = models.PositiveIntegerField(null=True, blank=True)
    source_page_count = models.PositiveIntegerField(null=True, blank=True)
    source_language = models.CharField(max_length=2, choices=Language.choices)
    target_language = models.CharField(max_length=2, choices=Language.choices)
    translation_file_name = models.CharField(max_length=200)
    translation_sha256 = models.CharField(max_length=64)
    translation_size = models.PositiveIntegerField()
    pages = models.PositiveIntegerField(help_text="Pages of the translation; the fee is per page.")
    status = models.CharField(
        max_length=20,
        choices=CertificationStatus.choices,
        default=CertificationStatus.AWAITING_PAYMENT,
    )
    # The certified translation, issued to the case with its DRN.
    certified_document = models.OneToOneField(
        "documents.CaseDocument",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="certified_translation_of",
    )

    class Meta:
        constraints = [
            models.CheckConstraint(condition=Q(fee__gte=0), name="certification_fee_not_negative"),
            models.CheckConstraint(
                condition=~Q(source_language=models.F("target_language")),
                name="certification_between_two_languages",
            ),
            # The source: a document of the case's file, or an uploaded PDF; not both.
            models.CheckConstraint(
                condition=(Q(source_document__isnull=False) & Q(source_sha256=""))
                | (Q(source_document__isnull=True) & ~Q(source_sha256="")),
                name="certification_one_source",
            ),
            models.CheckConstraint(
                condition=~Q(status__in=["SUBMITTED", "CERTIFIED", "REJECTED"])
                | Q(submitted_at__isnull=False),
                name="certification_submitted_on_a_date",
            ),
            models.CheckConstraint(
                condition=~Q(status="CERTIFIED") | Q(certified_document__isnull=False),
                name="certified_with_its_document",
            ),
        ]
        indexes = [
            models.Index(
                fields=["submitted_at", "id"],
                condition=Q(status="SUBMITTED"),
                name="certification_queue",
            ),
            models.Index(fields=["account", "-id"], name="certifications_of_an_account"),
        ]

    def __str__(self):
        return self.reference or f"certification request {self.pk}"

    @property
    def source_uploaded(self) -> bool:
        return self.source_document_id is None

    @property
    def certified_title(self) -> str:
        return f"Certified translation of {self.source_title}"
