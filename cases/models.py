"""Cases (CASE-1..7, GEN-2, GEN-5, BEY-1): the registry's cases and their parties, which
proceedings are e-enabled, which account or organization is linked to which party, and how an
organization hands its cases to its administrators and Organization Users.

Court levels and proceeding types are data, not code (GEN-2): a new one is a row. A link is
kept after it ends, so the case keeps the history of who represented whom, and when (BEY-1).
Every write goes through `cases.services`; these models hold data and invariants only."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from core.wording import bracketed
from organizations.models import Organization


class BilingualName(models.Model):
    """Names the court publishes in both languages; `name` is the one of the page's language."""

    name_en = models.CharField(_("name in English"), max_length=200)
    name_zh = models.CharField(_("name in Chinese"), max_length=200)

    class Meta:
        abstract = True

    @property
    def name(self) -> str:
        language = get_language() or ""
        return self.name_zh if language.startswith("zh") and self.name_zh else self.name_en

    def __str__(self):
        return self.name


class CourtLevel(BilingualName):
    code = models.CharField(max_length=10, unique=True, help_text="e.g. DC")

    class Meta:
        ordering = ["code"]


class ProceedingType(BilingualName):
    """A type of proceedings at one court level. Its code is the prefix of its case numbers
    (DCPI: District Court, Personal Injuries Action)."""

    court_level = models.ForeignKey(
        CourtLevel, on_delete=models.PROTECT, related_name="proceeding_types"
    )
    code = models.CharField(max_length=10, unique=True, help_text="e.g. DCPI")

    class Meta:
        ordering = ["code"]


class ImplementationNotice(models.Model):
    """GEN-2 [A3]: from its effective date, cases of the proceeding type are e-enabled."""

    # No index of its own: `one_implementation_notice_per_type_and_date` begins with it.
    proceeding_type = models.ForeignKey(
        ProceedingType,
        on_delete=models.PROTECT,
        related_name="implementation_notices",
        db_index=False,
    )
    effective_date = models.DateField()
    title = models.CharField(max_length=300, blank=True, help_text="As the notice is cited.")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["effective_date", "proceeding_type__code"]
        constraints = [
            models.UniqueConstraint(
                fields=["proceeding_type", "effective_date"],
                name="one_implementation_notice_per_type_and_date",
            )
        ]


class CaseStatus(models.TextChoices):
    ONGOING = "ONGOING", _("On-going")
    FINALLY_DISPOSED = "FINALLY_DISPOSED", _("Finally disposed")


class Case(models.Model):
    """CASE-1: a case as the registry keeps it."""

    number = models.CharField(max_length=30, unique=True, help_text="e.g. DCPI 1234/2025")
    proceeding_type = models.ForeignKey(
        ProceedingType, on_delete=models.PROTECT, related_name="cases"
    )
    title = models.CharField(
        max_length=300, blank=True, help_text="e.g. CHAN Tai Man v. LEE Ka Yan"
    )
    title_zh = models.CharField(
        max_length=300,
        blank=True,
        default="",
        db_default="",  # added by ALTER TABLE on SQLite too (migration 0009)
        help_text="The title in Chinese, where the court has one.",
    )
    status = models.CharField(max_length=20, choices=CaseStatus.choices, default=CaseStatus.ONGOING)
    final_disposal_date = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # SVC-3: the parties' names folded for the Cause Book's search (`cases.search`), one a
    # line; kept by the services that change the parties. On PostgreSQL a trigram (GIN) index
    # serves the search for any part of a name (migration 0005).
    search_names = models.TextField(blank=True, default="", editable=False)

    class Meta:
        # My cases' filter by the beginning of a number ("DCPI 12"), LIKE 'DCPI 12%', is served
        # on PostgreSQL by the `varchar_pattern_ops` index Django makes beside the unique one.
        constraints = [
            # CASE-1: finally disposed on a date, or on-going with none.
            models.CheckConstraint(
                condition=Q(status=CaseStatus.FINALLY_DISPOSED, final_disposal_date__isnull=False)
                | Q(status=CaseStatus.ONGOING, final_disposal_date__isnull=True),
                name="case_disposed_on_a_date",
            )
        ]

    def __str__(self):
        return self.number

    @property
    def display_title(self) -> str:
        """The title in the page's language: the Chinese one on a Chinese page, where the court
        has it; otherwise the title as registered."""
        if self.title_zh and (get_language() or "").startswith("zh"):
            return self.title_zh
        return self.title

    @property
    def court_level(self) -> CourtLevel:
        return self.proceeding_type.court_level


class PartyType(models.TextChoices):
    """The same codes as the parties an applicant names (registration.models.PartyType)."""

    PLAINTIFF = "PLAINTIFF", _("Plaintiff")
    DEFENDANT = "DEFENDANT", _("Defendant")
    THIRD_PARTY = "THIRD_PARTY", _("Third party")
    APPLICANT = "APPLICANT", _("Applicant")
    RESPONDENT = "RESPONDENT", _("Respondent")
    INTERESTED_PARTY = "INTERESTED_PARTY", _("Interested party")


