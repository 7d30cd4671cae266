"""Writes of the Message Box (MSG-1..4): messages delivered, and the emails they owe."""

import logging
from collections.abc import Iterable

from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from messaging.models import (
    EmailKind,
    Message,
    MessageCategory,
    MessageKind,
    NotificationEmail,
    NotificationPreference,
)

logger = logging.getLogger(__name__)


def messages_deliver(
    *,
    recipients: Iterable,
    kind: str,
    subject: str,
    body: str,
    case=None,
    sent_by=None,
) -> list[Message]:
    """Put one copy of a message in each recipient's Message Box, and owe an immediate email
    to each recipient who asked for one of this category (MSG-3) and has not muted the case
    (BEY-6). Call inside the transaction of the change that sends it."""
    recipients = list(recipients)
    now = timezone.now()
    messages = Message.objects.bulk_create(
        Message(
            recipient=recipient,
            kind=kind,
            case=case,
            subject=subject,
            body=body,
            sent_at=now,
            sent_by=sent_by,
        )
        for recipient in recipients
    )
    wanting = _recipients_wanting_each_email(
        [recipient.pk for recipient in recipients], MessageKind(kind).category, case
    )
    owed = [
        NotificationEmail(
            recipient_id=message.recipient_id, kind=EmailKind.EACH_MESSAGE, message=message
        )
        for message in messages
        if message.recipient_id in wanting
    ]
    if owed:
        NotificationEmail.objects.bulk_create(owed)
        transaction.on_commit(_send_owed_emails_soon)
    return messages


def administrative_message_deliver(*, recipient, kind: str, template: str, context: dict):
    """An iCMS message of the portal's own (a password reminder, a de-activation notice), in
    the recipient's language, from messaging/templates/messaging/messages/<template>.*.txt."""
    context = {"recipient": recipient, **context}
    with translation.override(recipient.preferred_language):
        subject = render_to_string(f"messaging/messages/{template}.subject.txt", context)
        body = render_to_string(f"messaging/messages/{template}.body.txt", context)
    (message,) = messages_deliver(
        recipients=[recipient], kind=kind, subject=" ".join(subject.split()), body=body.strip()
    )
    return message


def _recipients_wanting_each_email(recipient_ids: list[int], category: str, case) -> set[int]:
    field = (
        "email_each_case_message" if category == MessageCategory.CASE else "email_each_icms_message"
    )
    preferences = NotificationPreference.objects.filter(
        account_id__in=recipient_ids, **{field: True}
    )
    if case is not None:
        preferences = preferences.exclude(muted_cases=case)
    return set(preferences.values_list("account_id", flat=True))


def _send_owed_emails_soon() -> None:
    from messaging.tasks import send_owed_emails

    send_owed_emails.enqueue()


SEND_BATCH = 200


def owed_emails_send(*, batch_size: int = SEND_BATCH) -> int:
    """Send the owed emails, each in its own transaction that locks its row while it is handed
    to the mail server and marks it sent: a second worker skips it, and a worker that dies
    before the commit leaves it owed, not lost (nor sent twice, unless the mail server had
    already accepted it). The owed rows and their recipients are read a batch at a time; one
    connection to the mail server serves the whole run. An address the server refuses stays
    owed and the others go on; any other failure stops the run (the next run sends the rest).
    Returns how many were sent. The email says there is something to read, never what, nor
    of which case (MSG-4)."""
    import smtplib

    from django.core.mail import mailers

    sent = 0
    after = 0
    mailer = mailers.default
    mailer.open()
    try:
        while True:
            batch = list(
                NotificationEmail.objects.filter(sent_at__isnull=True, pk__gt=after)
                .select_related("recipient", "message")
                .order_by("pk")[:batch_size]
            )
            if not batch:
                return sent
            for email in batch:
                try:
                    with transaction.atomic():
                        claimed = (
                            NotificationEmail.objects.select_for_update(skip_locked=True)
                            .filter(pk=email.pk, sent_at__isnull=True)
                            .values_list("pk", flat=True)
                        )
                        if not claimed:
                            continue  # sent meanwhile, or being sent by another worker
                        _hand_over(email, mailer)
                        NotificationEmail.objects.filter(pk=email.pk).update(sent_at=timezone.now())
                except smtplib.SMTPRecipientsRefused:
                    logger.warning("Email %s refused by the mail server; kept owed", email.pk)
                    continue
                sent += 1
            after = batch[-1].pk
    finally:
        mailer.close()


def _hand_over(email: NotificationEmail, mailer) -> None:
    from django.conf import settings
    from django.core.mail import EmailMessage

    from notifications.services import email_render

    recipient = email.recipient
    template = (
        "message_box_reminder" if email.kind == EmailKind.REMINDER else "message_box_new_message"
    )
    context = {
        "name": recipient.full_name,
        "login_name": recipient.login_name,
        "period": email.period,
        "weekly": "W" in email.period,
        "category": email.message.category if email.message_id else "",
    }
    subject, body = email_render(
        template=template, context=context, language=recipient.preferred_language
    )
    message = EmailMessage(
        subject=subject, body=body, from_email=settings.DEFAULT_FROM_EMAIL, to=[recipient.email]
    )
    if not mailer.send_messages([message]):
        raise RuntimeError(f"Email {email.pk} was not handed over.")
