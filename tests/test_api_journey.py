"""The whole Individual User journey through the REST API alone (NFR-3), and how the API
reports bad input and refusals (NFR-4).

Apply (REG-2..6) -> vetting queue and request for information (REG-8) -> the applicant reads
the status and supplements -> in order (IDA-1) -> identity authenticated at a counter (IDA-2),
login name and activation code emailed (IDA-4) -> activation (ACT-1..4) -> login (AUTH-3) ->
password reset by the Help Centre with a Change Token (AUTH-4) -> logout. Paper applications
are keyed in by the Help Centre (GEN-6, OPS-1).
"""

import json
import re
from datetime import date, timedelta

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from rest_framework.test import APIClient

from accounts.models import AccountStatus, ActivationCode, ApiToken, User
from audit.models import AuditRecord
from audit.services import audit_verify
from core import policy
from core.workdays import add_working_days, local_today
from permissions.roles import Role
from registration import selectors
from registration.models import (
    Application,
    ApplicationStatus,
    Channel,
    DocumentKind,
    SupportingDocument,
)
from tests.factories import (
    PASSWORD,
    PDF_BYTES,
    RESET_REQUEST,
    StaffFactory,
    UserFactory,
    in_person_authentication,
    new_hkid,
    one_time_code,
    particulars,
    pdf,
)

# Emails leave when the transaction commits, so these tests commit for real.
pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.documents]

API = "/api/v1"
NEW_PASSWORD = "Lantern-Harbour-9071"
RESET_PASSWORD = "Typhoon-Signal-8-Kowloon"


# --- helpers --------------------------------------------------------------------------------


@pytest.fixture
def api():
    return APIClient()


