"""Who may do what (ROLE-1 and OPS-1), stated once, as data, with the rules that say on which
records. Every permission check in the portal goes through `can()` / `require()`, and every
read that lists records goes through `scope()`.

Each capability names its holders. A holder is a role, the scope of records it may act on, and
for the `*` cells of ROLE-1 the optional role the PA must have granted that SA.

How a refusal reads (ROLE-2; docs/decisions.md, "403 or 404"):
- an actor whose role never holds the capability is refused with 403 before anything is looked
  up, so the answer is the same for every id and reveals nothing;
- a record outside the actor's scope is looked up in a scoped query and is "not found" (404),
  exactly like a record that does not exist;
- a record in scope that the actor may see but not act on this way is refused with 403.
"""

from dataclasses import dataclass
from enum import StrEnum

from django.db import models
from django.db.models import Q
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
ORGANIZATION_ROLES = frozenset({Role.PA, Role.SA, Role.OU})


class OptionalRole(models.TextChoices):
    """The optional roles a PA may give an SA [A38, A40]."""

    CREATE_SA = "create_sa", _("To create SA Account")
    LINK_CASES_SAME_BRANCH = "link_same_branch", _("To link-up case to OU Accounts (same branch)")
    LINK_CASES_ALL_BRANCHES = (
        "link_all_branches",
        _("To link-up case to OU Accounts (all branches)"),
    )
    MAINTAIN_DEFAULT_OU = "maintain_default_ou", _("To maintain default OU Accounts")


class Scope(StrEnum):
    """On which records a holder may use a capability."""

    ANY = "any"  # the role alone decides (court staff's queues)
    OWN = "own"  # the actor's own account
    SAME_ORGANIZATION = "same_organization"
    SAME_BRANCH = "same_branch"  # same organization and same branch


@dataclass(frozen=True)
class Holder:
    role: Role
    scope: Scope = Scope.ANY
    optional_role: OptionalRole | None = None


class Capability(StrEnum):
    # ROLE-1: account holders
    MAINTAIN_OWN_PROFILE = "maintain_own_profile"
    TERMINATE_OWN_ACCOUNT = "terminate_own_account"
    MAINTAIN_OU_PROFILES = "maintain_ou_profiles"
    MAINTAIN_SA_PROFILES = "maintain_sa_profiles"
    MANAGE_OU_ACCOUNTS = "manage_ou_accounts"
    MANAGE_SA_ACCOUNTS = "manage_sa_accounts"
    GRANT_OPTIONAL_ROLES = "grant_optional_roles"
    ASSIGN_CASES_SAME_BRANCH = "assign_cases_same_branch"
    ASSIGN_CASES_ALL_BRANCHES = "assign_cases_all_branches"
    ASSIGN_ANY_ORGANIZATION_CASE = "assign_any_organization_case"
    GIVE_CASES_TO_ADMINISTRATORS = "give_cases_to_administrators"
    VIEW_ORGANIZATION_CASES = "view_organization_cases"
    REVIEW_CASE_ACCESS = "review_case_access"
    LODGE_NOTICE_OF_CONSENT = "lodge_notice_of_consent"
    LODGE_NOTICE_OF_CHANGE = "lodge_notice_of_change"
    INSTRUCT_COUNSEL = "instruct_counsel"
    MAINTAIN_DEFAULT_OUS = "maintain_default_ous"
    REQUEST_CONFIGURATION_CHANGE = "request_configuration_change"
    MAINTAIN_BRANCHES = "maintain_branches"
    RESET_SUB_ACCOUNT_PASSWORDS = "reset_sub_account_passwords"
    USE_E_SERVICES = "use_e_services"
    FILE_DOCUMENTS = "file_documents"
    VIEW_FILINGS = "view_filings"
    VIEW_OWN_ORGANIZATION = "view_own_organization"
    USE_MESSAGE_BOX = "use_message_box"
    VIEW_DEPOSIT_ACCOUNT = "view_deposit_account"
    PAY_FROM_DEPOSIT_ACCOUNT = "pay_from_deposit_account"
    VIEW_PAYMENTS = "view_payments"
    USE_HEARINGS_CALENDAR = "use_hearings_calendar"
    APPLY_FOR_CERTIFICATION = "apply_for_certification"
    VIEW_CERTIFICATIONS = "view_certifications"
    # OPS-1: court staff
    KEY_IN_PAPER_APPLICATION = "key_in_paper_application"
    RECORD_IDENTITY_AUTHENTICATION = "record_identity_authentication"
    START_PASSWORD_RESET = "start_password_reset"
    REISSUE_ACTIVATION_CODE = "reissue_activation_code"
    CORRECT_HOLDER_NAMES = "correct_holder_names"
    VET_APPLICATIONS = "vet_applications"
    DECIDE_CONFIGURATION_CHANGES = "decide_configuration_changes"
    RECORD_TERMINATION_REQUEST = "record_termination_request"
    VIEW_APPLICATIONS = "view_applications"
    RUN_REGISTRY = "run_registry"
    REVIEW_FILINGS = "review_filings"
    SEND_CASE_DIRECTIONS = "send_case_directions"
    MAINTAIN_COURT_POLICY = "maintain_court_policy"
    ISSUE_DOCUMENTS = "issue_documents"
    UNLOCK_HOLDER_ACCOUNTS = "unlock_holder_accounts"
    UNLOCK_STAFF_ACCOUNTS = "unlock_staff_accounts"
    RESET_STAFF_SECOND_FACTOR = "reset_staff_second_factor"
    ADMINISTER_SYSTEM = "administer_system"
    RECORD_DEPOSIT_TOP_UPS = "record_deposit_top_ups"
    REFUND_PAYMENTS = "refund_payments"
    MAINTAIN_CAUSE_BOOK = "maintain_cause_book"
    PROCESS_CERTIFICATIONS = "process_certifications"


