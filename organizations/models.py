"""Organizations (ORG-1..8): the organization an approved PA application creates, its
Organization Code (AUTH-2), its approved limits (ORG-3, ORG-4), its branches (ORG-2), its
default OUs (ORG-7) and the PA's requests to change its configuration (ORG-4, REG-10).

The PA, SA and OU accounts are `accounts.User` rows that point here. Every write goes through
`organizations.services`; these models hold data and invariants only."""

import dataclasses
import hmac

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core import policy
from organizations.codes import normalize_organization_code, organization_code_display


class OrganizationType(models.TextChoices):
    """Who registers an organization account [A5, A21, A23]."""

    BAR_ASSOCIATION = "BAR_ASSOCIATION", _("Hong Kong Bar Association")
    LAW_SOCIETY = "LAW_SOCIETY", _("The Law Society of Hong Kong")
    LAW_FIRM = "LAW_FIRM", _("Law firm registered with the Law Society")
    GOVERNMENT_DEPARTMENT = "GOVERNMENT_DEPARTMENT", _("Government department")
    LAW_ENFORCEMENT_AGENCY = "LAW_ENFORCEMENT_AGENCY", _("Law enforcement agency")
    STATUTORY_BODY = "STATUTORY_BODY", _("Statutory body")
    COMPANY = "COMPANY", _("Company or other incorporated body")
    UNINCORPORATED = "UNINCORPORATED", _("Sole proprietorship, partnership or other body")


# REG-4 [A23]: these organizations need not prove their involvement in proceedings.
PROOF_OF_INVOLVEMENT_EXEMPT = frozenset(
    {
        OrganizationType.BAR_ASSOCIATION,
        OrganizationType.LAW_SOCIETY,
        OrganizationType.LAW_FIRM,
        OrganizationType.GOVERNMENT_DEPARTMENT,
        OrganizationType.LAW_ENFORCEMENT_AGENCY,
        OrganizationType.STATUTORY_BODY,
    }
)

# REG-10 [A24]: organizations that may ask for sub-accounts registered by post title.
POST_BASED_ELIGIBLE = frozenset(
    {
        OrganizationType.GOVERNMENT_DEPARTMENT,
        OrganizationType.LAW_ENFORCEMENT_AGENCY,
        OrganizationType.STATUTORY_BODY,
    }
)


class RegistrationDocumentType(models.TextChoices):
    """The document that shows the organization's status (REG-7 [A22], REG-4 [A23])."""

    BUSINESS_REGISTRATION = "BR", _("Business registration certificate")
    COMPANY_REGISTRATION = "CR", _("Certificate of incorporation (Companies Registry)")
    SOCIETY_REGISTRATION = "SOCIETY", _("Certificate of registration of a society")
    TRADE_UNION = "TRADE_UNION", _("Certificate of registration of a trade union")
    OWNERS_CORPORATION = (
        "OWNERS_CORPORATION",
        _("Certificate of registration of owners' corporation"),
    )
    TAX_EXEMPTION = "TAX_EXEMPTION", _("Tax exemption letter of the Inland Revenue Department")
    GOVERNMENT = "GOVERNMENT", _("Government department or public body (no registration)")
    OTHER = "OTHER", _("Other document showing the organization's status")


class OrganizationStatus(models.TextChoices):
    ACTIVE = "ACTIVE", _("In service")
    # ORG-8 [A51]: with no active PA, no SA or OU of the organization can be used.
    NO_ACTIVE_PA = "NO_ACTIVE_PA", _("No active Primary Administrator")


class TerminationRequestChannel(models.TextChoices):
    """ORG-8 [A51]: how an organization's request to end its PA's account reached the court."""

    EMAIL = "EMAIL", _("Email")
    FAX = "FAX", _("Fax")
    POST = "POST", _("Post")
    COUNTER = "COUNTER", _("In person at the counter")


