from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from core.names import person_name
from core.workdays import local_today
from permissions.roles import STAFF_ROLES, OptionalRole, Role


class IdentityDocumentType(models.TextChoices):
    HKID = "HKID", _("Hong Kong Identity Card")
    PASSPORT = "PASSPORT", _("Passport")
    OTHER = "OTHER", _("Other travel or identity document")


class AccountStatus(models.TextChoices):
    PENDING_ACTIVATION = "PENDING_ACTIVATION", _("Awaiting activation")
    ACTIVE = "ACTIVE", _("Active")
    SUSPENDED = "SUSPENDED", _("Suspended")
    DEACTIVATED = "DEACTIVATED", _("De-activated")
    TERMINATED = "TERMINATED", _("Terminated")


# An account that holds its identity document (REG-5) and its login name: not yet ended.
LIVE_STATUSES = [AccountStatus.PENDING_ACTIVATION, AccountStatus.ACTIVE, AccountStatus.SUSPENDED]


def normalize_login_name(value: str) -> str:
    """Login names are issued in lower case; what a holder types is read the same way."""
    return value.strip().lower()


class Language(models.TextChoices):
    EN = "en", "English"
    ZH_HANT = "zh-hant", "繁體中文"


class UserManager(BaseUserManager):
    def create_user(self, login_name, password=None, **fields):
        user = self.model(login_name=login_name, **fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, login_name, password=None, **fields):
        fields.update(role=Role.SYSTEM_ADMIN, is_superuser=True, status=AccountStatus.ACTIVE)
        return self.create_user(login_name, password, **fields)


class User(AbstractBaseUser, PermissionsMixin):
    """One login: an IU, PA, SA or OU account, or a member of the court staff. A person with
    OU accounts in two organizations has two Users (ORG-1)."""

    login_name = models.CharField(
        max_length=32,
        unique=True,
        help_text="System-generated, unique and never reused (AUTH-1).",
    )
    role = models.CharField(max_length=20, choices=Role.choices)
    organization = models.ForeignKey(
        "organizations.Organization",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="accounts",
        help_text="PA, SA and OU accounts: the organization the account belongs to (ORG-1).",
    )
    branch = models.ForeignKey(
        "organizations.Branch",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="accounts",
        help_text="SA and OU accounts: the branch of the organization (ORG-2).",
    )
    status = models.CharField(
        max_length=20, choices=AccountStatus.choices, default=AccountStatus.PENDING_ACTIVATION
    )
    surname = models.CharField(_("surname"), max_length=100)
    given_name = models.CharField(_("given name"), max_length=100)
    email = models.EmailField(_("email address"))
    phone = models.CharField(_("telephone number"), max_length=40, blank=True)
    address = models.TextField(_("address"), blank=True)
    id_document_type = models.CharField(
        max_length=10, choices=IdentityDocumentType.choices, blank=True
    )
    id_document_number = models.CharField(
        max_length=40, blank=True, help_text="Normalized: upper case, no spaces or brackets."
    )
    preferred_language = models.CharField(
        max_length=10, choices=Language.choices, default=Language.EN
    )
    date_joined = models.DateTimeField(default=timezone.now)
    activated_at = models.DateTimeField(null=True, blank=True)
    password_changed_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text="When the holder last set a password: activation, change or reset (AUTH-6).",
    )
    filing_deadline = models.DateField(
        null=True,
        blank=True,
        help_text="A prospective litigant's date by which to file an e-proceeding (REG-3).",
    )
    effective_end_date = models.DateField(
        null=True,
        blank=True,
        help_text="SA and OU accounts (ORG-5): the last day the account can be used.",
    )
    post_title = models.CharField(
        _("post title"),
        max_length=200,
        blank=True,
        help_text="REG-10: an SA or OU account registered by post rather than personal name.",
    )
    session_generation = models.PositiveIntegerField(
        default=0,
        help_text="Raised to end every page session of the account (logout through the API).",
    )

    objects = UserManager()

    USERNAME_FIELD = "login_name"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["surname", "given_name", "email"]

    class Meta:
        constraints = [
            # REG-5: one live IU account per identity document.
            models.UniqueConstraint(
                fields=["id_document_type", "id_document_number"],
                condition=models.Q(role=Role.IU, status__in=LIVE_STATUSES),
                name="one_live_iu_account_per_identity_document",
            )
        ]

    def __str__(self):
        return f"{self.login_name} ({self.full_name})"

    def _get_session_auth_hash(self, secret=None):
        # A page session holds this hash; raising session_generation changes it, so every
        # page session of the account ends, as a new password ends them. Generation 0 gives
        # Django's own hash, so that sessions made before the field existed stay valid.
        if not self.session_generation:
            return super()._get_session_auth_hash(secret=secret)
        return salted_hmac(
            "accounts.User.session_auth_hash",
            f"{self.password}:{self.session_generation}",
            secret=secret,
            algorithm="sha256",
        ).hexdigest()

    @property
    def full_name(self) -> str:
        if self.post_title:
            return self.post_title
        return person_name(f"{self.surname} {self.given_name}")

    @property
    def is_active(self) -> bool:
        """Whether the account can be used now: log in, hold an API token, act. LIFE-5: only
        an active account; ORG-5: an SA or OU not past its effective end date; ORG-8: an SA or
        OU only while its organization has an active PA."""
        if self.status != AccountStatus.ACTIVE:
            return False
        if self.role in (Role.SA, Role.OU):
            if self.effective_end_date is not None and self.effective_end_date < local_today():
                return False
            if self.organization_id is None or not self.organization.in_service:
                return False
        return True

    @property
    def is_staff(self) -> bool:
        # Django admin is for system administrators only, never the staff's working screens.
        return self.role == Role.SYSTEM_ADMIN

    @property
    def is_court_staff(self) -> bool:
        return self.role in STAFF_ROLES

    @cached_property
    def optional_role_set(self) -> frozenset[str]:
        """The optional roles the PA has granted this SA (ROLE-1 `*`); read once per request."""
        if self.role != Role.SA or self.pk is None:
            return frozenset()
        # A list of accounts reads every SA's grants in one query (prefetch_related).
        grants = getattr(self, "_prefetched_objects_cache", {}).get("optional_role_grants")
        if grants is not None:
            return frozenset(grant.optional_role for grant in grants)
        return frozenset(self.optional_role_grants.values_list("optional_role", flat=True))


