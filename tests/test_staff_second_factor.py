"""OPS-1 with AUTH-3: court staff and system administrators log in with a second factor (a
one-time code from an authenticator app), set up at their first login; account holders log in
as before; wrong codes count towards the lock with wrong passwords; no door gives staff a
session without it; a system administrator resets it, with reasons, on the record."""

import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from axes.models import AccessAttempt
from django.core import mail
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice
from rest_framework.test import APIClient

from accounts.models import ApiToken
from audit.models import AuditRecord
from permissions.roles import Role
from tests.factories import PASSWORD, StaffFactory, UserFactory, one_time_code, wrong_code

pytestmark = pytest.mark.django_db(transaction=True)
T0 = datetime(2026, 11, 25, 9, 0, tzinfo=ZoneInfo("Asia/Hong_Kong"))
LOGIN_API = "/api/v1/auth/login/"
LOCKED = "This account is locked after five unsuccessful login attempts"
WRONG_CODE = "The code is not correct"
REFUSED = {
    "code": "login_refused",
    "detail": "The login name, password or Organization Code is not correct.",
}


def _password(client, user, password=PASSWORD, next_url=""):
    data = {"login_name": user.login_name, "password": password}
    if next_url:
        data["next"] = next_url
    return client.post(reverse("accounts:login"), data)


def _code(client, code):
    return client.post(reverse("accounts:second_factor"), {"one_time_code": code})


def _at(seconds):
    return time_machine.travel(T0 + timedelta(seconds=seconds), tick=False)


def _logged_in_as(client):
    return client.session.get("_auth_user_id")


def _api_login(user, **more):
    return APIClient().post(
        LOGIN_API,
        {"login_name": user.login_name, "password": PASSWORD, **more},
        format="json",
    )


def _failures(user) -> int:
    return sum(
        AccessAttempt.objects.filter(username=user.login_name).values_list(
            "failures_since_start", flat=True
        )
    )


def _secret_on(page) -> str:
    return re.search(r'<code class="secret" lang="en">([A-Z2-7 ]+)</code>', page)[1]


# --- account holders: unchanged ---------------------------------------------------------------


def test_ops_1_holder_login_unchanged(client):
    holder = UserFactory()
    response = _password(client, holder)
    assert response["Location"] == reverse("accounts:home")
    assert _logged_in_as(client) == str(holder.pk)
    assert client.get(reverse("accounts:home")).status_code == 200
    # The API asks no code of a holder, and ignores one sent.
    assert _api_login(holder).status_code == 200
    assert _api_login(holder, one_time_code="123456").status_code == 200
    assert not TOTPDevice.objects.exists()


# --- the login page: two steps ------------------------------------------------------------------


@pytest.mark.parametrize("role", [Role.VETTING, Role.HELP_CENTRE, Role.REGISTRY, Role.SYSTEM_ADMIN])
def test_ops_1_staff_not_logged_in_before_second_factor(client, role):
    officer = StaffFactory(role=role, is_superuser=role == Role.SYSTEM_ADMIN)
    response = _password(client, officer)
    assert response["Location"] == reverse("accounts:second_factor")
    # Only "second factor pending": no login, no way into the back office.
    assert _logged_in_as(client) is None
    assert client.get(reverse("backoffice:dashboard"))["Location"].startswith(
        reverse("accounts:login")
    )
    page = client.get(reverse("accounts:second_factor")).content.decode()
    assert "Enter your one-time code" in page and "<svg" not in page
    response = _code(client, one_time_code(officer))
    assert response["Location"] == reverse("backoffice:dashboard")
    assert _logged_in_as(client) == str(officer.pk)
    assert client.get(reverse("backoffice:dashboard")).status_code == 200


def test_ops_1_staff_go_where_they_were_going_after_the_code(client):
    officer = StaffFactory()
    _password(client, officer, next_url="/backoffice/vetting/")
    assert _code(client, one_time_code(officer))["Location"] == "/backoffice/vetting/"


