"""What the account services share: the password rules, the account a Help Centre officer
acts on, and sending a Change Token."""

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from accounts.models import (
    User,
    normalize_login_name,
)
from core.errors import NotFound, ValidationFailed
from notifications.services import email_send
from permissions.roles import Role


def validated_password(password: str, password_confirm: str, user: User) -> str:
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


def help_centre_holder(login_name: str) -> User:
    """The IU or PA account a Help Centre officer acts on (AUTH-4; SA/OU are their PA's)."""
    user = (
        User.objects.select_for_update()
        .filter(login_name=normalize_login_name(login_name), role__in=[Role.IU, Role.PA])
        .first()
    )
    if user is None:
        raise NotFound(_("No IU or PA account has this login name."))
    return user


def site_url(user: User, url_name: str) -> str:
    """The address of a page in the holder's language, whoever's request sends the email."""
    with translation.override(user.preferred_language):
        return settings.SITE_URL + reverse(url_name)


def change_token_send(
    user: User, *, token: str, expires_at, template: str, extra_context: dict | None = None
) -> None:
    """Email a Change Token to the holder's registered address, straight after commit (it
    carries a secret, so it never waits in the task queue)."""
    email_send(
        to=user.email,
        template=template,
        carries_secret=True,
        language=user.preferred_language,
        context={
            "name": user.full_name,
            "login_name": user.login_name,
            "change_token": token,
            "expires_at": expires_at,
            "reset_url": site_url(user, "accounts:reset_password"),
            **(extra_context or {}),
        },
    )
