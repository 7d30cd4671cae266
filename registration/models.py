from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.identity import id_document_number_display
from accounts.models import IdentityDocumentType, Language
from core.names import person_name
from core.wording import bracketed
from organizations.models import OrganizationType, RegistrationDocumentType


class ApplicationType(models.TextChoices):
    IU = "IU", _("Individual User account")
    PA = "PA", _("Organization account (Primary Administrator)")
    # ORG-8 [A51]: a new PA for an organization that has one.
    PA_REPLACEMENT = "PA_REPLACEMENT", _("Replacement of a Primary Administrator")


class Channel(models.TextChoices):
    # GEN-6: how the application reached the court.
    ONLINE = "ONLINE", _("Online")
    FAX = "FAX", _("Fax")
    POST = "POST", _("Post")
    HAND = "HAND", _("By hand")
    # ORG-8 [A51]: an organization may ask for a replacement PA by email.
    EMAIL = "EMAIL", _("Email")


# GEN-6: how a paper application reaches the court; a replacement PA may also be asked for
# by email [A51] (registration.kinds).
PAPER_CHANNEL_CHOICES = [(c.value, c.label) for c in (Channel.FAX, Channel.POST, Channel.HAND)]
REPLACEMENT_CHANNEL_CHOICES = [
    (c.value, c.label) for c in (Channel.EMAIL, Channel.FAX, Channel.POST, Channel.HAND)
]


class ApplicationStatus(models.TextChoices):
    SUBMITTED = "SUBMITTED", _("Awaiting vetting")
    INFO_REQUESTED = "INFO_REQUESTED", _("More information requested")
    AWAITING_AUTHENTICATION = (
        "AWAITING_AUTHENTICATION",
        _("In order: awaiting identity authentication"),
    )
    APPROVED = "APPROVED", _("Authenticated: account issued")
    REJECTED = "REJECTED", _("Rejected")


PENDING_STATUSES = [
    ApplicationStatus.SUBMITTED,
    ApplicationStatus.INFO_REQUESTED,
    ApplicationStatus.AWAITING_AUTHENTICATION,
]


class RejectionKind(models.TextChoices):
    VETTING = "VETTING", _("Rejected on vetting")
    # The label states IDA-3's period (core.policy.AUTHENTICATION_PERIOD).
    NOT_AUTHENTICATED = "NOT_AUTHENTICATED", _("Identity not authenticated in time")


class Eligibility(models.TextChoices):
    """Who may register [A5]: parties, or another person with a reason the JA accepts."""

    PARTY = "PARTY", _("A party to an on-going or new e-proceeding, acting in person")
    OTHER = "OTHER", _("Another person with good reason, e.g. allowed by leave of the Court")


class PartyType(models.TextChoices):
    PLAINTIFF = "PLAINTIFF", _("Plaintiff")
    DEFENDANT = "DEFENDANT", _("Defendant")
    THIRD_PARTY = "THIRD_PARTY", _("Third party")
    APPLICANT = "APPLICANT", _("Applicant")
    RESPONDENT = "RESPONDENT", _("Respondent")
    INTERESTED_PARTY = "INTERESTED_PARTY", _("Interested party")
    NOT_A_PARTY = "NOT_A_PARTY", _("Not a party (reason given)")


