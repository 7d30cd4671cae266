"""LIFE-2 [A47]: an IU holder's request to end the account, keyed in by a Help Centre officer
from post, fax or email, or [+] made online by the holder with the password. The account ends
through the account transitions; its current case links end (kept as history); the holder is
emailed; the account and its records are kept (LIFE-5)."""

import datetime

import pytest
import time_machine
from django.test import RequestFactory
from rest_framework.test import APIClient

from accounts import services
from accounts.models import AccountStatus, ApiToken, User
from accounts.services import api_token_issue
from audit.models import AuditRecord
from cases.models import CaseLink
from core.errors import InvalidTransition, NotFound, NotPermitted, ValidationFailed
from tests import factories
from tests.conftest import emails_to
from tests.factories import PASSWORD, CaseLinkFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)

TODAY = datetime.datetime(2026, 3, 31, 10, 0, tzinfo=datetime.UTC)
BY_POST = {
    "channel": "POST",
    "received_on": datetime.date(2026, 3, 30),
    "identity_check": "PARTICULARS_MATCHED",
    "identity_note": "Name, HKID and address in the signed letter matched",
    "reasons": "The holder no longer has any case before the court",
}


def api_as(user) -> APIClient:
    return factories.api_as(user, default_format="json")


def _request():
    request = RequestFactory().post("/account/terminate/", REMOTE_ADDR="203.0.113.9")
    return request


@time_machine.travel(TODAY)
def test_life_2_help_centre_keys_in_request_by_post_and_account_ends(help_centre_officer):
    user = UserFactory(email="holder@example.com")
    link = CaseLinkFactory(individual=user, organization=None)
    services.iu_termination_record(actor=help_centre_officer, login_name=user.login_name, **BY_POST)
    user.refresh_from_db()
    assert user.status == AccountStatus.TERMINATED
    record = AuditRecord.objects.get(action="account.terminated")
    assert record.actor_id == help_centre_officer.pk
    assert record.after == {
        "status": "TERMINATED",
        "channel": "POST",
        "received_on": "2026-03-30",
        "identity_check": "PARTICULARS_MATCHED",
        "identity_note": "Name, HKID and address in the signed letter matched",
        "reasons": "The holder no longer has any case before the court",
    }
    # The case link ends and stays as history.
    link.refresh_from_db()
    assert link.ended_at is not None and link.ended_by == help_centre_officer
    assert CaseLink.objects.filter(individual=user).count() == 1
    assert AuditRecord.objects.filter(action="case_link.ended").count() == 1
    (email,) = emails_to("holder@example.com")
    assert "As you asked the Help Centre, your iCMS account has been ended." in email.body


@pytest.mark.parametrize("channel", ["POST", "FAX", "EMAIL"])
def test_life_2_requests_by_post_fax_or_email_are_recorded(help_centre_officer, channel):
    user = UserFactory()
    services.iu_termination_record(
        actor=help_centre_officer, login_name=user.login_name, **{**BY_POST, "channel": channel}
    )
    assert AuditRecord.objects.get(action="account.terminated").after["channel"] == channel


def test_life_2_bad_input_refused_with_nothing_saved(help_centre_officer):
    user = UserFactory()
    with time_machine.travel(TODAY):
        with pytest.raises(ValidationFailed) as refused:
            services.iu_termination_record(
                actor=help_centre_officer,
                login_name=user.login_name,
                channel="ONLINE",
                received_on=datetime.date(2026, 4, 1),
                identity_check="GUESSED",
                identity_note=" ",
                reasons="",
            )
    assert set(refused.value.errors) == {
        "channel",
        "received_on",
        "identity_check",
        "identity_note",
        "reasons",
    }
    user.refresh_from_db()
    assert user.status == AccountStatus.ACTIVE
    assert not AuditRecord.objects.filter(action="account.terminated").exists()


def test_life_2_only_iu_accounts_only_help_centre_and_not_twice(help_centre_officer, org_pa):
    with pytest.raises(NotFound):
        services.iu_termination_record(
            actor=help_centre_officer, login_name=org_pa.login_name, **BY_POST
        )
    user = UserFactory()
    with pytest.raises(NotPermitted):
        services.iu_termination_record(actor=user, login_name=user.login_name, **BY_POST)
    services.iu_termination_record(actor=help_centre_officer, login_name=user.login_name, **BY_POST)
    with pytest.raises(InvalidTransition):
        services.iu_termination_record(
            actor=help_centre_officer, login_name=user.login_name, **BY_POST
        )
    assert AuditRecord.objects.filter(action="account.terminated").count() == 1


@pytest.fixture
def org_pa(db):
    from tests.factories import OrganizationAccountFactory

    return OrganizationAccountFactory(role="PA")