# The order a case's title names its parties in: the side that started the case first.
TITLE_ORDER = (
    PartyType.PLAINTIFF,
    PartyType.APPLICANT,
    PartyType.DEFENDANT,
    PartyType.RESPONDENT,
    PartyType.THIRD_PARTY,
    PartyType.INTERESTED_PARTY,
)


_TITLE_RANKS = {kind: rank for rank, kind in enumerate(TITLE_ORDER)}


def title_rank(party_type: str) -> int:
    """A party type's place in `TITLE_ORDER`, for lists put in title order in Python."""
    return _TITLE_RANKS.get(party_type, len(TITLE_ORDER))


def in_title_order():
    """An ordering expression: `parties.order_by(in_title_order(), "position")`."""
    return models.Case(
        *(
            models.When(party_type=kind, then=models.Value(rank))
            for rank, kind in enumerate(TITLE_ORDER)
        ),
        default=models.Value(len(TITLE_ORDER)),
    )


class CaseParty(models.Model):
    # No index of its own: `one_party_per_position` begins with the case.
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="parties", db_index=False)
    party_type = models.CharField(max_length=20, choices=PartyType.choices)
    # "1st Defendant", "2nd Defendant": the order among the parties of one type.
    position = models.PositiveSmallIntegerField(default=1)
    name = models.CharField(max_length=300)
    # SVC-3: the name in Chinese, where the court has it; searched like the English one.
    name_zh = models.CharField(max_length=300, blank=True, default="")

    class Meta:
        ordering = ["case", "party_type", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["case", "party_type", "position"], name="one_party_per_position"
            )
        ]

    def __str__(self):
        return bracketed(self.name, self.get_party_type_display())

    @property
    def shown_name(self) -> str:
        """The name in the page's language: the Chinese one on Chinese pages where the court
        has it, as the case's title is shown."""
        language = get_language() or ""
        return self.name_zh if language.startswith("zh") and self.name_zh else self.name


class LinkRoute(models.TextChoices):
    """CASE-3 [A45], and BEY-1: how an account or organization came to be linked."""

    APPLICATION = "APPLICATION", _("Listed in the registration application")
    NOTICE_OF_CONSENT = "NOTICE_OF_CONSENT", _("Notice of Consent to transact by iCMS")
    FILING = "FILING", _("Filing accepted by the registry")
    NOTICE_OF_CHANGE = "NOTICE_OF_CHANGE", _("Notice of Change of legal representative")
    # A link the registry made to the wrong party, moved to the right one (with reasons).
    CORRECTION = "CORRECTION", _("Corrected by the registry")
    # [A12]: the party's solicitors brief a barrister, whose accounts the Bar Association's
    # organization holds.
    COUNSEL_INSTRUCTED = "COUNSEL_INSTRUCTED", _("Instructed as counsel by the party's solicitors")


class LinkCapacity(models.TextChoices):
    """In what capacity a link holds its party: the party in person or its solicitors (one at
    a time, CASE-2), or counsel those solicitors instructed [A12] (at most one such link, of
    the Bar Association's organization, beside theirs; it ends with theirs)."""

    REPRESENTATION = "REPRESENTATION", _("The party in person or its solicitors")
    COUNSEL = "COUNSEL", _("Counsel")


