"""AUTH-3 at every door, BEY-4 (lockout is not a denial of service), wrong current passwords
count as failed logins, and logout or a new password ends the holder's sessions and tokens."""

import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail
from django.test import Client
from django.urls import reverse

from accounts.models import ApiToken
from permissions.roles import Role
from tests.factories import PASSWORD, RESET_REQUEST, StaffFactory, UserFactory, one_time_code

pytestmark = pytest.mark.django_db(transaction=True)
T0 = datetime(2026, 11, 25, 9, 0, tzinfo=ZoneInfo("Asia/Hong_Kong"))
LOCKED = "This account is locked after five unsuccessful login attempts"
WRONG = "The login name, password or Organization Code is not correct"
NEW = "Lion-Rock-Sunrise-7"
LOGIN_API = "/api/v1/auth/login/"


def _page_login(client, login_name, password, next_url=""):
    data = {"login_name": login_name, "password": password}
    if next_url:
        data["next"] = next_url
    return client.post(reverse("accounts:login"), data)


def _api_login(client, login_name, password, address="127.0.0.1"):
    return client.post(
        LOGIN_API, {"login_name": login_name, "password": password}, REMOTE_ADDR=address
    )


def _fail(client, login_name, times, start):
    for i in range(times):
        with time_machine.travel(start + timedelta(seconds=i), tick=False):
            response = _page_login(client, login_name, "wrong-password")
    return response


def _bearer(response):
    return {"HTTP_AUTHORIZATION": f"Bearer {response.json()['token']}"}


def _emails(address, subject):
    return [m for m in mail.outbox if address in m.to and subject in m.subject]


# --- AUTH-3: any successful login resets the count, whichever door ----------------------------


def test_auth_3_success_through_the_api_resets_the_count(client):
    user = UserFactory()
    _fail(client, user.login_name, 4, T0)
    with time_machine.travel(T0 + timedelta(seconds=10), tick=False):
        assert _api_login(client, user.login_name, PASSWORD).status_code == 200
    response = _fail(client, user.login_name, 4, T0 + timedelta(seconds=20))
    assert WRONG in response.content.decode()  # four new failures: not locked
    with time_machine.travel(T0 + timedelta(seconds=30), tick=False):
        assert _api_login(client, user.login_name, PASSWORD).status_code == 200


def test_auth_3_success_through_the_page_resets_the_count(client):
    user = UserFactory()
    _fail(client, user.login_name, 4, T0)
    with time_machine.travel(T0 + timedelta(seconds=10), tick=False):
        assert _page_login(client, user.login_name, PASSWORD).status_code == 302
    response = _fail(Client(), user.login_name, 4, T0 + timedelta(seconds=20))
    assert WRONG in response.content.decode()


def test_auth_3_success_through_the_admin_door_resets_the_count(client):
    admin = StaffFactory(role=Role.SYSTEM_ADMIN, is_superuser=True)
    _fail(client, admin.login_name, 4, T0)
    with time_machine.travel(T0 + timedelta(seconds=10), tick=False):
        door = client.post("/admin/login/?next=/admin/", {"username": admin.login_name})
        assert door["Location"] == reverse("accounts:login") + "?next=/admin/"
        response = _page_login(client, admin.login_name, PASSWORD, next_url="/admin/")
        assert response["Location"] == reverse("accounts:second_factor")
        response = client.post(
            reverse("accounts:second_factor"), {"one_time_code": one_time_code(admin)}
        )
        assert response["Location"] == "/admin/"
    response = _fail(Client(), admin.login_name, 4, T0 + timedelta(seconds=20))
    assert WRONG in response.content.decode()


# --- BEY-4: the lock notice ---------------------------------------------------------------------


def test_bey_4_locking_emails_the_holder_when_it_opens_whom_to_call_and_a_self_unlock_link(
    client,
):
    user = UserFactory()
    _fail(client, user.login_name, 4, T0)
    assert _emails(user.email, "locked") == []
    _fail(client, user.login_name, 1, T0 + timedelta(seconds=4))
    _fail(client, user.login_name, 2, T0 + timedelta(minutes=1))  # refused while locked
    (notice,) = _emails(user.email, "locked")
    assert "25 Nov 2026, 09:30 HKT" in notice.body  # last failure 09:00:04 + 30 minutes
    assert "Help Centre on 2477 1002" in notice.body
    assert f"/account/unlock/?login_name={user.login_name}" in notice.body


