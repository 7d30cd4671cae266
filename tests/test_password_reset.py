"""Password reset by the Help Centre with an emailed Change Token: AUTH-4."""

import re
from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from accounts import services
from accounts.models import AccountStatus, ChangeToken
from core.errors import InvalidTransition, NotFound, NotPermitted
from permissions.roles import Role
from tests.factories import PASSWORD, RESET_REQUEST, StaffFactory, UserFactory, keyed_hash

pytestmark = pytest.mark.django_db(transaction=True)
NEW = "Lion-Rock-Sunrise-7"


def _token_from_email(user):
    (email,) = [m for m in mail.outbox if user.email in m.to]
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
