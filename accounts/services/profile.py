"""ROLE-1 row 1 (journey 9): every holder maintains their own profile: contact details and
the language of the portal's emails. The names are not the holder's to change: an IU's and a
PA's were checked against an identity document at the counter (the Help Centre corrects
them), an SA's or OU's are maintained by the organization's administrators, and activation
matched them. The login name, role, organization and branch never change here."""

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from accounts.models import Language, User
from audit.services import audit_record
from core.errors import ValidationFailed
from permissions.roles import Capability, require

OWN_PROFILE_FIELDS = ("email", "phone", "address", "preferred_language")


def own_profile_update(
    *, actor, email: str, phone: str, address: str = "", preferred_language: str = Language.EN
) -> User:
    require(actor, Capability.MAINTAIN_OWN_PROFILE, actor)
    values = {
        "email": (email or "").strip(),
        "phone": (phone or "").strip(),
        "address": (address or "").strip(),
        "preferred_language": preferred_language,
    }
    errors = {}
    try:
        validate_email(values["email"])
    except ValidationError:
        errors["email"] = [_("Enter a valid email address.")]
    if not values["phone"]:
        errors["phone"] = [_("Enter a contact telephone number.")]
    elif len(values["phone"]) > 40:
        errors["phone"] = [_("A telephone number has at most 40 characters.")]
    if preferred_language not in Language.values:
        errors["preferred_language"] = [_("Choose English or Chinese.")]
    if errors:
        raise ValidationFailed(errors)
    with transaction.atomic():
        user = User.objects.select_for_update().get(pk=actor.pk)
        before, after = {}, {}
        for name, value in values.items():
            if getattr(user, name) != value:
                before[name], after[name] = getattr(user, name), value
                setattr(user, name, value)
        if after:
            user.save(update_fields=list(after))
            audit_record(
                actor=actor, action="account.profile_updated", obj=user, before=before, after=after
            )
    return user
