"""The daily jobs of the account lifecycle (LIFE-3, LIFE-4, ORG-5, AUTH-6). Each reads its
accounts a batch at a time, then handles each account in a transaction of its own under the
account's row lock, checking again what the batch read, so that a second run (the same day, or
beside another) does nothing more, and a change made in between (a new link, a case reopened,
an end date revised, a new password) is respected. The accounts' moves go through
`accounts.transitions.ACCOUNT_TRANSITIONS`, recorded in the audit trail as the system's."""

from dataclasses import dataclass, field
from datetime import date

from django.db import transaction

from accounts.models import LIVE_STATUSES, User
from accounts.transitions import ACCOUNT_TRANSITIONS
from audit.services import SYSTEM, audit_record
from core import policy
from core.workdays import local_today
from lifecycle import selectors
from lifecycle.models import EventKind, LifecycleEvent
from messaging.models import MessageKind
from messaging.services import administrative_message_deliver


@dataclass
class JobResult:
    """What one run did, by outcome: the management commands print it, the scheduler keeps it."""

    counts: dict[str, int] = field(default_factory=dict)

    def add(self, outcome: str) -> None:
        self.counts[outcome] = self.counts.get(outcome, 0) + 1

    def __str__(self) -> str:
        return ", ".join(f"{k} {v}" for k, v in self.counts.items()) or "nothing to do"


def _each_batch(read, today: date):
    after_id = 0
    while True:
        batch = read(today=today, after_id=after_id)
        if not batch:
            return
        yield batch
        after_id = batch[-1].pk


def _locked(account_id: int) -> User:
    return User.objects.select_for_update().get(pk=account_id)


# --- LIFE-3 ----------------------------------------------------------------------------------


def accounts_deactivate_after_final_disposal(*, today: date | None = None) -> JobResult:
    """LIFE-3 [A48]: an IU account whose linked e-proceedings are all finally disposed of gets
    a notice in its Message Box one month before it is de-activated, three months after the
    last final disposal. One notice for each date of last disposal; the account is de-activated
    on (or after) the date the notice states, never in the run that sends it. A new link, or a
    case reopened, before that date stops it."""
    today = today or local_today()
    result = JobResult()
    for batch in _each_batch(selectors.accounts_due_for_deactivation_notice, today):
        ready = [a for a in batch if selectors.notice_date(a.last_disposal) <= today]
        notices = selectors.deactivation_notices(
            [a.pk for a in ready], [a.last_disposal for a in ready]
        )
        for account in ready:
            notice = notices.get((account.pk, account.last_disposal))
            if notice is None:
                result.add(_deactivation_notice_send(account.pk, account.last_disposal, today))
            elif notice.due <= today:
                result.add(_deactivate(account.pk, notice, today))
    return result


@transaction.atomic
def _deactivation_notice_send(account_id: int, last_disposal: date, today: date) -> str:
    account = _locked(account_id)
    if account.status not in LIVE_STATUSES:
        return "ended before"
    if selectors.last_final_disposal(account_id) != last_disposal:
        return "changed"
    if LifecycleEvent.objects.filter(
        account=account, kind=EventKind.DEACTIVATION_NOTICE, basis=last_disposal
    ).exists():
        return "notice sent before"
    # One month's notice at least: a disposal recorded late moves the date, not the notice.
    due = max(
        selectors.deactivation_date(last_disposal),
        selectors.months_after(today, policy.DEACTIVATION_NOTICE_MONTHS),
    )
    message = administrative_message_deliver(
        recipient=account,
        kind=MessageKind.DEACTIVATION_NOTICE,
        template="deactivation_notice",
        context={"last_disposal": last_disposal, "deactivation_date": due},
    )
    LifecycleEvent.objects.create(
        account=account,
        kind=EventKind.DEACTIVATION_NOTICE,
        basis=last_disposal,
        due=due,
        message=message,
    )
    audit_record(
        actor=None,
        actor_label=SYSTEM,
        action="account.deactivation_notice_sent",
        obj=account,
        after={"final_disposal_date": str(last_disposal), "deactivation_date": str(due)},
    )
    return "notices sent"


