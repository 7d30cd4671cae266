"""SA and OU accounts (ORG-5, ORG-6, ROLE-1, REG-10, AUTH-5): their administrators open them,
suspend, re-activate and end them, revise their effective end dates, give SAs their optional
roles and reset their passwords. Who may do which, on whose account, is the role matrix's
(permissions.roles); an OU can never do any of it (ORG-6)."""

from datetime import date

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.matching import PHONE_PROBLEM, phone_is_well_formed
from accounts.models import AccountStatus, Language, OptionalRoleGrant, User
from accounts.services import (
    account_open,
    activation_code_issue,
    optional_role_grant,
    optional_role_revoke,
)
from accounts.services.email_change import email_changed_tell
from accounts.services.passwords import password_reset_start
from accounts.transitions import ACCOUNT_TRANSITIONS
from audit.services import audit_record
from core.errors import InvalidTransition, NotPermitted, ValidationFailed
from core.text import text_problem
from core.workdays import local_today
from organizations.codes import organization_code_display
from organizations.limits import limit_check, organization_locked
from organizations.models import DefaultOU
from organizations.services.common import branch_of_organization, organization_account_locked
from organizations.services.default_ous import default_ou_add, last_default_check
from permissions.roles import Capability, OptionalRole, Role, can, require

SUB_ACCOUNT_ROLES = (Role.SA, Role.OU)
_LIMIT = {Role.SA: "secondary_administrators", Role.OU: "organization_users"}
_MANAGE = {Role.SA: Capability.MANAGE_SA_ACCOUNTS, Role.OU: Capability.MANAGE_OU_ACCOUNTS}
_PROFILE = {Role.SA: Capability.MAINTAIN_SA_PROFILES, Role.OU: Capability.MAINTAIN_OU_PROFILES}


def manage_capability(role: str) -> Capability:
    """Which capability creating (or managing) an account of `role` needs."""
    if role not in SUB_ACCOUNT_ROLES:
        raise ValidationFailed(
            {"role": [_("Choose Secondary Administrator or Organization User.")]}
        )
    return _MANAGE[role]


def _end_date_checked(value, errors: dict) -> date | None:
    """ORG-5 [A35]: required, and not in the past."""
    if not isinstance(value, date):
        errors["effective_end_date"] = [_("Enter the effective end date of the account.")]
        return None
    if value < local_today():
        errors["effective_end_date"] = [_("The effective end date cannot be in the past.")]
        return None
    return value


def _particulars_checked(
    organization, *, surname, given_name, post_title, email, phone, address, errors: dict
) -> dict:
    surname, given_name = (surname or "").strip(), (given_name or "").strip()
    post_title = (post_title or "").strip()
    email, phone, address = (email or "").strip(), (phone or "").strip(), (address or "").strip()
    if post_title:
        # REG-10 [A24]: approved for the organization by a vetting officer.
        if not organization.post_based_accounts:
            errors["post_title"] = [
                _(
                    "Your organization has not been approved to register accounts by post "
                    "title. Give the holder's surname and given name; your Primary "
                    "Administrator can ask for post-based accounts with a request to change "
                    "the organization's configuration."
                )
            ]
        elif surname or given_name:
            errors["post_title"] = [
                _("Give either the post title or the holder's names, not both.")
            ]
    else:
        if not surname:
            errors["surname"] = [_("Enter the surname.")]
        if not given_name:
            errors["given_name"] = [_("Enter the given name.")]
    for field, value in (
        ("surname", surname),
        ("given_name", given_name),
        ("post_title", post_title),
    ):
        # A name that reads one way on screen and another in the record (core.text).
        if text_problem(value):
            errors.setdefault(field, []).append(text_problem(value))
    if len(surname) > 100 or len(given_name) > 100:
        errors.setdefault("surname", []).append(_("A name has at most 100 characters."))
    if len(post_title) > 200:
        errors["post_title"] = [_("A post title has at most 200 characters.")]
    try:
        validate_email(email)
    except ValidationError:
        errors["email"] = [_("Enter a valid email address.")]
    if not phone:
        errors["phone"] = [_("Enter a contact telephone number.")]
    elif not phone_is_well_formed(phone):
        errors["phone"] = [PHONE_PROBLEM]
    return {
        "surname": surname,
        "given_name": given_name,
        "post_title": post_title,
        "email": email,
        "phone": phone,
        "address": address,
    }


