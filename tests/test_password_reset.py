"""Password reset by the Help Centre with an emailed Change Token: AUTH-4."""

import re
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.core import mail
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from accounts import services
from accounts.models import AccountStatus, ChangeToken
from audit.models import AuditRecord
from core.errors import InvalidTransition, NotFound, NotPermitted, ValidationFailed
from permissions.roles import Role
from tests.factories import (
    PASSWORD,
    RESET_REQUEST,
    StaffFactory,
    UserFactory,
    keyed_hash,
    one_time_code,
)

pytestmark = pytest.mark.django_db(transaction=True)
NEW = "Lion-Rock-Sunrise-7"


def _token_from_email(user):
    (email,) = [m for m in mail.outbox if user.email in m.to and "Change Token:" in m.body]
    return re.search(r"Change Token: ([A-Z0-9-]+)", email.body)[1]


def _reset(user, token, password=NEW):
    return services.password_reset(
        login_name=user.login_name, change_token=token, password=password, password_confirm=password
    )


def test_auth_4_help_centre_reset_emails_token_holder_sets_new_password(help_centre_officer):
    user = UserFactory()
    services.change_token_issue(
        actor=help_centre_officer, login_name=user.login_name, **RESET_REQUEST
    )
    token = _token_from_email(user)
    _reset(user, token)
    user.refresh_from_db()
    assert user.check_password(NEW) and not user.check_password(PASSWORD)


def test_auth_4_change_token_is_single_use(help_centre_officer):
    user = UserFactory()
    services.change_token_issue(
        actor=help_centre_officer, login_name=user.login_name, **RESET_REQUEST
    )
    token = _token_from_email(user)
    _reset(user, token)
    with pytest.raises(services.ResetRefused):
        _reset(user, token, password="Another-Password-99")


def test_auth_4_change_token_expires_after_24_hours(help_centre_officer):
    user = UserFactory()
    services.change_token_issue(
        actor=help_centre_officer, login_name=user.login_name, **RESET_REQUEST
    )
    token = _token_from_email(user)
    with time_machine.travel(timezone.now() + timedelta(hours=24, seconds=1)):
        with pytest.raises(services.ResetRefused):
            _reset(user, token)
    user.refresh_from_db()
    assert user.check_password(PASSWORD)


def test_auth_4_change_token_works_until_24_hours_have_passed(help_centre_officer):
    user = UserFactory()
    services.change_token_issue(
        actor=help_centre_officer, login_name=user.login_name, **RESET_REQUEST
    )
    token = _token_from_email(user)
    with time_machine.travel(timezone.now() + timedelta(hours=24, minutes=-1)):
        _reset(user, token)
    user.refresh_from_db()
    assert user.check_password(NEW)


def test_auth_4_token_belongs_to_one_login_name(help_centre_officer):
    user, other = UserFactory(), UserFactory()
    services.change_token_issue(
        actor=help_centre_officer, login_name=user.login_name, **RESET_REQUEST
    )
    with pytest.raises(services.ResetRefused):
        _reset(other, _token_from_email(user))


def test_auth_4_only_help_centre_starts_a_reset(vetting_officer):
    user = UserFactory()
    with pytest.raises(NotPermitted):
        services.change_token_issue(
            actor=vetting_officer, login_name=user.login_name, **RESET_REQUEST
        )
    assert mail.outbox == []


def test_auth_4_only_iu_and_pa_accounts_reset_by_help_centre(help_centre_officer):
    staff = StaffFactory(role=Role.REGISTRY)
    with pytest.raises(NotFound):
        services.change_token_issue(
            actor=help_centre_officer, login_name=staff.login_name, **RESET_REQUEST
        )
    suspended = UserFactory(status=AccountStatus.SUSPENDED)
    with pytest.raises(InvalidTransition):
        services.change_token_issue(
            actor=help_centre_officer, login_name=suspended.login_name, **RESET_REQUEST
        )


def test_auth_4_token_stored_only_as_hash(help_centre_officer):
    user = UserFactory()
    services.change_token_issue(
        actor=help_centre_officer, login_name=user.login_name, **RESET_REQUEST
    )
    token = _token_from_email(user)
    stored = ChangeToken.objects.get().secret_hash
    assert token.replace("-", "") not in stored
    assert stored == keyed_hash(token, "change-token")


def test_auth_4_reset_clears_a_lockout(client, help_centre_officer):
    user = UserFactory()
    for _ in range(5):
        client.post(reverse("accounts:login"), {"login_name": user.login_name, "password": "bad"})
    services.change_token_issue(
        actor=help_centre_officer, login_name=user.login_name, **RESET_REQUEST
    )
    _reset(user, _token_from_email(user))
    response = client.post(
        reverse("accounts:login"), {"login_name": user.login_name, "password": NEW}
    )
    assert response.status_code == 302


