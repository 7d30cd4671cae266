"""Who may do what (ROLE-1 and OPS-1), stated once, as data. Every permission check in the
portal goes through `can()`.

Each capability maps to the roles that hold it. An SA entry wrapped in `Optional(...)` holds
only when the PA gave that SA the named optional role (the `*` cells of ROLE-1).
"""

from dataclasses import dataclass
from enum import StrEnum

from django.db import models
from django.utils.translation import gettext_lazy as _

from core.errors import NotPermitted


class Role(models.TextChoices):
    IU = "IU", _("Individual User")
    PA = "PA", _("Primary Administrator")
    SA = "SA", _("Secondary Administrator")
    OU = "OU", _("Organization User")
    HELP_CENTRE = "HELP_CENTRE", _("Help Centre officer")
    VETTING = "VETTING", _("Vetting officer")
    REGISTRY = "REGISTRY", _("Registry clerk")
    SYSTEM_ADMIN = "SYSTEM_ADMIN", _("System administrator")


STAFF_ROLES = frozenset({Role.HELP_CENTRE, Role.VETTING, Role.REGISTRY, Role.SYSTEM_ADMIN})


class OptionalRole(models.TextChoices):
    """The optional roles a PA may give an SA [A38, A40]."""

    CREATE_SA = "create_sa", _("To create SA Account")
    LINK_CASES_SAME_BRANCH = "link_same_branch", _("To link-up case to OU Accounts (same branch)")
    LINK_CASES_ALL_BRANCHES = (
        "link_all_branches",
        _("To link-up case to OU Accounts (all branches)"),
    )
    MAINTAIN_DEFAULT_OU = "maintain_default_ou", _("To maintain default OU Accounts")


@dataclass(frozen=True)
class Optional:
    role: Role
    optional_role: OptionalRole


class Capability(StrEnum):
    # ROLE-1: account holders
    MAINTAIN_OWN_PROFILE = "maintain_own_profile"
    MAINTAIN_OU_PROFILES = "maintain_ou_profiles"
    MAINTAIN_SA_PROFILES = "maintain_sa_profiles"
    MANAGE_OU_ACCOUNTS = "manage_ou_accounts"
    MANAGE_SA_ACCOUNTS = "manage_sa_accounts"
    ASSIGN_CASES_SAME_BRANCH = "assign_cases_same_branch"
    ASSIGN_CASES_ALL_BRANCHES = "assign_cases_all_branches"
    MAINTAIN_DEFAULT_OUS = "maintain_default_ous"
    REQUEST_CONFIGURATION_CHANGE = "request_configuration_change"
    MAINTAIN_BRANCHES = "maintain_branches"
    RESET_SUB_ACCOUNT_PASSWORDS = "reset_sub_account_passwords"
    USE_E_SERVICES = "use_e_services"
    # OPS-1: court staff
    KEY_IN_PAPER_APPLICATION = "key_in_paper_application"
    RECORD_IDENTITY_AUTHENTICATION = "record_identity_authentication"
    START_PASSWORD_RESET = "start_password_reset"
    REISSUE_ACTIVATION_CODE = "reissue_activation_code"
    VET_APPLICATIONS = "vet_applications"
    VIEW_APPLICATIONS = "view_applications"
    RUN_REGISTRY = "run_registry"
    ADMINISTER_SYSTEM = "administer_system"


MATRIX: dict[Capability, frozenset] = {
    Capability.MAINTAIN_OWN_PROFILE: frozenset({Role.PA, Role.SA, Role.OU, Role.IU}),
    Capability.MAINTAIN_OU_PROFILES: frozenset({Role.PA, Role.SA}),
    Capability.MAINTAIN_SA_PROFILES: frozenset(
        {Role.PA, Optional(Role.SA, OptionalRole.CREATE_SA)}
    ),
    Capability.MANAGE_OU_ACCOUNTS: frozenset({Role.PA, Role.SA}),
    Capability.MANAGE_SA_ACCOUNTS: frozenset({Role.PA, Optional(Role.SA, OptionalRole.CREATE_SA)}),
    # An SA without the optional role assigns only the cases the PA gave it (checked per case).
    Capability.ASSIGN_CASES_SAME_BRANCH: frozenset({Role.PA, Role.SA}),
    Capability.ASSIGN_CASES_ALL_BRANCHES: frozenset(
        {Role.PA, Optional(Role.SA, OptionalRole.LINK_CASES_ALL_BRANCHES)}
    ),
    Capability.MAINTAIN_DEFAULT_OUS: frozenset(
        {Role.PA, Optional(Role.SA, OptionalRole.MAINTAIN_DEFAULT_OU)}
    ),
    Capability.REQUEST_CONFIGURATION_CHANGE: frozenset({Role.PA}),
    Capability.MAINTAIN_BRANCHES: frozenset({Role.PA}),
    Capability.RESET_SUB_ACCOUNT_PASSWORDS: frozenset({Role.PA, Role.SA}),
    Capability.USE_E_SERVICES: frozenset({Role.OU, Role.IU}),
    Capability.KEY_IN_PAPER_APPLICATION: frozenset({Role.HELP_CENTRE}),
    Capability.RECORD_IDENTITY_AUTHENTICATION: frozenset({Role.HELP_CENTRE}),
    Capability.START_PASSWORD_RESET: frozenset({Role.HELP_CENTRE}),
    Capability.REISSUE_ACTIVATION_CODE: frozenset({Role.HELP_CENTRE}),
    Capability.VET_APPLICATIONS: frozenset({Role.VETTING}),
    Capability.VIEW_APPLICATIONS: frozenset({Role.VETTING, Role.HELP_CENTRE}),
    Capability.RUN_REGISTRY: frozenset({Role.REGISTRY}),
    Capability.ADMINISTER_SYSTEM: frozenset({Role.SYSTEM_ADMIN}),
}


def can(user, capability: Capability) -> bool:
    """Whether `user` holds `capability`. Anonymous and inactive users hold none."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    for holder in MATRIX[capability]:
        if isinstance(holder, Optional):
            if user.role == holder.role and holder.optional_role in user.optional_roles:
                return True
        elif user.role == holder:
            return True
    return False


def require(user, capability: Capability) -> None:
    if not can(user, capability):
        raise NotPermitted()