def test_ops_1_wrong_code_is_refused_on_the_page_and_the_officer_can_try_again(client):
    officer = StaffFactory()
    _password(client, officer)
    response = _code(client, wrong_code(officer))
    assert response.status_code == 200 and WRONG_CODE in response.content.decode()
    assert _logged_in_as(client) is None
    assert _code(client, one_time_code(officer)).status_code == 302
    assert _logged_in_as(client) == str(officer.pk)


def test_ops_1_second_factor_page_without_a_password_sends_to_login(client):
    response = client.get(reverse("accounts:second_factor"), follow=True)
    assert response.redirect_chain[-1][0] == reverse("accounts:login")
    assert "asked for within 5 minutes of the password" in response.content.decode()


def test_ops_1_pending_step_expires(client):
    officer = StaffFactory()
    with _at(0):
        _password(client, officer)
    with _at(4 * 60 + 59):
        assert client.get(reverse("accounts:second_factor")).status_code == 200
    with _at(5 * 60):
        response = _code(client, one_time_code(officer))
        assert response["Location"] == reverse("accounts:login")
        assert _logged_in_as(client) is None


def test_ops_1_pending_step_ends_with_a_new_password(client):
    officer = StaffFactory()
    _password(client, officer)
    officer.set_password("Another-Password-2026")
    officer.save()
    assert _code(client, one_time_code(officer))["Location"] == reverse("accounts:login")
    assert _logged_in_as(client) is None


def test_ops_1_replayed_code_is_refused(client):
    officer = StaffFactory()
    with _at(0):
        _password(client, officer)
        code = one_time_code(officer)
        assert _code(client, code).status_code == 302
        client.post(reverse("accounts:logout"))
        _password(client, officer)
        response = _code(client, code)
        assert _logged_in_as(client) is None
    assert WRONG_CODE in response.content.decode()
    assert _failures(officer) == 1  # a replay counts as a wrong code


# --- enrolment on the first login ---------------------------------------------------------------


def test_ops_1_staff_enrol_on_first_login(client):
    officer = StaffFactory(second_factor=False)
    with _at(0):
        _password(client, officer)
        page = client.get(reverse("accounts:second_factor")).content.decode()
    assert "Set up your second factor" in page
    assert 'role="img"' in page and '<svg viewBox="0 0' in page and 'class="qr-code"' in page
    assert "style=" not in page  # the Content Security Policy refuses inline styles
    secret = _secret_on(page)
    assert re.fullmatch(r"([A-Z2-7]{4} ){7}[A-Z2-7]{4}", secret)  # 160 bits, base32
    device = TOTPDevice.objects.get(user=officer)
    assert not device.confirmed
    # A reload shows the same key: the app scanned it already.
    with _at(5):
        assert _secret_on(client.get(reverse("accounts:second_factor")).content.decode()) == secret
    with _at(10):
        response = _code(client, one_time_code(key=secret))
        assert response["Location"] == reverse("backoffice:dashboard")
        assert _logged_in_as(client) == str(officer.pk)
        client.post(reverse("accounts:logout"))
    device.refresh_from_db()
    assert device.confirmed
    assert AuditRecord.objects.filter(
        action="account.second_factor_enrolled", object_id=str(officer.pk)
    ).exists()
    # Set up once: the next login asks for the code, and the key is never shown again.
    with _at(60):
        _password(client, officer)
        page = client.get(reverse("accounts:second_factor")).content.decode()
    assert "Enter your one-time code" in page and secret not in page and "<svg" not in page


def test_ops_1_a_new_login_shows_a_new_key_and_the_old_one_is_void(client):
    officer = StaffFactory(second_factor=False)
    _password(client, officer)
    first = _secret_on(client.get(reverse("accounts:second_factor")).content.decode())
    other = Client()
    _password(other, officer)
    second = _secret_on(other.get(reverse("accounts:second_factor")).content.decode())
    assert first != second
    assert TOTPDevice.objects.filter(user=officer).count() == 1
    # The key shown to the first login can no longer be confirmed: that login starts again.
    response = _code(client, one_time_code(key=first))
    assert response["Location"] == reverse("accounts:login")
    assert _logged_in_as(client) is None
    assert _code(other, one_time_code(key=second)).status_code == 302
    assert TOTPDevice.objects.get(user=officer).confirmed


# --- AUTH-3: wrong codes count ------------------------------------------------------------------


