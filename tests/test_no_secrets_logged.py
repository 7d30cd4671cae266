"""AUTH-6: no password, activation code or Change Token reaches a log, even on failures."""

import logging
import re

import pytest
from axes.models import AccessAttempt
from django.core import mail
from django.urls import reverse

from accounts import services
from accounts.models import AccountStatus
from tests.factories import PASSWORD, RESET_REQUEST, StaffFactory, UserFactory, wrong_code

pytestmark = pytest.mark.django_db(transaction=True)
NEW = "Kowloon-Peak-2026"


def test_auth_6_secrets_never_logged(client, caplog, help_centre_officer):
    caplog.set_level(logging.DEBUG)
    pending = UserFactory(status=AccountStatus.PENDING_ACTIVATION)
    code = services.activation_code_issue(user=pending, actor=help_centre_officer)
    activation = {
        "login_name": pending.login_name,
        "activation_code": code,
        "surname": pending.surname,
        "given_name": pending.given_name,
        "phone": pending.phone,
        "password": NEW,
        "password_confirm": NEW,
    }
    client.post(reverse("activation:activate"), {**activation, "surname": "Wrong"})
    client.post(reverse("activation:activate"), activation)
    holder = UserFactory()
    for password in ["wrong-1", "wrong-2", "wrong-3", "wrong-4", "wrong-5"]:
        client.post(
            reverse("accounts:login"), {"login_name": holder.login_name, "password": password}
        )
    # django-axes keeps the failed attempts' form data in the database, password masked.
    attempts = "".join(a.post_data for a in AccessAttempt.objects.all())
    assert holder.login_name in attempts
    client.post("/api/v1/auth/login/", {"login_name": holder.login_name, "password": PASSWORD})
    services.change_token_issue(
        actor=help_centre_officer, login_name=holder.login_name, **RESET_REQUEST
    )
    token = re.search(r"Change Token: ([A-Z0-9-]+)", mail.outbox[-1].body)[1]
    client.post(
        reverse("accounts:reset_password"),
        {
            "login_name": holder.login_name,
            "change_token": token,
            "password": NEW,
            "password_confirm": NEW,
        },
    )
    assert caplog.records, "the flows above log something (lockout at least)"
    logged = "\n".join(r.getMessage() for r in caplog.records) + attempts
    for secret in [code, code.replace("-", ""), token, PASSWORD, NEW, "wrong-3"]:
        assert secret not in logged


def test_auth_6_ops_1_one_time_codes_never_logged(client, caplog):
    """A court officer's wrong one-time codes are kept by django-axes with the login name, the
    code masked, and reach no log."""
    caplog.set_level(logging.DEBUG)
    officer = StaffFactory()
    client.post(reverse("accounts:login"), {"login_name": officer.login_name, "password": PASSWORD})
    wrong = wrong_code(officer)
    client.post(reverse("accounts:second_factor"), {"one_time_code": wrong})
    attempts = "".join(a.post_data for a in AccessAttempt.objects.all())
    assert "one_time_code=" in attempts
    logged = "\n".join(r.getMessage() for r in caplog.records) + attempts
    assert wrong not in logged and PASSWORD not in logged