_ORG = Scope.SAME_ORGANIZATION
_BRANCH = Scope.SAME_BRANCH

MATRIX: dict[Capability, tuple[Holder, ...]] = {
    Capability.MAINTAIN_OWN_PROFILE: tuple(
        Holder(role, Scope.OWN) for role in (Role.PA, Role.SA, Role.OU, Role.IU)
    ),
    # LIFE-2 [+]: an IU asks online, with its password, for its account to end.
    Capability.TERMINATE_OWN_ACCOUNT: (Holder(Role.IU, Scope.OWN),),
    Capability.MAINTAIN_OU_PROFILES: (Holder(Role.PA, _ORG), Holder(Role.SA, _ORG)),
    Capability.MAINTAIN_SA_PROFILES: (
        Holder(Role.PA, _ORG),
        Holder(Role.SA, _ORG, OptionalRole.CREATE_SA),
    ),
    Capability.MANAGE_OU_ACCOUNTS: (Holder(Role.PA, _ORG), Holder(Role.SA, _ORG)),
    Capability.MANAGE_SA_ACCOUNTS: (
        Holder(Role.PA, _ORG),
        Holder(Role.SA, _ORG, OptionalRole.CREATE_SA),
    ),
    # [A38]: the PA gives SAs their optional roles.
    Capability.GRANT_OPTIONAL_ROLES: (Holder(Role.PA, _ORG),),
    # CASE-6 [A40]: assigning a case to an OU takes two checks. Whose OUs: these two rows, on
    # the OU (an SA's own branch; all branches with the optional role). Which cases: any case
    # of the organization for the holders of ASSIGN_ANY_ORGANIZATION_CASE, otherwise (an SA
    # without either optional role) only the cases the PA gave it (CASE-5,
    # `cases.selectors.giving.cases_given_to`).
    Capability.ASSIGN_CASES_SAME_BRANCH: (Holder(Role.PA, _ORG), Holder(Role.SA, _BRANCH)),
    Capability.ASSIGN_CASES_ALL_BRANCHES: (
        Holder(Role.PA, _ORG),
        Holder(Role.SA, _ORG, OptionalRole.LINK_CASES_ALL_BRANCHES),
    ),
    Capability.ASSIGN_ANY_ORGANIZATION_CASE: (
        Holder(Role.PA, _ORG),
        Holder(Role.SA, _ORG, OptionalRole.LINK_CASES_SAME_BRANCH),
        Holder(Role.SA, _ORG, OptionalRole.LINK_CASES_ALL_BRANCHES),
    ),
    # CASE-5 [A41]: the PA gives cases to an SA, by case profile or by case number.
    Capability.GIVE_CASES_TO_ADMINISTRATORS: (Holder(Role.PA, _ORG),),
    # CASE-4: the organization's cases and their assignments; BEY-5: who can see which case.
    Capability.VIEW_ORGANIZATION_CASES: (Holder(Role.PA, _ORG), Holder(Role.SA, _ORG)),
    Capability.REVIEW_CASE_ACCESS: (Holder(Role.PA, _ORG), Holder(Role.SA, _ORG)),
    # CASE-3 (b) [A45]: "an IU Account holder or Organization Account" lodges a Notice of
    # Consent; for an organization its administrators do (docs/decisions.md).
    Capability.LODGE_NOTICE_OF_CONSENT: (
        Holder(Role.IU, Scope.OWN),
        Holder(Role.PA, _ORG),
        Holder(Role.SA, _ORG),
    ),
    # BEY-1: the incoming organization's administrators lodge a Notice of Change.
    Capability.LODGE_NOTICE_OF_CHANGE: (Holder(Role.PA, _ORG), Holder(Role.SA, _ORG)),
    # [A12]: the party's solicitors brief counsel: the OU who acts on the case, or an
    # administrator who may assign it (`cases.selectors.counsel.instructing_links`).
    Capability.INSTRUCT_COUNSEL: (
        Holder(Role.PA, _ORG),
        Holder(Role.SA, _ORG),
        Holder(Role.OU, _ORG),
    ),
    Capability.MAINTAIN_DEFAULT_OUS: (
        Holder(Role.PA, _ORG),
        Holder(Role.SA, _ORG, OptionalRole.MAINTAIN_DEFAULT_OU),
    ),
    Capability.REQUEST_CONFIGURATION_CHANGE: (Holder(Role.PA, _ORG),),
    Capability.MAINTAIN_BRANCHES: (Holder(Role.PA, _ORG),),
    # AUTH-5: the PA, or an SA of the same branch.
    Capability.RESET_SUB_ACCOUNT_PASSWORDS: (Holder(Role.PA, _ORG), Holder(Role.SA, _BRANCH)),
    Capability.USE_E_SERVICES: (Holder(Role.OU), Holder(Role.IU)),
    # Every holder of an organization sees its own organization's particulars and limits.
    Capability.VIEW_OWN_ORGANIZATION: (
        Holder(Role.PA, _ORG),
        Holder(Role.SA, _ORG),
        Holder(Role.OU, _ORG),
    ),
    # MSG-1 [A14, A52]: every holder's account has a Message Box of its own; court staff
    # have none.
    Capability.USE_MESSAGE_BOX: tuple(
        Holder(role, Scope.OWN) for role in (Role.IU, Role.PA, Role.SA, Role.OU)
    ),
    # SVC-4: the organization's deposit account and its statements are its administrators'
    # (the ROLE-1 rows of organization administration); the OUs who file pay from it.
    Capability.VIEW_DEPOSIT_ACCOUNT: (Holder(Role.PA, _ORG), Holder(Role.SA, _ORG)),
    Capability.PAY_FROM_DEPOSIT_ACCOUNT: (Holder(Role.OU, _ORG),),
    # SVC-4: a payment's record and receipt: its payer's, its organization's administrators',
    # and the registry's, which keeps the fees.
    Capability.VIEW_PAYMENTS: (
        Holder(Role.IU, Scope.OWN),
        Holder(Role.OU, Scope.OWN),
        Holder(Role.PA, _ORG),
        Holder(Role.SA, _ORG),
        Holder(Role.REGISTRY),
    ),
    # SVC-1 [A2]: IUs and OUs file documents, each its own filings (withdrawn by the filer
    # alone); the organization's administrators follow its OUs' filings, and the registry,
    # which reviews them, every one.
    Capability.FILE_DOCUMENTS: (Holder(Role.IU, Scope.OWN), Holder(Role.OU, Scope.OWN)),
    Capability.VIEW_FILINGS: (
        Holder(Role.IU, Scope.OWN),
        Holder(Role.OU, Scope.OWN),
        Holder(Role.PA, _ORG),
        Holder(Role.SA, _ORG),
        Holder(Role.REGISTRY),
    ),
    Capability.REVIEW_FILINGS: (Holder(Role.REGISTRY),),
    # SVC-6 [A38]: "Apply for certification of translation service via electronic means" is an
    # e-services row of A38's table: the OU's and the IU's (each its own requests, withdrawn by
    # the applicant alone); the organization's administrators follow their OUs' requests, as
    # they follow their filings; the registry, which certifies or rejects, sees every one.
    Capability.APPLY_FOR_CERTIFICATION: (Holder(Role.IU, Scope.OWN), Holder(Role.OU, Scope.OWN)),
    Capability.VIEW_CERTIFICATIONS: (
        Holder(Role.IU, Scope.OWN),
        Holder(Role.OU, Scope.OWN),
        Holder(Role.PA, _ORG),
        Holder(Role.SA, _ORG),
        Holder(Role.REGISTRY),
    ),
    Capability.PROCESS_CERTIFICATIONS: (Holder(Role.REGISTRY),),
    Capability.KEY_IN_PAPER_APPLICATION: (Holder(Role.HELP_CENTRE),),
    Capability.RECORD_IDENTITY_AUTHENTICATION: (Holder(Role.HELP_CENTRE),),
    Capability.START_PASSWORD_RESET: (Holder(Role.HELP_CENTRE),),
    Capability.REISSUE_ACTIVATION_CODE: (Holder(Role.HELP_CENTRE),),
    # A46: an IU's or a PA's name was checked against an identity document; the Help Centre
    # corrects it on the holder's request, against the document (SA/OU: their administrators).
    Capability.CORRECT_HOLDER_NAMES: (Holder(Role.HELP_CENTRE),),
    Capability.VET_APPLICATIONS: (Holder(Role.VETTING),),
    # OPS-1: configuration changes (ORG-4) and post-based sub-accounts (REG-10).
    Capability.DECIDE_CONFIGURATION_CHANGES: (Holder(Role.VETTING),),
    # ORG-8 [A51], LIFE-2 [A47]: requests to end a PA or IU account arrive by email, fax or
    # post and are recorded by the Help Centre.
    Capability.RECORD_TERMINATION_REQUEST: (Holder(Role.HELP_CENTRE),),
    Capability.VIEW_APPLICATIONS: (Holder(Role.VETTING), Holder(Role.HELP_CENTRE)),
    # The registry keeps the cases, their parties and the implementation notices (GEN-2),
    # and processes what links a case (CASE-3) or changes its representation (BEY-1).
    Capability.RUN_REGISTRY: (Holder(Role.REGISTRY),),
    # MSG-1, SVC-1: until e-filing issues them, a registry clerk sends the court's directions
    # to a case, which reach its recipients' Message Boxes (CASE-4).
    Capability.SEND_CASE_DIRECTIONS: (Holder(Role.REGISTRY),),
    # BEY-2, SVC-1: the registry keeps the court policy: which document types may be filed in
    # which proceedings, their fees and the file limits.
    Capability.MAINTAIN_COURT_POLICY: (Holder(Role.REGISTRY),),
    # SVC-5, OPS-1: a registry clerk issues the court's directions and orders to a case, each
    # with a Document Reference Number; a capability of its own so that a later role (a
    # judge's clerk) can be given it alone.
    Capability.ISSUE_DOCUMENTS: (Holder(Role.REGISTRY),),
    # AUTH-3: the Help Centre, whom holders call, unlocks IU and PA accounts (SA and OU are
    # their PA's to deal with, as for resets); the system administrator unlocks any account,
    # staff included. Either way with reasons, audited (docs/decisions.md).
    Capability.UNLOCK_HOLDER_ACCOUNTS: (Holder(Role.HELP_CENTRE), Holder(Role.SYSTEM_ADMIN)),
    Capability.UNLOCK_STAFF_ACCOUNTS: (Holder(Role.SYSTEM_ADMIN),),
    # OPS-1: a court officer who lost the phone with the authenticator app asks a system
    # administrator, who resets the second factor with reasons, audited.
    Capability.RESET_STAFF_SECOND_FACTOR: (Holder(Role.SYSTEM_ADMIN),),
    Capability.ADMINISTER_SYSTEM: (Holder(Role.SYSTEM_ADMIN),),
    # SVC-4: the registry receives the money that tops up a deposit account (cheque, bank-in
    # slip, transfer) and records it; it refunds the fees of the filings it rejects.
    Capability.RECORD_DEPOSIT_TOP_UPS: (Holder(Role.REGISTRY),),
    Capability.REFUND_PAYMENTS: (Holder(Role.REGISTRY),),
    # SVC-3, OPS-1: the registry keeps the Cause Book (the catalogue names the cause book among
    # a registry clerk's work); a capability of its own so that a listing office can have it.
    Capability.MAINTAIN_CAUSE_BOOK: (Holder(Role.REGISTRY),),
    # BEY-6: every holder gets a calendar feed of the hearings of the cases it sees (an IU its
    # own, an OU those assigned to it, a PA or SA its organization's).
    Capability.USE_HEARINGS_CALENDAR: tuple(
        Holder(role, Scope.OWN) for role in (Role.IU, Role.PA, Role.SA, Role.OU)
    ),
}