def _optional_roles_checked(role: str, optional_roles, errors: dict) -> list[str]:
    optional_roles = list(dict.fromkeys(optional_roles or []))
    if any(value not in OptionalRole.values for value in optional_roles):
        errors["optional_roles"] = [_("Choose among the optional roles.")]
    elif optional_roles and role != Role.SA:
        errors["optional_roles"] = [_("Optional roles are given to Secondary Administrators only.")]
    return optional_roles


def sub_account_email_context(account: User) -> dict:
    organization = account.organization
    return {
        "organization_name": organization.name,
        "organization_code": organization_code_display(organization.code),
    }


def _activation_email_context(organization, *, role, effective_end_date, post_title) -> dict:
    """What the sub-account's activation email says besides the code: the same at creation
    and at every re-send (ACT-4)."""
    return {
        "organization_name": organization.name,
        "organization_code": organization_code_display(organization.code),
        "account_type": Role(role).label,
        "effective_end_date": effective_end_date,
        "post_title": post_title,
    }


def sub_account_create(
    *,
    actor,
    role: str,
    branch,
    effective_end_date,
    email: str,
    phone: str,
    surname: str = "",
    given_name: str = "",
    post_title: str = "",
    address: str = "",
    preferred_language: str = Language.EN,
    optional_roles=(),
) -> tuple[User, str]:
    """ORG-5, ORG-6: open an SA or OU account in a branch of the actor's organization, with an
    effective end date; its holder is emailed the login name, an activation code and the
    Organization Code. An SA's optional roles are the PA's to give ([A38]). The first OU
    becomes a default OU (ORG-7). Returns the account and its activation code."""
    require(actor, manage_capability(role))
    errors: dict = {}
    optional_roles = _optional_roles_checked(role, optional_roles, errors)
    if optional_roles:
        # [A38]: only the PA gives optional roles, also when an SA creates an SA.
        require(actor, Capability.GRANT_OPTIONAL_ROLES)
    effective_end_date = _end_date_checked(effective_end_date, errors)
    if preferred_language not in Language.values:
        errors["preferred_language"] = [_("Choose English or Chinese.")]
    with transaction.atomic():
        organization = organization_locked(actor.organization_id)
        particulars = _particulars_checked(
            organization,
            surname=surname,
            given_name=given_name,
            post_title=post_title,
            email=email,
            phone=phone,
            address=address,
            errors=errors,
        )
        try:
            branch = branch_of_organization(organization.pk, branch)
        except ValidationFailed as exc:
            errors.update(exc.errors)
        if errors:
            raise ValidationFailed(errors)
        limit_check(organization, _LIMIT[role])
        account, code = account_open(
            role=role,
            actor=actor,
            particulars={
                **particulars,
                "organization": organization,
                "branch": branch,
                "effective_end_date": effective_end_date,
                "preferred_language": preferred_language,
            },
            email_template="sub_account_activation",
            email_context=_activation_email_context(
                organization,
                role=role,
                effective_end_date=effective_end_date,
                post_title=particulars["post_title"],
            ),
        )
        for optional_role in optional_roles:
            optional_role_grant(actor=actor, account_id=account.pk, optional_role=optional_role)
        if role == Role.OU and not DefaultOU.objects.filter(organization=organization).exists():
            # ORG-7 [A43]: the first OU (or the first while there is none) becomes default.
            default_ou_add(actor=actor, organization=organization, account=account)
    return account, code


def _managed_account(*, actor, account_id) -> User:
    """An SA or OU account of the actor's organization, for an action the matrix gives by the
    account's role: 403 to a role that manages no account, 404 outside the organization."""
    if not (can(actor, Capability.MANAGE_OU_ACCOUNTS) or can(actor, Capability.MANAGE_SA_ACCOUNTS)):
        raise NotPermitted()
    account = organization_account_locked(actor=actor, account_id=account_id)
    if account.pk == actor.pk:
        raise NotPermitted(_("You cannot do this to your own account."))
    return account


ACCOUNT_ACTIONS = ("suspend", "reactivate", "terminate")


def sub_account_transition(*, actor, account_id, action: str, reasons: str = "") -> User:
    """ORG-6, LIFE-5: suspend, re-activate or end an SA or OU account. Suspending or ending the
    last default OU in service is refused (ORG-7); an ended account stops being a default OU
    and frees its place under the limits (ORG-3)."""
    if action not in ACCOUNT_ACTIONS:
        raise InvalidTransition()
    reasons = ACCOUNT_TRANSITIONS.reasons(action, reasons)
    with transaction.atomic():
        if actor.organization_id is not None:
            organization_locked(actor.organization_id)  # ORG-7's count holds under races
        account = _managed_account(actor=actor, account_id=account_id)
        ACCOUNT_TRANSITIONS.check(account, action, actor=actor)
        if action in ("suspend", "terminate"):
            last_default_check(account)
        if action == "terminate":
            removed, _rows = DefaultOU.objects.filter(account=account).delete()
            if removed:
                # Its designation ends with it, on the record as a removal is (ORG-7).
                audit_record(
                    actor=actor,
                    action="account.default_ou_removed",
                    obj=account,
                    after={"account_status": AccountStatus.TERMINATED},
                )
        # The reasons are not a field of the account: they go to the audit record with the move.
        ACCOUNT_TRANSITIONS.apply(
            account, action, actor=actor, **({"reasons": reasons} if reasons else {})
        )
    return account