def test_life_2_holder_ends_account_online_with_password():
    user = UserFactory(email="holder@example.com")
    link = CaseLinkFactory(individual=user, organization=None)
    key, _token = api_token_issue(user=user)
    services.iu_termination_request(
        request=_request(), user=user, password=PASSWORD, reasons="Case settled"
    )
    user.refresh_from_db()
    assert user.status == AccountStatus.TERMINATED
    record = AuditRecord.objects.get(action="account.terminated")
    assert record.actor_id == user.pk
    assert (record.after["channel"], record.after["reasons"]) == ("ONLINE", "Case settled")
    link.refresh_from_db()
    assert link.ended_at is not None
    assert not ApiToken.objects.filter(user=user, revoked_at=None).exists()
    (email,) = emails_to("holder@example.com")
    assert "As you asked on the portal, your iCMS account has been ended." in email.body


def test_life_2_online_request_with_wrong_password_changes_nothing():
    user = UserFactory()
    with pytest.raises(ValidationFailed) as refused:
        services.iu_termination_request(request=_request(), user=user, password="wrong-one")
    assert refused.value.errors == {"password": ["Your password is not correct."]}
    user.refresh_from_db()
    assert user.status == AccountStatus.ACTIVE
    assert not AuditRecord.objects.filter(action="account.terminated").exists()


def test_life_2_only_an_iu_ends_its_own_account_online(org_pa):
    with pytest.raises(NotPermitted):
        services.iu_termination_request(request=_request(), user=org_pa, password=PASSWORD)
    assert User.objects.get(pk=org_pa.pk).status == AccountStatus.ACTIVE


def test_life_2_online_through_the_api():
    user = UserFactory()
    api = api_as(user)
    wrong = api.post("/api/v1/me/termination/", {"password": "nope"})
    assert wrong.status_code == 400 and set(wrong.json()["errors"]) == {"password"}
    response = api.post("/api/v1/me/termination/", {"password": PASSWORD})
    assert response.status_code == 200, response.json()
    assert response.json()["status"] == "TERMINATED"
    # The token that made the request no longer works.
    assert api.get("/api/v1/me/").status_code == 401


def test_life_2_help_centre_through_the_staff_api(help_centre_officer):
    user = UserFactory()
    api = APIClient()
    api.force_authenticate(help_centre_officer)
    body = {**BY_POST, "received_on": "2026-03-30", "login_name": user.login_name}
    with time_machine.travel(TODAY):
        response = api.post("/api/v1/backoffice/iu-terminations/", body, format="json")
        assert response.status_code == 200, response.json()
        assert response.json() == {"login_name": user.login_name, "status": "TERMINATED"}
        again = api.post("/api/v1/backoffice/iu-terminations/", body, format="json")
    assert again.status_code == 409
    holder_api = api_as(UserFactory())
    assert (
        holder_api.post("/api/v1/backoffice/iu-terminations/", body, format="json").status_code
        == 403
    )


def test_life_2_help_centre_page_confirms_then_ends(client, help_centre_officer):
    user = UserFactory()
    client.force_login(help_centre_officer)
    page = client.get("/backoffice/iu-terminations/", {"login_name": user.login_name})
    assert page.status_code == 200 and user.login_name in page.content.decode()
    form = {**BY_POST, "received_on": "2026-03-30", "login_name": user.login_name}
    with time_machine.travel(TODAY):
        confirm = client.post("/backoffice/iu-terminations/", form)
        assert "Yes, end the account" in confirm.content.decode()
        user.refresh_from_db()
        assert user.status == AccountStatus.ACTIVE
        done = client.post("/backoffice/iu-terminations/", {**form, "confirm": "yes"})
    assert done.status_code == 302
    user.refresh_from_db()
    assert user.status == AccountStatus.TERMINATED


def test_life_2_holder_page_ends_account_and_logs_out(client):
    user = UserFactory()
    client.force_login(user)
    assert client.get("/account/terminate/").status_code == 200
    wrong = client.post("/account/terminate/", {"password": "nope"})
    assert "Your password is not correct." in wrong.content.decode()
    done = client.post("/account/terminate/", {"password": PASSWORD}, follow=True)
    assert done.redirect_chain[-1][0].startswith("/account/login/")
    user.refresh_from_db()
    assert user.status == AccountStatus.TERMINATED
    assert client.get("/account/").status_code == 302


def test_life_2_home_page_offers_an_iu_the_end_of_its_own_account_and_no_one_else(client, org_pa):
    holder = UserFactory()
    client.force_login(holder)
    assert b'href="/account/terminate/"' in client.get("/account/").content
    client.force_login(org_pa)
    assert b'href="/account/terminate/"' not in client.get("/account/").content
