"""Emails: ordinary ones through the task queue, secret-bearing ones never (AUTH-6)."""

from datetime import date
from types import SimpleNamespace

import pytest
from django.core import mail
from django.tasks.signals import task_enqueued

from accounts import services
from tests.factories import RESET_REQUEST, UserFactory, submit_application

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def queued():
    seen = []

    def record(sender, task_result, **kwargs):
        seen.append(task_result.kwargs)

    task_enqueued.connect(record)
    yield seen
    task_enqueued.disconnect(record)


def test_auth_6_change_token_email_is_not_written_to_the_queue(queued, help_centre_officer):
    holder = UserFactory()
    services.change_token_issue(
        actor=help_centre_officer, login_name=holder.login_name, **RESET_REQUEST
    )
    assert "Change Token" in mail.outbox[-1].body
    assert queued == []


def test_ordinary_emails_go_through_the_queue(queued):
    application = submit_application()
    assert len(queued) == 1
    assert application.reference in queued[0]["subject"]


def test_nothing_is_sent_when_the_change_rolls_back(help_centre_officer):
    from django.db import transaction

    holder = UserFactory()
    with pytest.raises(RuntimeError), transaction.atomic():
        services.change_token_issue(
            actor=help_centre_officer, login_name=holder.login_name, **RESET_REQUEST
        )
        raise RuntimeError("a later step failed")
    assert mail.outbox == []


def _render(template, language, **context):
    from notifications.services import email_render

    context = {"site_url": "https://ecourts.example", "name": "CHAN Tai Man", **context}
    return email_render(template=template, context=context, language=language)[1]


@pytest.mark.parametrize("template", ["message_box_new_message", "message_box_reminder"])
def test_msg_4_message_box_emails_link_the_message_box_in_the_holders_language(template):
    english = _render(template, "en", login_name="iu00000001", category="CASE")
    assert "https://ecourts.example/messages/\n" in english
    chinese = _render(template, "zh-hant", login_name="iu00000001", category="CASE")
    assert "https://ecourts.example/zh-hant/messages/\n" in chinese


def test_msg_4_the_chinese_new_message_email_reads_without_a_stray_space():
    english = _render("message_box_new_message", "en", login_name="iu1", category="CASE")
    assert "of your iCMS account. Please log in to the portal to read it." in english
    chinese = _render("message_box_new_message", "zh-hant", login_name="iu1", category="CASE")
    assert "的訊息箱。請登入本系統閱讀。" in chinese


@pytest.mark.parametrize(
    ("application_type", "english", "chinese"),
    [
        ("IU", "for an Individual User account of the e-Courts (iCMS).", "個人用戶帳戶的申請"),
        (
            "PA",
            "for an organization account of the e-Courts (iCMS), with you as its Primary "
            "Administrator.",
            "以主要管理員身分申請電子法院（綜合法院案件管理系統）機構帳戶的申請",
        ),
        (
            "PA_REPLACEMENT",
            "to become your organization's Primary Administrator in the e-Courts (iCMS), in "
            "place of the present one.",
            "申請接替現任主要管理員",
        ),
    ],
)
def test_reg_7_the_receipt_email_names_what_was_applied_for(application_type, english, chinese):
    context = {
        "reference": "X2026000001",
        "application_type": application_type,
        "due_date": date(2026, 12, 2),
    }
    assert english in _render("application_received", "en", **context)
    body = _render("application_received", "zh-hant", **context)
    assert chinese in body and "Individual" not in body
    if application_type != "IU":
        assert "個人用戶" not in body


def test_reg_9_unlinked_cases_in_the_activation_email_read_with_the_languages_colon():
    unknown = SimpleNamespace(number="DCPI 9999/2025", linkability="unknown")
    context = {"cases_not_linked": [unknown], "activation_url": "https://ecourts.example/a/"}
    assert "- DCPI 9999/2025: no case with this number" in _render("activation", "en", **context)
    chinese = _render("activation", "zh-hant", **context)
    assert "- DCPI 9999/2025：法院紀錄中沒有此編號的案件。" in chinese


@pytest.mark.parametrize("language", ["en", "zh-hant"])
def test_nfr_1_an_email_subject_writes_an_ampersand_as_typed(language):
    from notifications.services import email_render

    subject, _body = email_render(
        template="sub_account_activation",
        context={"organization_name": "Harbour & Peak <Solicitors>", "name": "Chan Tai Man"},
        language=language,
    )
    assert "Harbour & Peak <Solicitors>" in subject
    assert "&amp;" not in subject