def test_bey_4_lock_notice_in_chinese_for_a_chinese_holder(client):
    user = UserFactory(preferred_language="zh-hant")
    _fail(client, user.login_name, 5, T0)
    (notice,) = [m for m in mail.outbox if user.email in m.to]
    assert notice.subject == "你的綜合法院案件管理系統帳戶已被鎖定"
    assert "2026年11月25日 09:30" in notice.body and "2477 1002" in notice.body
    assert f"/zh-hant/account/unlock/?login_name={user.login_name}" in notice.body


# --- BEY-4: self-unlock -------------------------------------------------------------------------


def _ask_unlock(client, login_name):
    # While the account is locked (failures at T0 in these tests).
    with time_machine.travel(T0 + timedelta(minutes=1), tick=False):
        return client.post(reverse("accounts:unlock"), {"login_name": login_name}, follow=True)


def test_bey_4_self_unlock_emails_a_change_token_that_opens_the_account(client):
    user = UserFactory()
    _fail(client, user.login_name, 5, T0)
    page = client.get(reverse("accounts:unlock") + f"?login_name={user.login_name}")
    assert f'value="{user.login_name}"' in page.content.decode()
    _ask_unlock(client, user.login_name)
    (email,) = _emails(user.email, "Change Token")
    token = re.search(r"Change Token: ([A-Z0-9-]+)", email.body)[1]
    with time_machine.travel(T0 + timedelta(minutes=2), tick=False):
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
        # The lock is cleared, 28 minutes before it would have run out.
        assert _page_login(client, user.login_name, NEW).status_code == 302
    again = client.post(
        reverse("accounts:reset_password"),
        {
            "login_name": user.login_name,
            "change_token": token,
            "password": "Another-Password-99",
            "password_confirm": "Another-Password-99",
        },
    )
    assert "do not match" in again.content.decode()  # single use


def test_bey_4_self_unlock_answers_the_same_whether_the_name_exists_or_is_locked(client):
    locked, open_account = UserFactory(), UserFactory()
    _fail(client, locked.login_name, 5, T0)
    mail.outbox.clear()
    answers = [
        _ask_unlock(client, name)
        for name in (locked.login_name, open_account.login_name, "iu99999999")
    ]
    notice = "If this login name belongs to a locked account"
    assert all(notice in answer.content.decode() for answer in answers)
    assert len({str(answer.redirect_chain) for answer in answers}) == 1
    assert [m.to for m in mail.outbox] == [[locked.email]]  # only the locked holder


def test_bey_4_self_unlock_page_is_rate_limited_per_address(client):
    statuses = [
        client.post(reverse("accounts:unlock"), {"login_name": f"iu{n}"}).status_code
        for n in range(11)
    ]
    assert statuses == [302] * 10 + [429]


def test_bey_4_self_unlock_sends_at_most_3_tokens_a_day_to_one_holder(client):
    user = UserFactory()
    _fail(client, user.login_name, 5, T0)
    for _ in range(4):
        _ask_unlock(client, user.login_name)
    assert len(_emails(user.email, "Change Token")) == 3


def test_bey_4_self_unlock_through_the_api(client):
    user = UserFactory()
    _fail(client, user.login_name, 5, T0)
    with time_machine.travel(T0 + timedelta(minutes=1), tick=False):
        response = client.post("/api/v1/accounts/unlock/", {"login_name": user.login_name})
    assert response.status_code == 202
    assert len(_emails(user.email, "Change Token")) == 1
    unknown = client.post("/api/v1/accounts/unlock/", {"login_name": "iu99999999"})
    assert unknown.status_code == 202


# --- BEY-4: progressive throttling per client address ---------------------------------------------


