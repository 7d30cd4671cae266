"""LIFE-2 [A47]: ending an IU account on its holder's request. The request comes by post, fax
or email and a Help Centre officer keys it in, saying how it came, when it was received and how
the holder's identity was checked; or `[+]` the holder asks online, giving the password again.
Either way the account ends at once through the account transitions (docs/decisions.md), its
current case links end, and the holder is emailed. The account, its records and the case
history it took part in are kept (LIFE-5); its login name is never used again."""

from datetime import date

from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.ending import account_ended
from accounts.models import ApiToken, User, normalize_login_name
from accounts.services.attempts import AccountLocked, LoginRefused, LoginThrottled
from accounts.services.login import password_checked
from accounts.transitions import ACCOUNT_TRANSITIONS
from core import policy
from core.errors import NotFound, ValidationFailed
from core.workdays import local_today
from notifications.services import email_send
from permissions.roles import Capability, Role, require


class TerminationChannel(models.TextChoices):
    """LIFE-2 [A47]: how the holder's request reached the Help Centre; `ONLINE` [+]: the holder
    asked on the portal."""

    POST = "POST", _("Post")
    FAX = "FAX", _("Fax")
    EMAIL = "EMAIL", _("Email")
    ONLINE = "ONLINE", _("Online, by the holder")


KEYED_IN_CHANNELS = (TerminationChannel.POST, TerminationChannel.FAX, TerminationChannel.EMAIL)


class TerminationIdentityCheck(models.TextChoices):
    """LIFE-2: how the Help Centre officer satisfied themself that a request on paper came from
    the holder."""

    PARTICULARS_MATCHED = (
        "PARTICULARS_MATCHED",
        _("Particulars in the request matched the records"),
    )
    REGISTERED_EMAIL = (
        "REGISTERED_EMAIL",
        _("Sent from the account's registered email address"),
    )
    CALLED_BACK = (
        "CALLED_BACK",
        _("Confirmed by calling the registered telephone number"),
    )


def iu_termination_record(
    *,
    actor,
    login_name: str,
    channel: str,
    received_on,
    identity_check: str,
    identity_note: str,
    reasons: str,
) -> User:
    """A Help Centre officer keys in an IU holder's request to end the account."""
    require(actor, Capability.RECORD_TERMINATION_REQUEST)
    identity_note = (identity_note or "").strip()
    errors: dict = {}
    if channel not in KEYED_IN_CHANNELS:
        errors["channel"] = [_("Please say how the request came: by post, fax or email.")]
    if not isinstance(received_on, date):
        errors["received_on"] = [_("Enter the date the request was received.")]
    elif received_on > local_today():
        errors["received_on"] = [_("The date received cannot be in the future.")]
    elif policy.paper_received_too_long_ago(received_on):
        errors["received_on"] = [_("The date received cannot be more than two years ago.")]
    if identity_check not in TerminationIdentityCheck.values:
        errors["identity_check"] = [_("Please say how identity was checked.")]
    if not identity_note:
        errors["identity_note"] = [_("Please note how identity was checked.")]
    try:
        reasons = ACCOUNT_TRANSITIONS.reasons("terminate", reasons)
    except ValidationFailed as exc:
        errors.update(exc.errors)
    if errors:
        raise ValidationFailed(errors)
    with transaction.atomic():
        user = (
            User.objects.select_for_update()
            .filter(login_name=normalize_login_name(login_name or ""), role=Role.IU)
            .first()
        )
        if user is None:
            raise NotFound(_("No IU account has this login name."))
        ACCOUNT_TRANSITIONS.apply(
            user,
            "terminate",
            actor=actor,
            channel=channel,
            received_on=received_on.isoformat(),
            identity_check=identity_check,
            identity_note=identity_note,
            reasons=reasons,
        )
        _ended(user, actor=actor, channel=channel)
    return user


def iu_termination_request(*, request, user: User, password: str, reasons: str = "") -> User:
    """LIFE-2 [+]: the IU holder, logged in, ends the account online. The password is checked
    like a login (AUTH-3): a wrong one counts towards the lock."""
    require(user, Capability.TERMINATE_OWN_ACCOUNT, user)
    reasons = (reasons or "").strip()
    if len(reasons) > 2000:
        raise ValidationFailed({"reasons": [_("Please keep the reasons under 2000 characters.")]})
    try:
        password_checked(
            request=request,
            login_name=user.login_name,
            password=password or "",
            organization_code="",  # an IU account has none (AUTH-2)
        )
    except (AccountLocked, LoginThrottled):
        raise
    except LoginRefused as exc:
        raise ValidationFailed({"password": [_("Your password is not correct.")]}) from exc
    with transaction.atomic():
        account = User.objects.select_for_update().get(pk=user.pk)
        ACCOUNT_TRANSITIONS.apply(
            account,
            "terminate_own",
            actor=user,
            channel=TerminationChannel.ONLINE,
            received_on=local_today().isoformat(),
            **({"reasons": reasons} if reasons else {}),
        )
        _ended(account, actor=user, channel=TerminationChannel.ONLINE)
    return account


def _ended(user: User, *, actor, channel: str) -> None:
    """What follows the end: the current case links end, the API tokens stop, the holder is
    told (page sessions end by themselves: the account is no longer active)."""
    account_ended(user, actor=actor)
    now = timezone.now()
    ApiToken.objects.filter(user=user, revoked_at=None).update(revoked_at=now)
    email_send(
        to=user.email,
        template="account_terminated",
        language=user.preferred_language,
        context={
            "name": user.full_name,
            "login_name": user.login_name,
            "online": channel == TerminationChannel.ONLINE,
            "ended_at": timezone.localtime(now),
        },
    )
