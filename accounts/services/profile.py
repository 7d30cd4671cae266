"""ROLE-1 row 1 (journey 9): every holder maintains their own profile: contact details and
the language of the portal's emails. The names are not the holder's to change: an IU's and a
PA's were checked against an identity document at the counter (the Help Centre corrects
them), an SA's or OU's are maintained by the organization's administrators, and activation
matched them. The login name, role, organization and branch never change here.

LIFE-1 [A46]: a new email address takes effect once confirmed through that address
(`email_change`); after a change of contact details the holder is reminded to notify the
Court and the other parties of each case separately."""

from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from accounts.matching import PHONE_PROBLEM, phone_is_well_formed
from accounts.models import Language, User
from accounts.selectors import PendingEmailChange
from accounts.services.email_change import email_change_start, validated_email
from audit.services import audit_record
from core.errors import ValidationFailed
from permissions.roles import Capability, require

OWN_PROFILE_FIELDS = ("email", "phone", "address", "preferred_language")
CONTACT_DETAILS = ("email", "phone", "address")

# LIFE-1 [A46]: updating the profile tells neither the Court nor the other parties.
NOTIFY_COURT_REMINDER = _(
    "Updating your profile does not tell the Court or the other parties. If you are a party "
    "to a case, or the legal representative of a party, please notify the Court and the other "
    "party or parties of each case of the change of your contact details separately."
)


@dataclass(frozen=True)
class ProfileUpdate:
    user: User
    # Which of the contact details changed or were asked to change (email: once confirmed).
    contact_details_changed: tuple[str, ...]
    pending_email: PendingEmailChange | None

    @property
    def reminder(self):
        return NOTIFY_COURT_REMINDER if self.contact_details_changed else None


def own_profile_update(
    *, actor, email: str, phone: str, address: str = "", preferred_language: str = Language.EN
) -> ProfileUpdate:
    require(actor, Capability.MAINTAIN_OWN_PROFILE, actor)
    values = {
        "phone": (phone or "").strip(),
        "address": (address or "").strip(),
        "preferred_language": preferred_language,
    }
    errors = {}
    try:
        email = validated_email(email)
    except ValidationFailed as exc:
        errors.update(exc.errors)
    if not values["phone"]:
        errors["phone"] = [_("Enter a contact telephone number.")]
    elif not phone_is_well_formed(values["phone"]):
        errors["phone"] = [PHONE_PROBLEM]
    if preferred_language not in Language.values:
        errors["preferred_language"] = [_("Choose English or Chinese.")]
    if errors:
        raise ValidationFailed(errors)
    pending = None
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
        changed = [name for name in CONTACT_DETAILS if name in after]
        if email.lower() != user.email.lower():
            # LIFE-1: the new address is confirmed through itself before it is used.
            pending = email_change_start(user, actor=actor, new_email=email)
            changed.insert(0, "email")
    return ProfileUpdate(user=user, contact_details_changed=tuple(changed), pending_email=pending)