def application_form(**overrides) -> dict:
    """The multipart body of an online application: particulars, `cases` as a JSON string
    and the proof of involvement. An override of None leaves the field out."""
    data = {
        **particulars(),
        "cases": json.dumps([{"case_number": "DCPI 1234/2025", "party_type": "PLAINTIFF"}]),
        "proof_of_involvement": pdf(),
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def submit(api, **overrides):
    return api.post(f"{API}/applications/", application_form(**overrides), format="multipart")


def login(api, login_name, password=PASSWORD, **more) -> str:
    response = api.post(
        f"{API}/auth/login/",
        {"login_name": login_name, "password": password, **more},
        format="json",
    )
    assert response.status_code == 200, response.content
    return response.json()["token"]


def as_bearer(token) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {token}")
    return client


def staff_login(api, officer) -> str:
    """Court staff send the one-time code of their authenticator app too (OPS-1)."""
    return login(api, officer.login_name, one_time_code=one_time_code(officer))


def staff_client(api, role) -> APIClient:
    return as_bearer(staff_login(api, StaffFactory(role=role)))


def one_email_to(address, subject_part=""):
    matching = [m for m in mail.outbox if address in m.to and subject_part in m.subject]
    assert len(matching) == 1, [m.subject for m in mail.outbox]
    return matching[0]


def field_in_email(body: str, label: str) -> str:
    match = re.search(rf"^{re.escape(label)}\s*(\S+)\s*$", body, re.MULTILINE)
    assert match, f"{label!r} not in email:\n{body}"
    return match[1]


def assert_validation_error(response, *fields, status=400, code="validation_failed"):
    assert response.status_code == status, response.content
    body = response.json()
    assert body["code"] == code
    assert body["detail"]
    for field in fields:
        assert body["errors"].get(field), (field, body)
        assert all(isinstance(m, str) and m for m in body["errors"][field])
    return body


def activation_body(login_name, code, **overrides) -> dict:
    values = {
        "login_name": login_name,
        "activation_code": code,
        "surname": "Chan",
        "given_name": "Tai Man",
        "phone": "(852) 2477-1002",
        "password": NEW_PASSWORD,
        "password_confirm": NEW_PASSWORD,
    }
    values.update(overrides)
    return values


# --- the journey ------------------------------------------------------------------------------


def test_nfr_3_whole_iu_journey_through_the_api(api):
    """REG-2, REG-8, IDA-1, IDA-2, IDA-4, ACT-1..4, AUTH-3, AUTH-4, OPS-2 through /api/v1/."""
    # REG-2: apply online, multipart with the proof of involvement and the cases as JSON.
    hkid = new_hkid()
    response = submit(api, id_document_number=hkid)
    assert response.status_code == 201, response.content
    submitted = response.json()
    assert re.fullmatch(r"IU\d{4}\d{6}", submitted["reference"])
    assert submitted["status"] == ApplicationStatus.SUBMITTED
    assert submitted["due_date"]
    assert submitted["warnings"] == []
    access_token = submitted["access_token"]
    application = Application.objects.get(reference=submitted["reference"])
    assert str(application.due_date) == submitted["due_date"]
    assert application.channel == Channel.ONLINE
    assert application.id_document_number == hkid
    assert [(c.case_number, c.party_type) for c in application.cases.all()] == [
        ("DCPI 1234/2025", "PLAINTIFF")
    ]
    assert application.documents.get().kind == DocumentKind.PROOF_OF_INVOLVEMENT
    assert submitted["reference"] in one_email_to("chan.taiman@example.com").body

    # REG-8: the vetting officer logs in and finds it in the queue, earliest due first.
    vetting = staff_client(api, Role.VETTING)
    queue = vetting.get(f"{API}/backoffice/applications/", {"queue": "vetting"})
    assert queue.status_code == 200, queue.content
    page = queue.json()
    assert page["count"] == 1
    (row,) = page["results"]
    assert (row["id"], row["reference"], row["due_date"]) == (
        application.pk,
        submitted["reference"],
        submitted["due_date"],
    )
    assert row["documents"][0]["kind"] == DocumentKind.PROOF_OF_INVOLVEMENT
    detail = vetting.get(f"{API}/backoffice/applications/{application.pk}/")
    assert detail.status_code == 200
    assert detail.json()["id_document_number"] == hkid

    # REG-8: ask for more information; the applicant is emailed.
    mail.outbox.clear()
    response = vetting.post(
        f"{API}/backoffice/applications/{application.pk}/request-information/",
        {"message": "Please send the writ of summons."},
        format="json",
    )
    assert response.status_code == 200, response.content
    assert response.json()["status"] == ApplicationStatus.INFO_REQUESTED
    assert "writ of summons" in one_email_to("chan.taiman@example.com").body

    # The applicant reads the status with the access token, then supplements.
    status_url = f"{API}/applications/by-token/{access_token}/"
    response = APIClient().get(status_url)
    assert response.status_code == 200
    status = response.json()
    assert status["status"] == ApplicationStatus.INFO_REQUESTED
    assert status["information_requests"][0]["message"] == "Please send the writ of summons."
    assert status["information_requests"][0]["answered_at"] is None
    response = APIClient().post(
        f"{status_url}supplement/",
        {"answer": "Attached.", "documents": [pdf("writ.pdf")]},
        format="multipart",
    )
    assert response.status_code == 200, response.content
    assert response.json()["status"] == ApplicationStatus.SUBMITTED
    assert response.json()["information_requests"][0]["answer"] == "Attached."
    assert application.documents.filter(kind=DocumentKind.SUPPLEMENTARY).count() == 1
    queue = vetting.get(f"{API}/backoffice/applications/").json()
    assert [r["id"] for r in queue["results"]] == [application.pk]

    # IDA-1: in order; the applicant is asked to authenticate identity within 30 days.
    mail.outbox.clear()
    response = vetting.post(f"{API}/backoffice/applications/{application.pk}/in-order/")
    assert response.status_code == 200, response.content
    assert response.json()["status"] == ApplicationStatus.AWAITING_AUTHENTICATION
    assert response.json()["authentication_due"]
    one_email_to("chan.taiman@example.com")

    # IDA-2: the Help Centre finds it in the authentication queue and records authentication.
    help_centre = staff_client(api, Role.HELP_CENTRE)
    queue = help_centre.get(
        f"{API}/backoffice/applications/",
        {"queue": "authentication", "q": submitted["reference"]},
    ).json()
    assert [r["id"] for r in queue["results"]] == [application.pk]
    mail.outbox.clear()
    response = help_centre.post(
        f"{API}/backoffice/applications/{application.pk}/authenticate/",
        {
            "counter": "HELP_CENTRE",
            "mode": "IN_PERSON",
            "presented_document_type": "HKID",
            "presented_document_number": hkid.lower(),
        },
        format="json",
    )
    assert response.status_code == 200, response.content
    assert response.json()["status"] == ApplicationStatus.APPROVED
    issued_login_name = response.json()["account_login_name"]

    # IDA-4: the login name and activation code arrive by email.
    email = one_email_to("chan.taiman@example.com")
    login_name = field_in_email(email.body, "Login name:")
    code = field_in_email(email.body, "Activation code:")
    assert login_name == issued_login_name
    assert re.fullmatch(r"[A-Z2-9]{5}(-[A-Z2-9]{5}){5}", code)
    assert User.objects.get(login_name=login_name).status == AccountStatus.PENDING_ACTIVATION

    # ACT-1..3: the particulars must match. Spaces inside a name count (ACT-2); in a phone
    # number only spaces, brackets and dashes are ignored, so "+" counts (ACT-3).
    anonymous = APIClient()
    for mismatch in (
        {"given_name": "TaiMan"},
        {"surname": "Chen"},
        {"phone": "+852 2477 1002"},
    ):
        response = anonymous.post(
            f"{API}/accounts/activate/", activation_body(login_name, code, **mismatch), "json"
        )
        assert response.status_code == 400, mismatch
        assert response.json()["code"] == "activation_refused"
    assert User.objects.get(login_name=login_name).status == AccountStatus.PENDING_ACTIVATION
    # ACT-2: case and spaces before and after do not matter; ACT-3: "852 24771002" matches.
    response = anonymous.post(
        f"{API}/accounts/activate/",
        activation_body(
            login_name.upper(),
            code.lower().replace("-", " "),
            surname="  CHAN ",
            given_name="tai man",
            phone="852 24771002",
        ),
        format="json",
    )
    assert response.status_code == 200, response.content
    assert response.json()["login_name"] == login_name
    assert response.json()["status"] == AccountStatus.ACTIVE
    # ACT-4: the code works once.
    response = anonymous.post(
        f"{API}/accounts/activate/", activation_body(login_name, code), format="json"
    )
    assert response.status_code == 400
    assert response.json()["code"] in {"activation_refused", "activation_code_used"}
    assert ActivationCode.objects.get(user__login_name=login_name).used_at is not None

    # Log in with the chosen password; the API tells who is calling.
    holder = as_bearer(login(anonymous, login_name, NEW_PASSWORD))
    me = holder.get(f"{API}/me/")
    assert me.status_code == 200
    assert (me.json()["login_name"], me.json()["role"], me.json()["status"]) == (
        login_name,
        Role.IU,
        AccountStatus.ACTIVE,
    )
    assert me.json()["email"] == "chan.taiman@example.com"

    # AUTH-4: the Help Centre starts a reset; a Change Token is emailed to the holder.
    mail.outbox.clear()
    response = help_centre.post(
        f"{API}/backoffice/password-resets/",
        {"login_name": login_name, **RESET_REQUEST},
        format="json",
    )
    assert response.status_code == 202, response.content
    assert response.json() == {"sent_to": "c***@example.com"}
    email = one_email_to("chan.taiman@example.com")
    assert field_in_email(email.body, "Login name:") == login_name
    change_token = field_in_email(email.body, "Change Token:")
    reset = {
        "login_name": login_name,
        "change_token": change_token,
        "password": RESET_PASSWORD,
        "password_confirm": RESET_PASSWORD,
    }
    response = anonymous.post(f"{API}/accounts/reset-password/", reset, format="json")
    assert response.status_code == 204, response.content
    # The token issued under the old password is revoked with it.
    assert holder.get(f"{API}/me/").status_code == 401
    # Single use.
    response = anonymous.post(f"{API}/accounts/reset-password/", reset, format="json")
    assert response.status_code == 400
    assert response.json()["code"] == "reset_refused"
    # The old password no longer works; the new one does.
    response = anonymous.post(
        f"{API}/auth/login/", {"login_name": login_name, "password": NEW_PASSWORD}, format="json"
    )
    assert response.status_code == 401
    assert response.json()["code"] == "login_refused"
    token = login(anonymous, login_name, RESET_PASSWORD)

    # Logout revokes the token used; a later call with it is refused.
    holder = as_bearer(token)
    assert holder.get(f"{API}/me/").status_code == 200
    assert holder.post(f"{API}/auth/logout/").status_code == 204
    response = holder.get(f"{API}/me/")
    assert response.status_code == 401
    assert response.json()["code"] == "authentication_failed"
    assert not ApiToken.objects.filter(user__login_name=login_name, revoked_at=None).exists()

    # OPS-2: every change of state is in the trail, and the trail holds.
    actions = list(AuditRecord.objects.values_list("action", flat=True))
    for action in (
        "application.submitted",
        "application.information_requested",
        "application.supplemented",
        "application.marked_in_order",
        "account.opened",
        "application.identity_authenticated",
        "account.activated",
        "account.password_reset_started",
        "account.password_reset",
    ):
        assert action in actions
    ok, message = audit_verify()
    assert ok, message


def test_reg_6_api_warns_when_email_is_already_registered(api):
    """REG-6: a warning in the response, not a refusal."""
    UserFactory(email="shared@example.com")
    response = submit(api, email="shared@example.com")
    assert response.status_code == 201, response.content
    assert response.json()["warnings"] == ["email_already_registered"]


def test_reg_3_prospective_litigant_applies_with_draft_originating_document(api):
    """REG-3: no case, a draft originating document instead of the proof of involvement."""
    response = submit(
        api,
        cases=None,
        proof_of_involvement=None,
        prospective_litigant="true",
        draft_originating_document=pdf("draft-writ.pdf"),
    )
    assert response.status_code == 201, response.content
    application = Application.objects.get()
    assert application.prospective_litigant
    assert application.documents.get().kind == DocumentKind.DRAFT_ORIGINATING_DOCUMENT


# --- GEN-6: paper applications keyed in by the Help Centre --------------------------------


def paper_form(**overrides) -> dict:
    values = {
        "channel": Channel.FAX,
        "received_on": local_today().isoformat(),
        "scanned_application_form": pdf("fax-scan.pdf"),
    }
    values.update(overrides)
    return application_form(**values)


def test_gen_6_help_centre_keys_in_fax_application_with_scanned_form(api):
    """GEN-6, OPS-1: the channel and the officer are recorded with the scanned form."""
    officer = StaffFactory(role=Role.HELP_CENTRE)
    client = as_bearer(staff_login(api, officer))
    response = client.post(f"{API}/backoffice/applications/", paper_form(), format="multipart")
    assert response.status_code == 201, response.content
    assert response.json()["status"] == ApplicationStatus.SUBMITTED
    application = Application.objects.get(reference=response.json()["reference"])
    assert application.channel == Channel.FAX
    assert application.keyed_in_by == officer
    assert sorted(application.documents.values_list("kind", flat=True)) == sorted(
        [DocumentKind.PROOF_OF_INVOLVEMENT, DocumentKind.SCANNED_APPLICATION_FORM]
    )
    record = AuditRecord.objects.get(action="application.submitted")
    assert record.actor == officer
    assert record.after["channel"] == Channel.FAX


def test_gen_6_keyed_in_application_needs_scan_and_a_paper_channel(api):
    """GEN-6: the scanned form is required and the channel must be fax, post or by hand."""
    client = staff_client(api, Role.HELP_CENTRE)
    url = f"{API}/backoffice/applications/"
    response = client.post(url, paper_form(scanned_application_form=None), format="multipart")
    assert_validation_error(response, "scanned_application_form")
    response = client.post(url, paper_form(channel=Channel.ONLINE), format="multipart")
    assert_validation_error(response, "channel")
    response = client.post(url, paper_form(channel=None), format="multipart")
    assert_validation_error(response, "channel")
    assert not Application.objects.exists()


@pytest.mark.parametrize("role", [Role.IU, Role.VETTING])
def test_gen_6_ops_1_only_help_centre_may_key_in(api, role):
    """GEN-6, OPS-1: an IU or a vetting officer keying in a paper application gets 403."""
    if role == Role.IU:
        client = as_bearer(login(api, UserFactory(role=role).login_name))
    else:
        client = as_bearer(staff_login(api, StaffFactory(role=role)))
    response = client.post(f"{API}/backoffice/applications/", paper_form(), format="multipart")
    assert response.status_code == 403, response.content
    assert response.json()["code"] == "not_permitted"
    assert not Application.objects.exists()
    assert not SupportingDocument.objects.exists()


# --- NFR-4: how bad input and refusals are reported --------------------------------------


def assert_nothing_saved():
    assert not Application.objects.exists()
    assert not SupportingDocument.objects.exists()
    assert not AuditRecord.objects.exists()
    assert mail.outbox == []


def test_nfr_4_missing_fields_give_400_with_per_field_errors(api):
    """NFR-4, REG-2, REG-4: every missing field is named; nothing is saved."""
    response = api.post(f"{API}/applications/", {"surname": "Chan"}, format="multipart")
    body = assert_validation_error(
        response, "given_name", "id_document_type", "id_document_number", "phone", "email"
    )
    assert "surname" not in body["errors"]
    assert_nothing_saved()


def test_nfr_4_reg_4_missing_proof_of_involvement_named_by_its_api_field(api):
    """REG-4: the error names the multipart field the client has to send."""
    response = submit(api, proof_of_involvement=None)
    assert_validation_error(response, "proof_of_involvement")
    assert_nothing_saved()


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("phone", "call me"),
        ("phone", "2477"),
        ("email", "not-an-email"),
        ("id_document_number", "A123456(7)"),  # wrong check digit
        ("id_document_type", "DRIVING_LICENCE"),
        ("cases", "DCPI 1234/2025"),  # not JSON
        ("cases", json.dumps([{"case_number": "1234", "party_type": "PLAINTIFF"}])),
    ],
)
def test_nfr_4_reg_2_malformed_particulars_give_400(api, field, value):
    """NFR-4, REG-2: a malformed phone, email, HKID, document type or case list is refused
    with an error on that field; nothing is saved."""
    response = submit(api, **{field: value})
    body = assert_validation_error(response)
    assert any(key == field or key.startswith(f"{field}-") for key in body["errors"]), body
    assert_nothing_saved()


