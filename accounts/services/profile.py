"""ROLE-1 row 1 (journey 9): every holder maintains their own profile: contact details and
the language of the portal's emails. The names are not the holder's to change: an IU's and a
PA's were checked against an identity document at the counter (the Help Centre corrects
them), an SA's or OU's are maintained by the organization's administrators, and activation
matched them. The login name, role, organization and branch never change here; the Help
Centre corrects an IU's or a PA's name against the document (`holder_name_correct`).

LIFE-1 [A46]: a new email address takes effect once confirmed through that address
(`email_change`); after a change of contact details the holder is reminded to notify the
Court and the other parties of each case separately."""

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.matching import PHONE_PROBLEM, phone_is_well_formed
from accounts.models import LIVE_STATUSES, Language, User
from accounts.selectors import PendingEmailChange
from accounts.services.common import help_centre_holder
from accounts.services.email_change import email_change_start, validated_email
from accounts.services.passwords import RequestChannel
from audit.services import audit_record
from core.errors import InvalidTransition, ValidationFailed
from core.text import is_blank, text_problem
from notifications.services import email_send
from permissions.roles import Capability, require

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


def holder_name_correct(
    *,
    actor,
    login_name: str,
    surname: str,
    given_name: str,
    channel: str,
    document_note: str,
    reasons: str,
) -> User:
    """A46: the Help Centre corrects an IU's or a PA's name, which its holder cannot change
    (it was checked against an identification document), on the holder's request and against
    the document that shows the right name. Audited with both names; the holder is emailed, so
    that a correction nobody asked for is noticed."""
    require(actor, Capability.CORRECT_HOLDER_NAMES)
    names = {"surname": (surname or "").strip(), "given_name": (given_name or "").strip()}
    document_note, reasons = (document_note or "").strip(), (reasons or "").strip()
    errors = {}
    for field, value in names.items():
        problem = text_problem(value)
        if is_blank(value):
            errors[field] = [
                _("Enter the surname.") if field == "surname" else _("Enter the given name.")
            ]
        elif problem:
            errors[field] = [problem]
        elif len(value) > 100:
            errors[field] = [_("A name has at most 100 characters.")]
    if channel not in RequestChannel.values:
        errors["channel"] = [_("Please say how the request came.")]
    if is_blank(document_note):
        errors["document_note"] = [_("Please note which document shows the right name.")]
    elif len(document_note) > 500:
        errors["document_note"] = [_("Please keep the note under 500 characters.")]
    if is_blank(reasons):
        errors["reasons"] = [_("Please give the reasons for the correction.")]
    elif len(reasons) > 1000:
        errors["reasons"] = [_("Please keep the reasons under 1000 characters.")]
    if errors:
        raise ValidationFailed(errors)
    with transaction.atomic():
        user = help_centre_holder(login_name)
        if user.status not in LIVE_STATUSES:
            raise InvalidTransition(_("An ended account keeps the name it had."))
        before = {field: getattr(user, field) for field in names}
        if before == names:
            raise ValidationFailed({"surname": [_("These are the names the account already has.")]})
        old_name = user.full_name
        for field, value in names.items():
            setattr(user, field, value)
        user.save(update_fields=list(names))
        audit_record(
            actor=actor,
            action="account.name_corrected",
            obj=user,
            before=before,
            after={
                **names,
                "channel": channel,
                "document_note": document_note,
                "reasons": reasons,
            },
        )
        email_send(
            to=user.email,
            template="name_corrected",
            language=user.preferred_language,
            context={
                "old_name": old_name,
                "name": user.full_name,
                "login_name": user.login_name,
                "corrected_at": timezone.localtime(),
            },
        )
    return user
