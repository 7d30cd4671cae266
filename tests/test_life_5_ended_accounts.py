"""LIFE-5: suspended, terminated, expired and de-activated accounts cannot log in, on the login
page, through the API, or with a page session or API token they held before; their records, the
case history they took part in, and their audit trail are kept."""

import datetime

import pytest
import time_machine
from django.urls import reverse
from rest_framework.test import APIClient

from accounts import services
from accounts.models import AccountStatus, User
from accounts.services import api_token_issue
from audit.models import AuditRecord
from audit.services import audit_verify
from cases.models import CaseLink
from tests.factories import PASSWORD, CaseLinkFactory, OrganizationAccountFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)

HK = datetime.timezone(datetime.timedelta(hours=8))
END_DATE = datetime.date(2026, 6, 30)
DAY_OF = datetime.datetime(2026, 6, 30, 18, 0, tzinfo=HK)
DAY_AFTER = datetime.datetime(2026, 7, 1, 9, 0, tzinfo=HK)
REFUSED = "The login name, password or Organization Code is not correct"


def _login_data(user) -> dict:
    data = {"login_name": user.login_name, "password": PASSWORD}
    if user.organization_id:
        data["organization_code"] = user.organization.code
    return data


def _page_login_works(client, user) -> bool:
    client.post(reverse("accounts:login"), _login_data(user))
    logged_in = "_auth_user_id" in client.session
    client.logout()
    return logged_in


def _api_login_works(user) -> bool:
    response = APIClient().post("/api/v1/auth/login/", _login_data(user), format="json")
    return response.status_code == 200


def _bearer(key) -> APIClient:
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Bearer {key}")
    return api


def _ends_with_status(status):
    def end(user):
        User.objects.filter(pk=user.pk).update(status=status)

    return end


ENDINGS = {
    "suspended IU": (UserFactory, _ends_with_status(AccountStatus.SUSPENDED)),
    "de-activated IU": (UserFactory, _ends_with_status(AccountStatus.DEACTIVATED)),
    "terminated IU": (UserFactory, _ends_with_status(AccountStatus.TERMINATED)),
    "suspended OU": (OrganizationAccountFactory, _ends_with_status(AccountStatus.SUSPENDED)),
    "terminated SA": (
        lambda: OrganizationAccountFactory(role="SA"),
        _ends_with_status(AccountStatus.TERMINATED),
    ),
}


@pytest.mark.parametrize("kind", list(ENDINGS))
def test_life_5_ended_account_cannot_log_in_nor_use_its_session_or_token(client, kind):
    make, end = ENDINGS[kind]
    user = make()
    assert _page_login_works(client, user) and _api_login_works(user)
    key, _token = api_token_issue(user=user)
    session = APIClient()
    session.force_login(user)
    assert session.get("/account/").status_code == 200
    assert _bearer(key).get("/api/v1/me/").status_code == 200
    end(user)
    assert not _page_login_works(client, user)
    assert not _api_login_works(user)
    assert session.get("/account/").status_code == 302  # back to the login page
    assert _bearer(key).get("/api/v1/me/").status_code == 401
    assert User.objects.filter(pk=user.pk).exists()


@pytest.mark.parametrize("role", ["SA", "OU"])
def test_life_5_expired_sa_ou_cannot_log_in_after_its_effective_end_date(client, role):
    user = OrganizationAccountFactory(role=role, effective_end_date=END_DATE)
    with time_machine.travel(DAY_OF):
        assert _page_login_works(client, user) and _api_login_works(user)
        key, _token = api_token_issue(user=user)
        session = APIClient()
        session.force_login(user)
    with time_machine.travel(DAY_AFTER):
        assert not _page_login_works(client, user)
        assert not _api_login_works(user)
        assert session.get("/account/").status_code == 302
        assert _bearer(key).get("/api/v1/me/").status_code == 401
    user.refresh_from_db()
    assert user.status == AccountStatus.ACTIVE  # expired by date; the record is unchanged


def test_life_5_page_login_of_ended_account_gets_the_ordinary_refusal(client):
    user = UserFactory(status=AccountStatus.TERMINATED)
    response = client.post(reverse("accounts:login"), _login_data(user))
    assert REFUSED in response.content.decode()


def test_life_5_terminated_account_keeps_records_case_history_and_audit(help_centre_officer):
    user = UserFactory()
    link = CaseLinkFactory(individual=user, organization=None)
    services.own_profile_update(actor=user, email=user.email, phone="2999 0000")
    before = set(AuditRecord.objects.filter(object_id=str(user.pk)).values_list("pk", flat=True))
    services.iu_termination_record(
        actor=help_centre_officer,
        login_name=user.login_name,
        channel="EMAIL",
        received_on=datetime.date.today(),
        identity_check="REGISTERED_EMAIL",
        identity_note="Sent from the registered address",
        reasons="Asked by the holder",
    )
    user.refresh_from_db()
    assert (user.status, user.phone, user.login_name) == (
        AccountStatus.TERMINATED,
        "2999 0000",
        user.login_name,
    )
    after = set(AuditRecord.objects.filter(object_id=str(user.pk)).values_list("pk", flat=True))
    assert before < after
    history = CaseLink.objects.get(pk=link.pk)
    assert (history.individual_id, history.case_id) == (user.pk, link.case_id)
    assert history.ended_at is not None
    assert audit_verify()[0]
