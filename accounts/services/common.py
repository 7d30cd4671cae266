"""What the account services share: the password rules, and the account a Help Centre
officer acts on."""

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from accounts.models import (
    User,
    normalize_login_name,
)
from core.errors import NotFound, ValidationFailed
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
