"""The holder's own writes in the Message Box (MSG-1, MSG-3, BEY-6): read and unread, the choice
of emails and muted cases; and the registry's directions to a case (MSG-1, CASE-4). Delivery
and the emails owed are `messaging.services`'."""

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from audit.services import audit_record
from cases.models import Case
from cases.selectors.access import case_for
from core.errors import DomainError, NotFound, ValidationFailed
from messaging import selectors
from messaging.models import Message, MessageKind, NotificationPreference, ReminderFrequency
from messaging.services import messages_deliver
from permissions.roles import Capability, require

SUBJECT_MAX_LENGTH = 200
BODY_MAX_LENGTH = 20_000


class NoRecipient(DomainError):
    """A direction to a case that no account would receive (no current link, or no account of
    the linked organizations in service)."""

    code = "no_recipient"
    status = 409
    default_message = _(
        "No account receives this case's messages: no individual user or organization is "
        "linked to a party, or no OU of the linked organizations is in service. Nothing was "
        "sent."
    )


# --- read and unread -------------------------------------------------------------------------


def _locked_own(actor, message_id) -> Message:
    selectors.message_for(actor, message_id)  # "not found" before any lock
    return Message.objects.select_for_update().get(pk=message_id, recipient=actor)


def message_mark_read(*, actor, message_id) -> Message:
    """MSG-1: opening a message marks it read; a message already read keeps when it was first
    read, and nothing more is written."""
    message = selectors.message_for(actor, message_id)
    if message.read_at is not None:
        return message
    with transaction.atomic():
        locked = _locked_own(actor, message_id)
        if locked.read_at is None:
            locked.read_at = timezone.now()
            locked.save(update_fields=["read_at"])
            audit_record(
                actor=actor,
                action="message.read",
                obj=locked,
                after={"read_at": locked.read_at.isoformat()},
            )
        message.read_at = locked.read_at
    return message


def message_mark_unread(*, actor, message_id) -> Message:
    """MSG-1: the holder keeps a message to come back to; it counts as unread again (and the
    day-end reminder counts it)."""
    message = selectors.message_for(actor, message_id)
    if message.read_at is None:
        return message
    with transaction.atomic():
        locked = _locked_own(actor, message_id)
        if locked.read_at is not None:
            locked.read_at = None
            locked.save(update_fields=["read_at"])
            audit_record(actor=actor, action="message.marked_unread", obj=locked)
        message.read_at = None
    return message


def messages_mark_all_read(*, actor) -> int:
    """MSG-1: every unread message of the account marked read at once; one audit record for
    them all. Returns how many."""
    selectors.require_message_box(actor)
    with transaction.atomic():
        count = Message.objects.filter(recipient=actor, read_at__isnull=True).update(
            read_at=timezone.now()
        )
        if count:
            audit_record(
                actor=actor, action="message.all_marked_read", obj=actor, after={"messages": count}
            )
    return count


# --- the choice of emails (MSG-2, MSG-3, BEY-6) ----------------------------------------------


def _preference_state(preference: NotificationPreference) -> dict:
    return {
        "reminder": preference.reminder,
        "email_each_case_message": preference.email_each_case_message,
        "email_each_icms_message": preference.email_each_icms_message,
    }


def _locked_preference(actor) -> NotificationPreference:
    NotificationPreference.objects.get_or_create(account=actor)
    return NotificationPreference.objects.select_for_update().get(account=actor)


def notification_preference_update(
    *, actor, reminder: str, email_each_case_message: bool, email_each_icms_message: bool
) -> NotificationPreference:
    """MSG-2, MSG-3, BEY-6: the reminder of unread messages at the end of each day (the
    default) or once a week, and, by choice, an email for each new case message and/or each
    new iCMS message. Audited with what it was and what it is."""
    selectors.require_message_box(actor)
    if reminder not in ReminderFrequency.values:
        raise ValidationFailed(
            {"reminder": [_("Choose a reminder at the end of each day or once a week.")]}
        )
    for field, value in (
        ("email_each_case_message", email_each_case_message),
        ("email_each_icms_message", email_each_icms_message),
    ):
        if not isinstance(value, bool):
            raise ValidationFailed({field: [_("Choose yes or no.")]})
    with transaction.atomic():
        preference = _locked_preference(actor)
        before = _preference_state(preference)
        preference.reminder = reminder
        preference.email_each_case_message = email_each_case_message
        preference.email_each_icms_message = email_each_icms_message
        after = _preference_state(preference)
        if after != before:
            preference.save()
            audit_record(
                actor=actor,
                action="messaging.preferences_changed",
                obj=actor,
                before={k: v for k, v in before.items() if after[k] != v},
                after={k: v for k, v in after.items() if before[k] != v},
            )
    return preference


