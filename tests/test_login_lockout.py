"""Login and lockout: AUTH-3 exactly, with a controlled clock; LIFE-5."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from accounts.models import AccountStatus
from permissions.roles import Role
from tests.factories import PASSWORD, StaffFactory, UserFactory

pytestmark = pytest.mark.django_db
T0 = datetime(2026, 11, 25, 9, 0, tzinfo=ZoneInfo("Asia/Hong_Kong"))
LOCKED = "This account is locked after five unsuccessful login attempts"
WRONG = "The login name, password or Organization Code is not correct"


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
    # Both say when it opens, in Hong Kong time: 30 minutes after the last failure.
    opens = timezone.localtime(last_failure + timedelta(minutes=30)).strftime("%H:%M")
    said = f"You can try again from {opens} (Hong Kong time)."
    assert said in right.content.decode() and said in wrong.content.decode()


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


def test_auth_3_failures_count_however_far_apart_until_a_success(client):
    user = UserFactory()
    _fail(client, user, 4, T0)
    # Consecutive means no success in between, not "within half an hour".
    response = _fail(client, user, 1, T0 + timedelta(days=2))
    assert LOCKED in response.content.decode()


def test_auth_3_after_a_lock_has_run_out_the_count_starts_again(client):
    user = UserFactory()
    _fail(client, user, 5, T0)
    reopened = T0 + timedelta(seconds=4) + timedelta(minutes=30)
    response = _fail(client, user, 4, reopened)
    assert WRONG in response.content.decode()  # four new failures: open
    response = _fail(client, user, 1, reopened + timedelta(minutes=1))
    assert LOCKED in response.content.decode()  # the fifth locks again


def test_auth_3_login_name_letter_case_does_not_escape_the_count(client):
    user = UserFactory()
    for i, name in enumerate(
        [user.login_name, user.login_name.upper(), f" {user.login_name} "] * 2
    ):
        with time_machine.travel(T0 + timedelta(seconds=i), tick=False):
            response = client.post(
                reverse("accounts:login"), {"login_name": name, "password": "wrong"}
            )
    assert LOCKED in response.content.decode()


def test_auth_3_api_login_locks_the_same_account(client):
    user = UserFactory()
    for i in range(5):
        with time_machine.travel(T0 + timedelta(seconds=i), tick=False):
            client.post("/api/v1/auth/login/", {"login_name": user.login_name, "password": "x"})
    with time_machine.travel(T0 + timedelta(minutes=1), tick=False):
        api = client.post(
            "/api/v1/auth/login/", {"login_name": user.login_name, "password": PASSWORD}
        )
        page = _login(client, user, PASSWORD)
    assert api.status_code == 403 and api.json()["code"] == "account_locked"
    assert LOCKED in page.content.decode()


@pytest.mark.parametrize("role", [Role.VETTING, Role.HELP_CENTRE, Role.REGISTRY])
def test_role_2_a_logged_in_officer_who_is_no_administrator_is_refused_the_admin_site(client, role):
    client.force_login(StaffFactory(role=role))
    answer = client.get("/admin/", follow=True)
    assert answer.status_code == 403
    assert "Not permitted" in answer.content.decode()


def test_auth_3_administrators_log_in_through_the_same_locked_page(client):
    admin = StaffFactory(role=Role.SYSTEM_ADMIN, is_superuser=True)
    assert client.get("/admin/login/?next=/admin/")["Location"] == (
        reverse("accounts:login") + "?next=/admin/"
    )
    # Django's own form field name ("username") is counted against the same login name.
    for i in range(5):
        with time_machine.travel(T0 + timedelta(seconds=i), tick=False):
            assert authenticate_as_admin_form(admin.login_name, "x") is None
    with time_machine.travel(T0 + timedelta(minutes=1), tick=False):
        assert LOCKED in _login(client, admin, PASSWORD).content.decode()


def authenticate_as_admin_form(login_name, password):
    """What django.contrib.admin's AuthenticationForm does: authenticate(username=...)."""
    from django.contrib.auth import authenticate
    from django.test import RequestFactory

    request = RequestFactory().post("/admin/login/", {"username": login_name, "password": password})
    return authenticate(request=request, username=login_name, password=password)


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