def test_nfr_4_text_file_renamed_pdf_is_refused(api):
    """NFR-4, REG-4: the type is judged by content, not by the name or declared type."""
    fake = SimpleUploadedFile("proof.pdf", b"just some text\n", content_type="application/pdf")
    response = submit(api, proof_of_involvement=fake)
    body = assert_validation_error(response, "proof_of_involvement")
    assert "PDF" in body["errors"]["proof_of_involvement"][0]
    assert_nothing_saved()


def test_nfr_4_upload_over_10_mb_is_refused_and_10_mb_accepted(api):
    """NFR-4: the limit is 10 MB; one byte over is refused, exactly 10 MB is accepted."""
    limit = 10 * 1024 * 1024
    big = SimpleUploadedFile(
        "big.pdf", PDF_BYTES + b"0" * (limit + 1 - len(PDF_BYTES)), "application/pdf"
    )
    response = submit(api, proof_of_involvement=big)
    body = assert_validation_error(response, "proof_of_involvement")
    assert "10" in body["errors"]["proof_of_involvement"][0]
    assert_nothing_saved()
    just_right = SimpleUploadedFile(
        "ok.pdf", PDF_BYTES + b"0" * (limit - len(PDF_BYTES)), "application/pdf"
    )
    assert submit(api, proof_of_involvement=just_right).status_code == 201