def case_mute(*, actor, case_id=None, case_number: str = "") -> Case:
    """BEY-6: no immediate email for the messages of this case; they still reach the Message
    Box (and the reminder). Only a case the account can see now; any other is "not found"."""
    selectors.require_message_box(actor)
    if case_id is not None:
        case = case_for(actor, case_id)
    else:
        case = selectors.visible_case_by_number(actor=actor, typed=case_number)
    with transaction.atomic():
        preference = _locked_preference(actor)
        if not preference.muted_cases.filter(pk=case.pk).exists():
            preference.muted_cases.add(case)
            audit_record(
                actor=actor, action="messaging.case_muted", obj=actor, after={"case": case.number}
            )
    return case


def case_unmute(*, actor, case_id) -> Case:
    """BEY-6: immediate emails for the case again, as chosen for every case. A case the
    account has not muted is "not found"."""
    selectors.require_message_box(actor)
    muted = {case.pk: case for case in selectors.muted_cases(actor=actor)}
    try:
        case = muted[int(case_id)]
    except (TypeError, ValueError, KeyError):
        raise NotFound() from None
    with transaction.atomic():
        preference = _locked_preference(actor)
        preference.muted_cases.remove(case)
        audit_record(
            actor=actor, action="messaging.case_unmuted", obj=actor, before={"case": case.number}
        )
    return case


# --- the registry's directions (MSG-1, CASE-4) -----------------------------------------------


@dataclass(frozen=True)
class DirectionSent:
    case: Case
    messages: list


def _checked_text(subject, body) -> tuple[str, str]:
    subject = " ".join(str(subject or "").split())
    body = str(body or "").strip()
    errors = {}
    if not subject:
        errors["subject"] = [_("Enter the subject of the direction.")]
    elif len(subject) > SUBJECT_MAX_LENGTH:
        errors["subject"] = [
            _("Enter a subject of at most %(n)d characters.") % {"n": SUBJECT_MAX_LENGTH}
        ]
    if not body:
        errors["body"] = [_("Enter the direction.")]
    elif len(body) > BODY_MAX_LENGTH:
        errors["body"] = [
            _("Enter a direction of at most %(n)s characters.") % {"n": f"{BODY_MAX_LENGTH:,}"}
        ]
    if errors:
        raise ValidationFailed(errors)
    return subject, body


def case_direction_send(*, actor, case_id, subject, body) -> DirectionSent:
    """MSG-1, CASE-4: a registry clerk sends a direction to a case. One copy reaches the
    Message Box of each of the case's recipients (`case_message_recipients`: the linked IUs,
    the OUs assigned to an organization's party, or its default OUs), each owing an immediate
    email to those who asked for one and did not mute the case (MSG-3, BEY-6). A case that no
    account would receive is refused, and nothing is sent. Audited on the case."""
    require(actor, Capability.SEND_CASE_DIRECTIONS)
    subject, body = _checked_text(subject, body)
    with transaction.atomic():
        case, recipients = selectors.direction_recipients(actor=actor, case_id=case_id)
        if not recipients:
            raise NoRecipient()
        messages = messages_deliver(
            recipients=recipients,
            kind=MessageKind.DIRECTION,
            subject=subject,
            body=body,
            case=case,
            sent_by=actor,
        )
        audit_record(
            actor=actor,
            action="message.direction_sent",
            obj=case,
            after={
                "subject": subject,
                "recipients": [recipient.login_name for recipient in recipients],
            },
        )
    return DirectionSent(case=case, messages=messages)
