"""Administrators leave a trace (AUTH-3, OPS-2): a locked account is unlocked only through the
back office, with reasons, on the record; Django admin cannot delete or change the login
attempts; every read of an application's or an account's personal data by court staff is
recorded."""

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.urls import reverse
from rest_framework.test import APIClient

from accounts.services.unlocking import account_unlock
from audit.models import AuditRecord
from audit.services import audit_verify
from core.errors import InvalidTransition, NotFound, NotPermitted
from permissions.roles import Role
from registration import services
from registration.models import SupportingDocument
from tests.factories import (
    PASSWORD,
    StaffFactory,
    UserFactory,
    one_time_code,
    submit_application,
)

pytestmark = pytest.mark.django_db
API = "/api/v1"


def _lock(client, user):
    """Five failed logins on the login page (AUTH-3)."""
    for _ in range(5):
        client.post(reverse("accounts:login"), {"login_name": user.login_name, "password": "bad"})
    client.logout()


def _logs_in(client, user) -> bool:
    response = client.post(
        reverse("accounts:login"), {"login_name": user.login_name, "password": PASSWORD}
    )
    return response.status_code == 302


def _bearer(officer) -> APIClient:
    api = APIClient()
    token = api.post(
        f"{API}/auth/login/",
        {
            "login_name": officer.login_name,
            "password": PASSWORD,
            "one_time_code": one_time_code(officer),
        },
        format="json",
    ).json()["token"]
    api.credentials(HTTP_AUTHORIZATION=f"Bearer {token}")
    return api


# --- unlocking --------------------------------------------------------------------------------


def test_auth_3_help_centre_unlocks_a_locked_account_with_reasons_on_the_record(
    client, help_centre_officer
):
    holder = UserFactory()
    _lock(client, holder)
    assert not _logs_in(client, holder)
    client.force_login(help_centre_officer)
    url = reverse("backoffice:unlock_account")
    listing = client.get(url).content.decode()
    assert holder.login_name in listing
    page = client.get(url, {"login_name": holder.login_name}).content.decode()
    assert "Locked until" in page and "after 5 failed logins" in page
    response = client.post(
        url, {"login_name": holder.login_name, "reasons": "Holder called; particulars matched"}
    )
    assert response.status_code == 302
    assert not AccessAttempt.objects.filter(username=holder.login_name).exists()
    record = AuditRecord.objects.get(action="account.unlocked")
    assert (record.actor, record.object_type, record.object_id) == (
        help_centre_officer,
        "accounts.user",
        str(holder.pk),
    )
    assert record.before["failures"] == 5
    assert record.after == {
        "reasons": "Holder called; particulars matched",
        "attempt_records_cleared": 1,
    }
    client.logout()
    assert _logs_in(client, holder)


def test_auth_3_unlocking_requires_reasons(client, help_centre_officer):
    holder = UserFactory()
    _lock(client, holder)
    client.force_login(help_centre_officer)
    page = client.post(
        reverse("backoffice:unlock_account"), {"login_name": holder.login_name, "reasons": "  "}
    )
    assert page.status_code == 200
    assert "There is a problem" in page.content.decode()
    assert AccessAttempt.objects.filter(username=holder.login_name).exists()
    assert not AuditRecord.objects.filter(action="account.unlocked").exists()


def test_auth_3_an_account_that_is_not_locked_is_not_unlocked(help_centre_officer):
    holder = UserFactory()
    with pytest.raises(InvalidTransition):
        account_unlock(actor=help_centre_officer, login_name=holder.login_name, reasons="Asked")
    assert not AuditRecord.objects.filter(action="account.unlocked").exists()


def test_auth_3_help_centre_unlocks_holders_system_administrator_any_account(
    client, help_centre_officer, system_admin
):
    clerk = StaffFactory(role=Role.REGISTRY)
    _lock(client, clerk)
    with pytest.raises(NotFound):
        account_unlock(actor=help_centre_officer, login_name=clerk.login_name, reasons="Asked")
    account_unlock(actor=system_admin, login_name=clerk.login_name, reasons="Clerk at desk")
    assert not AccessAttempt.objects.filter(username=clerk.login_name).exists()
    with pytest.raises(NotPermitted):
        account_unlock(actor=StaffFactory(role=Role.VETTING), login_name="x", reasons="x")


def test_auth_3_unlock_page_is_refused_to_roles_without_it(client, vetting_officer):
    client.force_login(vetting_officer)
    assert client.get(reverse("backoffice:unlock_account")).status_code == 403


def test_auth_3_unlock_through_the_api(client, help_centre_officer):
    holder = UserFactory()
    _lock(client, holder)
    api = _bearer(help_centre_officer)
    url = f"{API}/backoffice/account-unlocks/"
    missing = api.post(url, {"login_name": holder.login_name}, format="json")
    assert missing.status_code == 400
    response = api.post(
        url, {"login_name": holder.login_name, "reasons": "Called the Help Centre"}, format="json"
    )
    assert response.status_code == 200, response.content
    assert response.json() == {"login_name": holder.login_name}
    assert AuditRecord.objects.get(action="account.unlocked").after["reasons"] == (
        "Called the Help Centre"
    )
    again = api.post(url, {"login_name": holder.login_name, "reasons": "Again"}, format="json")
    assert again.status_code == 409
    refused = _bearer(StaffFactory(role=Role.VETTING)).post(
        url, {"login_name": holder.login_name, "reasons": "x"}, format="json"
    )
    assert refused.status_code == 403


# --- Django admin and the login attempts --------------------------------------------------------