def test_nfr_4_oversized_supplementary_document_is_refused(api, monkeypatch):
    """NFR-4, REG-8: the same limit for a supplement; the application stays as it was."""
    monkeypatch.setattr(policy, "UPLOAD_MAX_BYTES", 1024)
    token = submit(api).json()["access_token"]
    application = Application.objects.get()
    vetting = staff_client(api, Role.VETTING)
    vetting.post(
        f"{API}/backoffice/applications/{application.pk}/request-information/",
        {"message": "Send the writ."},
        format="json",
    )
    big = SimpleUploadedFile("writ.pdf", PDF_BYTES + b"0" * 2048, "application/pdf")
    response = APIClient().post(
        f"{API}/applications/by-token/{token}/supplement/",
        {"answer": "Here.", "documents": [big]},
        format="multipart",
    )
    assert_validation_error(response, "documents")
    application.refresh_from_db()
    assert application.status == ApplicationStatus.INFO_REQUESTED
    assert application.documents.count() == 1


def test_reg_5_duplicate_identity_document_refused_with_409(api):
    """REG-5: a second application on the same document, however it is written, is refused."""
    hkid = new_hkid()
    assert submit(api, id_document_number=hkid).status_code == 201
    mail.outbox.clear()
    audit_count = AuditRecord.objects.count()
    written_differently = f"{hkid[:-1].lower()}({hkid[-1]})"
    response = submit(api, id_document_number=written_differently, email="other@example.com")
    assert response.status_code == 409, response.content
    body = response.json()
    assert body["code"] == "duplicate_identity_document"
    assert body["errors"]["id_document_number"]
    assert Application.objects.count() == 1
    assert AuditRecord.objects.count() == audit_count
    assert mail.outbox == []