# --- the object rules: one per scope ------------------------------------------------------------
# A record says where it belongs through `organization_id`, `branch_id` and, for a record that
# belongs to one account, `account_id` (a User is its own account). Models of later apps that
# follow these names get the rules for free.


def _account_id(obj):
    if getattr(obj, "_meta", None) is not None and obj._meta.label_lower == "accounts.user":
        return obj.pk
    return getattr(obj, "account_id", None)


def _in_scope(actor, scope: Scope, obj) -> bool:
    if scope == Scope.ANY:
        return True
    if scope == Scope.OWN:
        return _account_id(obj) == actor.pk
    organization = getattr(actor, "organization_id", None)
    if organization is None or getattr(obj, "organization_id", None) != organization:
        return False
    if scope == Scope.SAME_BRANCH:
        return actor.branch_id is not None and getattr(obj, "branch_id", None) == actor.branch_id
    return True


def _scope_filter(actor, scope: Scope, *, prefix: str) -> Q | None:
    """The same rule as `_in_scope`, as a query condition; None means "everything"."""
    if scope == Scope.ANY:
        return None
    if scope == Scope.OWN:
        return Q(**{f"{prefix}pk": actor.pk})
    if actor.organization_id is None:
        return Q(pk__in=[])
    condition = Q(**{f"{prefix}organization": actor.organization_id})
    if scope == Scope.SAME_BRANCH:
        if actor.branch_id is None:
            return Q(pk__in=[])
        condition &= Q(**{f"{prefix}branch": actor.branch_id})
    return condition