class CaseLink(models.Model):
    """CASE-2: an IU account, or an organization, linked to one party of a case: the party in
    person, or its legal representative. One link per party at a time; a link that ends (a
    Notice of Change, BEY-1) is kept as history."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="links")
    party = models.ForeignKey(CaseParty, on_delete=models.PROTECT, related_name="links")
    organization = models.ForeignKey(
        Organization, null=True, blank=True, on_delete=models.PROTECT, related_name="case_links"
    )
    individual = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="case_links",
    )
    route = models.CharField(max_length=20, choices=LinkRoute.choices)
    capacity = models.CharField(
        max_length=16, choices=LinkCapacity.choices, default=LinkCapacity.REPRESENTATION
    )
    linked_at = models.DateTimeField(default=timezone.now)
    linked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    ended_at = models.DateTimeField(null=True, blank=True)
    ended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(organization__isnull=True, individual__isnull=False)
                | Q(organization__isnull=False, individual__isnull=True),
                name="case_link_to_an_account_or_an_organization",
            ),
            models.UniqueConstraint(
                fields=["party", "capacity"],
                condition=Q(ended_at__isnull=True),
                name="one_current_link_per_party_and_capacity",
            ),
            # [A12]: counsel are barristers of an organization, never a person's own account.
            models.CheckConstraint(
                condition=Q(capacity=LinkCapacity.REPRESENTATION) | Q(organization__isnull=False),
                name="counsel_link_to_an_organization",
            ),
        ]
        indexes = [
            # "My cases" of an IU, and of an organization (PA/SA), newest first (keyset).
            models.Index(
                fields=["individual", "-id"],
                condition=Q(ended_at__isnull=True),
                name="current_links_of_individual",
            ),
            models.Index(
                fields=["organization", "-id"],
                condition=Q(ended_at__isnull=True),
                name="current_links_of_organization",
            ),
        ]

    def __str__(self):
        return f"{self.case_id}/{self.party_id}"

    @property
    def is_current(self) -> bool:
        return self.ended_at is None

    @property
    def is_counsel(self) -> bool:
        return self.capacity == LinkCapacity.COUNSEL


class CaseProfileAssignment(models.Model):
    """CASE-5 [A41]: the PA gives an SA every case of the organization of one proceeding type,
    including those linked later."""

    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="+")
    # No index of its own: `one_profile_per_administrator` begins with it.
    administrator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="case_profiles",
        db_index=False,
    )
    proceeding_type = models.ForeignKey(ProceedingType, on_delete=models.PROTECT, related_name="+")
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    assigned_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["administrator", "proceeding_type"], name="one_profile_per_administrator"
            )
        ]


class CaseNumberAssignment(models.Model):
    """CASE-5 [A41]: the PA gives an SA one case of the organization, by its number."""

    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="+")
    # No index of its own: `one_case_number_per_administrator` begins with it.
    administrator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="case_numbers",
        db_index=False,
    )
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="+")
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    assigned_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["administrator", "case"], name="one_case_number_per_administrator"
            )
        ]


class CaseAssignment(models.Model):
    """CASE-4, CASE-6: an OU given an organization's case party to transact on (CASE-2). At
    most `organization_users_per_case_party` OUs per link (CASE-7, ORG-3)."""

    # No index of its own: `one_assignment_per_ou_and_link` begins with it.
    link = models.ForeignKey(
        CaseLink, on_delete=models.CASCADE, related_name="assignments", db_index=False
    )
    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="+")
    # No index of its own: `assignments_of_ou` begins with it.
    organization_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="case_assignments",
        db_index=False,
    )
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    assigned_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["link", "organization_user"], name="one_assignment_per_ou_and_link"
            )
        ]
        indexes = [
            # "My cases" of an OU, newest assignment first (keyset).
            models.Index(fields=["organization_user", "-id"], name="assignments_of_ou"),
        ]


class LodgementChannel(models.TextChoices):
    ONLINE = "ONLINE", _("Online")
    BY_HAND = "BY_HAND", _("By hand at the registry")
    POST = "POST", _("By post")
    # A case listed in a registration application received by fax (GEN-6, REG-9).
    FAX = "FAX", _("By fax")


class RequestStatus(models.TextChoices):
    PENDING = "PENDING", _("Waiting for the registry")
    ACCEPTED = "ACCEPTED", _("Accepted")
    REFUSED = "REFUSED", _("Refused")


class Lodgement(models.Model):
    """What a holder lodges for the registry to process: who for, how it arrived, the decision."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="+")
    party_type = models.CharField(max_length=20, choices=PartyType.choices)
    party_name = models.CharField(max_length=300, blank=True)
    channel = models.CharField(
        max_length=10, choices=LodgementChannel.choices, default=LodgementChannel.ONLINE
    )
    received_on = models.DateField()
    document = models.FileField(upload_to="case-notices/%Y/%m/", blank=True)
    lodged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    lodged_at = models.DateTimeField(default=timezone.now)
    status = models.CharField(
        max_length=10, choices=RequestStatus.choices, default=RequestStatus.PENDING
    )
    # The party the registry found it to be (on acceptance), and the link it made.
    party = models.ForeignKey(
        CaseParty, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    link = models.ForeignKey(
        CaseLink, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    reasons = models.TextField(blank=True)

    class Meta:
        abstract = True


class CaseLinkRequest(Lodgement):
    """CASE-3 (a) and (b) [A45]: a wish to link, which the registry checks against the case's
    parties before it links: a case listed in an approved registration application (REG-9),
    or a Notice of Consent to transact by iCMS, lodged online or by hand."""

    route = models.CharField(
        max_length=20,
        choices=[
            (LinkRoute.APPLICATION, LinkRoute.APPLICATION.label),
            (LinkRoute.NOTICE_OF_CONSENT, LinkRoute.NOTICE_OF_CONSENT.label),
        ],
    )
    organization = models.ForeignKey(
        Organization, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    individual = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # REG-9: the application that listed the case.
    application_reference = models.CharField(max_length=20, blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(organization__isnull=True, individual__isnull=False)
                | Q(organization__isnull=False, individual__isnull=True),
                name="link_request_for_an_account_or_an_organization",
            ),
        ]
        indexes = [models.Index(fields=["status", "lodged_at"])]


class NoticeOfChange(Lodgement):
    """BEY-1: a new legal representative (an organization) takes over a party."""

    incoming_organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="+"
    )
    # Set on acceptance: the link that ended (none for a party on paper until then).
    outgoing_link = models.ForeignKey(
        CaseLink, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        indexes = [models.Index(fields=["status", "lodged_at"])]