def test_reg_5_live_iu_account_blocks_new_application(api):
    """REG-5: a live IU account holds the document as well."""
    holder = UserFactory()
    response = submit(api, id_document_number=holder.id_document_number)
    assert response.status_code == 409
    assert response.json()["code"] == "duplicate_identity_document"
    assert_nothing_saved()


def test_act_1_unknown_login_name_on_activation_is_refused(api):
    """ACT-1: an unknown login name gets the same refusal as wrong particulars."""
    response = api.post(
        f"{API}/accounts/activate/",
        activation_body("iu00000000", "ABCDE-FGHJK-LMNPQ-RSTUV-WXYZ2-34567"),
        format="json",
    )
    assert response.status_code == 400
    assert response.json()["code"] == "activation_refused"
    assert not User.objects.filter(status=AccountStatus.ACTIVE, role=Role.IU).exists()


def test_act_1_activation_missing_fields_named(api):
    """ACT-1: surname, given name and telephone number are all asked for."""
    response = api.post(f"{API}/accounts/activate/", {"login_name": "iu00000000"}, format="json")
    assert_validation_error(
        response, "activation_code", "surname", "given_name", "phone", "password"
    )


def test_auth_3_wrong_password_is_401_with_code(api):
    """AUTH-3: a failed login is 401 with a stable code, and no token is issued."""
    user = UserFactory()
    response = api.post(
        f"{API}/auth/login/",
        {"login_name": user.login_name, "password": "wrong-password-1"},
        format="json",
    )
    assert response.status_code == 401
    assert response.json()["code"] == "login_refused"
    assert not ApiToken.objects.exists()


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("get", "/backoffice/applications/"),
        ("get", "/backoffice/applications/?queue=authentication"),
        ("post", "/backoffice/applications/{pk}/in-order/"),
        ("post", "/backoffice/applications/{pk}/authenticate/"),
        ("post", "/backoffice/password-resets/"),
        ("get", "/backoffice/applications/{pk}/"),
    ],
)
def test_ops_1_staff_endpoint_called_by_iu_is_403(api, method, path):
    """OPS-1: an IU holds no staff capability: 403 with code not_permitted, before and
    whatever the body says (an empty one here)."""
    application = Application.objects.get(reference=submit(api).json()["reference"])
    client = as_bearer(login(api, UserFactory().login_name))
    url = f"{API}{path.format(pk=application.pk)}"
    response = client.get(url) if method == "get" else client.post(url, {}, format="json")
    assert response.status_code == 403, response.content
    assert response.json()["code"] == "not_permitted"
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SUBMITTED


def test_ops_1_vetting_officer_cannot_record_identity_authentication(api):
    """OPS-1, IDA-2: only the Help Centre records identity authentication."""
    application = Application.objects.get(reference=submit(api).json()["reference"])
    vetting = staff_client(api, Role.VETTING)
    vetting.post(f"{API}/backoffice/applications/{application.pk}/in-order/")
    response = vetting.post(
        f"{API}/backoffice/applications/{application.pk}/authenticate/",
        in_person_authentication(application),
        format="json",
    )
    assert response.status_code == 403
    assert response.json()["code"] == "not_permitted"
    application.refresh_from_db()
    assert application.status == ApplicationStatus.AWAITING_AUTHENTICATION


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("get", "/me/"),
        ("post", "/auth/logout/"),
        ("get", "/backoffice/applications/"),
        ("post", "/backoffice/applications/1/in-order/"),
        ("post", "/backoffice/password-resets/"),
    ],
)
def test_nfr_3_unauthenticated_call_is_401(api, method, path):
    """NFR-3: no credentials, or a bearer token that was never issued, is 401 (not a
    redirect to the login page)."""
    response = getattr(api, method)(f"{API}{path}")
    assert response.status_code == 401, response.content
    assert response.json()["code"] == "not_authenticated"
    assert response["WWW-Authenticate"] == "Bearer"
    response = getattr(as_bearer("made-up-token"), method)(f"{API}{path}")
    assert response.status_code == 401
    assert response.json()["code"] == "authentication_failed"