def test_bey_4_ten_failures_from_one_address_across_names_make_it_wait_longer_each_time(client):
    victims = [UserFactory() for _ in range(12)]
    attacker = "198.51.100.7"
    for i, victim in enumerate(victims[:10]):
        with time_machine.travel(T0 + timedelta(seconds=i), tick=False):
            assert _api_login(client, victim.login_name, "guess", attacker).status_code == 401
    last = T0 + timedelta(seconds=9)
    with time_machine.travel(last + timedelta(seconds=59), tick=False):
        # Not checked, not counted against the account: even the right password waits.
        throttled = _api_login(client, victims[10].login_name, PASSWORD, attacker)
        assert throttled.status_code == 429 and throttled.json()["code"] == "throttled"
        # Another address is not held up.
        assert _api_login(client, victims[10].login_name, PASSWORD, "192.0.2.1").status_code == 200
    with time_machine.travel(last + timedelta(minutes=1), tick=False):
        assert _api_login(client, victims[11].login_name, "guess", attacker).status_code == 401
    second = last + timedelta(minutes=1)
    with time_machine.travel(second + timedelta(minutes=1, seconds=59), tick=False):
        assert _api_login(client, victims[11].login_name, "guess", attacker).status_code == 429
    with time_machine.travel(second + timedelta(minutes=2), tick=False):
        assert _api_login(client, victims[11].login_name, PASSWORD, attacker).status_code == 200


def test_bey_4_throttled_login_page_says_to_wait(client):
    for n in range(10):
        _page_login(client, f"iu{n}", "guess")
    response = _page_login(client, "iu11", "guess")
    assert "Too many unsuccessful logins have come from your address" in response.content.decode()


# --- AUTH-3: a wrong current password in a change counts as a failed login -----------------------


def test_auth_3_wrong_current_passwords_in_api_password_change_lock_the_account(client):
    user = UserFactory()
    bearer = _bearer(_api_login(client, user.login_name, PASSWORD))
    answers = []
    for i in range(6):
        with time_machine.travel(T0 + timedelta(seconds=i), tick=False):
            response = client.post(
                "/api/v1/me/password/",
                {"current_password": f"guess-{i}", "password": NEW, "password_confirm": NEW},
                content_type="application/json",
                **bearer,
            )
            answers.append((response.status_code, response.json()["code"]))
    assert answers == [(400, "validation_failed")] * 4 + [(403, "account_locked")] * 2
    with time_machine.travel(T0 + timedelta(minutes=1), tick=False):
        right = client.post(
            "/api/v1/me/password/",
            {"current_password": PASSWORD, "password": NEW, "password_confirm": NEW},
            content_type="application/json",
            **bearer,
        )
        assert right.status_code == 403 and right.json()["code"] == "account_locked"
        assert _api_login(client, user.login_name, PASSWORD).status_code == 403
    user.refresh_from_db()
    assert user.check_password(PASSWORD)


def test_auth_3_wrong_current_passwords_on_the_change_page_lock_the_account(client):
    user = UserFactory()
    client.force_login(user)
    url = reverse("accounts:change_password")
    for i in range(5):
        with time_machine.travel(T0 + timedelta(seconds=i), tick=False):
            response = client.post(
                url, {"current_password": "nope", "password": NEW, "password_confirm": NEW}
            )
    assert LOCKED in response.content.decode()
    with time_machine.travel(T0 + timedelta(minutes=1), tick=False):
        assert LOCKED in _page_login(Client(), user.login_name, PASSWORD).content.decode()


# --- Logout and new passwords end the holder's sessions and tokens ----------------------------


def test_page_logout_revokes_the_holders_api_tokens(client):
    user = UserFactory()
    api = Client()
    bearer = _bearer(_api_login(api, user.login_name, PASSWORD))
    _page_login(client, user.login_name, PASSWORD)
    client.post(reverse("accounts:logout"))
    assert api.get("/api/v1/me/", **bearer).status_code == 401