def test_auth_3_staff_second_factor_failures_count_toward_lockout(client):
    officer = StaffFactory()
    with _at(0):
        _password(client, officer, "wrong-password")
    with _at(1):
        _password(client, officer, "wrong-password")
    with _at(2):
        _password(client, officer)
    with _at(3):
        _code(client, wrong_code(officer))
    with _at(4):
        _code(client, wrong_code(officer))
    # The right password again does not clear wrong codes: four failures so far.
    with _at(5):
        assert _password(client, officer)["Location"] == reverse("accounts:second_factor")
    assert _failures(officer) == 4
    assert not [m for m in mail.outbox if "locked" in m.subject]
    with _at(6):
        response = _code(client, wrong_code(officer))
    assert LOCKED in response.content.decode()
    (notice,) = [m for m in mail.outbox if officer.email in m.to and "locked" in m.subject]
    assert "09:30 HKT" in notice.body  # 30 minutes after the last failure, 09:00:06
    # Locked: the right code is refused unchecked, and so is the right password.
    with _at(60):
        assert LOCKED in _code(client, one_time_code(officer)).content.decode()
        assert LOCKED in _password(Client(), officer).content.decode()
        assert _logged_in_as(client) is None
    assert _failures(officer) == 5
    # Open again 30 minutes after the last failure.
    with _at(6 + 30 * 60):
        assert _password(client, officer)["Location"] == reverse("accounts:second_factor")
        assert _code(client, one_time_code(officer))["Location"] == reverse("backoffice:dashboard")
        assert _logged_in_as(client) == str(officer.pk)


def test_auth_3_the_right_code_resets_the_count(client):
    officer = StaffFactory()
    for second in range(4):
        with _at(second):
            _password(client, officer, "wrong-password")
    with _at(10):
        _password(client, officer)
        assert _code(client, one_time_code(officer)).status_code == 302
    assert _failures(officer) == 0


def test_auth_3_wrong_codes_while_enrolling_count_too(client):
    officer = StaffFactory(second_factor=False)
    _password(client, officer)
    secret = _secret_on(client.get(reverse("accounts:second_factor")).content.decode())
    wrong = "000000" if one_time_code(key=secret) != "000000" else "111111"
    for _ in range(5):
        response = _code(client, wrong)
    assert LOCKED in response.content.decode()
    assert not TOTPDevice.objects.filter(user=officer, confirmed=True).exists()


# --- every door ---------------------------------------------------------------------------------


def test_ops_1_staff_session_without_second_factor_is_ended():
    officer = StaffFactory()
    forced = Client()  # Django's own force_login: a session with no second factor
    forced.force_login(officer)
    response = forced.get(reverse("backoffice:dashboard"))
    assert response["Location"].startswith(reverse("accounts:login"))
    assert _logged_in_as(forced) is None
    forced.force_login(officer)
    assert forced.get("/api/v1/me/").status_code in (401, 403)
    # A holder's session needs no second factor.
    holder = Client()
    holder.force_login(UserFactory())
    assert holder.get(reverse("accounts:home")).status_code == 200


