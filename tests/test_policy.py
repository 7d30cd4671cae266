"""The numbers of the rules (core/policy.py), pinned as literals: a wrong value fails here. Then
that the readers (settings, services, messages, emails, pages) state and apply those numbers."""

from datetime import datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from accounts import services
from accounts.lockout import cool_off
from accounts.models import ApiToken
from core import policy
from core.ratelimit import allow
from core.uploads import inspect_upload
from notifications.services import email_render
from tests.factories import UserFactory

T0 = datetime(2026, 11, 25, 10, 0, tzinfo=ZoneInfo("Asia/Hong_Kong"))


@pytest.fixture(autouse=True)
def _reset_language():
    """A Chinese page leaves its language active in this thread; later tests expect English."""
    yield
    translation.deactivate()


# --- the values ---------------------------------------------------------------------------------


def test_auth_3_five_failures_lock_for_30_minutes():
    assert policy.LOGIN_FAILURE_LIMIT == 5
    assert policy.LOGIN_LOCK_PERIOD == timedelta(minutes=30)


def test_auth_4_change_token_lives_24_hours():
    assert policy.CHANGE_TOKEN_VALID_FOR == timedelta(hours=24)


def test_api_token_lives_8_hours():
    assert policy.API_TOKEN_VALID_FOR == timedelta(hours=8)


def test_reg_8_vetting_due_in_3_working_days():
    assert policy.VETTING_DUE_WORKING_DAYS == 3


def test_reg_3_prospective_litigant_files_within_90_days():
    assert policy.PROSPECTIVE_LITIGANT_FILING_PERIOD == timedelta(days=90)


def test_reg_2_at_most_10_cases_per_application():
    assert policy.MAX_CASES_PER_APPLICATION == 10


def test_application_status_link_lives_120_days():
    assert policy.APPLICATION_STATUS_LINK_VALID_FOR == timedelta(days=120)


def test_ida_1_ida_3_authentication_within_30_calendar_days():
    assert policy.AUTHENTICATION_PERIOD == timedelta(days=30)


def test_act_4_activation_code_lives_14_days_and_five_mismatches_void_it():
    assert policy.ACTIVATION_CODE_VALID_FOR == timedelta(days=14)
    assert policy.ACTIVATION_MAX_MISMATCHES == 5


def test_org_3_default_organization_limits():
    limits = policy.DEFAULT_ORGANIZATION_LIMITS
    assert limits.primary_administrators == 2
    assert limits.secondary_administrators == 10
    assert limits.organization_users == 50
    assert limits.default_organization_users == 5
    assert limits.branches == 10
    assert limits.organization_users_per_case_party == 10  # CASE-7


def test_svc_6_translation_certified_for_hk_95_a_page():
    assert policy.TRANSLATION_CERTIFICATION_FEE_PER_PAGE == Decimal("95.00")
    assert isinstance(policy.TRANSLATION_CERTIFICATION_FEE_PER_PAGE, Decimal)


def test_uploads_at_most_10_mib_of_pdf_jpeg_or_png():
    assert policy.UPLOAD_MAX_BYTES == 10_485_760
    assert [(t.content_type, t.extension, t.signature) for t in policy.UPLOAD_TYPES] == [
        ("application/pdf", ".pdf", b"%PDF-"),
        ("image/jpeg", ".jpg", b"\xff\xd8\xff"),
        ("image/png", ".png", b"\x89PNG\r\n\x1a\n"),
    ]


def test_public_form_rate_limits_per_address_and_hour():
    hour = timedelta(hours=1)
    assert dict(policy.RATE_LIMITS) == {
        "apply": policy.RateLimit(uses=10, per=hour),
        "supplement": policy.RateLimit(uses=20, per=hour),
        "activate": policy.RateLimit(uses=20, per=hour),
        "reset_password": policy.RateLimit(uses=20, per=hour),
        "unlock": policy.RateLimit(uses=10, per=hour),
        "unlock_per_account": policy.RateLimit(uses=3, per=timedelta(days=1)),
        "case_check": policy.RateLimit(uses=60, per=hour),
        "court_policy": policy.RateLimit(uses=120, per=hour),
        "drn_check": policy.RateLimit(uses=60, per=hour),
        "public_payment": policy.RateLimit(uses=30, per=hour),
        "cause_book": policy.RateLimit(uses=120, per=hour),
        "public_search": policy.RateLimit(uses=120, per=hour),
        "hold_files": policy.RateLimit(uses=30, per=timedelta(days=1)),
    }


def test_svc_2_paid_inspection_link_lasts_72_hours():
    assert policy.INSPECTION_LINK_VALID_FOR == timedelta(hours=72)


