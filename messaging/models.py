"""The Message Box (MSG-1..4, BEY-6): what the court sends each account, how the holder wants
to hear of it by email, and the emails owed.

A message is one holder's copy: a direction sent to a case is written once per recipient, so
each copy is read, filtered and searched on its own. Emails are rows too (`NotificationEmail`)
before they leave: a digest or an immediate email is owed once, sent once, and a worker that
dies half-way leaves the rest owed, not lost. Every write goes through `messaging.services`."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class MessageCategory(models.TextChoices):
    # MSG-1 [A14]: case messages (from the e-Court) and the portal's own ("iCMS messages").
    CASE = "CASE", _("Case message")
    ADMINISTRATIVE = "ADMINISTRATIVE", _("iCMS message")


class MessageKind(models.TextChoices):
    DIRECTION = "DIRECTION", _("Direction")
    DOCUMENT = "DOCUMENT", _("Document from the e-Court")
    PASSWORD_REMINDER = "PASSWORD_REMINDER", _("Password change reminder")
    DEACTIVATION_NOTICE = "DEACTIVATION_NOTICE", _("De-activation notice")
    NOTICE = "NOTICE", _("Notice")

    @property
    def category(self) -> str:
        if self in (MessageKind.DIRECTION, MessageKind.DOCUMENT):
            return MessageCategory.CASE
        return MessageCategory.ADMINISTRATIVE


CASE_KINDS = [MessageKind.DIRECTION, MessageKind.DOCUMENT]


class Message(models.Model):
    # No index of its own: `message_box_newest` begins with it.
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="box_messages",
        db_index=False,
    )
    kind = models.CharField(max_length=30, choices=MessageKind.choices)
    case = models.ForeignKey(
        "cases.Case",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="messages",
        help_text="Case messages: the case they concern.",
    )
    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(_("message"))
    sent_at = models.DateTimeField(default=timezone.now)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="The registry clerk who sent a direction; empty for the portal's own.",
    )
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [
            # The Message Box, newest first, a page at a time (keyset on sent_at, id).
            models.Index(fields=["recipient", "-sent_at", "-id"], name="message_box_newest"),
            # The digest: who has anything unread.
            models.Index(
                fields=["recipient"], condition=Q(read_at__isnull=True), name="message_box_unread"
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(kind__in=CASE_KINDS) | Q(case__isnull=False),
                name="case_message_names_its_case",
            )
        ]

    def __str__(self):
        return f"{self.recipient_id}: {self.subject}"

    @property
    def category(self) -> str:
        return MessageKind(self.kind).category

    @property
    def is_read(self) -> bool:
        return self.read_at is not None


class ReminderFrequency(models.TextChoices):
    # MSG-2: a reminder at day end by default; BEY-6: or once a week.
    DAILY = "DAILY", _("At the end of each day with unread messages")
    WEEKLY = "WEEKLY", _("Once a week, when there are unread messages")


class NotificationPreference(models.Model):
    """An account's choice of emails (MSG-2, MSG-3, BEY-6). An account without a row has the
    defaults: the day-end reminder, no immediate emails."""

    account = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        primary_key=True,
        on_delete=models.CASCADE,
        related_name="notification_preference",
    )
    reminder = models.CharField(
        max_length=10, choices=ReminderFrequency.choices, default=ReminderFrequency.DAILY
    )
    email_each_case_message = models.BooleanField(
        _("email me for each new direction or document from the e-Court"), default=False
    )
    email_each_icms_message = models.BooleanField(
        _("email me for each new iCMS message"), default=False
    )
    muted_cases = models.ManyToManyField("cases.Case", blank=True, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)


class EmailKind(models.TextChoices):
    REMINDER = "REMINDER", _("Reminder of unread messages")
    EACH_MESSAGE = "EACH_MESSAGE", _("Email for a new message")


class NotificationEmail(models.Model):
    """An email owed to a holder. `period` names the day ("2026-11-26") or ISO week
    ("2026-W48") a reminder is for, so that a second run of the same job owes nothing more."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="notification_emails"
    )
    kind = models.CharField(max_length=20, choices=EmailKind.choices)
    period = models.CharField(max_length=10, blank=True)
    message = models.OneToOneField(
        Message, null=True, blank=True, on_delete=models.PROTECT, related_name="email"
    )
    created_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "period"],
                condition=Q(kind="REMINDER"),
                name="one_reminder_per_account_per_period",
            ),
            models.CheckConstraint(
                condition=(Q(kind="REMINDER") & ~Q(period="") & Q(message__isnull=True))
                | (Q(kind="EACH_MESSAGE") & Q(message__isnull=False)),
                name="reminder_names_its_period_and_each_message_its_message",
            ),
        ]
        indexes = [
            models.Index(fields=["id"], condition=Q(sent_at__isnull=True), name="email_owed")
        ]