class Application(models.Model):
    """An application for an account, from submission to the account it produced."""

    reference = models.CharField(max_length=20, unique=True, help_text="Quoted to the applicant.")
    application_type = models.CharField(
        max_length=20, choices=ApplicationType.choices, default=ApplicationType.IU
    )
    status = models.CharField(
        max_length=30, choices=ApplicationStatus.choices, default=ApplicationStatus.SUBMITTED
    )
    channel = models.CharField(max_length=10, choices=Channel.choices, default=Channel.ONLINE)
    keyed_in_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="The Help Centre officer who keyed in a paper application.",
    )
    # REG-2 particulars
    surname = models.CharField(max_length=100)
    given_name = models.CharField(max_length=100)
    id_document_type = models.CharField(max_length=10, choices=IdentityDocumentType.choices)
    id_document_number = models.CharField(
        max_length=40, help_text="Normalized: upper case letters and digits only."
    )
    address = models.TextField()
    phone = models.CharField(max_length=40)
    email = models.EmailField()
    language = models.CharField(max_length=10, choices=Language.choices, default=Language.EN)
    eligibility = models.CharField(
        max_length=10, choices=Eligibility.choices, default=Eligibility.PARTY
    )
    eligibility_reason = models.TextField(
        blank=True, help_text="REG-1: why a person who is not a party should be registered."
    )
    prospective_litigant = models.BooleanField(
        default=False, help_text="No case yet; a draft originating document is attached (REG-3)."
    )
    email_already_registered = models.BooleanField(
        default=False, help_text="REG-6 warning shown: the email is used by another account."
    )
    # Vetting and authentication
    submitted_at = models.DateTimeField()
    received_on = models.DateField(
        help_text="GEN-6: the date the court received the application (Hong Kong): the "
        "submission date online; on paper, the date of the fax, post or delivery by hand."
    )
    due_date = models.DateField(
        help_text="Vetting due: 3 working days after the application was received (REG-8)."
    )
    in_order_at = models.DateTimeField(null=True, blank=True)
    authentication_due = models.DateField(
        null=True, blank=True, help_text="Last day to authenticate identity (IDA-1)."
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    filing_deadline = models.DateField(
        null=True,
        blank=True,
        help_text="REG-3: a prospective litigant must file an e-proceeding by this date; set "
        "when identity is authenticated and stated in the activation email.",
    )
    rejection_kind = models.CharField(max_length=20, choices=RejectionKind.choices, blank=True)
    rejection_reasons = models.TextField(blank=True)
    account = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="application",
    )
    # PA applications (REG-7 [A22]): the organization's particulars, as applied for.
    organization_name = models.CharField(max_length=200, blank=True)
    organization_type = models.CharField(
        max_length=30, choices=OrganizationType.choices, blank=True
    )
    organization_registration_document_type = models.CharField(
        max_length=30, choices=RegistrationDocumentType.choices, blank=True
    )
    organization_registration_document_number = models.CharField(max_length=40, blank=True)
    organization_address = models.TextField(blank=True)
    # The organization: created when a PA application's identity is authenticated; for a
    # replacement PA (ORG-8), the organization the new PA is for.
    organization = models.ForeignKey(
        "organizations.Organization",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="applications",
    )
    replacement_reasons = models.TextField(blank=True)

    class Meta:
        ordering = ["due_date", "submitted_at"]
        constraints = [
            # REG-5 backstop: one pending IU application per identity document.
            models.UniqueConstraint(
                fields=["id_document_type", "id_document_number"],
                condition=models.Q(application_type="IU", status__in=PENDING_STATUSES),
                name="one_pending_iu_application_per_identity_document",
            ),
            # Backstop of one pending PA application per organization registration document
            # (docs/decisions.md, "PA applications").
            models.UniqueConstraint(
                fields=[
                    "organization_registration_document_type",
                    "organization_registration_document_number",
                ],
                condition=models.Q(application_type="PA", status__in=PENDING_STATUSES)
                & ~models.Q(organization_registration_document_number=""),
                name="one_pending_pa_application_per_registration_document",
            ),
        ]
        indexes = [models.Index(fields=["status", "due_date"])]

    def __str__(self):
        return self.reference

    @property
    def full_name(self) -> str:
        return person_name(f"{self.surname} {self.given_name}")

    @property
    def id_document_number_shown(self) -> str:
        return id_document_number_display(self.id_document_number, self.id_document_type)


