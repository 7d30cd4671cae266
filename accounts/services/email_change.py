"""LIFE-1, our choice: a holder's new email address takes effect only once confirmed with the
single-use, expiring code sent to that address, and with the holder's password: a session
alone (a shared computer, a stolen cookie) must not move the address to which Change Tokens
go, and with it the password (docs/decisions.md, "A third attacker's pass"). The old address
is told that a change was asked for (without the code). A second request replaces the first."""

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import EmailChangeToken, User
from accounts.one_time_secrets import one_time_secret_find, one_time_secret_issue
from accounts.selectors import PendingEmailChange
from accounts.services.attempts import AccountLocked, LoginRefused, LoginThrottled
from accounts.services.common import site_url
from accounts.services.login import organization_code_of, password_checked
from audit.services import audit_record
from core import policy
from core.errors import DomainError, ValidationFailed
from notifications.services import email_send
from permissions.roles import Capability, require

EMAIL_CHANGE_PURPOSE = "email-change"


class EmailChangeRefused(DomainError):
    code = "email_change_refused"
    default_message = _("The confirmation code is not correct.")


def validated_email(value: str, *, field: str = "email") -> str:
    value = (value or "").strip()
    try:
        validate_email(value)
    except ValidationError as exc:
        raise ValidationFailed({field: [_("Enter a valid email address.")]}) from exc
    return value


def email_change_start(user: User, *, actor, new_email: str) -> PendingEmailChange:
    """Inside the caller's transaction, with `user` locked: issue the code, email it to the
    new address (straight, never through the queue) and tell the old one."""
    token, row = one_time_secret_issue(
        EmailChangeToken,
        user=user,
        purpose=EMAIL_CHANGE_PURPOSE,
        valid_for=policy.EMAIL_CHANGE_VALID_FOR,
        new_email=new_email,
    )
    audit_record(
        actor=actor,
        action="account.email_change_requested",
        obj=user,
        before={"email": user.email},
        after={"new_email": new_email},
    )
    context = {
        "name": user.full_name,
        "login_name": user.login_name,
        "new_email": new_email,
        "expires_at": timezone.localtime(row.expires_at),
        "confirm_url": site_url(user, "accounts:confirm_email"),
    }
    email_send(
        to=new_email,
        template="email_change_confirm",
        carries_secret=True,
        language=user.preferred_language,
        context={**context, "confirmation_code": token},
    )
    email_send(
        to=user.email,
        template="email_change_requested",
        language=user.preferred_language,
        context=context,
    )
    return PendingEmailChange(new_email=new_email, expires_at=row.expires_at)


def email_change_request(*, actor, email: str) -> PendingEmailChange:
    """The holder asks to use a new email address; nothing changes until it is confirmed."""
    require(actor, Capability.MAINTAIN_OWN_PROFILE, actor)
    new_email = validated_email(email)
    with transaction.atomic():
        user = User.objects.select_for_update().get(pk=actor.pk)
        if new_email.lower() == user.email.lower():
            raise ValidationFailed({"email": [_("This is already your email address.")]})
        return email_change_start(user, actor=actor, new_email=new_email)


def email_change_confirm(*, request, actor, confirmation_code: str, password: str) -> User:
    """The holder, logged in, enters the code sent to the new address and the password: the
    address becomes the account's email address, and the old address is told. The password is
    checked like a login (AUTH-3): a wrong one counts towards the lock, as the current password
    of a password change does."""
    require(actor, Capability.MAINTAIN_OWN_PROFILE, actor)
    try:
        password_checked(
            request=request,
            login_name=actor.login_name,
            password=password or "",
            organization_code=organization_code_of(actor),
        )
    except (AccountLocked, LoginThrottled):
        raise
    except LoginRefused as exc:
        raise ValidationFailed({"password": [_("Your password is not correct.")]}) from exc
    now = timezone.now()
    with transaction.atomic():
        user = User.objects.select_for_update().get(pk=actor.pk)
        row = one_time_secret_find(
            EmailChangeToken,
            user=user,
            value=confirmation_code or "",
            purpose=EMAIL_CHANGE_PURPOSE,
            for_update=True,
        )
        if row is None:
            raise EmailChangeRefused()
        if row.used_at is not None:
            raise EmailChangeRefused(
                _("This confirmation code has already been used. Your email address is %(email)s.")
                % {"email": user.email}
            )
        if row.revoked_at is not None:
            raise EmailChangeRefused(
                _(
                    "This confirmation code was replaced by a later request. Use the code in "
                    "the latest email."
                )
            )
        if not row.is_usable(now):
            raise EmailChangeRefused(
                _(
                    "This confirmation code has expired. Please ask for the change again on "
                    "your profile page."
                )
            )
        old_email = user.email
        user.email = row.new_email
        user.save(update_fields=["email"])
        row.used_at = now
        row.save(update_fields=["used_at"])
        audit_record(
            actor=actor,
            action="account.email_changed",
            obj=user,
            before={"email": old_email},
            after={"email": user.email},
        )
        email_changed_tell(user, old_email=old_email, at=now)
    return user


def email_changed_tell(user, *, old_email: str, at, by_administrator: bool = False) -> None:
    """LIFE-1: the old address hears that the account's address changed (by the holder, or
    by the organization's administrator), so that a change nobody expected is noticed."""
    email_send(
        to=old_email,
        template="email_changed",
        language=user.preferred_language,
        context={
            "name": user.full_name,
            "login_name": user.login_name,
            "new_email": user.email,
            "changed_at": timezone.localtime(at),
            "by_administrator": by_administrator,
        },
    )
