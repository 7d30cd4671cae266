"""The daily jobs of the account lifecycle: LIFE-3 (de-activation three months after the final
disposal of the last e-proceeding, with prior notice in the Message Box [A48]), LIFE-4
(a prospective litigant's account linked to no e-proceeding when the period ends is terminated
without notice [A17]), ORG-5 (an SA's or OU's effective end date [A35]), AUTH-6 (password
change reminders in the Message Box [A52]) and LIFE-5 (ended accounts cannot log in; their
records are kept). Each job on the day before, the day of and the day after its date."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts import services as account_services
from accounts.models import AccountStatus, Language
from audit.models import AuditRecord
from audit.selectors import ACTION_LABELS
from cases.models import CaseLink, CaseStatus
from core.scheduler import DAILY_JOBS
from filing.models import Filing
from lifecycle import services
from lifecycle.models import EventKind, LifecycleEvent
from messaging.models import Message, MessageKind
from permissions.roles import Role
from tests.factories import (
    PASSWORD,
    RESET_REQUEST,
    CaseFactory,
    CaseLinkFactory,
    OrganizationAccountFactory,
    StaffFactory,
    UserFactory,
    proceeding_type,
)

pytestmark = pytest.mark.django_db
HK = ZoneInfo("Asia/Hong_Kong")
WRONG = "The login name, password or Organization Code is not correct"
NEW = "Lion-Rock-Sunrise-7"


def _on(day: date, hour: int = 0, minute: int = 30):
    return time_machine.travel(datetime(day.year, day.month, day.day, hour, minute, tzinfo=HK))


def _run(job, day: date, hour: int = 0):
    with _on(day, hour=hour):
        return str(job())


def _iu_with_case_disposed_on(disposed: date | None, **fields):
    iu = UserFactory(**fields)
    _link(iu, disposed)
    return iu


def _link(iu, disposed: date | None):
    case = CaseFactory()
    if disposed is not None:
        case.status = CaseStatus.FINALLY_DISPOSED
        case.final_disposal_date = disposed
        case.save(update_fields=["status", "final_disposal_date"])
    return CaseLinkFactory(case=case, individual=iu, organization=None)


def _status(account) -> str:
    account.refresh_from_db()
    return account.status


def _box(account, kind):
    return list(Message.objects.filter(recipient=account, kind=kind).order_by("id"))


def _records(account, action):
    return list(
        AuditRecord.objects.filter(
            action=action, object_type="accounts.user", object_id=str(account.pk)
        )
    )


# --- LIFE-3 ----------------------------------------------------------------------------------

deactivate = services.accounts_deactivate_after_final_disposal


def test_life_3_notice_one_month_before_and_deactivation_three_months_after_final_disposal():
    iu = _iu_with_case_disposed_on(date(2026, 3, 10))
    # The notice: one month before the date of de-activation, 10 May 2026.
    assert _run(deactivate, date(2026, 5, 9)) == "nothing to do"
    assert _box(iu, MessageKind.DEACTIVATION_NOTICE) == []
    assert _run(deactivate, date(2026, 5, 10)) == "notices sent 1"
    (notice,) = _box(iu, MessageKind.DEACTIVATION_NOTICE)
    assert notice.subject == "Your iCMS account will be de-activated on 10 Jun 2026"
    assert "finally disposed of on 10 Mar 2026" in notice.body
    assert "de-activated three months after the final disposal" in notice.body
    assert f"Your account {iu.login_name} will be de-activated on 10 Jun 2026" in notice.body
    assert notice.case is None and notice.read_at is None
    # Once: the same day again, and the days after, send nothing more.
    assert _run(deactivate, date(2026, 5, 10)) == "nothing to do"
    assert _run(deactivate, date(2026, 5, 11)) == "nothing to do"
    # The de-activation: three months after the final disposal, 10 June 2026.
    assert _run(deactivate, date(2026, 6, 9)) == "nothing to do"
    assert _status(iu) == AccountStatus.ACTIVE
    assert _run(deactivate, date(2026, 6, 10)) == "de-activated 1"
    assert _status(iu) == AccountStatus.DEACTIVATED
    assert _run(deactivate, date(2026, 6, 10)) == "nothing to do"
    assert _run(deactivate, date(2026, 6, 11)) == "nothing to do"
    assert len(_box(iu, MessageKind.DEACTIVATION_NOTICE)) == 1
    (record,) = _records(iu, "account.deactivated")
    assert record.actor is None and record.actor_label == "system"
    assert record.before == {"status": "ACTIVE"}
    assert record.after == {
        "status": "DEACTIVATED",
        "final_disposal_date": "2026-03-10",
        "deactivation_date": "2026-06-10",
    }
    (sent,) = _records(iu, "account.deactivation_notice_sent")
    assert sent.actor_label == "system"


def test_life_3_three_months_after_the_30th_of_november_is_the_last_day_of_february():
    iu = _iu_with_case_disposed_on(date(2025, 11, 30))
    assert _run(deactivate, date(2026, 1, 29)) == "nothing to do"
    assert _run(deactivate, date(2026, 1, 30)) == "notices sent 1"
    (notice,) = _box(iu, MessageKind.DEACTIVATION_NOTICE)
    assert notice.subject == "Your iCMS account will be de-activated on 28 Feb 2026"
    assert _run(deactivate, date(2026, 2, 27)) == "nothing to do"
    assert _run(deactivate, date(2026, 2, 28)) == "de-activated 1"
    assert _status(iu) == AccountStatus.DEACTIVATED


def test_life_3_the_last_of_several_final_disposals_counts():
    iu = _iu_with_case_disposed_on(date(2026, 1, 10))
    _link(iu, date(2026, 3, 10))
    assert _run(deactivate, date(2026, 4, 10)) == "nothing to do"
    assert _run(deactivate, date(2026, 5, 10)) == "notices sent 1"
    assert _run(deactivate, date(2026, 6, 9)) == "nothing to do"
    assert _run(deactivate, date(2026, 6, 10)) == "de-activated 1"


def test_life_3_no_notice_while_any_linked_e_proceeding_is_on_going():
    iu = _iu_with_case_disposed_on(date(2025, 1, 10))
    _link(iu, None)
    assert _run(deactivate, date(2026, 6, 10)) == "nothing to do"
    assert _box(iu, MessageKind.DEACTIVATION_NOTICE) == []
    assert _status(iu) == AccountStatus.ACTIVE


def test_life_3_a_new_link_before_the_date_stops_the_deactivation():
    iu = _iu_with_case_disposed_on(date(2026, 3, 10))
    _run(deactivate, date(2026, 5, 10))
    with _on(date(2026, 6, 1)):
        _link(iu, None)
    assert _run(deactivate, date(2026, 6, 10)) == "nothing to do"
    assert _run(deactivate, date(2026, 6, 11)) == "nothing to do"
    assert _status(iu) == AccountStatus.ACTIVE
    assert _records(iu, "account.deactivated") == []


def test_life_3_a_case_reopened_before_the_date_stops_it_and_a_new_disposal_gives_a_new_notice():
    iu = _iu_with_case_disposed_on(date(2026, 3, 10))
    case = iu.case_links.get().case
    _run(deactivate, date(2026, 5, 10))
    case.status, case.final_disposal_date = CaseStatus.ONGOING, None
    case.save(update_fields=["status", "final_disposal_date"])
    assert _run(deactivate, date(2026, 6, 10)) == "nothing to do"
    assert _status(iu) == AccountStatus.ACTIVE
    # Disposed of again: a notice of its own, and the date counted from the new disposal.
    case.status, case.final_disposal_date = CaseStatus.FINALLY_DISPOSED, date(2026, 7, 1)
    case.save(update_fields=["status", "final_disposal_date"])
    assert _run(deactivate, date(2026, 8, 31)) == "nothing to do"
    assert _run(deactivate, date(2026, 9, 1)) == "notices sent 1"
    first, second = _box(iu, MessageKind.DEACTIVATION_NOTICE)
    assert second.subject == "Your iCMS account will be de-activated on 1 Oct 2026"
    assert _run(deactivate, date(2026, 9, 30)) == "nothing to do"
    assert _run(deactivate, date(2026, 10, 1)) == "de-activated 1"


def test_life_3_a_disposal_recorded_late_still_gets_a_full_month_of_notice():
    iu = _iu_with_case_disposed_on(date(2026, 1, 5))
    # First seen on 20 April, after the three months: the notice gives a month from today.
    assert _run(deactivate, date(2026, 4, 20)) == "notices sent 1"
    (notice,) = _box(iu, MessageKind.DEACTIVATION_NOTICE)
    assert notice.subject == "Your iCMS account will be de-activated on 20 May 2026"
    assert _run(deactivate, date(2026, 4, 21)) == "nothing to do"
    assert _run(deactivate, date(2026, 5, 19)) == "nothing to do"
    assert _run(deactivate, date(2026, 5, 20)) == "de-activated 1"


def test_life_3_the_notice_is_in_the_holders_language():
    iu = _iu_with_case_disposed_on(date(2026, 3, 10), preferred_language=Language.ZH_HANT)
    _run(deactivate, date(2026, 5, 10))
    (notice,) = _box(iu, MessageKind.DEACTIVATION_NOTICE)
    assert notice.subject == "你的綜合法院案件管理系統帳戶將於2026年6月10日停用"
    assert "與你的帳戶連結的最後一宗電子程序已於2026年3月10日最終處置。" in notice.body


def test_life_3_organization_accounts_are_not_deactivated():
    ou = OrganizationAccountFactory(role=Role.OU)
    case = CaseFactory(status=CaseStatus.FINALLY_DISPOSED, final_disposal_date=date(2026, 1, 5))
    CaseLinkFactory(case=case, organization=ou.organization)
    assert _run(deactivate, date(2026, 6, 1)) == "nothing to do"
    assert _status(ou) == AccountStatus.ACTIVE


def test_life_3_reads_a_batch_in_the_same_number_of_queries_whatever_the_number_of_accounts():
    def queries(count):
        for _ in range(count):
            _iu_with_case_disposed_on(date(2026, 3, 10))
        _run(deactivate, date(2026, 5, 10))  # each gets its notice
        # Ten days later each is read again, noticed but not yet due: nothing per account.
        with _on(date(2026, 5, 20)), CaptureQueriesContext(connection) as captured:
            assert str(deactivate()) == "nothing to do"
        LifecycleEvent.objects.all().delete()
        Message.objects.all().delete()
        return len(captured)

    assert queries(3) == queries(30) == 3  # the batch, its notices, the empty next batch


# --- LIFE-4 ----------------------------------------------------------------------------------

terminate = services.prospective_litigants_terminate_unlinked


@pytest.mark.parametrize("status", [AccountStatus.ACTIVE, AccountStatus.PENDING_ACTIVATION])
def test_life_4_unlinked_prospective_litigant_is_terminated_the_day_after_its_deadline(status):
    iu = UserFactory(status=status, filing_deadline=date(2026, 3, 31))
    mail.outbox.clear()
    assert _run(terminate, date(2026, 3, 31)) == "nothing to do"  # its last day to file
    assert _status(iu) == status
    assert _run(terminate, date(2026, 4, 1)) == "terminated 1"
    assert _status(iu) == AccountStatus.TERMINATED
    assert _run(terminate, date(2026, 4, 1)) == "nothing to do"
    assert _run(terminate, date(2026, 4, 2)) == "nothing to do"
    # Without notice: nothing in its Message Box, no email.
    assert not Message.objects.filter(recipient=iu).exists()
    assert mail.outbox == []
    (record,) = _records(iu, "account.terminated_unlinked")
    assert record.actor_label == "system"
    assert record.after == {"status": "TERMINATED", "filing_deadline": "2026-03-31"}


def test_life_4_a_prospective_litigant_linked_in_time_stays():
    iu = UserFactory(filing_deadline=date(2026, 3, 31))
    with _on(date(2026, 3, 31), hour=16):
        _link(iu, None)
    assert _run(terminate, date(2026, 4, 1)) == "nothing to do"
    assert _status(iu) == AccountStatus.ACTIVE


def _new_proceedings(iu, submitted_at, status="SUBMITTED"):
    return Filing.objects.create(
        account=iu,
        proceeding_type=proceeding_type("DCPI"),
        party_type="PLAINTIFF",
        originating=True,
        title="CHAN Tai Man v. ABC Limited",
        status=status,
        submitted_at=submitted_at,
    )


def test_life_4_new_proceedings_filed_in_time_keep_the_account_while_the_registry_decides():
    iu = UserFactory(filing_deadline=date(2026, 3, 31))
    # Filed at 23:30 on its last day in Hong Kong (15:30 UTC): in time.
    filing = _new_proceedings(iu, datetime(2026, 3, 31, 23, 30, tzinfo=HK))
    assert _run(terminate, date(2026, 4, 1)) == "nothing to do"
    assert _run(terminate, date(2026, 4, 20)) == "nothing to do"
    assert _status(iu) == AccountStatus.ACTIVE
    # The registry rejects the filing: nothing is linked, so the account ends the next night.
    Filing.objects.filter(pk=filing.pk).update(status="REJECTED")
    assert _run(terminate, date(2026, 4, 21)) == "terminated 1"
    assert _status(iu) == AccountStatus.TERMINATED


@pytest.mark.parametrize(
    "submitted_at, status",
    [
        # 00:30 on 1 April in Hong Kong is still 31 March in UTC: late all the same.
        (datetime(2026, 4, 1, 0, 30, tzinfo=HK), "SUBMITTED"),
        (None, "AWAITING_PAYMENT"),  # not filed until paid
        (datetime(2026, 3, 30, 10, 0, tzinfo=HK), "WITHDRAWN"),
    ],
)
def test_life_4_new_proceedings_filed_late_unpaid_or_withdrawn_do_not_keep_the_account(
    submitted_at, status
):
    iu = UserFactory(filing_deadline=date(2026, 3, 31))
    _new_proceedings(iu, submitted_at, status)
    assert _run(terminate, date(2026, 4, 1)) == "terminated 1"


def test_life_4_accounts_without_a_filing_deadline_are_not_touched():
    iu = UserFactory()  # an IU with cases listed, whose links are awaiting the registry
    assert _run(terminate, date(2026, 4, 1)) == "nothing to do"
    assert _status(iu) == AccountStatus.ACTIVE


# --- ORG-5 -----------------------------------------------------------------------------------

end_dates = services.sub_accounts_end_past_end_date


@pytest.mark.parametrize("role", [Role.SA, Role.OU])
def test_org_5_the_day_after_the_end_date_the_account_stops_and_it_is_recorded_once(role):
    holder = OrganizationAccountFactory(role=role, effective_end_date=date(2026, 11, 30))
    with _on(date(2026, 11, 30), hour=23):
        assert holder.is_active  # its last day
    assert _run(end_dates, date(2026, 11, 30)) == "nothing to do"
    assert _run(end_dates, date(2026, 12, 1)) == "ended 1"
    assert _run(end_dates, date(2026, 12, 1)) == "nothing to do"
    assert _run(end_dates, date(2026, 12, 2)) == "nothing to do"
    with _on(date(2026, 12, 1)):
        holder.refresh_from_db()
        assert not holder.is_active
    (record,) = _records(holder, "account.end_date_passed")
    assert record.actor_label == "system"
    assert record.after == {"effective_end_date": "2026-11-30"}
    # The status stays: revising the date restores the account at once (decisions.md).
    assert holder.status == AccountStatus.ACTIVE


def test_org_5_a_revised_end_date_that_passes_again_is_recorded_again():
    ou = OrganizationAccountFactory(role=Role.OU, effective_end_date=date(2026, 11, 30))
    _run(end_dates, date(2026, 12, 1))
    ou.effective_end_date = date(2027, 1, 31)
    ou.save(update_fields=["effective_end_date"])
    assert _run(end_dates, date(2027, 1, 31)) == "nothing to do"
    assert _run(end_dates, date(2027, 2, 1)) == "ended 1"
    assert len(_records(ou, "account.end_date_passed")) == 2


def test_org_5_ended_accounts_and_accounts_without_end_dates_are_left_alone():
    OrganizationAccountFactory(
        role=Role.OU, effective_end_date=date(2026, 11, 30), status=AccountStatus.TERMINATED
    )
    OrganizationAccountFactory(role=Role.PA)
    UserFactory()
    assert _run(end_dates, date(2026, 12, 1)) == "nothing to do"


# --- AUTH-6 ----------------------------------------------------------------------------------

remind = services.password_change_reminders_send


def _password_set(account, day: date):
    account.password_changed_at = datetime(day.year, day.month, day.day, 10, 0, tzinfo=HK)
    account.save(update_fields=["password_changed_at"])


@pytest.mark.parametrize("role", [Role.IU, Role.PA, Role.SA, Role.OU])
def test_auth_6_a_reminder_goes_to_the_message_box_when_the_password_is_180_days_old(role):
    holder = OrganizationAccountFactory(role=role) if role != Role.IU else UserFactory()
    _password_set(holder, date(2026, 1, 1))
    # 180 days after 1 January 2026 is 30 June 2026.
    assert _run(remind, date(2026, 6, 29), hour=7) == "nothing to do"
    assert _run(remind, date(2026, 6, 30), hour=7) == "reminders sent 1"
    (reminder,) = _box(holder, MessageKind.PASSWORD_REMINDER)
    assert reminder.subject == "Reminder: change your iCMS password"
    assert (
        f"The password of your account {holder.login_name} was last set on 1 Jan 2026, "
        "180 days ago." in reminder.body
    )
    assert 'log in and choose "Change your password"' in reminder.body
    assert _run(remind, date(2026, 6, 30), hour=7) == "nothing to do"
    assert _run(remind, date(2026, 7, 1), hour=7) == "nothing to do"
    # Unchanged for another 180 days: one more reminder, on 27 December 2026.
    assert _run(remind, date(2026, 12, 26), hour=7) == "nothing to do"
    assert _run(remind, date(2026, 12, 27), hour=7) == "reminders sent 1"
    assert len(_box(holder, MessageKind.PASSWORD_REMINDER)) == 2


def test_auth_6_a_new_password_starts_the_180_days_again():
    iu = UserFactory()
    _password_set(iu, date(2026, 1, 1))
    _run(remind, date(2026, 6, 30))
    _password_set(iu, date(2026, 7, 2))
    assert _run(remind, date(2026, 12, 27)) == "nothing to do"
    assert _run(remind, date(2026, 12, 28)) == "nothing to do"
    assert _run(remind, date(2026, 12, 29)) == "reminders sent 1"


def test_auth_6_the_reminder_is_in_the_holders_language():
    iu = UserFactory(preferred_language=Language.ZH_HANT)
    _password_set(iu, date(2026, 1, 1))
    _run(remind, date(2026, 6, 30))
    (reminder,) = _box(iu, MessageKind.PASSWORD_REMINDER)
    assert reminder.subject == "提示：請更改你的綜合法院案件管理系統密碼"
    assert "最後於2026年1月1日（180日前）設定" in reminder.body


def test_auth_6_staff_ended_and_expired_accounts_get_no_reminder():
    staff = StaffFactory()
    ended = UserFactory(status=AccountStatus.DEACTIVATED)
    expired = OrganizationAccountFactory(role=Role.OU, effective_end_date=date(2026, 6, 1))
    for account in (staff, ended, expired):
        _password_set(account, date(2026, 1, 1))
    assert _run(remind, date(2026, 6, 30)) == "nothing to do"


def test_auth_6_an_account_from_before_the_field_counts_from_its_activation():
    iu = UserFactory(activated_at=datetime(2026, 1, 1, 9, 0, tzinfo=HK))
    assert iu.password_changed_at is None
    assert _run(remind, date(2026, 6, 29)) == "nothing to do"
    assert _run(remind, date(2026, 6, 30)) == "reminders sent 1"


def test_auth_6_changing_and_resetting_the_password_record_when(
    client, help_centre_officer, django_capture_on_commit_callbacks
):
    iu = UserFactory()
    with _on(date(2026, 3, 2), hour=10):
        client.force_login(iu)
        client.post(
            reverse("accounts:change_password"),
            {"current_password": PASSWORD, "password": NEW, "password_confirm": NEW},
        )
    iu.refresh_from_db()
    assert timezone.localtime(iu.password_changed_at).date() == date(2026, 3, 2)
    with _on(date(2026, 4, 7), hour=11):
        with django_capture_on_commit_callbacks(execute=True):
            account_services.change_token_issue(
                actor=help_centre_officer, login_name=iu.login_name, **RESET_REQUEST
            )
        token = mail.outbox[-1].body.split("Change Token: ")[1].split()[0]
        account_services.password_reset(
            login_name=iu.login_name,
            change_token=token,
            password=PASSWORD,
            password_confirm=PASSWORD,
        )
    iu.refresh_from_db()
    assert timezone.localtime(iu.password_changed_at).date() == date(2026, 4, 7)


def test_auth_6_activation_records_when_the_password_was_set(help_centre_officer):
    iu = UserFactory(status=AccountStatus.PENDING_ACTIVATION, phone="(852) 2477-1002")
    with _on(date(2026, 2, 3), hour=9):
        code = account_services.activation_code_issue(user=iu, actor=help_centre_officer)
        account_services.account_activate(
            login_name=iu.login_name,
            activation_code=code,
            surname=iu.surname,
            given_name=iu.given_name,
            phone=iu.phone,
            password=NEW,
            password_confirm=NEW,
        )
    iu.refresh_from_db()
    assert timezone.localtime(iu.password_changed_at).date() == date(2026, 2, 3)


# --- LIFE-5 ----------------------------------------------------------------------------------


def test_life_5_ended_accounts_cannot_log_in_and_their_records_and_links_stay(client):
    deactivated = _iu_with_case_disposed_on(date(2026, 3, 10))
    terminated = UserFactory(filing_deadline=date(2026, 3, 31))
    # Logged in with a token before the end.
    token = client.post(
        "/api/v1/auth/login/",
        {"login_name": deactivated.login_name, "password": PASSWORD},
        content_type="application/json",
    ).json()["token"]
    _run(terminate, date(2026, 4, 1))
    _run(deactivate, date(2026, 5, 10))
    _run(deactivate, date(2026, 6, 10))
    assert _status(deactivated) == AccountStatus.DEACTIVATED
    assert _status(terminated) == AccountStatus.TERMINATED
    for account in (deactivated, terminated):
        page = client.post(
            reverse("accounts:login"), {"login_name": account.login_name, "password": PASSWORD}
        )
        assert page.status_code == 200 and WRONG in page.content.decode()
        api = client.post(
            "/api/v1/auth/login/",
            {"login_name": account.login_name, "password": PASSWORD},
            content_type="application/json",
        )
        assert api.status_code == 401
    assert client.get("/api/v1/me/", HTTP_AUTHORIZATION=f"Bearer {token}").status_code == 401
    # Kept: the account, its case link (current, as history of who took part), its messages.
    link = CaseLink.objects.get(individual=deactivated)
    assert link.ended_at is None
    assert Message.objects.filter(recipient=deactivated).count() == 1
    assert LifecycleEvent.objects.get(account=deactivated).kind == EventKind.DEACTIVATION_NOTICE


# --- the jobs: scheduled, commands, words for the trail -------------------------------------


def test_life_3_life_4_org_5_auth_6_jobs_are_scheduled_daily_at_hong_kong_times():
    def at(name):
        return DAILY_JOBS[name][1].strftime("%H:%M")

    assert DAILY_JOBS["end_sub_accounts_past_end_date"][0] == (
        "lifecycle.tasks.end_sub_accounts_past_end_date"
    )
    assert at("end_sub_accounts_past_end_date") == "00:10"
    assert at("terminate_unlinked_prospective_litigants") == "00:15"
    assert at("deactivate_after_final_disposal") == "00:20"
    assert at("send_password_change_reminders") == "07:00"


def test_life_3_life_4_org_5_auth_6_each_job_is_a_management_command(capsys):
    _iu_with_case_disposed_on(date(2026, 3, 10))
    UserFactory(filing_deadline=date(2026, 3, 31))
    OrganizationAccountFactory(role=Role.OU, effective_end_date=date(2026, 3, 31))
    _password_set(UserFactory(), date(2025, 11, 1))
    with _on(date(2026, 5, 10)):
        for name in (
            "end_sub_accounts_past_end_date",
            "terminate_unlinked_prospective_litigants",
            "deactivate_after_final_disposal",
            "send_password_change_reminders",
        ):
            call_command(name)
    assert capsys.readouterr().out.splitlines() == [
        "ended 1",
        "terminated 1",
        "notices sent 1",
        "reminders sent 1",
    ]


def test_life_3_life_4_org_5_every_action_of_the_jobs_reads_in_words():
    for action in (
        "account.deactivation_notice_sent",
        "account.deactivated",
        "account.terminated_unlinked",
        "account.end_date_passed",
    ):
        assert action in ACTION_LABELS


def test_life_3_later_in_the_day_is_the_same_day():
    iu = _iu_with_case_disposed_on(date(2026, 3, 10))
    assert _run(deactivate, date(2026, 5, 9), hour=23) == "nothing to do"
    assert _run(deactivate, date(2026, 5, 10), hour=23) == "notices sent 1"
    assert len(_box(iu, MessageKind.DEACTIVATION_NOTICE)) == 1
