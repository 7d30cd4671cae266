"""Writes on accounts: opening, activation, login, password reset."""

import secrets
from datetime import date, timedelta

from axes.utils import reset as axes_reset
from django.conf import settings
from django.contrib.auth import authenticate
from django.contrib.auth.password_validation import validate_password
from django.contrib.humanize.templatetags.humanize import apnumber
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.functional import lazy
from django.utils.http import urlencode
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from accounts.matching import names_match, phones_match
from accounts.models import (
    AccountStatus,
    ActivationCode,
    ApiToken,
    ChangeToken,
    OptionalRoleGrant,
    User,
    normalize_login_name,
)
from accounts.one_time_secrets import one_time_secret_find, one_time_secret_issue
from accounts.secrets import hash_api_key, new_api_key
from audit.services import audit_record
from core import policy
from core.errors import DomainError, InvalidTransition, NotFound, ValidationFailed
from notifications.services import email_send
from permissions.roles import Capability, OptionalRole, Role, require, scope


class ActivationRefused(DomainError):
    code = "activation_refused"
    default_message = _(
        "The details do not match our records. Check the login name, the activation code, "
        "your surname, given name and telephone number as given in your application."
    )


class LoginRefused(DomainError):
    code = "login_refused"
    status = 401
    default_message = _("The login name or password is not correct.")


def _account_locked_message() -> str:
    # AUTH-3 in the reader's language, with the policy's numbers ("five", "30").
    return gettext(
        "This account is locked after %(failures)s unsuccessful login attempts. "
        "Please try again %(minutes)s minutes after the last unsuccessful attempt."
    ) % {
        "failures": apnumber(policy.LOGIN_FAILURE_LIMIT),
        "minutes": policy.LOGIN_LOCK_PERIOD // timedelta(minutes=1),
    }


class AccountLocked(LoginRefused):
    code = "account_locked"
    status = 403
    default_message = lazy(_account_locked_message, str)()


class ResetRefused(DomainError):
    code = "reset_refused"
    default_message = _(
        "The login name and Change Token do not match, or the Change Token has expired or "
        "has been used. Please contact the Help Centre for a new Change Token."
    )


_LOGIN_PREFIX = {Role.IU: "iu", Role.PA: "pa", Role.SA: "sa", Role.OU: "ou"}


def _new_login_name(role: str) -> str:
    # AUTH-1: random, so it reveals nothing; the unique column makes it never reused,
    # because accounts are kept, never deleted (LIFE-5).
    prefix = _LOGIN_PREFIX.get(role, "js")
    return f"{prefix}{secrets.randbelow(10**8):08d}"


def _validated_password(password: str, password_confirm: str, user: User) -> str:
    errors = {}
    if password != password_confirm:
        errors["password_confirm"] = [_("The two passwords do not match.")]
    try:
        validate_password(password, user)
    except ValidationError as exc:
        errors["password"] = list(exc.messages)
    if errors:
        raise ValidationFailed(errors)
    return password


# The keys of the hashes: a secret of one kind is never taken for one of another.
ACTIVATION_CODE_PURPOSE = "activation"
CHANGE_TOKEN_PURPOSE = "change-token"


def account_open(
    *, role: str, particulars: dict, actor, filing_deadline: date | None = None
) -> tuple[User, str]:
    """Create an account awaiting activation and email its login name and activation code
    (with, for a prospective litigant, the date by which to file an e-proceeding: REG-3)."""
    for _attempt in range(10):
        try:
            with transaction.atomic():
                user = User(
                    login_name=_new_login_name(role),
                    role=role,
                    filing_deadline=filing_deadline,
                    **particulars,
                )
                user.set_unusable_password()
                user.save()
            break
        except IntegrityError:
            if User.objects.filter(login_name=user.login_name).exists():
                continue  # a rare clash of random login names: draw again
            raise
    audit_record(actor=actor, action="account.opened", obj=user, after={"status": user.status})
    code = activation_code_issue(user=user, actor=actor)
    return user, code


def activation_code_issue(*, user: User, actor) -> str:
    """A fresh activation code (the old ones stop working), emailed to the holder (IDA-4).
    A prospective litigant's filing deadline, if the account has one, is stated in the email
    (REG-3)."""
    if user.status != AccountStatus.PENDING_ACTIVATION:
        raise InvalidTransition(_("This account has already been activated."))
    code, row = one_time_secret_issue(
        ActivationCode,
        user=user,
        purpose=ACTIVATION_CODE_PURPOSE,
        valid_for=policy.ACTIVATION_CODE_VALID_FOR,
        issued_by=actor if getattr(actor, "pk", None) else None,
    )
    # The page in the holder's language, whoever's request sends the email (NFR-1).
    with translation.override(user.preferred_language):
        link = reverse("accounts:activate") + "?" + urlencode({"login_name": user.login_name})
    email_send(
        to=user.email,
        template="activation",
        carries_secret=True,
        language=user.preferred_language,
        context={
            "name": user.full_name,
            "login_name": user.login_name,
            "activation_code": code,
            "expires_at": row.expires_at,
            "activation_url": settings.SITE_URL + link,
            "filing_deadline": user.filing_deadline,
        },
    )
    return code