def sub_account_end_date_revise(
    *, actor, account_id, effective_end_date, reasons: str = ""
) -> User:
    """ORG-5 [A35]: the end date can be revised (later or earlier, never into the past);
    audited with the date before and after."""
    errors: dict = {}
    effective_end_date = _end_date_checked(effective_end_date, errors)
    if errors:
        raise ValidationFailed(errors)
    with transaction.atomic():
        account = _managed_account(actor=actor, account_id=account_id)
        if account.role not in SUB_ACCOUNT_ROLES:
            raise NotPermitted()
        require(actor, _MANAGE[account.role], account)
        if account.status == AccountStatus.TERMINATED:
            raise InvalidTransition(_("This account has ended."))
        before = account.effective_end_date
        if before == effective_end_date:
            return account
        account.effective_end_date = effective_end_date
        account.save(update_fields=["effective_end_date"])
        audit_record(
            actor=actor,
            action="account.end_date_revised",
            obj=account,
            before={"effective_end_date": str(before) if before else ""},
            after={
                "effective_end_date": str(effective_end_date),
                **({"reasons": reasons.strip()} if reasons.strip() else {}),
            },
        )
    return account


@transaction.atomic
def sub_account_optional_roles_set(*, actor, account_id, optional_roles) -> User:
    """[A38]: the PA gives or takes an SA's optional roles; `optional_roles` is the whole set
    the SA is to hold. Each grant and revocation is audited (accounts.services.grants)."""
    require(actor, Capability.GRANT_OPTIONAL_ROLES)
    errors: dict = {}
    wanted = set(_optional_roles_checked(Role.SA, optional_roles, errors))
    if errors:
        raise ValidationFailed(errors)
    account = organization_account_locked(actor=actor, account_id=account_id)
    require(actor, Capability.GRANT_OPTIONAL_ROLES, account)
    if account.role != Role.SA:
        raise ValidationFailed(
            {"optional_roles": [_("Optional roles are given to Secondary Administrators only.")]}
        )
    held = set(
        OptionalRoleGrant.objects.filter(account=account).values_list("optional_role", flat=True)
    )
    for value in sorted(wanted - held):
        optional_role_grant(actor=actor, account_id=account.pk, optional_role=value)
    for value in sorted(held - wanted):
        optional_role_revoke(actor=actor, account_id=account.pk, optional_role=value)
    account.__dict__.pop("optional_role_set", None)
    return account


def sub_account_activation_code_resend(*, actor, account_id) -> User:
    """ACT-4, ORG-6: the PA, or an SA who manages such accounts (ROLE-1), re-sends the
    activation code of an SA or OU account still awaiting activation: a new code, in the
    email its creation sent, with the Organization Code; the old code stops working. Audited
    as the Help Centre's re-send of an IU or PA code is."""
    with transaction.atomic():
        account = _managed_account(actor=actor, account_id=account_id)
        if account.role not in SUB_ACCOUNT_ROLES:
            raise NotPermitted()
        require(actor, _MANAGE[account.role], account)
        if account.status != AccountStatus.PENDING_ACTIVATION:
            raise InvalidTransition(
                _("Only an account awaiting activation can be sent a new activation code.")
            )
        activation_code_issue(
            user=account,
            actor=actor,
            template="sub_account_activation",
            extra_context=_activation_email_context(
                account.organization,
                role=account.role,
                effective_end_date=account.effective_end_date,
                post_title=account.post_title,
            ),
        )
        audit_record(
            actor=actor,
            action="account.activation_code_reissued",
            obj=account,
            after={"channel": "ADMINISTRATOR"},
        )
    return account