class Organization(models.Model):
    code = models.CharField(
        _("Organization Code"),
        max_length=16,
        unique=True,
        help_text="AUTH-2: system-generated, random, never reused (organizations are kept).",
    )
    name = models.CharField(_("organization name"), max_length=200)
    organization_type = models.CharField(
        _("organization type"), max_length=30, choices=OrganizationType.choices
    )
    registration_document_type = models.CharField(
        _("registration document type"), max_length=30, choices=RegistrationDocumentType.choices
    )
    registration_document_number = models.CharField(
        _("registration document number"), max_length=40, blank=True
    )
    address = models.TextField(_("address"))
    status = models.CharField(
        max_length=20, choices=OrganizationStatus.choices, default=OrganizationStatus.NO_ACTIVE_PA
    )
    # REG-10: approved by a vetting officer on the PA's request.
    post_based_accounts = models.BooleanField(default=False)
    # ORG-3/ORG-4: an approved limit; empty means the default of core.policy.
    max_primary_administrators = models.PositiveSmallIntegerField(null=True, blank=True)
    max_secondary_administrators = models.PositiveSmallIntegerField(null=True, blank=True)
    max_organization_users = models.PositiveSmallIntegerField(null=True, blank=True)
    max_default_organization_users = models.PositiveSmallIntegerField(null=True, blank=True)
    max_branches = models.PositiveSmallIntegerField(null=True, blank=True)
    max_organization_users_per_case_party = models.PositiveSmallIntegerField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self):
        return self.name

    @property
    def organization_id(self):
        # The permission layer's object rules read `organization_id` (permissions.roles).
        return self.pk

    @property
    def limits(self) -> policy.OrganizationLimits:
        """ORG-3: the defaults, with the values a vetting officer approved (ORG-4)."""
        approved = {
            field.name: getattr(self, f"max_{field.name}")
            for field in dataclasses.fields(policy.OrganizationLimits)
        }
        return dataclasses.replace(
            policy.DEFAULT_ORGANIZATION_LIMITS,
            **{name: value for name, value in approved.items() if value is not None},
        )

    @property
    def in_service(self) -> bool:
        return self.status == OrganizationStatus.ACTIVE

    @property
    def code_display(self) -> str:
        """The Organization Code as shown to people: in two groups (AUTH-2)."""
        return organization_code_display(self.code)

    def code_matches(self, typed: str) -> bool:
        """Whether `typed` is this organization's code, read forgivingly (AUTH-2, ACT-4). The
        accounts layer asks this through an account's `organization`, without importing
        this app."""
        typed = normalize_organization_code(typed if isinstance(typed, str) else "")
        return bool(typed) and hmac.compare_digest(typed, self.code)


class Branch(models.Model):
    """ORG-2: the PA creates and maintains branch codes; every SA and OU belongs to one."""

    # No index of its own: `one_branch_code_per_organization` begins with it.
    organization = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        related_name="branches",
        db_index=False,
    )
    code = models.CharField(_("branch code"), max_length=20)
    name = models.CharField(_("branch name"), max_length=200, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["code"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "code"], name="one_branch_code_per_organization"
            )
        ]

    def __str__(self):
        return self.code

    @property
    def branch_id(self):
        return self.pk


class DefaultOU(models.Model):
    """ORG-7 [A43]: an OU that receives the messages of the organization's cases that are
    assigned to no OU. One to five per organization (the limit: ORG-3)."""

    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="default_ous"
    )
    account = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="default_ou"
    )
    designated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    designated_at = models.DateTimeField(default=timezone.now)

    def __str__(self):
        return f"{self.organization_id}: {self.account_id}"


class ConfigurationChangeKind(models.TextChoices):
    LIMITS = "LIMITS", _("Change of the maximum numbers of accounts or branches")
    POST_BASED_ACCOUNTS = "POST_BASED", _("Sub-accounts registered by post title")


class ConfigurationChangeStatus(models.TextChoices):
    SUBMITTED = "SUBMITTED", pgettext_lazy("configuration change", "Awaiting decision")
    APPROVED = "APPROVED", pgettext_lazy("configuration change", "Approved")
    REJECTED = "REJECTED", pgettext_lazy("configuration change", "Rejected")


class ConfigurationChangeRequest(models.Model):
    """ORG-4 [A50]: the PA asks for other limits; REG-10 [A24]: the PA of a government
    department or agency asks to register SA/OU accounts by post title. Either way with
    justification, decided by a vetting officer within the vetting period (REG-8)."""

    reference = models.CharField(max_length=20, unique=True)
    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="configuration_changes"
    )
    kind = models.CharField(max_length=20, choices=ConfigurationChangeKind.choices)
    status = models.CharField(
        max_length=20,
        choices=ConfigurationChangeStatus.choices,
        default=ConfigurationChangeStatus.SUBMITTED,
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    submitted_at = models.DateTimeField(default=timezone.now)
    due_date = models.DateField(help_text="REG-8: 3 working days after submission.")
    justification = models.TextField()
    # LIMITS: the numbers asked for; empty means unchanged.
    max_primary_administrators = models.PositiveSmallIntegerField(null=True, blank=True)
    max_secondary_administrators = models.PositiveSmallIntegerField(null=True, blank=True)
    max_organization_users = models.PositiveSmallIntegerField(null=True, blank=True)
    max_default_organization_users = models.PositiveSmallIntegerField(null=True, blank=True)
    max_branches = models.PositiveSmallIntegerField(null=True, blank=True)
    max_organization_users_per_case_party = models.PositiveSmallIntegerField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_reasons = models.TextField(blank=True)

    class Meta:
        ordering = ["due_date", "submitted_at"]
        indexes = [models.Index(fields=["status", "due_date"])]
        constraints = [
            # One request of each kind awaiting a decision per organization (docs/decisions.md).
            models.UniqueConstraint(
                fields=["organization", "kind"],
                condition=models.Q(status="SUBMITTED"),
                name="one_open_configuration_change_per_kind",
            )
        ]

    def __str__(self):
        return self.reference