def test_reg_8_wrong_state_transition_is_409(api):
    """REG-8, IDA-2: marking in order twice, supplementing unasked and authenticating an
    application that is not in order are refused with 409 invalid_state."""
    submitted = submit(api).json()
    application = Application.objects.get(reference=submitted["reference"])
    vetting = staff_client(api, Role.VETTING)
    help_centre = staff_client(api, Role.HELP_CENTRE)

    response = APIClient().post(
        f"{API}/applications/by-token/{submitted['access_token']}/supplement/",
        {"answer": "Unasked."},
        format="multipart",
    )
    assert response.status_code == 409
    assert response.json()["code"] == "invalid_state"

    response = help_centre.post(
        f"{API}/backoffice/applications/{application.pk}/authenticate/",
        in_person_authentication(application),
        format="json",
    )
    assert response.status_code == 409
    assert response.json()["code"] == "invalid_state"
    assert not User.objects.filter(role=Role.IU).exists()

    in_order = f"{API}/backoffice/applications/{application.pk}/in-order/"
    assert vetting.post(in_order).status_code == 200
    audit_count = AuditRecord.objects.count()
    response = vetting.post(in_order)
    assert response.status_code == 409
    assert response.json()["code"] == "invalid_state"
    response = vetting.post(
        f"{API}/backoffice/applications/{application.pk}/reject/",
        {"reasons": "Too late."},
        format="json",
    )
    assert response.status_code == 409
    assert AuditRecord.objects.count() == audit_count
    application.refresh_from_db()
    assert application.status == ApplicationStatus.AWAITING_AUTHENTICATION


def test_reg_8_unknown_application_and_tampered_token_are_404(api):
    """REG-8: a tampered access token or an unknown application id is 404 not_found, for
    reading and for every vetting or counter action."""
    token = submit(api).json()["access_token"]
    response = api.get(f"{API}/applications/by-token/{token[:-2]}xx/")
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"
    response = api.post(f"{API}/applications/by-token/{token[:-2]}xx/supplement/", {"answer": "x"})
    assert response.status_code == 404
    vetting = staff_client(api, Role.VETTING)
    help_centre = staff_client(api, Role.HELP_CENTRE)
    unknown = f"{API}/backoffice/applications/999999"
    for client, method, url, body in [
        (vetting, "get", f"{unknown}/", None),
        (vetting, "post", f"{unknown}/in-order/", {}),
        (vetting, "post", f"{unknown}/request-information/", {"message": "Which court?"}),
        (vetting, "post", f"{unknown}/reject/", {"reasons": "No proof."}),
        (
            help_centre,
            "post",
            f"{unknown}/authenticate/",
            {
                "counter": "HELP_CENTRE",
                "mode": "IN_PERSON",
                "presented_document_type": "HKID",
                "presented_document_number": new_hkid(),
            },
        ),
    ]:
        if method == "get":
            response = client.get(url)
        else:
            response = client.post(url, body, format="json")
        assert response.status_code == 404, (url, response.content)
        assert response.json()["code"] == "not_found"


def test_reg_8_vetting_queue_is_paginated_earliest_due_first(api):
    """REG-8: the queue is a paginated list, the earliest due first."""
    references = [submit(api).json()["reference"] for _ in range(3)]
    vetting = staff_client(api, Role.VETTING)
    first = vetting.get(f"{API}/backoffice/applications/", {"page_size": 2}).json()
    assert first["count"] == 3
    assert first["next"] and first["previous"] is None
    second = vetting.get(first["next"]).json()
    assert second["next"] is None
    got = [r["reference"] for r in first["results"] + second["results"]]
    assert got == references


# --- review fixes -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cases", "field"),
    [
        ([{"case_number": 5, "party_type": "PLAINTIFF"}], "cases-0-case_number"),
        ([{"case_number": True, "party_type": "PLAINTIFF"}], "cases-0-case_number"),
        ([{"case_number": {"n": 1}, "party_type": "PLAINTIFF"}], "cases-0-case_number"),
        ([{"case_number": "DCPI 1234/2025", "party_type": 5}], "cases-0-party_type"),
        ([{"case_number": "DCPI 1234/2025"}], "cases-0-party_type"),
        (
            [
                {"case_number": "DCPI 1234/2025", "party_type": "PLAINTIFF"},
                {"case_number": "DCPI 1235/2025", "party_type": ["PLAINTIFF"]},
            ],
            "cases-1-party_type",
        ),
    ],
)
def test_nfr_4_non_text_case_fields_give_400_not_500(api, cases, field):
    """NFR-4: each case is checked as the schema describes it; the error names the row."""
    response = submit(api, cases=json.dumps(cases))
    assert_validation_error(response, field)
    assert_nothing_saved()


def test_nfr_4_at_most_ten_cases(api):
    """NFR-4: ten cases at most, as on the application form."""
    cases = [{"case_number": f"DCPI {n}/2025", "party_type": "PLAINTIFF"} for n in range(1, 12)]
    response = submit(api, cases=json.dumps(cases))
    assert_validation_error(response, "cases")
    assert_nothing_saved()
    response = submit(api, cases=json.dumps(cases[:10]))
    assert response.status_code == 201, response.content
    assert Application.objects.get().cases.count() == 10