def test_auth_4_pages_help_centre_then_reset_password_on_login_page(client, help_centre_officer):
    user = UserFactory()
    client.force_login(help_centre_officer)
    unknown = client.get(reverse("backoffice:start_password_reset"), {"q": "iu12345678"})
    assert "0 accounts found" in unknown.content.decode()
    client.post(
        reverse("backoffice:start_password_reset"),
        {"login_name": user.login_name, **RESET_REQUEST},
    )
    client.post(reverse("accounts:logout"))
    login_page = client.get(reverse("accounts:login")).content.decode()
    assert reverse("accounts:reset_password") in login_page and "Reset Password" in login_page
    token = _token_from_email(user)
    bad = client.post(
        reverse("accounts:reset_password"),
        {
            "login_name": user.login_name,
            "change_token": "WRONG",
            "password": NEW,
            "password_confirm": NEW,
        },
    )
    assert "do not match" in bad.content.decode()
    response = client.post(
        reverse("accounts:reset_password"),
        {
            "login_name": user.login_name,
            "change_token": token,
            "password": NEW,
            "password_confirm": NEW,
        },
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password(NEW)


def test_auth_6_holder_changes_own_password_page(client):
    user = UserFactory()
    client.force_login(user)
    url = reverse("accounts:change_password")
    wrong = client.post(url, {"current_password": "nope", "password": NEW, "password_confirm": NEW})
    assert "current password is not correct" in wrong.content.decode()
    response = client.post(
        url, {"current_password": PASSWORD, "password": NEW, "password_confirm": NEW}
    )
    assert response.status_code == 302
    assert client.get(reverse("accounts:home")).status_code == 200  # still logged in
    user.refresh_from_db()
    assert user.check_password(NEW)


def test_auth_6_a_change_to_the_same_password_is_refused(client):
    user = UserFactory()
    changed_at = user.password_changed_at
    client.force_login(user)
    response = client.post(
        reverse("accounts:change_password"),
        {"current_password": PASSWORD, "password": PASSWORD, "password_confirm": PASSWORD},
    )
    assert response.status_code == 200
    assert "Choose a new password, different from your current one." in response.content.decode()
    user.refresh_from_db()
    assert user.password_changed_at == changed_at


def test_auth_6_password_change_through_api_revokes_other_tokens(client):
    user = UserFactory()

    def token():
        response = client.post(
            "/api/v1/auth/login/", {"login_name": user.login_name, "password": PASSWORD}
        )
        return {"HTTP_AUTHORIZATION": f"Bearer {response.json()['token']}"}

    this, other = token(), token()
    response = client.post(
        "/api/v1/me/password/",
        {"current_password": PASSWORD, "password": NEW, "password_confirm": NEW},
        content_type="application/json",
        **this,
    )
    assert response.status_code == 204
    assert client.get("/api/v1/me/", **this).status_code == 200
    assert client.get("/api/v1/me/", **other).status_code == 401
    user.refresh_from_db()
    assert user.check_password(NEW)


# --- the Help Centre's request record, the search and the password-changed email ------------


def test_auth_4_help_centre_finds_the_holder_by_name_login_name_or_document_number(
    client, help_centre_officer
):
    holder = UserFactory(surname="Wong", given_name="Siu Ming", id_document_number="K1000003")
    UserFactory(surname="Wong", given_name="Ka Yan")
    StaffFactory(role=Role.REGISTRY, surname="Wong", given_name="Siu Ming")  # not a holder
    client.force_login(help_centre_officer)
    url = reverse("backoffice:start_password_reset")
    for query in ("wong siu", holder.login_name.upper(), "K100000(3)"):
        page = client.get(url, {"q": query}).content.decode()
        assert "1 account found" in page, query
        assert holder.login_name in page and "K*****0(3)" in page
        assert "K1000003" not in page
        assert f"?login_name={holder.login_name}" in page
    assert "2 accounts found" in client.get(url, {"q": "Wong"}).content.decode()
    chosen = client.get(url, {"login_name": holder.login_name}).content.decode()
    assert "Wong Siu Ming" in chosen and "K*****0(3)" in chosen
    assert 'name="identity_note"' in chosen


def test_auth_4_reset_records_how_the_request_came_and_how_identity_was_checked(
    client, help_centre_officer
):
    holder = UserFactory(email="chan.taiman@example.com")
    client.force_login(help_centre_officer)
    url = reverse("backoffice:start_password_reset")
    response = client.post(
        url,
        {
            "login_name": holder.login_name,
            "channel": "COUNTER",
            "identity_check": "SEEN_AT_COUNTER",
            "identity_note": "HKID card seen at the Help Centre counter",
        },
        follow=True,
    )
    assert "A Change Token has been emailed to c***@example.com." in response.content.decode()
    record = AuditRecord.objects.get(action="account.password_reset_started")
    assert (record.actor, record.object_id) == (help_centre_officer, str(holder.pk))
    assert record.after == {
        "channel": "COUNTER",
        "identity_check": "SEEN_AT_COUNTER",
        "identity_note": "HKID card seen at the Help Centre counter",
    }


def test_auth_4_reset_refused_without_channel_or_identity_check(client, help_centre_officer):
    holder = UserFactory()
    with pytest.raises(ValidationFailed) as refused:
        services.change_token_issue(
            actor=help_centre_officer,
            login_name=holder.login_name,
            channel="PHONE",
            identity_check="",
            identity_note=" ",
        )
    assert sorted(refused.value.errors) == ["channel", "identity_check", "identity_note"]
    client.force_login(help_centre_officer)
    page = client.post(
        reverse("backoffice:start_password_reset"),
        {"login_name": holder.login_name, "channel": "EMAIL"},
    )
    assert page.status_code == 200 and "There is a problem" in page.content.decode()
    assert mail.outbox == []
    assert not ChangeToken.objects.exists()


def test_auth_4_api_reset_says_where_the_token_went_and_search_masks_numbers(
    help_centre_officer,
):
    holder = UserFactory(email="wong@example.org", id_document_number="K1000003")
    api = APIClient()
    token = api.post(
        "/api/v1/auth/login/",
        {
            "login_name": help_centre_officer.login_name,
            "password": PASSWORD,
            "one_time_code": one_time_code(help_centre_officer),
        },
        format="json",
    ).json()["token"]
    api.credentials(HTTP_AUTHORIZATION=f"Bearer {token}")
    found = api.get("/api/v1/backoffice/account-holders/", {"q": "K1000003"})
    assert found.status_code == 200
    assert found.json() == [
        {
            "login_name": holder.login_name,
            "role": "IU",
            "status": "ACTIVE",
            "surname": "Chan",
            "given_name": "Tai Man",
            "id_document_type": "HKID",
            "id_document_number_masked": "K*****0(3)",
        }
    ]
    missing = api.post(
        "/api/v1/backoffice/password-resets/", {"login_name": holder.login_name}, format="json"
    )
    assert missing.status_code == 400
    response = api.post(
        "/api/v1/backoffice/password-resets/",
        {"login_name": holder.login_name, **RESET_REQUEST},
        format="json",
    )
    assert response.status_code == 202
    assert response.json() == {"sent_to": "w***@example.org"}
    assert AuditRecord.objects.get(action="account.password_reset_started").after == RESET_REQUEST


def _password_changed_emails(user):
    return [m for m in mail.outbox if user.email in m.to and "password" in m.subject.lower()]


def test_auth_4_holder_is_emailed_when_the_password_is_reset(help_centre_officer):
    user = UserFactory()
    services.change_token_issue(
        actor=help_centre_officer, login_name=user.login_name, **RESET_REQUEST
    )
    token = _token_from_email(user)
    with time_machine.travel(datetime(2026, 3, 2, 1, 30, tzinfo=UTC), tick=False):
        _reset(user, token)
    (email,) = [m for m in mail.outbox if m.subject == "Your iCMS password has been changed"]
    assert email.to == [user.email]
    assert "was reset with a Change Token issued by the Help Centre" in email.body
    assert "When: 2 Mar 2026, 09:30 HKT" in email.body
    assert "call the Help Centre at once on 2477 1002" in email.body


def test_auth_6_holder_is_emailed_in_chinese_when_changing_own_password():
    user = UserFactory(preferred_language="zh-hant")
    with time_machine.travel(datetime(2026, 3, 2, 14, 5, tzinfo=UTC), tick=False):
        services.password_change(
            request=RequestFactory().post("/account/password/"),
            user=user,
            current_password=PASSWORD,
            password=NEW,
            password_confirm=NEW,
        )
    (email,) = mail.outbox
    assert email.to == [user.email]
    assert email.subject == "你的綜合法院案件管理系統密碼已更改"
    assert "由帳戶持有人登入本系統後更改" in email.body
    assert "2026年3月2日 22:05" in email.body
    assert "請立即致電2477 1002聯絡協助中心" in email.body


def test_auth_4_a_search_longer_than_any_name_finds_nothing_and_fails_nothing(
    client, help_centre_officer
):
    """100,000 characters: SQLite cannot take such a LIKE pattern; nothing is looked for."""
    client.force_login(help_centre_officer)
    url = reverse("backoffice:start_password_reset")
    assert client.post(url, {"login_name": "A" * 100_000}).status_code == 200
    assert client.get(url, {"q": "A" * 100_000}).status_code == 200


def test_auth_4_the_officer_sees_the_particulars_to_check_only_when_asking_and_on_record(
    client, help_centre_officer
):
    holder = UserFactory(phone="2111 3333", address="Flat B, 2/F, 8 Queen's Road")
    client.force_login(help_centre_officer)
    url = reverse("backoffice:start_password_reset")
    page = client.get(url, {"login_name": holder.login_name}).content.decode()
    assert "2111 3333" not in page and holder.id_document_number not in page
    assert "particulars=1" in page
    assert not AuditRecord.objects.filter(action="account.personal_data_read").exists()
    shown = client.get(url, {"login_name": holder.login_name, "particulars": "1"})
    text = shown.content.decode()
    assert "2111 3333" in text and holder.id_document_number in text and holder.email in text
    record = AuditRecord.objects.get(action="account.personal_data_read")
    assert record.actor == help_centre_officer and record.object_id == str(holder.pk)
    assert record.after == {"via": "password reset"}