class ProposedCase(models.Model):
    """A case listed in the application (REG-2) to link on approval (REG-9)."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="cases")
    case_number = models.CharField(max_length=30, help_text="e.g. DCPI 1234/2025")
    party_type = models.CharField(max_length=20, choices=PartyType.choices)

    def __str__(self):
        return bracketed(self.case_number, self.get_party_type_display())


class DocumentKind(models.TextChoices):
    PROOF_OF_INVOLVEMENT = "PROOF_OF_INVOLVEMENT", _("Proof of involvement in the proceedings")
    DRAFT_ORIGINATING_DOCUMENT = "DRAFT_ORIGINATING", _("Draft originating document")
    SCANNED_APPLICATION_FORM = "SCANNED_FORM", _("Scanned application form")
    # REG-4 [A23]: a PA application's documents.
    AUTHORIZATION_LETTER = (
        "AUTHORIZATION_LETTER",
        _("Letter of authorization or resolution authorizing the applicant"),
    )
    ORGANIZATION_STATUS_PROOF = (
        "ORGANIZATION_STATUS_PROOF",
        _("Proof of the organization's status (e.g. business registration certificate)"),
    )
    SUPPLEMENTARY = "SUPPLEMENTARY", _("Supplementary document")


# The upload field (on the pages and in the API) that carries each kind of document.
DOCUMENT_UPLOAD_FIELDS = {
    DocumentKind.PROOF_OF_INVOLVEMENT: "proof_of_involvement",
    DocumentKind.DRAFT_ORIGINATING_DOCUMENT: "draft_originating_document",
    DocumentKind.SCANNED_APPLICATION_FORM: "scanned_application_form",
    DocumentKind.AUTHORIZATION_LETTER: "authorization_letter",
    DocumentKind.ORGANIZATION_STATUS_PROOF: "organization_status_proof",
    DocumentKind.SUPPLEMENTARY: "documents",
}
# The services name a document's errors by its kind ("documents-SCANNED_FORM"); the person or
# program that sent it knows the upload field ("scanned_application_form").
DOCUMENT_ERROR_FIELDS = {
    f"documents-{kind}": field for kind, field in DOCUMENT_UPLOAD_FIELDS.items()
}


def _document_path(instance, filename):
    return (
        f"applications/{instance.application.reference}/{instance.sha256[:16]}{instance.extension}"
    )


class SupportingDocument(models.Model):
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="documents")
    kind = models.CharField(max_length=30, choices=DocumentKind.choices)
    file = models.FileField(upload_to=_document_path)
    original_name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=100)
    extension = models.CharField(max_length=8)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    uploaded_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return self.original_name


class InformationRequest(models.Model):
    """A vetting officer's request for more information, and the applicant's answer (REG-8)."""

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="information_requests"
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    requested_at = models.DateTimeField()
    message = models.TextField()
    answered_at = models.DateTimeField(null=True, blank=True)
    answer = models.TextField(blank=True)

    class Meta:
        ordering = ["requested_at"]


class Counter(models.TextChoices):
    """The eight places where identity is authenticated in person (IDA-1, [A28])."""

    HELP_CENTRE = "HELP_CENTRE", _("Help Centre, 5/F Wanchai Tower, 12 Harbour Road, Wanchai")
    EASTERN = "EASTERN", _("Eastern Magistrates' Courts, 7/F, 29 Tai On Street, Sai Wan Ho")
    KOWLOON_CITY = "KOWLOON_CITY", _("Kowloon City Magistrates' Courts, 3/F, 147M Argyle Street")
    KWUN_TONG = "KWUN_TONG", _("Kwun Tong Magistrates' Courts, 2/F, 10 Lei Yue Mun Road")
    WEST_KOWLOON = (
        "WEST_KOWLOON",
        _("West Kowloon Magistrates' Courts, 3/F, Tower A, 501 Tung Chau Street, Sham Shui Po"),
    )
    FANLING = "FANLING", _("Fanling Magistrates' Courts, 2/F, 1 Pik Fung Road, Fanling")
    SHATIN = "SHATIN", _("Shatin Magistrates' Courts, 2/F, 1 Yi Ching Lane, Shatin")
    TUEN_MUN = "TUEN_MUN", _("Tuen Mun Magistrates' Courts, 2/F, 1 Tuen Hi Road, Tuen Mun")


class AuthenticationMode(models.TextChoices):
    IN_PERSON = "IN_PERSON", _("In person, with the original identification document")
    REPRESENTATIVE = "REPRESENTATIVE", _("By an authorized representative")


class IdentityAuthentication(models.Model):
    """What a counter officer recorded when identity was authenticated (IDA-2)."""

    application = models.OneToOneField(
        Application, on_delete=models.PROTECT, related_name="identity_authentication"
    )
    counter = models.CharField(max_length=20, choices=Counter.choices)
    mode = models.CharField(max_length=20, choices=AuthenticationMode.choices)
    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField()
    presented_document_type = models.CharField(max_length=10, choices=IdentityDocumentType.choices)
    presented_document_number = models.CharField(max_length=40)
    representative_name = models.CharField(max_length=200, blank=True)
    representative_document_type = models.CharField(
        max_length=10, choices=IdentityDocumentType.choices, blank=True
    )
    representative_document_number = models.CharField(max_length=40, blank=True)
    authorization_letter_seen = models.BooleanField(default=False)
    applicant_document_copy_seen = models.BooleanField(default=False)