def test_ops_1_admin_door_needs_the_second_factor(client, system_admin):
    forced = Client()
    forced.force_login(system_admin)
    response = forced.get("/admin/")
    assert response.status_code == 302
    assert _logged_in_as(forced) is None
    # Through the login page: the password alone does not open the admin either.
    _password(client, system_admin, next_url="/admin/")
    assert client.get("/admin/").status_code == 302
    assert _code(client, one_time_code(system_admin))["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_ops_1_admin_never_shows_an_authenticator_key(client, system_admin):
    officer = StaffFactory()
    device = TOTPDevice.objects.get(user=officer)
    client.force_login(system_admin)
    listing = client.get("/admin/otp_totp/totpdevice/")
    assert listing.status_code == 200 and officer.login_name in listing.content.decode()
    page = client.get(f"/admin/otp_totp/totpdevice/{device.pk}/change/").content.decode()
    assert device.key not in page and "qrcode" not in page
    assert client.get("/admin/otp_totp/totpdevice/add/").status_code == 403
    assert client.post(f"/admin/otp_totp/totpdevice/{device.pk}/delete/").status_code == 403


# --- the API ------------------------------------------------------------------------------------


def test_ops_1_api_login_staff_requires_one_time_code():
    officer = StaffFactory()
    wrong_password = APIClient().post(
        LOGIN_API, {"login_name": officer.login_name, "password": "wrong"}, format="json"
    )
    missing = _api_login(officer)
    wrong = _api_login(officer, one_time_code=wrong_code(officer))
    # The same answer as a wrong password, and each counts towards the lock.
    for response in (wrong_password, missing, wrong):
        assert (response.status_code, response.json()) == (401, REFUSED)
    assert _failures(officer) == 3
    assert not ApiToken.objects.filter(user=officer).exists()
    right = _api_login(officer, one_time_code=one_time_code(officer))
    assert right.status_code == 200 and right.json()["account"]["role"] == "VETTING"
    assert _failures(officer) == 0
    # Five missing codes in a row lock the account, whatever the password.
    for _ in range(4):
        _api_login(officer)
    locked = _api_login(officer)
    assert (locked.status_code, locked.json()["code"]) == (403, "account_locked")
    after = _api_login(officer, one_time_code=one_time_code(officer))
    assert (after.status_code, after.json()["code"]) == (403, "account_locked")


def test_ops_1_api_login_staff_without_an_authenticator_is_told_to_enrol_on_the_web():
    officer = StaffFactory(second_factor=False)
    response = _api_login(officer, one_time_code="123456")
    assert response.status_code == 403
    assert response.json()["code"] == "second_factor_not_enrolled"
    assert "Log in once on the portal's login page" in response.json()["detail"]
    assert _failures(officer) == 0
    assert not TOTPDevice.objects.filter(user=officer).exists()
    wrong = APIClient().post(
        LOGIN_API, {"login_name": officer.login_name, "password": "wrong"}, format="json"
    )
    assert (wrong.status_code, wrong.json()) == (401, REFUSED)


# --- a system administrator resets a lost second factor -----------------------------------------


def test_ops_1_system_administrator_resets_second_factor_with_reasons_audited(client, system_admin):
    officer = StaffFactory(role=Role.HELP_CENTRE)
    officer_page = Client()
    _password(officer_page, officer)
    _code(officer_page, one_time_code(officer))
    assert officer_page.get(reverse("backoffice:dashboard")).status_code == 200
    token = _api_login(officer, one_time_code=one_time_code(officer)).json()["token"]

    client.force_login(system_admin)
    url = reverse("backoffice:reset_second_factor")
    page = client.get(url, {"login_name": officer.login_name}).content.decode()
    assert "Authenticator app set up on" in page
    refused = client.post(url, {"login_name": officer.login_name, "reasons": " "})
    assert "There is a problem" in refused.content.decode()
    assert TOTPDevice.objects.filter(user=officer).exists()
    response = client.post(
        url,
        {"login_name": officer.login_name, "reasons": "Phone lost; confirmed by telephone"},
        follow=True,
    )
    assert "has been reset" in response.content.decode()
    assert not TOTPDevice.objects.filter(user=officer).exists()
    (record,) = AuditRecord.objects.filter(action="account.second_factor_reset")
    assert (record.actor, record.object_id) == (system_admin, str(officer.pk))
    assert record.after == {"reasons": "Phone lost; confirmed by telephone"}
    assert record.before["enrolled_at"]
    # The officer's session and API token end; the next login sets up a new authenticator.
    assert officer_page.get(reverse("backoffice:dashboard")).status_code == 302
    assert APIClient().get("/api/v1/me/", HTTP_AUTHORIZATION=f"Bearer {token}").status_code == 401
    _password(officer_page, officer)
    assert (
        "Set up your second factor"
        in officer_page.get(reverse("accounts:second_factor")).content.decode()
    )
    # Nothing left to reset.
    again = client.post(url, {"login_name": officer.login_name, "reasons": "Again"})
    assert "Not set up" in again.content.decode()


def test_ops_1_second_factor_reset_through_the_api(system_admin):
    officer = StaffFactory()
    api = APIClient()
    api.force_authenticate(system_admin)
    url = "/api/v1/backoffice/second-factor-resets/"
    response = api.post(url, {"login_name": officer.login_name, "reasons": "New phone"})
    assert (response.status_code, response.json()) == (200, {"login_name": officer.login_name})
    assert not TOTPDevice.objects.filter(user=officer).exists()
    again = api.post(url, {"login_name": officer.login_name, "reasons": "New phone"})
    assert (again.status_code, again.json()["code"]) == (409, "invalid_state")
    holder = api.post(url, {"login_name": UserFactory().login_name, "reasons": "x"})
    assert holder.status_code == 404


@pytest.mark.parametrize("role", [Role.HELP_CENTRE, Role.VETTING, Role.REGISTRY])
def test_ops_1_second_factor_reset_refused_to_other_staff(client, role):
    officer = StaffFactory()
    actor = StaffFactory(role=role)
    client.force_login(actor)
    url = reverse("backoffice:reset_second_factor")
    assert client.get(url).status_code == 403
    body = {"login_name": officer.login_name, "reasons": "x"}
    assert client.post(url, body).status_code == 403
    api = APIClient()
    api.force_authenticate(actor)
    assert api.post("/api/v1/backoffice/second-factor-resets/", body).status_code == 403
    assert TOTPDevice.objects.filter(user=officer).exists()
    assert not AuditRecord.objects.filter(action="account.second_factor_reset").exists()
    assert "reset_second_factor" not in client.get(reverse("backoffice:dashboard")).content.decode()


def test_ops_1_holders_have_no_second_factor_to_reset(client, system_admin):
    client.force_login(system_admin)
    response = client.get(
        reverse("backoffice:reset_second_factor"), {"login_name": UserFactory().login_name}
    )
    assert "No staff member has this login name." in response.content.decode()


# --- both languages -----------------------------------------------------------------------------


def test_nfr_1_second_factor_pages_in_chinese(client):
    officer = StaffFactory(second_factor=False)
    client.post("/zh-hant/account/login/", {"login_name": officer.login_name, "password": PASSWORD})
    page = client.get("/zh-hant/account/login/second-factor/").content.decode()
    assert "<h1>設定第二重認證</h1>" in page
    enrolled = StaffFactory()
    client.post(
        "/zh-hant/account/login/", {"login_name": enrolled.login_name, "password": PASSWORD}
    )
    response = client.post(
        "/zh-hant/account/login/second-factor/", {"one_time_code": wrong_code(enrolled)}
    )
    page = response.content.decode()
    assert "<h1>輸入一次性驗證碼</h1>" in page
    assert "驗證碼不正確。" in page


# --- demo data ----------------------------------------------------------------------------------


def test_ops_1_demo_staff_log_in_with_the_printed_demo_key(client, settings):
    """`make run`: the demo staff logins stay usable, with the key printed beside them."""
    from io import StringIO

    from django.core.management import call_command

    settings.DEBUG = True
    out = StringIO()
    call_command("load_demo_data", stdout=out)
    key = re.search(r"every staff login above:\n  ([A-Z2-7 ]+)\n", out.getvalue())[1]
    client.post(
        reverse("accounts:login"), {"login_name": "sysadmin", "password": "Demo-Court-2026"}
    )
    assert _code(client, one_time_code(key=key))["Location"] == reverse("backoffice:dashboard")


def test_ops_1_staff_bearer_tokens_from_before_the_second_factor_stop_working():
    """The migration that brings the second factor revokes staff tokens issued by password
    alone; holders' tokens keep working."""
    from importlib import import_module

    from django.apps import apps

    from accounts.services import api_token_issue

    migration = import_module("accounts.migrations.0007_staff_api_tokens_end_for_second_factor")
    officer, holder = StaffFactory(), UserFactory()
    staff_key, _row = api_token_issue(user=officer)
    holder_key, _row = api_token_issue(user=holder)
    migration.revoke_staff_tokens(apps, None)
    me = "/api/v1/me/"
    assert APIClient().get(me, HTTP_AUTHORIZATION=f"Bearer {staff_key}").status_code == 401
    assert APIClient().get(me, HTTP_AUTHORIZATION=f"Bearer {holder_key}").status_code == 200
