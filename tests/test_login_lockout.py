"""Login and lockout: AUTH-3 exactly, with a controlled clock; LIFE-5."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from accounts.models import AccountStatus
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db
T0 = datetime(2026, 11, 25, 9, 0, tzinfo=ZoneInfo("Asia/Hong_Kong"))
LOCKED = "This account is locked after five unsuccessful login attempts"
WRONG = "The login name or password is not correct"


def _login(client, user, password):
    return client.post(
        reverse("accounts:login"), {"login_name": user.login_name, "password": password}
    )


def _logged_in(response):
    return response.status_code == 302 and response["Location"] == reverse("accounts:home")


def _fail(client, user, times, start):
    for i in range(times):
        with time_machine.travel(start + timedelta(seconds=i), tick=False):
            response = _login(client, user, "wrong-password")
    return response


def test_auth_3_four_failures_leave_the_account_open(client):
    user = UserFactory()
    response = _fail(client, user, 4, T0)
    assert WRONG in response.content.decode()
    with time_machine.travel(T0 + timedelta(seconds=5), tick=False):
        assert _logged_in(_login(client, user, PASSWORD))


def test_auth_3_fifth_failure_locks(client):
    user = UserFactory()
    response = _fail(client, user, 5, T0)
    assert LOCKED in response.content.decode()


def test_auth_3_locked_answer_is_the_same_with_the_right_password(client):
    user = UserFactory()
    _fail(client, user, 5, T0)
    last_failure = T0 + timedelta(seconds=4)
    with time_machine.travel(last_failure + timedelta(minutes=10), tick=False):
        right = _login(client, user, PASSWORD)
        wrong = _login(client, user, "wrong-password")
    assert not _logged_in(right)
    assert LOCKED in right.content.decode() and LOCKED in wrong.content.decode()


def test_auth_3_still_locked_at_29_minutes_59_seconds(client):
    user = UserFactory()
    _fail(client, user, 5, T0)
    last_failure = T0 + timedelta(seconds=4)
    with time_machine.travel(last_failure + timedelta(minutes=29, seconds=59), tick=False):
        response = _login(client, user, PASSWORD)
    assert LOCKED in response.content.decode()
    assert not _logged_in(response)


def test_auth_3_open_again_30_minutes_after_the_last_failure(client):
    user = UserFactory()
    _fail(client, user, 5, T0)
    last_failure = T0 + timedelta(seconds=4)
    # Attempts refused while locked do not count: they must not push the 30 minutes on.
    with time_machine.travel(last_failure + timedelta(minutes=20), tick=False):
        _login(client, user, "wrong-password")
    with time_machine.travel(last_failure + timedelta(minutes=30), tick=False):
        assert _logged_in(_login(client, user, PASSWORD))


def test_auth_3_success_resets_the_count(client):
    user = UserFactory()
    _fail(client, user, 4, T0)
    with time_machine.travel(T0 + timedelta(seconds=10), tick=False):
        assert _logged_in(_login(client, user, PASSWORD))
        client.post(reverse("accounts:logout"))
    response = _fail(client, user, 4, T0 + timedelta(seconds=20))
    assert WRONG in response.content.decode()  # four new failures: not locked
    with time_machine.travel(T0 + timedelta(seconds=30), tick=False):
        assert _logged_in(_login(client, user, PASSWORD))


def test_auth_3_failures_must_be_consecutive_within_the_window(client):
    user = UserFactory()
    _fail(client, user, 4, T0)
    # 31 minutes later the earlier failures no longer count.
    response = _fail(client, user, 1, T0 + timedelta(minutes=31))
    assert WRONG in response.content.decode()


def test_auth_3_unknown_login_name_gets_the_ordinary_answer(client):
    response = client.post(reverse("accounts:login"), {"login_name": "iu99999999", "password": "x"})
    assert WRONG in response.content.decode()


@pytest.mark.parametrize(
    "status",
    [
        AccountStatus.SUSPENDED,
        AccountStatus.TERMINATED,
        AccountStatus.DEACTIVATED,
        AccountStatus.PENDING_ACTIVATION,
    ],
)
def test_life_5_inactive_accounts_cannot_log_in(client, status):
    user = UserFactory(status=status)
    response = _login(client, user, PASSWORD)
    assert not _logged_in(response)
    assert WRONG in response.content.decode()


def test_login_page_logs_in_and_shows_my_account(client):
    user = UserFactory()
    response = _login(client, user, PASSWORD)
    assert _logged_in(response)
    page = client.get(reverse("accounts:home")).content.decode()
    assert user.login_name in page


def test_login_refuses_open_redirect(client):
    user = UserFactory()
    response = client.post(
        reverse("accounts:login") + "?next=https://evil.example/",
        {"login_name": user.login_name, "password": PASSWORD, "next": "https://evil.example/"},
    )
    assert response["Location"] == reverse("accounts:home")