def sub_account_password_reset(*, actor, account_id) -> User:
    """AUTH-5 [A36]: the PA, or an SA of the same branch, resets an SA or OU password: a Change
    Token goes to the holder's registered email address, to be used on the Reset Password
    page."""
    require(actor, Capability.RESET_SUB_ACCOUNT_PASSWORDS)
    with transaction.atomic():
        account = organization_account_locked(actor=actor, account_id=account_id)
        if account.role not in SUB_ACCOUNT_ROLES or account.pk == actor.pk:
            raise NotPermitted()
        require(actor, Capability.RESET_SUB_ACCOUNT_PASSWORDS, account)
        password_reset_start(
            actor=actor,
            user=account,
            how={"channel": "ADMINISTRATOR"},
            template="sub_account_change_token",
            extra_context=sub_account_email_context(account),
        )
    return account


def sub_account_profile_update(
    *,
    actor,
    account_id,
    email: str,
    phone: str,
    address: str = "",
    surname: str = "",
    given_name: str = "",
    post_title: str = "",
    branch=None,
) -> User:
    """ROLE-1 rows 2-3: an administrator maintains an OU's profile (PA, any SA) or an SA's
    (PA, SA with "To create SA Account"): names (or post title), contact details and branch.
    The login name, the role, the organization and the identity stay as they are."""
    with transaction.atomic():
        if not (
            can(actor, Capability.MAINTAIN_OU_PROFILES)
            or can(actor, Capability.MAINTAIN_SA_PROFILES)
        ):
            raise NotPermitted()
        organization = organization_locked(actor.organization_id)
        account = organization_account_locked(actor=actor, account_id=account_id)
        if account.role not in SUB_ACCOUNT_ROLES or account.pk == actor.pk:
            raise NotPermitted()
        require(actor, _PROFILE[account.role], account)
        if account.status == AccountStatus.TERMINATED:
            raise InvalidTransition(_("This account has ended."))
        errors: dict = {}
        if bool(account.post_title) != bool((post_title or "").strip()):
            # A post-based account stays post-based, a named one named (REG-10).
            if account.post_title:
                errors["post_title"] = [_("Enter the post title.")]
            elif post_title:
                errors["post_title"] = [
                    _("This account is registered by name; it cannot be given a post title.")
                ]
        particulars = _particulars_checked(
            organization,
            surname=surname,
            given_name=given_name,
            post_title=post_title if account.post_title else "",
            email=email,
            phone=phone,
            address=address,
            errors=errors,
        )
        if branch not in (None, ""):
            try:
                particulars["branch"] = branch_of_organization(organization.pk, branch)
            except ValidationFailed as exc:
                errors.update(exc.errors)
        _reset_reach_kept(actor, account, particulars, errors)
        if errors:
            raise ValidationFailed(errors)
        old_email = account.email
        account = _profile_save(actor=actor, account=account, values=particulars)
        if account.email != old_email:
            email_changed_tell(
                account, old_email=old_email, at=timezone.now(), by_administrator=True
            )
        return account


def _reset_reach_kept(actor, account: User, particulars: dict, errors: dict) -> None:
    """A Change Token goes to the registered email address, and an SA resets passwords in its
    own branch only (ROLE-1, AUTH-5). So an SA changes an account's email address, or moves it
    to another branch, only where it could reset its password: otherwise it could move an
    account of another branch into its own, or give it its own address, and reset it there.
    Nor does an SA change the address of an SA holding an optional role it lacks: it would
    log in as that SA and so hold a role that only the PA gives ([A38])."""
    new_email = particulars.get("email", "").lower() != account.email.lower()
    if can(actor, Capability.RESET_SUB_ACCOUNT_PASSWORDS, account):
        # Read only for an SA moving an address: the roles are a query each.
        an_sa_moves_it = new_email and actor.role == Role.SA
        if an_sa_moves_it and account.optional_role_set - actor.optional_role_set:
            errors.setdefault("email", []).append(
                _(
                    "Only your Primary Administrator may change the email address of an "
                    "SA who holds an optional role that you do not hold."
                )
            )
        return
    if new_email:
        errors.setdefault("email", []).append(
            _(
                "Only your Primary Administrator or an SA of the account's branch may change "
                "its email address: password resets are sent there."
            )
        )
    if "branch" in particulars and particulars["branch"] != account.branch:
        errors.setdefault("branch", []).append(
            _(
                "Only your Primary Administrator or an SA of the account's branch may move it "
                "to another branch."
            )
        )


def _profile_save(*, actor, account: User, values: dict) -> User:
    before, after = {}, {}
    for name, value in values.items():
        old = getattr(account, name)
        if old != value:
            before[name] = str(old) if old is not None else ""
            after[name] = str(value)
            setattr(account, name, value)
    if after:
        account.save(update_fields=[n for n in values if n in after])
        audit_record(
            actor=actor, action="account.profile_updated", obj=account, before=before, after=after
        )
    return account
