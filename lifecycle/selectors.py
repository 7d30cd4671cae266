"""Reads of the lifecycle's daily jobs: which accounts each job has to look at, a batch at a
time (keyset on the account's id, so that each batch is one query whatever the number of
accounts), and the dates the rules are counted from."""

import calendar
from datetime import date, datetime, time, timedelta

from django.db.models import Exists, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from accounts.models import LIVE_STATUSES, AccountStatus, User
from cases.models import CaseStatus
from cases.selectors.access import current_links
from core import policy
from filing.selectors.filings import originating_filings_awaiting_the_registry
from lifecycle.models import EventKind, LifecycleEvent
from permissions.roles import Role

BATCH = 500

HOLDER_ROLES = [Role.IU, Role.PA, Role.SA, Role.OU]


def months_after(day: date, months: int) -> date:
    """The same day `months` calendar months later; the month's last day if it has no such day
    (30 November + 3 months is 28 or 29 February)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _start_of(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def _batch(queryset, after_id: int, size: int):
    return list(queryset.filter(pk__gt=after_id).order_by("pk")[:size])


# --- LIFE-3 ----------------------------------------------------------------------------------


def deactivation_date(last_disposal: date) -> date:
    """LIFE-3 [A48]: three months after the final disposal of the last e-proceeding."""
    return months_after(last_disposal, policy.DEACTIVATION_AFTER_FINAL_DISPOSAL_MONTHS)


def notice_date(last_disposal: date) -> date:
    """The day the prior notice goes: one month before the de-activation (our choice)."""
    return months_after(
        last_disposal,
        policy.DEACTIVATION_AFTER_FINAL_DISPOSAL_MONTHS - policy.DEACTIVATION_NOTICE_MONTHS,
    )


def _accounts_with_all_cases_disposed():
    """IU accounts not ended with at least one current link and none to an on-going case,
    each with `last_disposal`: the latest final disposal date of the cases it is linked to."""
    links = current_links().filter(individual=OuterRef("pk"))
    return (
        User.objects.filter(role=Role.IU, status__in=LIVE_STATUSES)
        .filter(Exists(links))
        .exclude(Exists(links.filter(case__status=CaseStatus.ONGOING)))
        .annotate(
            last_disposal=Subquery(
                links.order_by("-case__final_disposal_date").values("case__final_disposal_date")[:1]
            )
        )
    )


def accounts_due_for_deactivation_notice(
    *, today: date, after_id: int = 0, size: int = BATCH
) -> list[User]:
    """A batch of IU accounts whose notice day has come (`last_disposal` set on each). The
    database bound is a few days loose at the ends of months; `notice_date` is exact."""
    months = policy.DEACTIVATION_AFTER_FINAL_DISPOSAL_MONTHS - policy.DEACTIVATION_NOTICE_MONTHS
    latest = months_after(today, -months) + timedelta(days=3)
    return _batch(
        _accounts_with_all_cases_disposed().filter(last_disposal__lte=latest), after_id, size
    )


def last_final_disposal(account_id: int) -> date | None:
    """The date of final disposal of the last e-proceeding linked to the account, if every
    e-proceeding it is linked to now is finally disposed; None if it has none or one is on-going
    (a new link, or a case reopened)."""
    row = _accounts_with_all_cases_disposed().filter(pk=account_id).values("last_disposal").first()
    return row["last_disposal"] if row else None


def deactivation_notices(account_ids, bases) -> dict[tuple[int, date], LifecycleEvent]:
    """The notices already sent to these accounts, by (account id, date of last disposal)."""
    events = LifecycleEvent.objects.filter(
        kind=EventKind.DEACTIVATION_NOTICE, account_id__in=account_ids, basis__in=set(bases)
    )
    return {(e.account_id, e.basis): e for e in events}


# --- LIFE-4 ----------------------------------------------------------------------------------


def _prospective_litigants_unlinked(today: date):
    # A17 makes the account depend on filing in time: new proceedings filed by the deadline
    # keep it while the registry decides (acceptance links it; a rejection ends it after).
    filed_in_time = originating_filings_awaiting_the_registry().filter(
        account=OuterRef("pk"), submitted_at__date__lte=OuterRef("filing_deadline")
    )
    return (
        User.objects.filter(role=Role.IU, status__in=LIVE_STATUSES, filing_deadline__lt=today)
        .exclude(Exists(current_links().filter(individual=OuterRef("pk"))))
        .exclude(Exists(filed_in_time))
    )


def prospective_litigants_past_deadline_unlinked(
    *, today: date, after_id: int = 0, size: int = BATCH
) -> list[User]:
    """LIFE-4 [A17]: a batch of prospective litigants' IU accounts not ended whose period to
    file ran out before today (the deadline is the last day to file), that are linked to no
    e-proceeding and whose new proceedings filed in time, if any, the registry has decided."""
    return _batch(_prospective_litigants_unlinked(today), after_id, size)


def is_prospective_litigant_unlinked(account_id: int, *, today: date) -> bool:
    return _prospective_litigants_unlinked(today).filter(pk=account_id).exists()


# --- ORG-5 -----------------------------------------------------------------------------------


def _sub_accounts_past_end_date(today: date):
    recorded = LifecycleEvent.objects.filter(
        account=OuterRef("pk"), kind=EventKind.END_DATE_PASSED, basis=OuterRef("effective_end_date")
    )
    return User.objects.filter(
        role__in=[Role.SA, Role.OU], status__in=LIVE_STATUSES, effective_end_date__lt=today
    ).exclude(Exists(recorded))


def sub_accounts_past_end_date(*, today: date, after_id: int = 0, size: int = BATCH) -> list[User]:
    """ORG-5 [A35]: a batch of SA and OU accounts not ended whose effective end date (the last
    day they can be used) is before today, and whose passing is not yet recorded."""
    return _batch(_sub_accounts_past_end_date(today), after_id, size)


def is_sub_account_past_end_date(account_id: int, *, today: date) -> bool:
    return _sub_accounts_past_end_date(today).filter(pk=account_id).exists()


# --- AUTH-6 ----------------------------------------------------------------------------------


def _password_set_at():
    # Accounts from before the portal recorded it: their activation, or their creation.
    return Coalesce("password_changed_at", "activated_at", "date_joined")


def password_reminder_basis(password_set_on: date, today: date) -> date | None:
    """The day the reminder for the present period fell due: the password's age in whole
    periods of PASSWORD_REMINDER_AFTER_DAYS; None while it is younger than one period."""
    period = policy.PASSWORD_REMINDER_AFTER_DAYS
    periods = (today - password_set_on).days // period
    if periods < 1:
        return None
    return password_set_on + timedelta(days=periods * period)


def accounts_with_old_passwords(*, today: date, after_id: int = 0, size: int = BATCH) -> list[User]:
    """AUTH-6: a batch of holders' accounts that can be used now (active; an SA or OU not past
    its end date) whose password was last set PASSWORD_REMINDER_AFTER_DAYS or more days ago,
    each with `password_set_at`. Court staff have no Message Box."""
    set_before = _start_of(today - timedelta(days=policy.PASSWORD_REMINDER_AFTER_DAYS - 1))
    accounts = (
        User.objects.filter(role__in=HOLDER_ROLES, status=AccountStatus.ACTIVE)
        .filter(Q(effective_end_date__isnull=True) | Q(effective_end_date__gte=today))
        .annotate(password_set_at=_password_set_at())
        .filter(password_set_at__lt=set_before)
    )
    return _batch(accounts, after_id, size)


def password_reminders(account_ids, bases) -> set[tuple[int, date]]:
    """(account id, basis) of the reminders already sent to these accounts."""
    return set(
        LifecycleEvent.objects.filter(
            kind=EventKind.PASSWORD_REMINDER, account_id__in=account_ids, basis__in=set(bases)
        ).values_list("account_id", "basis")
    )


def password_set_on(account: User) -> date:
    value = account.password_changed_at or account.activated_at or account.date_joined
    return timezone.localdate(value)