def test_reg_1_api_other_person_lists_cases_as_not_a_party(api):
    """REG-1: another person with good reason is not a party in the cases listed."""
    other = {"eligibility": "OTHER", "eligibility_reason": "Leave of the Court."}
    response = submit(api, **other)  # the default case says PLAINTIFF
    assert_validation_error(response, "cases-0-party_type")
    assert_nothing_saved()
    not_a_party = json.dumps([{"case_number": "DCPI 77/2026", "party_type": "NOT_A_PARTY"}])
    response = submit(api, cases=not_a_party)
    assert_validation_error(response, "cases-0-party_type")
    assert_nothing_saved()
    response = submit(api, cases=not_a_party, **other)
    assert response.status_code == 201, response.content


def test_gen_6_reg_8_keyed_in_application_needs_the_date_received(api):
    """GEN-6: the date the court received the paper application is required and not in the
    future; vetting is due 3 working days after it (REG-8)."""
    client = staff_client(api, Role.HELP_CENTRE)
    url = f"{API}/backoffice/applications/"
    response = client.post(url, paper_form(received_on=None), format="multipart")
    assert_validation_error(response, "received_on")
    tomorrow = local_today() + timedelta(days=1)
    response = client.post(url, paper_form(received_on=tomorrow.isoformat()), format="multipart")
    assert_validation_error(response, "received_on")
    assert_nothing_saved()

    received = local_today() - timedelta(days=7)
    response = client.post(url, paper_form(received_on=received.isoformat()), format="multipart")
    assert response.status_code == 201, response.content
    application = Application.objects.get()
    assert application.received_on == received
    assert application.due_date == add_working_days(received, 3)
    assert response.json()["due_date"] == str(application.due_date)
    detail = client.get(f"{API}/backoffice/applications/{application.pk}/").json()
    assert date.fromisoformat(detail["received_on"]) == received


def test_nfr_3_staff_download_a_supporting_document(api):
    """NFR-3: the document the back office page offers is also in the API, with the same
    protective headers; only staff who see applications may read it."""
    submit(api, proof_of_involvement=pdf("writ of summons.pdf"))
    document = SupportingDocument.objects.get()
    url = f"{API}/backoffice/documents/{document.pk}/"
    for role in (Role.VETTING, Role.HELP_CENTRE):
        client = staff_client(api, role)
        response = client.get(url, HTTP_ACCEPT="application/pdf")
        assert response.status_code == 200, response.content
        assert b"".join(response.streaming_content) == PDF_BYTES
        assert response["Content-Type"] == "application/pdf"
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Content-Security-Policy"] == "sandbox"
        assert 'filename="writ of summons.pdf"' in response["Content-Disposition"]

    response = as_bearer(login(api, UserFactory().login_name)).get(url)
    assert response.status_code == 403
    assert response.json()["code"] == "not_permitted"
    response = APIClient().get(url)
    assert response.status_code == 401
    response = staff_client(api, Role.VETTING).get(f"{API}/backoffice/documents/999999/")
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


def test_reg_3_api_shows_the_filing_deadline_of_a_prospective_litigant(api):
    """REG-3: the applicant's view carries the date by which to file an e-proceeding."""
    response = submit(
        api,
        cases=None,
        proof_of_involvement=None,
        prospective_litigant="true",
        draft_originating_document=pdf("draft-writ.pdf"),
    )
    token = response.json()["access_token"]
    assert response.json()["filing_deadline"] is None
    application = Application.objects.get()
    vetting = staff_client(api, Role.VETTING)
    vetting.post(f"{API}/backoffice/applications/{application.pk}/in-order/")
    response = staff_client(api, Role.HELP_CENTRE).post(
        f"{API}/backoffice/applications/{application.pk}/authenticate/",
        in_person_authentication(application),
        format="json",
    )
    assert response.status_code == 200, response.content
    application.refresh_from_db()
    assert application.filing_deadline is not None
    assert response.json()["filing_deadline"] == str(application.filing_deadline)
    status = APIClient().get(f"{API}/applications/by-token/{token}/").json()
    assert status["filing_deadline"] == str(application.filing_deadline)


def test_nfr_3_api_errors_outside_any_view_are_json_too(client):
    """A malformed id never reaches a view: the answer is still the API's error body."""
    response = client.get("/api/v1/backoffice/applications/not-a-number/")
    assert response.status_code == 404
    assert response.json() == {"code": "not_found", "detail": "Not found."}
    page = client.get("/no-such-page/")
    assert page.status_code == 404 and "<html" in page.content.decode()


# --- NFR-4: input the parsers refuse is bad input (400), never a server error ----------------

DEEPLY_NESTED_JSON = "[" * 100_000


def test_nfr_4_deeply_nested_json_on_login_is_400_not_500(api):
    """NFR-4: JSON nested deeper than the decoder goes is refused as bad input."""
    response = api.post(f"{API}/auth/login/", DEEPLY_NESTED_JSON, content_type="application/json")
    assert response.status_code == 400, response.content
    assert response.json() == {
        "code": "parse_error",
        "detail": "The JSON in the request is nested too deeply.",
    }
    assert not ApiToken.objects.exists()