def test_api_logout_ends_the_holders_page_sessions(client):
    user = UserFactory()
    _page_login(client, user.login_name, PASSWORD)
    assert client.get(reverse("accounts:home")).status_code == 200
    api = Client()
    bearer = _bearer(_api_login(api, user.login_name, PASSWORD))
    assert api.post("/api/v1/auth/logout/", **bearer).status_code == 204
    assert api.get("/api/v1/me/", **bearer).status_code == 401
    assert client.get(reverse("accounts:home")).status_code == 302  # to the login page


def test_api_password_change_ends_page_sessions_and_keeps_the_token_making_it(client):
    user = UserFactory()
    _page_login(client, user.login_name, PASSWORD)
    api = Client()
    bearer = _bearer(_api_login(api, user.login_name, PASSWORD))
    other = _bearer(_api_login(api, user.login_name, PASSWORD))
    response = api.post(
        "/api/v1/me/password/",
        {"current_password": PASSWORD, "password": NEW, "password_confirm": NEW},
        content_type="application/json",
        **bearer,
    )
    assert response.status_code == 204
    assert api.get("/api/v1/me/", **bearer).status_code == 200
    assert api.get("/api/v1/me/", **other).status_code == 401
    assert client.get(reverse("accounts:home")).status_code == 302


def test_page_password_change_ends_other_sessions_and_tokens_and_keeps_this_page(client):
    user = UserFactory()
    _page_login(client, user.login_name, PASSWORD)
    elsewhere = Client()
    _page_login(elsewhere, user.login_name, PASSWORD)
    bearer = _bearer(_api_login(Client(), user.login_name, PASSWORD))
    response = client.post(
        reverse("accounts:change_password"),
        {"current_password": PASSWORD, "password": NEW, "password_confirm": NEW},
    )
    assert response.status_code == 302
    assert client.get(reverse("accounts:home")).status_code == 200
    assert elsewhere.get(reverse("accounts:home")).status_code == 302
    assert Client().get("/api/v1/me/", **bearer).status_code == 401


def test_password_reset_ends_every_session_and_token(client, help_centre_officer):
    from accounts import services

    user = UserFactory()
    _page_login(client, user.login_name, PASSWORD)
    bearer = _bearer(_api_login(Client(), user.login_name, PASSWORD))
    services.change_token_issue(
        actor=help_centre_officer, login_name=user.login_name, **RESET_REQUEST
    )
    (email,) = _emails(user.email, "Change Token")
    token = re.search(r"Change Token: ([A-Z0-9-]+)", email.body)[1]
    services.password_reset(
        login_name=user.login_name, change_token=token, password=NEW, password_confirm=NEW
    )
    assert client.get(reverse("accounts:home")).status_code == 302
    assert Client().get("/api/v1/me/", **bearer).status_code == 401


def test_api_login_states_when_the_token_expires(client):
    user = UserFactory()
    with time_machine.travel(T0, tick=False):
        response = _api_login(client, user.login_name, PASSWORD)
    expires_at = datetime.fromisoformat(response.json()["expires_at"])
    assert expires_at == datetime(2026, 11, 25, 17, 0, tzinfo=ZoneInfo("Asia/Hong_Kong"))
    assert ApiToken.objects.get(user=user).expires_at == T0 + timedelta(hours=8)


def test_nfr_4_a_password_over_256_characters_is_refused_before_it_is_hashed(client):
    """Page and API alike: room for any passphrase, none for megabytes at the hasher."""
    holder = UserFactory()
    page = _page_login(client, holder.login_name, "x" * 257)
    assert page.status_code == 200
    assert "Ensure this value has at most 256 characters (it has 257)." in page.content.decode()
    api = _api_login(client, holder.login_name, "x" * 257)
    assert api.status_code == 400 and "password" in api.json()["errors"]
    assert _page_login(client, holder.login_name, PASSWORD).status_code == 302


@pytest.mark.parametrize("next_url", ["home", "x", "accounts:home", "//evil.example/"])
def test_auth_3_a_next_address_that_is_not_a_path_here_leads_home(client, next_url):
    holder = UserFactory()
    response = _page_login(client, holder.login_name, PASSWORD, next_url=next_url)
    assert response.status_code == 302 and response["Location"] == reverse("accounts:home")
