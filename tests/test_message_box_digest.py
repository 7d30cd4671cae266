"""MSG-2, MSG-4, BEY-6: the day-end reminder of unread messages (messaging.digest), run by the
scheduler at 22:00 Hong Kong time: one email per usable account with unread messages, none to
others, never twice for one day; the weekly choice once per ISO week, on Fridays. Its queries
do not grow with the number of accounts beyond one batch's worth."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts.models import AccountStatus, User
from core.scheduler import run_due_jobs
from messaging.digest import reminders_owe
from messaging.models import (
    EmailKind,
    MessageKind,
    NotificationEmail,
    NotificationPreference,
    ReminderFrequency,
)
from messaging.services import messages_deliver, owed_emails_send
from organizations.models import OrganizationStatus
from permissions.roles import Role
from tests.factories import OrganizationAccountFactory, OrganizationFactory, UserFactory

pytestmark = pytest.mark.django_db
HK = ZoneInfo("Asia/Hong_Kong")
THURSDAY = date(2026, 11, 26)
FRIDAY = date(2026, 11, 27)
SATURDAY = date(2026, 11, 28)
SUBJECT = "Direction of the court: hearing moved to 3 December"
BODY = "The hearing of DCPI 1234/2026 is moved to 3 December 2026 at 9:30 a.m."


def at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=HK)


def deliver(*recipients):
    return messages_deliver(
        recipients=recipients, kind=MessageKind.NOTICE, subject=SUBJECT, body=BODY
    )


def reminders_to(outbox):
    return sorted(
        address
        for message in outbox
        if message.subject == "You have unread messages in your iCMS Message Box"
        for address in message.to
    )


@pytest.fixture
def holders():
    """Who has what: two usable accounts with unread messages, and others who get nothing."""
    with time_machine.travel(at(THURSDAY, 9)):
        unread_iu = UserFactory(email="unread.iu@example.com")
        unread_ou = OrganizationAccountFactory(email="unread.ou@example.com")
        all_read = UserFactory(email="all.read@example.com")
        no_messages = UserFactory(email="no.messages@example.com")
        suspended = UserFactory(email="suspended@example.com", status=AccountStatus.SUSPENDED)
        ended_ou = OrganizationAccountFactory(
            email="ended.ou@example.com", effective_end_date=date(2026, 11, 25)
        )
        out_of_service = OrganizationAccountFactory(
            email="out.of.service@example.com",
            organization=OrganizationFactory(status=OrganizationStatus.NO_ACTIVE_PA),
        )
        deliver(unread_iu, unread_ou, all_read, suspended, ended_ou, out_of_service)
        all_read.box_messages.update(read_at=timezone.now())
    return {"unread_iu": unread_iu, "unread_ou": unread_ou, "no_messages": no_messages}


def test_msg_2_day_end_reminder_one_email_per_account_with_unread_messages(holders, outbox):
    with time_machine.travel(at(THURSDAY, 21, 59)):  # the day before its time: not yet
        run_due_jobs()
    assert reminders_to(outbox) == []
    with time_machine.travel(at(THURSDAY, 22, 0)):  # the day, at 22:00
        ran = run_due_jobs()
    assert ran["send_message_box_reminders"] == "SUCCESSFUL: {'owed': 2, 'sent': 2}"
    assert reminders_to(outbox) == ["unread.iu@example.com", "unread.ou@example.com"]
    assert set(
        NotificationEmail.objects.filter(kind=EmailKind.REMINDER).values_list("period", flat=True)
    ) == {"2026-11-26"}
    with time_machine.travel(at(FRIDAY, 22, 30)):  # the day after: still unread, reminded again
        run_due_jobs()
    assert reminders_to(outbox) == [
        "unread.iu@example.com",
        "unread.iu@example.com",
        "unread.ou@example.com",
        "unread.ou@example.com",
    ]


def test_msg_2_reading_the_messages_ends_the_reminders(holders, outbox):
    holders["unread_iu"].box_messages.update(read_at=timezone.now())
    with time_machine.travel(at(THURSDAY, 22, 5)):
        run_due_jobs()
    assert reminders_to(outbox) == ["unread.ou@example.com"]


def test_msg_2_running_the_digest_twice_the_same_day_sends_nothing_more(holders, outbox):
    with time_machine.travel(at(THURSDAY, 22, 0)):
        call_command("send_message_box_reminders", stdout=open("/dev/null", "w"))
        assert len(reminders_to(outbox)) == 2
        call_command("send_message_box_reminders", stdout=open("/dev/null", "w"))
        assert reminders_to(outbox) == ["unread.iu@example.com", "unread.ou@example.com"]
        # The scheduler's run of the same day owes nothing new either.
        run_due_jobs()
    assert len(reminders_to(outbox)) == 2
    assert NotificationEmail.objects.filter(sent_at__isnull=True).count() == 0


def test_msg_4_reminder_says_there_is_something_to_read_never_what(holders, outbox):
    with time_machine.travel(at(THURSDAY, 22, 0)):
        run_due_jobs()
    for email in outbox:
        assert "There are unread messages in the Message Box" in email.body
        assert "hearing" not in email.body.lower() and "DCPI" not in email.body
        assert SUBJECT not in email.subject and "3 December" not in email.body
    iu_email = next(m for m in outbox if m.to == ["unread.iu@example.com"])
    assert holders["unread_iu"].login_name in iu_email.body
    # Greeted by name, as every email of the portal greets its holder.
    assert iu_email.body.startswith(f"Dear {holders['unread_iu'].full_name},")


def test_bey_6_weekly_choice_once_per_iso_week_on_friday(holders, outbox):
    weekly = holders["unread_iu"]
    NotificationPreference.objects.create(account=weekly, reminder=ReminderFrequency.WEEKLY)
    with time_machine.travel(at(THURSDAY, 22, 0)):  # the day before: daily ones only
        run_due_jobs()
    assert reminders_to(outbox) == ["unread.ou@example.com"]
    with time_machine.travel(at(FRIDAY, 22, 0)):  # the day: the week's reminder
        run_due_jobs()
        call_command("send_message_box_reminders", stdout=open("/dev/null", "w"))
    assert reminders_to(outbox).count("unread.iu@example.com") == 1
    assert NotificationEmail.objects.get(recipient=weekly).period == "2026-W48"
    with time_machine.travel(at(SATURDAY, 22, 0)):  # the day after: not again this week
        run_due_jobs()
    assert reminders_to(outbox).count("unread.iu@example.com") == 1
    assert reminders_to(outbox).count("unread.ou@example.com") == 3


def _accounts_with_unread_messages(count: int, start: int) -> None:
    accounts = User.objects.bulk_create(
        User(
            login_name=f"bulk{start + n}",
            role=Role.IU,
            status=AccountStatus.ACTIVE,
            surname="Chan",
            given_name="Siu Ming",
            email=f"bulk{start + n}@example.com",
            id_document_type="HKID",
            id_document_number=f"Z{start + n:07d}",
        )
        for n in range(count)
    )
    deliver(*accounts)


@pytest.mark.parametrize("count", [10, 300])
def test_msg_2_digest_queries_do_not_grow_with_the_number_of_accounts(count):
    _accounts_with_unread_messages(count, start=count * 1000)
    with CaptureQueriesContext(connection) as owing:
        assert reminders_owe(day=THURSDAY, batch_size=1000) == count
    # One batch: the accounts, their reminders in one insert.
    assert len(owing) == 2, [q["sql"] for q in owing]
    with CaptureQueriesContext(connection) as sending:
        assert owed_emails_send(batch_size=1000) == count
    # Handing over: the batch in one read, then per email its lock and its mark (and, here
    # inside the test's transaction, a savepoint around the two).
    assert len(sending) <= 2 + 4 * count


def test_msg_2_digest_batches_cover_every_account_once():
    _accounts_with_unread_messages(25, start=500)
    assert reminders_owe(day=THURSDAY, batch_size=10) == 25
    assert reminders_owe(day=THURSDAY, batch_size=10) == 25  # owed already: nothing new
    assert NotificationEmail.objects.filter(kind=EmailKind.REMINDER).count() == 25
