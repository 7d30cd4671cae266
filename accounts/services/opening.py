"""Accounts open (IDA-4) and are activated with the emailed code (ACT-1..4)."""

import secrets
from collections.abc import Callable
from datetime import date

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from accounts.matching import names_match, phones_match
from accounts.models import (
    AccountStatus,
    ActivationCode,
    User,
    normalize_login_name,
)
from accounts.one_time_secrets import one_time_secret_find, one_time_secret_issue
from accounts.services.common import ACTIVATION_CODE_PURPOSE, help_centre_holder, validated_password
from accounts.transitions import ACCOUNT_TRANSITIONS
from audit.services import audit_record
from core import policy
from core.errors import DomainError, InvalidTransition
from notifications.services import email_send
from permissions.roles import ORGANIZATION_ROLES, Capability, Role, require


class ActivationRefused(DomainError):
    code = "activation_refused"
    default_message = _(
        "The details do not match our records. Check the login name, the activation code, "
        "your surname, given name and telephone number as given in your application, and "
        "for an organization account the Organization Code."
    )


_LOGIN_PREFIX = {Role.IU: "iu", Role.PA: "pa", Role.SA: "sa", Role.OU: "ou"}


def _new_login_name(role: str) -> str:
    # AUTH-1: random, so it reveals nothing; the unique column makes it never reused,
    # because accounts are kept, never deleted (LIFE-5).
    prefix = _LOGIN_PREFIX.get(role, "js")
    return f"{prefix}{secrets.randbelow(10**8):08d}"


def account_open(
    *,
    role: str,
    particulars: dict,
    actor,
    filing_deadline: date | None = None,
    email_template: str = "activation",
    email_context: dict | None = None,
) -> tuple[User, str]:
    """Create an account awaiting activation and email its login name and activation code
    (with, for a prospective litigant, the date by which to file an e-proceeding: REG-3; for
    an account of an organization its Organization Code: AUTH-2). An SA or OU account created
    by its administrators gets an email of its own (`email_template`, `email_context`)."""
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
    code = activation_code_issue(
        user=user, actor=actor, template=email_template, extra_context=email_context
    )
    return user, code


def activation_code_issue(
    *, user: User, actor, template: str = "activation", extra_context: dict | None = None
) -> str:
    """A fresh activation code (the old ones stop working), emailed to the holder (IDA-4).
    A prospective litigant's filing deadline, if the account has one, is stated in the email
    (REG-3); so is the Organization Code of a PA, SA or OU account (AUTH-2, ACT-4)."""
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
        link = reverse("activation:activate") + "?" + urlencode({"login_name": user.login_name})
    email_send(
        to=user.email,
        template=template,
        carries_secret=True,
        language=user.preferred_language,
        context={
            "name": user.full_name,
            "login_name": user.login_name,
            "activation_code": code,
            "expires_at": row.expires_at,
            "activation_url": settings.SITE_URL + link,
            "filing_deadline": user.filing_deadline,
            # Read through the account's organization, in the form people type it.
            "organization_code": user.organization.code_display if user.organization_id else "",
            "organization_name": user.organization.name if user.organization_id else "",
            **(extra_context or {}),
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
    organization_code: str = "",
    post_title: str = "",
    on_activated: Callable[[User], None] | None = None,
) -> User:
    """ACT-1..4: the code must be live and the particulars must match; then set the password.
    A PA, SA or OU account also needs its organization's Organization Code (ACT-4, AUTH-2); a
    wrong one is answered exactly as wrong particulars. An IU account has no code: whatever
    is sent is ignored. REG-10: an account registered by post title gives the post title in
    place of the names.

    `on_activated(user)` runs in the same transaction, after the move: the organizations
    layer passes what a PA's activation changes in its organization (ORG-8); the pages and
    the API call this through `organizations.services.account_activate`."""
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
            _names_match(user, surname=surname, given_name=given_name, post_title=post_title)
            and phones_match(phone, user.phone)
            and _organization_code_matches(user, organization_code)
        )
        if particulars_mismatch:
            problem = ActivationRefused()
        if problem is None:
            validated_password(password, password_confirm, user)
            user.set_password(password)  # saved with the move, never written to the trail
            user.password_changed_at = now
            ACCOUNT_TRANSITIONS.apply(user, "activate", actor=user, activated_at=now)
            code.used_at = now
            code.save(update_fields=["used_at"])
            if on_activated is not None:
                on_activated(user)
            return user
        if particulars_mismatch:
            # The right code with the wrong particulars: count it against the code, so that the
            # particulars cannot be guessed at length. Counted under the account's lock, so that
            # the next attempt reads it (a burst compares at most five); the refusal is raised
            # once the count is committed. A wrong code counts for nothing: a stranger cannot
            # use up a holder's code by guessing at it.
            ActivationCode.objects.filter(pk=code.pk).update(
                failed_attempts=F("failed_attempts") + 1
            )
    raise problem


def _organization_code_matches(user: User, typed: str) -> bool:
    if user.role not in ORGANIZATION_ROLES:
        return True
    return user.organization_id is not None and user.organization.code_matches(typed)


def _names_match(user: User, *, surname: str, given_name: str, post_title: str) -> bool:
    if user.post_title:
        return names_match(post_title, user.post_title)
    return names_match(surname, user.surname) and names_match(given_name, user.given_name)


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


def activation_code_reissue(*, actor, login_name: str) -> None:
    """ACT-4: a code expired, was used up by mismatches or was lost; the Help Centre sends a
    new one (the old one stops working)."""
    require(actor, Capability.REISSUE_ACTIVATION_CODE)
    with transaction.atomic():
        user = help_centre_holder(login_name)
        if user.status != AccountStatus.PENDING_ACTIVATION:
            raise InvalidTransition(_("This account has already been activated."))
        # The new email repeats what the first one said, e.g. a prospective litigant's filing
        # deadline (REG-3), which the account holds.
        activation_code_issue(user=user, actor=actor)
        audit_record(actor=actor, action="account.activation_code_reissued", obj=user)