def test_bey_4_ten_failures_from_one_address_then_waits_from_one_minute_up_to_an_hour():
    assert policy.LOGIN_ADDRESS_FAILURE_LIMIT == 10
    assert policy.LOGIN_ADDRESS_FIRST_WAIT == timedelta(minutes=1)
    assert policy.LOGIN_ADDRESS_MAX_WAIT == timedelta(hours=1)
    assert policy.LOGIN_ADDRESS_FAILURES_KEPT_FOR == timedelta(hours=1)


def test_ops_1_second_factor_awaited_5_minutes_after_the_password():
    assert policy.SECOND_FACTOR_PENDING_FOR == timedelta(minutes=5)


# --- the readers --------------------------------------------------------------------------------


def test_auth_3_django_axes_counts_five_failures_and_locks_30_minutes():
    assert settings.AXES_FAILURE_LIMIT == 5
    assert cool_off() == timedelta(minutes=30)


@pytest.mark.parametrize(
    "language, text",
    [
        (
            "en",
            "This account is locked after five unsuccessful login attempts. "
            "Please try again 30 minutes after the last unsuccessful attempt.",
        ),
        ("zh-hant", "由於登入連續五次失敗，此帳戶已被鎖定。請於最後一次登入失敗的30分鐘後再試。"),
    ],
)
def test_auth_3_locked_message_states_the_numbers(language, text):
    with translation.override(language):
        assert str(services.AccountLocked().message) == text


def test_auth_3_locked_message_follows_the_policy(monkeypatch):
    monkeypatch.setattr(policy, "LOGIN_FAILURE_LIMIT", 3)
    monkeypatch.setattr(policy, "LOGIN_LOCK_PERIOD", timedelta(minutes=45))
    with translation.override("en"):
        message = str(services.AccountLocked().message)
    assert "after three unsuccessful login attempts" in message
    assert "again 45 minutes after" in message


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path, text",
    [
        (
            "/account/login/",
            "After five unsuccessful attempts the account is locked; you can try again 30 "
            "minutes after the last unsuccessful attempt.",
        ),
        (
            "/zh-hant/account/login/",
            "連續五次登入失敗後，帳戶會被鎖定；你可於最後一次登入失敗的30分鐘後再試。",
        ),
    ],
)
def test_auth_3_login_page_states_the_numbers(client, path, text):
    assert text in client.get(path).content.decode()


EMAIL_CONTEXT = {
    "name": "Chan Tai Man",
    "reference": "IU2026000001",
    "status_url": "http://testserver/apply/status/x/",
    "due_date": T0.date(),
    "authentication_due": T0.date(),
    "counters": [],
}


@pytest.mark.parametrize(
    "template, language, text",
    [
        ("application_received", "en", "We normally complete vetting within three working days"),
        ("application_received", "zh-hant", "我們一般會在三個工作天內"),
        ("authenticate_identity", "en", "(within 30 calendar days)"),
        ("authenticate_identity", "zh-hant", "（即30個曆日內）"),
        ("authentication_expired", "en", "was not completed within 30 calendar days"),
        ("authentication_expired", "zh-hant", "未有在30個曆日內完成身分認證"),
    ],
)
def test_reg_8_ida_1_ida_3_emails_state_the_numbers(template, language, text):
    _subject, body = email_render(template=template, context=EMAIL_CONTEXT, language=language)
    assert text in body


@pytest.mark.django_db
def test_api_token_expires_8_hours_after_issue():
    user = UserFactory()
    with time_machine.travel(T0, tick=False):
        services.api_token_issue(user=user)
    assert ApiToken.objects.get(user=user).expires_at == T0 + timedelta(hours=8)


def test_rate_limit_lets_10_applications_an_hour_through_from_one_address():
    with time_machine.travel(T0, tick=False):
        uses = [allow(scope="apply", key="192.0.2.10") for _ in range(11)]
    assert uses == [True] * 10 + [False]


@pytest.mark.parametrize(
    "content, content_type, extension",
    [
        (b"%PDF-1.4\n...", "application/pdf", ".pdf"),
        (b"\xff\xd8\xff\xe0 jpeg", "image/jpeg", ".jpg"),
        (b"\x89PNG\r\n\x1a\n png", "image/png", ".png"),
    ],
)
def test_uploads_are_typed_by_their_content(content, content_type, extension):
    facts, problem = inspect_upload(SimpleUploadedFile("any-name.bin", content))
    assert problem is None
    assert (facts["content_type"], facts["extension"]) == (content_type, extension)


def test_upload_of_another_type_is_refused():
    _facts, problem = inspect_upload(SimpleUploadedFile("doc.pdf", b"GIF89a not allowed"))
    assert problem == "The file doc.pdf is not a PDF, JPEG or PNG file."