def test_auth_3_admin_cannot_delete_or_change_login_attempts(client, system_admin):
    holder = UserFactory()
    _lock(client, holder)
    attempt = AccessAttempt.objects.get(username=holder.login_name)
    client.force_login(system_admin)
    changelist = client.get("/admin/axes/accessattempt/")
    assert changelist.status_code == 200
    assert holder.login_name in changelist.content.decode()
    assert 'name="action"' not in changelist.content.decode()  # no bulk delete
    assert client.get(f"/admin/axes/accessattempt/{attempt.pk}/delete/").status_code == 403
    client.post(
        "/admin/axes/accessattempt/",
        {"action": "delete_selected", "_selected_action": [attempt.pk], "post": "yes"},
    )
    client.post(f"/admin/axes/accessattempt/{attempt.pk}/change/", {"failures_since_start": 0})
    attempt.refresh_from_db()
    assert attempt.failures_since_start == 5
    for model in (AccessLog, AccessFailureLog):
        name = model._meta.model_name
        assert client.get(f"/admin/axes/{name}/").status_code == 200
        row = model.objects.first()
        if row is not None:
            assert client.get(f"/admin/axes/{name}/{row.pk}/delete/").status_code == 403


# --- reads of personal data --------------------------------------------------------------------


def _reads():
    return list(
        AuditRecord.objects.filter(action__endswith=".personal_data_read")
        .order_by("pk")
        .values_list("actor__login_name", "action", "object_type", "object_id", "after")
    )


def test_ops_2_staff_reads_of_an_application_are_recorded(client, vetting_officer):
    application = submit_application()
    document = SupportingDocument.objects.get(application=application)
    client.force_login(vetting_officer)
    assert (
        client.get(reverse("backoffice:application_detail", args=[application.pk])).status_code
        == 200
    )
    download = client.get(reverse("backoffice:document_download", args=[document.pk]))
    assert download.status_code == 200
    api = _bearer(vetting_officer)
    assert api.get(f"{API}/backoffice/applications/{application.pk}/").status_code == 200
    assert api.get(f"{API}/backoffice/documents/{document.pk}/").status_code == 200
    read = (
        "vet1",
        "application.personal_data_read",
        "registration.application",
        str(application.pk),
    )
    kind = {"document": document.pk, "kind": "PROOF_OF_INVOLVEMENT"}
    assert _reads() == [
        (*read, {"via": "page"}),
        (*read, {"via": "document", **kind}),
        (*read, {"via": "api"}),
        (*read, {"via": "api_document", **kind}),
    ]


def test_ops_2_a_refused_read_records_nothing(client, registry_clerk):
    application = submit_application()
    client.force_login(registry_clerk)
    assert (
        client.get(reverse("backoffice:application_detail", args=[application.pk])).status_code
        == 403
    )
    assert _reads() == []


def test_ops_2_admin_reads_of_an_application_or_account_are_recorded(client, system_admin):
    application = submit_application()
    holder = UserFactory()
    client.force_login(system_admin)
    page = client.get(f"/admin/registration/application/{application.pk}/change/")
    assert page.status_code == 200
    page = client.get(f"/admin/accounts/user/{holder.pk}/change/")
    assert page.status_code == 200 and holder.id_document_number in page.content.decode()
    application_read = ("application.personal_data_read", "registration.application")
    assert _reads() == [
        ("admin1", *application_read, str(application.pk), {"via": "admin"}),
        ("admin1", "account.personal_data_read", "accounts.user", str(holder.pk), {"via": "admin"}),
    ]


def test_ops_2_reads_stay_out_of_the_application_history(client, vetting_officer):
    application = submit_application()
    client.force_login(vetting_officer)
    url = reverse("backoffice:application_detail", args=[application.pk])
    client.get(url)
    page = client.get(url).content.decode()
    assert "personal data read" not in page
    assert len(_reads()) == 2


def test_ops_2_the_apis_work_queue_records_a_read_of_each_application_it_shows(
    vetting_officer, help_centre_officer
):
    """The API's work queue answers each application with the particulars its own page shows
    (the full document number, the address, the telephone): read there, nothing was
    recorded, so an officer could page through every applicant's particulars without a
    trace."""
    first, second = submit_application(), submit_application()
    api = _bearer(vetting_officer)
    listed = api.get(f"{API}/backoffice/applications/", {"page_size": 1})
    assert listed.status_code == 200
    assert listed.json()["results"][0]["id_document_number"] == first.id_document_number
    read = ("vet1", "application.personal_data_read", "registration.application")
    assert _reads() == [(*read, str(first.pk), {"via": "api_list"})]
    services.application_mark_in_order(actor=vetting_officer, application_id=second.pk)
    counter = _bearer(help_centre_officer)
    queue = counter.get(f"{API}/backoffice/applications/", {"queue": "authentication"})
    assert [row["id"] for row in queue.json()["results"]] == [second.pk]
    assert _reads()[1:] == [
        (
            "hc1",
            "application.personal_data_read",
            "registration.application",
            str(second.pk),
            {"via": "api_list"},
        ),
    ]
    # A page of reads is recorded in one insert, and sealed into the chain as any record.
    third = submit_application()
    whole_page = api.get(f"{API}/backoffice/applications/", {"page_size": 2})
    assert [row["id"] for row in whole_page.json()["results"]] == [first.pk, third.pk]
    assert sorted(r[3] for r in _reads()[2:]) == sorted([str(first.pk), str(third.pk)])
    ok, _said = audit_verify()
    assert ok