def _holders_of(actor, capability: Capability) -> list[Holder]:
    if not getattr(actor, "is_authenticated", False) or not actor.is_active:
        return []
    return [
        holder
        for holder in MATRIX[capability]
        if actor.role == holder.role
        and (holder.optional_role is None or holder.optional_role in actor.optional_role_set)
    ]


def can(actor, capability: Capability, obj=None) -> bool:
    """Whether `actor` holds `capability` (on `obj`, when given). Without an object the answer
    is whether the actor holds it for some records, e.g. to show a menu entry. Anonymous and
    inactive users hold nothing."""
    holders = _holders_of(actor, capability)
    if obj is None:
        return bool(holders)
    return any(_in_scope(actor, holder.scope, obj) for holder in holders)


def require(actor, capability: Capability, obj=None) -> None:
    if not can(actor, capability, obj):
        raise NotPermitted()


def scope(queryset, actor, capability: Capability, *, prefix: str = ""):
    """`queryset` limited in the database to the records on which `actor` may use
    `capability`; nothing for an actor who does not hold it. `prefix` reaches the record's
    owner through a relation (e.g. "account__" for a record that belongs to an account); without
    it the records are the accounts themselves, or carry `organization` and `branch`."""
    conditions = []
    for holder in _holders_of(actor, capability):
        condition = _scope_filter(actor, holder.scope, prefix=prefix)
        if condition is None:
            return queryset
        conditions.append(condition)
    if not conditions:
        return queryset.none()
    combined = conditions[0]
    for condition in conditions[1:]:
        combined |= condition
    return queryset.filter(combined)
