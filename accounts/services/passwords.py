"""Passwords: the Help Centre's reset with a Change Token (AUTH-4), and the holder's own
change."""

from axes.utils import reset as axes_reset
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import (
    AccountStatus,
    ApiToken,
    ChangeToken,
    User,
    normalize_login_name,
)
from accounts.one_time_secrets import one_time_secret_find, one_time_secret_issue
from accounts.selectors import masked_email
from accounts.services.attempts import AccountLocked, LoginRefused, LoginThrottled
from accounts.services.common import (
    CHANGE_TOKEN_PURPOSE,
    change_token_send,
    help_centre_holder,
    validated_password,
)
from accounts.services.login import organization_code_of, password_checked
from audit.services import audit_read, audit_record
from core import policy
from core.errors import DomainError, InvalidTransition, ValidationFailed
from notifications.services import email_send
from permissions.roles import Capability, require


class RequestChannel(models.TextChoices):
    """AUTH-4: how the holder asked the Help Centre for a reset."""

    EMAIL = "EMAIL", _("Email")
    FAX = "FAX", _("Fax")
    COUNTER = "COUNTER", _("In person at the counter")


class IdentityCheck(models.TextChoices):
    """AUTH-4: how the Help Centre officer satisfied themself that the request came from the
    holder."""

    PARTICULARS_MATCHED = "PARTICULARS_MATCHED", _("Particulars given matched the records")
    SEEN_AT_COUNTER = (
        "SEEN_AT_COUNTER",
        _("Seen at the counter with an identification document"),
    )


class ResetRefused(DomainError):
    code = "reset_refused"
    default_message = _(
        "The login name and Change Token do not match, or the Change Token has expired or "
        "has been used. Please contact the Help Centre for a new Change Token."
    )


def holder_particulars_read(*, actor, holder) -> dict:
    """AUTH-4: the particulars a Help Centre officer checks a caller's answers against
    ("particulars given matched the records"), shown only when asked for, and the look on the
    record (OPS-2): who, when, which account."""
    require(actor, Capability.START_PASSWORD_RESET)
    audit_read(actor=actor, action="account.personal_data_read", obj=holder, via="password reset")
    return {
        "id_document": f"{holder.get_id_document_type_display()} {holder.id_document_number}",
        "phone": holder.phone,
        "email": holder.email,
        "address": holder.address,
    }


def change_token_issue(
    *, actor, login_name: str, channel: str, identity_check: str, identity_note: str
) -> str:
    """AUTH-4: a Help Centre officer starts a reset, saying how the request came and how the
    holder's identity was checked; the holder is emailed a Change Token. Returns where it
    went, masked ("c***@example.com")."""
    require(actor, Capability.START_PASSWORD_RESET)
    identity_note = identity_note.strip()
    errors = {}
    if channel not in RequestChannel.values:
        errors["channel"] = [_("Please say how the request came.")]
    if identity_check not in IdentityCheck.values:
        errors["identity_check"] = [_("Please say how identity was checked.")]
    if not identity_note:
        errors["identity_note"] = [_("Please note how identity was checked.")]
    if errors:
        raise ValidationFailed(errors)
    with transaction.atomic():
        user = help_centre_holder(login_name)
        password_reset_start(
            actor=actor,
            user=user,
            how={
                "channel": channel,
                "identity_check": identity_check,
                "identity_note": identity_note,
            },
            template="change_token",
        )
    return masked_email(user.email)


def password_reset_start(
    *, actor, user: User, how: dict, template: str, extra_context: dict | None = None
) -> None:
    """AUTH-4, AUTH-5: the reset of an active account's password starts: a Change Token is
    issued, the start recorded with `how` it was asked for, and the token emailed with
    `template` after commit. Call inside the transaction, the account read by the caller's
    rules (the Help Centre's holder, or an administrator's own sub-account)."""
    if user.status != AccountStatus.ACTIVE:
        raise InvalidTransition(_("Only an active account can have its password reset."))
    token, row = one_time_secret_issue(
        ChangeToken,
        user=user,
        purpose=CHANGE_TOKEN_PURPOSE,
        valid_for=policy.CHANGE_TOKEN_VALID_FOR,
        issued_by=actor,
    )
    audit_record(actor=actor, action="account.password_reset_started", obj=user, after=how)
    change_token_send(
        user,
        token=token,
        expires_at=row.expires_at,
        template=template,
        extra_context=extra_context,
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
    validated_password(password, password_confirm, user)
    user.set_password(password)
    user.password_changed_at = now
    user.save(update_fields=["password", "password_changed_at"])
    token.used_at = now
    token.save(update_fields=["used_at"])
    # As with page sessions, API tokens issued under the old password stop working.
    ApiToken.objects.filter(user=user, revoked_at=None).update(revoked_at=now)
    # The court has re-established who the holder is: clear any lockout on the login name.
    axes_reset(username=user.login_name)
    audit_record(actor=user, action="account.password_reset", obj=user)
    _password_changed_email(user, reset=True, at=now)
    return user


def password_change(
    *,
    request,
    user: User,
    current_password: str,
    password: str,
    password_confirm: str,
    keep_token: ApiToken | None = None,
) -> User:
    """The holder changes their own password; their other page sessions and API tokens end
    (the session or token making the change is kept).

    The current password is checked like a login (AUTH-3): a wrong one counts towards the
    lock, so a stolen session cannot guess it at length, and a locked account is refused."""
    try:
        password_checked(
            request=request,
            login_name=user.login_name,
            password=current_password,
            # Logged in already: the account's own code goes with its login name.
            organization_code=organization_code_of(user),
        )
    except (AccountLocked, LoginThrottled):
        raise
    except LoginRefused as exc:
        raise ValidationFailed(
            {"current_password": [_("Your current password is not correct.")]}
        ) from exc
    # A change to the same password would restart AUTH-6's 180 days without changing anything.
    if password == current_password:
        raise ValidationFailed(
            {"password": [_("Choose a new password, different from your current one.")]}
        )
    with transaction.atomic():
        user = User.objects.select_for_update().get(pk=user.pk)
        validated_password(password, password_confirm, user)
        user.set_password(password)
        user.password_changed_at = timezone.now()
        user.save(update_fields=["password", "password_changed_at"])
        # A new password ends the other page sessions (their hash no longer matches) ...
        others = ApiToken.objects.filter(user=user, revoked_at=None)
        if keep_token is not None:
            others = others.exclude(pk=keep_token.pk)
        # ... and the other API tokens.
        others.update(revoked_at=timezone.now())
        audit_record(actor=user, action="account.password_changed", obj=user)
        _password_changed_email(user, reset=False, at=timezone.now())
    return user


def _password_changed_email(user: User, *, reset: bool, at) -> None:
    """The holder hears of every change of password, so that one they did not make is
    reported to the Help Centre at once."""
    email_send(
        to=user.email,
        template="password_changed",
        language=user.preferred_language,
        context={
            "name": user.full_name,
            "login_name": user.login_name,
            "reset": reset,
            "changed_at": timezone.localtime(at),
        },
    )