class OptionalRoleGrant(models.Model):
    """An optional role given by a PA to an SA (ROLE-1 `*`, [A38]). Granting and revoking are
    audited services (accounts.services); the row exists while the grant holds."""

    # No index of its own: `one_grant_per_optional_role` begins with it.
    account = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="optional_role_grants", db_index=False
    )
    optional_role = models.CharField(max_length=30, choices=OptionalRole.choices)
    granted_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    granted_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["account", "optional_role"], name="one_grant_per_optional_role"
            ),
            models.CheckConstraint(
                condition=models.Q(optional_role__in=OptionalRole.values),
                name="optional_role_is_known",
            ),
        ]

    def __str__(self):
        return f"{self.account_id}: {self.optional_role}"


class OneTimeSecret(models.Model):
    """A single-use, expiring secret sent by email. Only its keyed hash is stored."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="+")
    secret_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        abstract = True

    def is_usable(self, now) -> bool:
        return self.used_at is None and self.revoked_at is None and now < self.expires_at


class ActivationCode(OneTimeSecret):
    """Sent with the login name once identity is authenticated (IDA-4); used once (ACT-4)."""

    failed_attempts = models.PositiveSmallIntegerField(
        default=0, help_text="Activations with this code but the wrong particulars."
    )
    issued_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )


class ChangeToken(OneTimeSecret):
    """The reset-password token of AUTH-4, started by a Help Centre officer."""

    issued_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )


class EmailChangeToken(OneTimeSecret):
    """LIFE-1, our choice: a change of the account's email address waits for the holder to
    confirm it with the code sent to the new address. A new request replaces the earlier one."""

    new_email = models.EmailField()


class ApiToken(models.Model):
    """A bearer token for a firm's own system to call the API as this account."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    key_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)