def account_activate(
    *,
    login_name: str,
    activation_code: str,
    surname: str,
    given_name: str,
    phone: str,
    password: str,
    password_confirm: str,
) -> User:
    """ACT-1..4: the code must be live and the particulars must match; then set the password."""
    now = timezone.now()
    with transaction.atomic():
        user = (
            User.objects.select_for_update()
            .filter(
                login_name=normalize_login_name(login_name), status=AccountStatus.PENDING_ACTIVATION
            )
            .first()
        )
        code = one_time_secret_find(
            ActivationCode, user=user, value=activation_code, purpose=ACTIVATION_CODE_PURPOSE
        )
        problem = _activation_problem(user, code, now)
        particulars_mismatch = problem is None and not (
            names_match(surname, user.surname)
            and names_match(given_name, user.given_name)
            and phones_match(phone, user.phone)
        )
        if particulars_mismatch:
            problem = ActivationRefused()
        if problem is None:
            _validated_password(password, password_confirm, user)
            before = {"status": user.status}
            user.set_password(password)
            user.status = AccountStatus.ACTIVE
            user.activated_at = now
            user.save(update_fields=["password", "status", "activated_at"])
            code.used_at = now
            code.save(update_fields=["used_at"])
            audit_record(
                actor=user,
                action="account.activated",
                obj=user,
                before=before,
                after={"status": user.status},
            )
            return user
    if particulars_mismatch:
        # The right code with the wrong particulars: count it against the code, so that the
        # particulars cannot be guessed at length. A wrong code counts for nothing: a stranger
        # cannot use up a holder's code by guessing at it.
        ActivationCode.objects.filter(pk=code.pk).update(failed_attempts=F("failed_attempts") + 1)
    raise problem


def _activation_problem(user, code, now) -> ActivationRefused | None:
    if user is None or code is None:
        return ActivationRefused()
    if code.used_at or code.revoked_at:
        return ActivationRefused(
            _("This activation code has already been used or replaced by a newer one."),
            code="activation_code_used",
        )
    if now >= code.expires_at:
        return ActivationRefused(
            _("This activation code has expired. Please contact the Help Centre for a new one."),
            code="activation_code_expired",
        )
    if code.failed_attempts >= policy.ACTIVATION_MAX_MISMATCHES:
        return ActivationRefused(
            _("Too many unsuccessful attempts. Please contact the Help Centre for a new code."),
            code="activation_code_blocked",
        )
    return None


def login(*, request, login_name: str, password: str) -> User:
    """AUTH-3 is enforced by django-axes inside `authenticate`; while a login name is locked
    every attempt gets the same answer, whether or not the password is right."""
    user = authenticate(
        request=request, login_name=normalize_login_name(login_name), password=password
    )
    if getattr(request, "axes_locked_out", False):
        raise AccountLocked()
    if user is None:
        raise LoginRefused()
    return user


def _help_centre_holder(login_name: str) -> User:
    """The IU or PA account a Help Centre officer acts on (AUTH-4; SA/OU are their PA's)."""
    user = (
        User.objects.select_for_update()
        .filter(login_name=normalize_login_name(login_name), role__in=[Role.IU, Role.PA])
        .first()
    )
    if user is None:
        raise NotFound(_("No IU or PA account has this login name."))
    return user


def activation_code_reissue(*, actor, login_name: str) -> None:
    """ACT-4: a code expired, was used up by mismatches or was lost; the Help Centre sends a
    new one (the old one stops working)."""
    require(actor, Capability.REISSUE_ACTIVATION_CODE)
    with transaction.atomic():
        user = _help_centre_holder(login_name)
        if user.status != AccountStatus.PENDING_ACTIVATION:
            raise InvalidTransition(_("This account has already been activated."))
        # The new email repeats what the first one said, e.g. a prospective litigant's filing
        # deadline (REG-3), which the account holds.
        activation_code_issue(user=user, actor=actor)
        audit_record(actor=actor, action="account.activation_code_reissued", obj=user)


