"""The day-end reminder of unread messages (MSG-2, MSG-4; BEY-6 weekly): one REMINDER email
owed per account, per day (or per ISO week for the weekly choice), then sent.

The reminders are built in batches of accounts, two queries a batch whatever its size: the
next accounts (by id) that can be used and have unread messages, and one bulk insert of their
reminders that skips any already owed for the period (the unique constraint
`one_reminder_per_account_per_period`). A second run the same day, or a worker that runs it
again after a crash, owes nothing more. The emails then leave through
`messaging.services.owed_emails_send`, each marked sent in the transaction that hands it over."""

from datetime import date, time

from django.db.models import Exists, OuterRef, Q, Value
from django.db.models.functions import Coalesce

from accounts.models import AccountStatus, User
from messaging.models import (
    EmailKind,
    Message,
    NotificationEmail,
    ReminderFrequency,
)
from organizations.models import OrganizationStatus
from permissions.roles import Role

# Hong Kong time: late enough that the day's directions and documents are in (the registries
# close at 17:45; e-filing runs later), early enough to be read the same evening.
DIGEST_AT = time(22, 0)
# BEY-6: the weekly reminder goes with Friday's day-end run, the last working day of the week.
WEEKLY_ON = 4  # date.weekday(): Monday is 0
BATCH_SIZE = 1000


def daily_period(day: date) -> str:
    return day.isoformat()


def weekly_period(day: date) -> str:
    year, week, _weekday = day.isocalendar()
    return f"{year}-W{week:02d}"


def usable_on(day: date) -> Q:
    """`User.is_active` as a database condition on `day`: an active account (LIFE-5); an SA or
    OU also not past its effective end date (ORG-5) and of an organization in service (ORG-8)."""
    organization_user = Q(role__in=[Role.SA, Role.OU])
    return Q(status=AccountStatus.ACTIVE) & (
        ~organization_user
        | (
            Q(organization__status=OrganizationStatus.ACTIVE)
            & (Q(effective_end_date__isnull=True) | Q(effective_end_date__gte=day))
        )
    )


def reminders_owe(*, day: date, batch_size: int = BATCH_SIZE) -> int:
    """Owe the reminders of `day` (a Hong Kong date): to each usable account with unread
    messages whose choice is the daily reminder, and, on Fridays, to those who chose the weekly
    one. Returns how many accounts are owed one for the period (new or already owed)."""
    frequencies = [ReminderFrequency.DAILY]
    if day.weekday() == WEEKLY_ON:
        frequencies.append(ReminderFrequency.WEEKLY)
    periods = {
        ReminderFrequency.DAILY: daily_period(day),
        ReminderFrequency.WEEKLY: weekly_period(day),
    }
    unread = Exists(Message.objects.filter(recipient=OuterRef("pk"), read_at__isnull=True))
    candidates = (
        User.objects.filter(usable_on(day))
        .filter(unread)
        .annotate(
            frequency=Coalesce("notification_preference__reminder", Value(ReminderFrequency.DAILY))
        )
        .filter(frequency__in=frequencies)
        .order_by("pk")
    )
    owed = 0
    after = 0
    while True:
        batch = list(candidates.filter(pk__gt=after).values_list("pk", "frequency")[:batch_size])
        if not batch:
            return owed
        NotificationEmail.objects.bulk_create(
            [
                NotificationEmail(
                    recipient_id=pk, kind=EmailKind.REMINDER, period=periods[frequency]
                )
                for pk, frequency in batch
            ],
            ignore_conflicts=True,
        )
        owed += len(batch)
        after = batch[-1][0]
        if len(batch) < batch_size:
            return owed


def message_box_reminders_send(*, day: date) -> dict[str, int]:
    """The day-end digest: owe the reminders of `day`, then send every email owed."""
    from messaging.services import owed_emails_send

    owed = reminders_owe(day=day)
    return {"owed": owed, "sent": owed_emails_send()}