@transaction.atomic
def _deactivate(account_id: int, notice: LifecycleEvent, today: date) -> str:
    account = _locked(account_id)
    if account.status not in LIVE_STATUSES:
        return "ended before"
    if selectors.last_final_disposal(account_id) != notice.basis:
        return "changed"
    ACCOUNT_TRANSITIONS.apply(
        account,
        "deactivate",
        actor_label=SYSTEM,
        final_disposal_date=notice.basis,
        deactivation_date=notice.due,
    )
    return "de-activated"


# --- LIFE-4 ----------------------------------------------------------------------------------


def prospective_litigants_terminate_unlinked(*, today: date | None = None) -> JobResult:
    """LIFE-4 [A17]: a prospective litigant's IU account linked to no e-proceeding once the
    period to file one has run out (the day after its filing deadline) is terminated, without
    notice. The account and its history are kept (LIFE-5)."""
    today = today or local_today()
    result = JobResult()
    for batch in _each_batch(selectors.prospective_litigants_past_deadline_unlinked, today):
        for account in batch:
            result.add(_terminate_unlinked(account.pk, today))
    return result


@transaction.atomic
def _terminate_unlinked(account_id: int, today: date) -> str:
    account = _locked(account_id)
    if not selectors.is_prospective_litigant_unlinked(account_id, today=today):
        return "changed"
    ACCOUNT_TRANSITIONS.apply(
        account, "terminate_unlinked", actor_label=SYSTEM, filing_deadline=account.filing_deadline
    )
    return "terminated"


# --- ORG-5 -----------------------------------------------------------------------------------


def sub_accounts_end_past_end_date(*, today: date | None = None) -> JobResult:
    """ORG-5 [A35]: an SA or OU account cannot be used after its effective end date. That is
    computed at every request (`User.is_active`), so that revising the date restores the
    account at once; this job records in the audit trail, once per end date, that the date has
    passed, so that the account's history says when and why it stopped."""
    today = today or local_today()
    result = JobResult()
    for batch in _each_batch(selectors.sub_accounts_past_end_date, today):
        for account in batch:
            result.add(_end_date_passed(account.pk, today))
    return result


@transaction.atomic
def _end_date_passed(account_id: int, today: date) -> str:
    account = _locked(account_id)
    if not selectors.is_sub_account_past_end_date(account_id, today=today):
        return "changed"
    LifecycleEvent.objects.create(
        account=account, kind=EventKind.END_DATE_PASSED, basis=account.effective_end_date
    )
    audit_record(
        actor=None,
        actor_label=SYSTEM,
        action="account.end_date_passed",
        obj=account,
        after={"effective_end_date": str(account.effective_end_date)},
    )
    return "ended"


# --- AUTH-6 ----------------------------------------------------------------------------------


def password_change_reminders_send(*, today: date | None = None) -> JobResult:
    """AUTH-6 [A52]: a reminder in the Message Box of each holder whose password is
    PASSWORD_REMINDER_AFTER_DAYS days old, and again each further period while it stays
    unchanged; one per period, whatever the number of runs."""
    today = today or local_today()
    result = JobResult()
    for batch in _each_batch(selectors.accounts_with_old_passwords, today):
        due = {
            account.pk: selectors.password_reminder_basis(selectors.password_set_on(account), today)
            for account in batch
        }
        sent = selectors.password_reminders(due, due.values())
        for account in batch:
            basis = due[account.pk]
            if basis is not None and (account.pk, basis) not in sent:
                result.add(_password_reminder_send(account.pk, basis, today))
    return result


@transaction.atomic
def _password_reminder_send(account_id: int, basis: date, today: date) -> str:
    account = _locked(account_id)
    set_on = selectors.password_set_on(account)
    if not account.is_active or selectors.password_reminder_basis(set_on, today) != basis:
        return "changed"
    if LifecycleEvent.objects.filter(
        account=account, kind=EventKind.PASSWORD_REMINDER, basis=basis
    ).exists():
        return "reminded before"
    message = administrative_message_deliver(
        recipient=account,
        kind=MessageKind.PASSWORD_REMINDER,
        template="password_reminder",
        context={"password_set_on": set_on, "days": (today - set_on).days},
    )
    LifecycleEvent.objects.create(
        account=account, kind=EventKind.PASSWORD_REMINDER, basis=basis, message=message
    )
    return "reminders sent"