def change_token_issue(*, actor, login_name: str) -> None:
    """AUTH-4: a Help Centre officer starts a reset; the holder is emailed a Change Token."""
    require(actor, Capability.START_PASSWORD_RESET)
    with transaction.atomic():
        user = _help_centre_holder(login_name)
        if user.status != AccountStatus.ACTIVE:
            raise InvalidTransition(_("Only an active account can have its password reset."))
        token, row = one_time_secret_issue(
            ChangeToken,
            user=user,
            purpose=CHANGE_TOKEN_PURPOSE,
            valid_for=policy.CHANGE_TOKEN_VALID_FOR,
            issued_by=actor,
        )
        audit_record(actor=actor, action="account.password_reset_started", obj=user)
        with translation.override(user.preferred_language):
            reset_path = reverse("accounts:reset_password")
        email_send(
            to=user.email,
            template="change_token",
            carries_secret=True,
            language=user.preferred_language,
            context={
                "name": user.full_name,
                "login_name": user.login_name,
                "change_token": token,
                "expires_at": row.expires_at,
                "reset_url": settings.SITE_URL + reset_path,
            },
        )


@transaction.atomic
def password_reset(
    *, login_name: str, change_token: str, password: str, password_confirm: str
) -> User:
    now = timezone.now()
    user = (
        User.objects.select_for_update().filter(login_name=normalize_login_name(login_name)).first()
    )
    token = one_time_secret_find(
        ChangeToken,
        user=user,
        value=change_token,
        purpose=CHANGE_TOKEN_PURPOSE,
        for_update=True,
    )
    if token is None or not token.is_usable(now) or not user.is_active:
        raise ResetRefused()
    _validated_password(password, password_confirm, user)
    user.set_password(password)
    user.save(update_fields=["password"])
    token.used_at = now
    token.save(update_fields=["used_at"])
    # As with page sessions, API tokens issued under the old password stop working.
    ApiToken.objects.filter(user=user, revoked_at=None).update(revoked_at=now)
    # The court has re-established who the holder is: clear any lockout on the login name.
    axes_reset(username=user.login_name)
    audit_record(actor=user, action="account.password_reset", obj=user)
    return user


@transaction.atomic
def password_change(
    *,
    user: User,
    current_password: str,
    password: str,
    password_confirm: str,
    keep_token: ApiToken | None = None,
) -> User:
    """The holder changes their own password; their other API tokens stop working (the one
    making the change, if any, is kept, as the page keeps its own session)."""
    if not user.check_password(current_password):
        raise ValidationFailed({"current_password": [_("Your current password is not correct.")]})
    _validated_password(password, password_confirm, user)
    user.set_password(password)
    user.save(update_fields=["password"])
    others = ApiToken.objects.filter(user=user, revoked_at=None)
    if keep_token is not None:
        others = others.exclude(pk=keep_token.pk)
    others.update(revoked_at=timezone.now())
    audit_record(actor=user, action="account.password_changed", obj=user)
    return user


def api_token_issue(*, user: User) -> str:
    key = new_api_key()
    ApiToken.objects.create(
        user=user,
        key_hash=hash_api_key(key),
        expires_at=timezone.now() + policy.API_TOKEN_VALID_FOR,
    )
    return key


def api_token_revoke(*, token: ApiToken) -> None:
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at"])


# --- optional roles (ROLE-1 `*`) ------------------------------------------------------------------


def _sa_for_grant(*, actor, account_id: int) -> User:
    """The SA a PA names, looked up among the accounts the PA may grant roles to: one of
    another organization is not found (ROLE-2)."""
    require(actor, Capability.GRANT_OPTIONAL_ROLES)
    account = (
        scope(User.objects.select_for_update(), actor, Capability.GRANT_OPTIONAL_ROLES)
        .filter(pk=account_id)
        .first()
    )
    if account is None:
        raise NotFound()
    if account.role != Role.SA:
        raise ValidationFailed(
            {"account": [_("Optional roles are given to Secondary Administrators only.")]}
        )
    return account


def _known_optional_role(optional_role: str) -> str:
    if optional_role not in OptionalRole.values:
        raise ValidationFailed({"optional_role": [_("Choose one of the optional roles.")]})
    return optional_role


@transaction.atomic
def optional_role_grant(*, actor, account_id: int, optional_role: str) -> OptionalRoleGrant:
    """[A38]: the PA gives an SA of the organization an optional role; granting it again
    changes nothing."""
    optional_role = _known_optional_role(optional_role)
    account = _sa_for_grant(actor=actor, account_id=account_id)
    grant, created = OptionalRoleGrant.objects.get_or_create(
        account=account, optional_role=optional_role, defaults={"granted_by": actor}
    )
    if created:
        audit_record(
            actor=actor,
            action="account.optional_role_granted",
            obj=account,
            after={"optional_role": optional_role},
        )
    return grant


@transaction.atomic
def optional_role_revoke(*, actor, account_id: int, optional_role: str) -> None:
    optional_role = _known_optional_role(optional_role)
    account = _sa_for_grant(actor=actor, account_id=account_id)
    deleted, _rows = OptionalRoleGrant.objects.filter(
        account=account, optional_role=optional_role
    ).delete()
    if deleted:
        audit_record(
            actor=actor,
            action="account.optional_role_revoked",
            obj=account,
            before={"optional_role": optional_role},
        )
