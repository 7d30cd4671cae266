"""Court staff's second factor (OPS-1 with AUTH-3): a time-based one-time code from an
authenticator app (TOTP, django-otp), enrolled on the first login, checked at every login and
counted towards the same lock as passwords. Account holders' login does not change.

docs/decisions.md, "Staff second factor"."""

from base64 import b32encode
from dataclasses import dataclass

import segno
from django.contrib.auth.signals import user_login_failed
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.lockout import failures_forget
from accounts.models import ApiToken, User
from accounts.selectors import second_factor_staff_account
from accounts.services.attempts import LoginRefused, attempt_checked
from audit.services import audit_record
from core.errors import DomainError, InvalidTransition, ValidationFailed

DEVICE_NAME = "Authenticator app"


class SecondFactorRefused(LoginRefused):
    """A wrong, malformed or already used one-time code. The page says so; the API answers as
    for a wrong password (accounts.services.login.login)."""

    default_message = _(
        "The code is not correct. Type the code your authenticator app shows now; each code "
        "works once."
    )


class SecondFactorNotEnrolled(DomainError):
    code = "second_factor_not_enrolled"
    status = 403
    default_message = _(
        "Court staff log in with a second factor, which this account has not set up yet. "
        "Log in once on the portal's login page to set up an authenticator app; then use "
        "the code it shows here."
    )


class EnrolmentReplaced(DomainError):
    code = "second_factor_enrolment_replaced"
    status = 409
    default_message = _(
        "The set-up of your authenticator app was started again from another login. Please "
        "log in again."
    )


def second_factor_required(user) -> bool:
    """OPS-1: court staff, system administrators included, log in with a second factor;
    account holders (IU, PA, SA, OU) do not."""
    return bool(getattr(user, "is_court_staff", False))


@dataclass(frozen=True)
class Enrolment:
    """What the enrolment page shows, once: the key as a QR code and as text."""

    device_id: int
    secret: str  # base32, in groups of four for typing
    qr_svg: str  # an <svg> element, drawn by segno from the otpauth:// address


def second_factor_enrolment(*, user, device_id: int | None = None) -> Enrolment | None:
    """The key to enrol for a court officer who has no confirmed authenticator: the one this
    login started (`device_id`), or a new one; None once enrolled.

    A new login starts with a new key and drops any other unconfirmed one, so a key shown to
    one login (or left on a screen) cannot be confirmed by another; the login whose key was
    dropped is told to log in again (EnrolmentReplaced)."""
    with transaction.atomic():
        # One set-up at a time per account, and none while a code is being checked.
        User.objects.select_for_update().filter(pk=user.pk).first()
        devices = TOTPDevice.objects.devices_for_user(user, confirmed=None)
        if devices.filter(confirmed=True).exists():
            return None
        if device_id:
            device = devices.filter(pk=device_id, confirmed=False).first()
            if device is None:
                raise EnrolmentReplaced()
        else:
            devices.filter(confirmed=False).delete()
            device = TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)
    secret = b32encode(device.bin_key).decode().rstrip("=")
    qr = segno.make(device.config_url, error="m")
    return Enrolment(
        device_id=device.pk,
        secret=" ".join(secret[i : i + 4] for i in range(0, len(secret), 4)),
        # Dark on white with a quiet zone, so that it scans on any background; no style
        # attribute (the Content Security Policy refuses inline styles).
        qr_svg=qr.svg_inline(
            scale=5, border=4, dark="#000", light="#fff", svgclass="qr-code", omitsize=True
        ),
    )


def _digits(code: str) -> str:
    # "123 456" as some apps show it.
    return "".join((code or "").split())


def second_factor_checked(*, request, user, code: str, enrolment: int | None = None) -> TOTPDevice:
    """Check a court officer's one-time code under AUTH-3, as `password_checked` checks a
    password: the account's row locked first, so codes on one account are checked one at a
    time; refused while the login name is locked; a wrong (or replayed) code counted by
    django-axes as a failed login against the login name, with the lock notice when it locks;
    a right code completes the login and forgets the failures.

    `enrolment` is the unconfirmed device the enrolment page showed; its first right code
    confirms it. Returns the device that accepted the code."""
    login_name = user.login_name

    def check(holder, was_locked):
        if was_locked:
            return None
        device = None
        if holder is not None and holder.is_active:
            devices = TOTPDevice.objects.devices_for_user(holder, confirmed=None)
            device = devices.filter(confirmed=True).select_for_update().first()
            if device is None and enrolment:
                device = devices.filter(pk=enrolment, confirmed=False).select_for_update().first()
            if device is None:
                raise SecondFactorNotEnrolled()
        # django-otp refuses a code at or before the last accepted time step: no replay.
        if device is not None and device.verify_token(_digits(code)):
            if not device.confirmed:
                device.confirmed = True
                device.save(update_fields=["confirmed"])
                audit_record(actor=holder, action="account.second_factor_enrolled", obj=holder)
            failures_forget(login_name)  # the login is complete: a success resets the count
            return device
        user_login_failed.send(
            sender=__name__, credentials={"login_name": login_name}, request=request
        )
        return None

    return attempt_checked(
        request=request, login_name=login_name, check=check, refusal=SecondFactorRefused
    )


@transaction.atomic
def second_factor_reset(*, actor, login_name: str, reasons: str) -> User:
    """A system administrator resets a court officer's second factor (a lost or replaced
    phone), with reasons, on the record. The officer's sessions and API tokens end with it,
    and the next login enrols a new authenticator."""
    reasons = reasons.strip()
    if not reasons:
        raise ValidationFailed({"reasons": [_("Please give the reasons.")]})
    user = second_factor_staff_account(actor=actor, login_name=login_name, for_update=True)
    devices = TOTPDevice.objects.devices_for_user(user, confirmed=None)
    device = devices.filter(confirmed=True).first()
    if device is None:
        raise InvalidTransition(_("This staff member has not set up a second factor."))
    before = {
        "enrolled_at": device.created_at.isoformat() if device.created_at else None,
        "last_used_at": device.last_used_at.isoformat() if device.last_used_at else None,
    }
    devices.delete()  # page sessions verified with it end (accounts.middleware)
    ApiToken.objects.filter(user=user, revoked_at=None).update(revoked_at=timezone.now())
    audit_record(
        actor=actor,
        action="account.second_factor_reset",
        obj=user,
        before=before,
        after={"reasons": reasons},
    )
    return user