def test_nfr_4_deeply_nested_json_in_cases_is_400_not_500(api):
    """NFR-4, REG-2: `cases` is a JSON string inside the multipart body; too deep is bad
    input on that field, and so is too long (10 cases fit in far less than 5,000
    characters)."""
    response = submit(api, cases="[" * 2_400 + "]" * 2_400)  # deeper than the JSON reader goes
    body = assert_validation_error(response, "cases")
    assert body["errors"]["cases"] == ["Give the cases as a JSON list of objects."]
    response = submit(api, cases=DEEPLY_NESTED_JSON)
    body = assert_validation_error(response, "cases")
    assert body["errors"]["cases"] == ["Ensure this field has no more than 5000 characters."]
    assert_nothing_saved()


def test_nfr_4_ida_1_nul_in_authentication_queue_search_is_400_not_500(api):
    """NFR-4, IDA-1: PostgreSQL refuses a NUL in a query; the API refuses it first, naming q."""
    client = staff_client(api, Role.HELP_CENTRE)
    response = client.get(f"{API}/backoffice/applications/?queue=authentication&q=%00")
    body = assert_validation_error(response, "q")
    assert body["errors"]["q"] == ["Null characters are not allowed."]


def test_nfr_4_ida_1_nul_in_authentication_queue_page_search_is_not_an_error(client):
    """NFR-4, IDA-1: the page's search form refuses the NUL and shows the queue; the
    selector itself never sends a NUL to the database."""
    officer = StaffFactory(role=Role.HELP_CENTRE)
    client.force_login(officer)
    response = client.get("/backoffice/authentication/?q=%00")
    assert response.status_code == 200
    assert not selectors.authentication_queue(actor=officer, search="IU\x00").exists()


def test_nfr_4_too_many_form_fields_is_json_400(api, settings):
    """NFR-4: more fields than DATA_UPLOAD_MAX_NUMBER_FIELDS: the API's error body, not
    Django's HTML 400 page."""
    body = "&".join(f"field{n}=1" for n in range(settings.DATA_UPLOAD_MAX_NUMBER_FIELDS + 1))
    response = api.post(
        f"{API}/auth/login/", body, content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert response.json() == {
        "code": "too_many_fields",
        "detail": "The request has more fields than the portal accepts.",
    }


def test_nfr_4_text_over_data_upload_max_memory_size_is_json_400(api, settings):
    """NFR-4: a JSON body over DATA_UPLOAD_MAX_MEMORY_SIZE: the API's error body."""
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1024
    body = json.dumps({"login_name": "iu00000000", "password": "x" * 2048})
    response = api.post(f"{API}/auth/login/", body, content_type="application/json")
    assert response.status_code == 400
    assert response.json() == {
        "code": "request_too_large",
        "detail": "The request carries more text than the portal accepts.",
    }


def test_nfr_4_malformed_request_outside_any_view_is_json_400(client, settings):
    """NFR-4: Django's own refusals before any view (here a host not allowed) answer an API
    client in the API's error body."""
    settings.DEBUG = False
    response = client.get(f"{API}/me/", HTTP_HOST="elsewhere.example")
    assert response.status_code == 400
    assert response.json() == {"code": "bad_request", "detail": "The request could not be read."}
    page = client.get("/", HTTP_HOST="elsewhere.example")
    assert page.status_code == 400 and "<html" in page.content.decode()


# --- NFR-3: every answer under /api/ is the API's, in the language asked for --------------


@pytest.mark.parametrize("debug", [False, True])
@pytest.mark.parametrize("path", ["/api/v1/no-such-operation/", "/api/v2/", "/api/v1/me"])
def test_nfr_3_unknown_api_path_is_json_404_in_every_mode(client, settings, debug, path):
    """NFR-3: an unknown path under /api/ is the API's 404 body, in developer mode too (not
    Django's debug page), and without a redirect to add a slash."""
    settings.DEBUG = debug
    for response in (client.get(path), client.post(path, {}, content_type="application/json")):
        assert response.status_code == 404
        assert response.json() == {"code": "not_found", "detail": "Not found."}


def test_nfr_1_nfr_3_api_errors_in_the_language_of_accept_language(api):
    """NFR-1, NFR-3: /api/ is outside the language-prefixed pages; Accept-Language chooses the
    language of the messages, and the answer says which it is."""
    response = api.get(f"{API}/no-such-operation/", HTTP_ACCEPT_LANGUAGE="zh-hant")
    assert response.json() == {"code": "not_found", "detail": "找不到紀錄。"}
    assert response["Content-Language"] == "zh-hant"
    response = api.post(
        f"{API}/auth/login/",
        {"login_name": "iu00000000"},
        format="json",
        HTTP_ACCEPT_LANGUAGE="zh-HK,zh;q=0.9,en;q=0.5",
    )
    assert response.status_code == 400
    assert response.json()["detail"] == "請更正以下錯誤。"
    response = api.post(
        f"{API}/auth/login/",
        DEEPLY_NESTED_JSON,
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE="zh-hant",
    )
    assert response.json()["detail"] == "要求中的JSON嵌套層數過多。"
    response = api.get(f"{API}/no-such-operation/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.json()["detail"] == "Not found."
    assert response["Content-Language"] == "en"
