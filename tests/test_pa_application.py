"""The PA's application for an organization account and the organization's creation: REG-4,
REG-5 (IU only), REG-7, REG-9, IDA-4 and AUTH-2 for organizations."""

import re

import pytest
from django.core import mail
from django.urls import reverse
from rest_framework.test import APIClient

from accounts.models import AccountStatus, User
from organizations.models import Organization, OrganizationStatus
from registration import services
from registration.models import Application, ApplicationStatus, DocumentKind, ProposedCase
from registration.services import (
    DuplicateOrganizationApplication,
    OrganizationAlreadyRegistered,
    application_submit,
)
from tests.factories import (
    OrganizationFactory,
    UserFactory,
    authenticated,
    in_person_authentication,
    organization_particulars,
    pa_documents,
    pdf,
    submit_application,
    submit_pa_application,
)

pytestmark = [pytest.mark.django_db, pytest.mark.documents]

# REG-4 [A23], written out from the FAQ: who need not prove involvement in proceedings.
EXEMPT_TYPES = [
    "BAR_ASSOCIATION",
    "LAW_SOCIETY",
    "LAW_FIRM",
    "GOVERNMENT_DEPARTMENT",
    "LAW_ENFORCEMENT_AGENCY",
    "STATUTORY_BODY",
]
NOT_EXEMPT_TYPES = ["COMPANY", "UNINCORPORATED"]
CROCKFORD = set("0123456789ABCDEFGHJKMNPQRSTVWXYZ")
ONE_TIME_CODE_RE = re.compile(r"\b[A-Z2-9]{5}(?:-[A-Z2-9]{5}){5}\b")


def _counts():
    return (Application.objects.count(), Organization.objects.count(), User.objects.count())


# --- REG-7 ----------------------------------------------------------------------------------


def test_reg_7_pa_application_keeps_the_organization_and_the_pa_particulars():
    application = submit_pa_application(
        particulars={"organization_registration_document_number": " 12345678-000 "}
    )
    application.refresh_from_db()
    assert application.application_type == "PA"
    assert re.fullmatch(r"PA\d{10}", application.reference)
    assert application.status == ApplicationStatus.SUBMITTED
    assert application.organization_name == "Harbour & Peak Solicitors"
    assert application.organization_type == "LAW_FIRM"
    assert application.organization_registration_document_type == "BR"
    assert application.organization_registration_document_number == "12345678-000"
    assert application.organization_address.startswith("Room 1601")
    assert (application.surname, application.given_name) == ("Lee", "Ka Yan")
    assert application.organization is None  # created only on authentication (IDA-4)


@pytest.mark.parametrize(
    "field,message",
    [
        ("organization_name", "Enter the organization's name."),
        ("organization_type", "Choose the type of organization."),
        (
            "organization_registration_document_type",
            "Choose the type of the organization's registration document.",
        ),
        (
            "organization_registration_document_number",
            "Enter the number of the organization's registration document.",
        ),
        ("organization_address", "Enter the organization's address."),
        ("surname", "Enter your surname."),
        ("id_document_number", "Enter the identification document number."),
    ],
)
def test_reg_7_each_missing_particular_is_named_and_nothing_is_saved(field, message):
    before = _counts()
    with pytest.raises(Exception) as refused:
        submit_pa_application(particulars={field: ""})
    assert refused.value.errors[field] == [message]
    assert _counts() == before
    assert mail.outbox == []


def test_reg_7_a_government_department_without_registration_needs_no_number():
    application = submit_pa_application(
        particulars={
            "organization_type": "GOVERNMENT_DEPARTMENT",
            "organization_registration_document_type": "GOVERNMENT",
            "organization_registration_document_number": "",
        }
    )
    assert application.organization_registration_document_number == ""


def test_reg_7_one_pending_pa_application_per_registration_document():
    first = submit_pa_application()
    number = first.organization_registration_document_number
    before = _counts()
    with pytest.raises(DuplicateOrganizationApplication):
        submit_pa_application(
            particulars={
                "organization_registration_document_number": number,
                "email": "someone.else@example.com",
            }
        )
    assert _counts() == before


def test_reg_7_an_organization_with_an_account_asks_for_a_replacement_instead():
    organization = OrganizationFactory(registration_document_number="55667788")
    with pytest.raises(OrganizationAlreadyRegistered):
        submit_pa_application(
            particulars={
                "organization_registration_document_type": organization.registration_document_type,
                "organization_registration_document_number": "55667788",
            }
        )


def test_reg_5_is_for_iu_only_a_pa_may_also_hold_an_iu_account():
    """ORG-1: one person may be the PA of an organization and hold an IU account."""
    iu = UserFactory()
    application = submit_pa_application(
        particulars={
            "id_document_type": iu.id_document_type,
            "id_document_number": iu.id_document_number,
        }
    )
    assert application.pk
    # ...and apply for an IU account while a PA application with the same document is pending.
    pending = submit_pa_application()
    iu_application = submit_application(
        particulars={"id_document_number": pending.id_document_number}
    )
    assert iu_application.pk


# --- REG-4 ----------------------------------------------------------------------------------


@pytest.mark.parametrize("organization_type", EXEMPT_TYPES)
def test_reg_4_exempt_organization_types_need_no_proof_of_involvement(organization_type):
    application = submit_pa_application(particulars={"organization_type": organization_type})
    assert sorted(application.documents.values_list("kind", flat=True)) == [
        "AUTHORIZATION_LETTER",
        "ORGANIZATION_STATUS_PROOF",
    ]


@pytest.mark.parametrize("organization_type", NOT_EXEMPT_TYPES)
def test_reg_4_other_organizations_must_prove_involvement(organization_type):
    before = _counts()
    with pytest.raises(Exception) as refused:
        submit_pa_application(particulars={"organization_type": organization_type})
    assert list(refused.value.errors) == ["documents-PROOF_OF_INVOLVEMENT"]
    assert _counts() == before
    application = submit_pa_application(
        particulars={"organization_type": organization_type},
        documents=pa_documents(involvement=True),
    )
    assert application.documents.filter(kind=DocumentKind.PROOF_OF_INVOLVEMENT).exists()


@pytest.mark.parametrize("missing", ["AUTHORIZATION_LETTER", "ORGANIZATION_STATUS_PROOF"])
def test_reg_4_authorization_and_status_proof_are_always_required(missing):
    documents = [(kind, upload) for kind, upload in pa_documents() if kind != missing]
    before = _counts()
    with pytest.raises(Exception) as refused:
        submit_pa_application(documents=documents)
    assert list(refused.value.errors) == [f"documents-{missing}"]
    assert _counts() == before


def test_reg_4_a_paper_pa_application_carries_its_scanned_form(help_centre_officer):
    with pytest.raises(Exception) as refused:
        submit_pa_application(channel="POST", actor=help_centre_officer)
    assert list(refused.value.errors) == ["documents-SCANNED_FORM"]
    application = submit_pa_application(
        channel="POST",
        actor=help_centre_officer,
        documents=[*pa_documents(), (DocumentKind.SCANNED_APPLICATION_FORM, pdf("form.pdf"))],
    )
    assert application.keyed_in_by == help_centre_officer
    assert application.channel == "POST"


# --- REG-9 ----------------------------------------------------------------------------------


def test_reg_9_the_cases_listed_are_kept_and_none_is_required():
    assert submit_pa_application().cases.count() == 0
    application = submit_pa_application(
        cases=[
            {"case_number": "hca  1234/2025", "party_type": "DEFENDANT"},
            {"case_number": "DCCJ 88/2026", "party_type": "NOT_A_PARTY"},
        ]
    )
    assert list(
        ProposedCase.objects.filter(application=application)
        .order_by("pk")
        .values_list("case_number", "party_type")
    ) == [("HCA 1234/2025", "DEFENDANT"), ("DCCJ 88/2026", "NOT_A_PARTY")]


def test_reg_9_a_bad_case_number_is_refused_on_its_row():
    with pytest.raises(Exception) as refused:
        submit_pa_application(cases=[{"case_number": "1234", "party_type": "PLAINTIFF"}])
    assert list(refused.value.errors) == ["cases-0-case_number"]


# --- IDA-4, AUTH-2 --------------------------------------------------------------------------


def test_ida_4_authentication_creates_the_organization_and_opens_the_pa_account(
    vetting_officer, help_centre_officer, django_capture_on_commit_callbacks
):
    application = submit_pa_application()
    services.application_mark_in_order(actor=vetting_officer, application_id=application.pk)
    with django_capture_on_commit_callbacks(execute=True):
        services.identity_authentication_record(
            actor=help_centre_officer,
            application_id=application.pk,
            **in_person_authentication(application),
        )
    application.refresh_from_db()
    assert application.status == ApplicationStatus.APPROVED
    organization = application.organization
    assert organization.name == "Harbour & Peak Solicitors"
    assert organization.organization_type == "LAW_FIRM"
    assert organization.registration_document_number == (
        application.organization_registration_document_number
    )
    # ORG-8: not in service until its PA activates.
    assert organization.status == OrganizationStatus.NO_ACTIVE_PA
    account = application.account
    assert (account.role, account.status, account.organization) == (
        "PA",
        AccountStatus.PENDING_ACTIVATION,
        organization,
    )
    assert account.branch is None
    assert re.fullmatch(r"pa\d{8}", account.login_name)
    # The activation email carries the login name, the code and the Organization Code, shown
    # in two groups.
    [email] = mail.outbox
    assert account.login_name in email.body
    assert len(ONE_TIME_CODE_RE.findall(email.body)) == 1
    assert f"{organization.code[:5]}-{organization.code[5:]}" in email.body
    assert organization.name in email.body


def test_auth_2_organization_codes_are_unique_random_and_of_the_published_shape(
    vetting_officer, help_centre_officer
):
    codes = set()
    for n in range(3):
        application = submit_pa_application(
            particulars={"organization_name": "Same Name Ltd", "email": f"pa{n}@example.com"}
        )
        authenticated(
            application, vetting_officer=vetting_officer, help_centre_officer=help_centre_officer
        )
        application.refresh_from_db()
        code = application.organization.code
        # Ten characters of Crockford's base 32: about 50 bits, not a second login name.
        assert len(code) == 10 and set(code) <= CROCKFORD
        assert application.organization_registration_document_number not in code
        codes.add(code)
    assert len(codes) == 3


def test_auth_2_the_code_generator_does_not_repeat():
    from organizations.codes import organization_code_new

    drawn = [organization_code_new() for _ in range(5000)]
    assert len(set(drawn)) == 5000
    assert all(len(c) == 10 and set(c) <= CROCKFORD for c in drawn)
    # Every character position takes many values: nothing fixed or sequential.
    for position in range(10):
        assert len({c[position] for c in drawn}) == 32


# --- the pages and the API ------------------------------------------------------------------


def _organization_form(**overrides):
    values = organization_particulars()
    values.update(
        {
            "cases-TOTAL_FORMS": "3",
            "cases-INITIAL_FORMS": "0",
            "cases-0-case_number": "HCA 1234/2025",
            "cases-0-party_type": "DEFENDANT",
            "authorization_letter": pdf("resolution.pdf"),
            "organization_status_proof": pdf("br.pdf"),
        }
    )
    values.update(overrides)
    return values


def test_reg_7_the_public_apply_page_leads_to_the_organization_form(client):
    page = client.get(reverse("registration:apply"))
    assert reverse("registration:apply_organization").encode() in page.content
    form = client.get(reverse("registration:apply_organization"))
    assert form.status_code == 200
    for field in [
        "organization_name",
        "organization_type",
        "organization_registration_document_type",
        "organization_registration_document_number",
        "organization_address",
        "authorization_letter",
        "organization_status_proof",
        "proof_of_involvement",
        "cases-0-case_number",
    ]:
        assert f'name="{field}"'.encode() in form.content, field
    assert b'name="prospective_litigant"' not in form.content
    chinese = client.get("/zh-hant" + reverse("registration:apply_organization"))
    assert "申請機構帳戶".encode() in chinese.content


def test_reg_7_apply_online_through_the_page(client):
    response = client.post(reverse("registration:apply_organization"), _organization_form())
    assert response.status_code == 302, response.content.decode()[:3000]
    application = Application.objects.get()
    assert application.application_type == "PA"
    assert list(application.cases.values_list("case_number", flat=True)) == ["HCA 1234/2025"]


def test_reg_7_the_page_shows_the_errors_and_saves_nothing(client):
    response = client.post(
        reverse("registration:apply_organization"),
        _organization_form(organization_name="", organization_type="COMPANY"),
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    # Every problem at once: the form's own (the name) and the service's (a company's proof
    # of involvement, REG-4, not attached).
    assert list(errors) == ["organization_name", "proof_of_involvement"]
    assert not Application.objects.exists()


def test_reg_7_apply_through_the_api_ignores_fields_it_does_not_take():
    data = organization_particulars()
    data.update(
        {
            "cases": '[{"case_number": "HCA 1234/2025", "party_type": "DEFENDANT"}]',
            "authorization_letter": pdf("resolution.pdf"),
            "organization_status_proof": pdf("br.pdf"),
            # Mass assignment: none of these can be set by an applicant.
            "organization": "1",
            "status": "APPROVED",
            "role": "SYSTEM_ADMIN",
            "application_type": "IU",
        }
    )
    response = APIClient().post("/api/v1/organization-applications/", data, format="multipart")
    assert response.status_code == 201, response.json()
    application = Application.objects.get(reference=response.json()["reference"])
    assert application.application_type == "PA"
    assert application.status == ApplicationStatus.SUBMITTED
    assert application.organization is None
    assert application.cases.count() == 1


def test_reg_7_the_api_names_a_missing_document_by_its_field():
    data = organization_particulars(organization_type="COMPANY")
    data.update({"authorization_letter": pdf(), "organization_status_proof": pdf()})
    response = APIClient().post("/api/v1/organization-applications/", data, format="multipart")
    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["proof_of_involvement"]
    assert not Application.objects.exists()


def test_gen_6_the_help_centre_keys_in_a_paper_pa_application(client, help_centre_officer):
    client.force_login(help_centre_officer)
    page = client.get(reverse("backoffice:key_in_application") + "?type=PA")
    assert b'name="organization_name"' in page.content
    response = client.post(
        reverse("backoffice:key_in_application") + "?type=PA",
        _organization_form(
            channel="FAX",
            received_on="2026-01-05",
            scanned_application_form=pdf("scan.pdf"),
        ),
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    application = Application.objects.get()
    assert (application.application_type, application.channel) == ("PA", "FAX")


def test_gen_6_the_key_in_api_takes_a_pa_application(help_centre_officer):
    api = APIClient()
    api.force_authenticate(help_centre_officer)
    data = organization_particulars()
    data.update(
        {
            "channel": "HAND",
            "received_on": "2026-01-05",
            "authorization_letter": pdf(),
            "organization_status_proof": pdf(),
            "scanned_application_form": pdf(),
        }
    )
    response = api.post("/api/v1/backoffice/organization-applications/", data, format="multipart")
    assert response.status_code == 201, response.json()
    assert Application.objects.get().application_type == "PA"


def test_gen_6_reg_4_a_companys_paper_application_carries_all_four_documents(
    help_centre_officer,
):
    """A company proves its involvement as well (REG-4): with the scanned form, four files in
    one request, all kept (the limit was three, which refused this application whole)."""
    api = APIClient()
    api.force_authenticate(help_centre_officer)
    data = organization_particulars(organization_type="COMPANY")
    data.update(
        {
            "channel": "POST",
            "received_on": "2026-01-05",
            "authorization_letter": pdf("resolution.pdf"),
            "organization_status_proof": pdf("br.pdf"),
            "proof_of_involvement": pdf("writ.pdf"),
            "scanned_application_form": pdf("scan.pdf"),
        }
    )
    response = api.post("/api/v1/backoffice/organization-applications/", data, format="multipart")
    assert response.status_code == 201, response.json()
    assert Application.objects.get().documents.count() == 4


def test_reg_8_the_vetting_queue_and_page_show_the_type_and_the_organization(
    client, vetting_officer
):
    application = submit_pa_application()
    client.force_login(vetting_officer)
    queue = client.get(reverse("backoffice:vetting_queue")).content.decode()
    assert application.reference in queue
    assert "Organization account (Primary Administrator)" in queue
    assert "Harbour &amp; Peak Solicitors" in queue
    detail = client.get(reverse("backoffice:application_detail", args=[application.pk]))
    text = detail.content.decode()
    assert "Harbour &amp; Peak Solicitors" in text
    assert "Law firm registered with the Law Society" in text
    assert application.organization_registration_document_number in text
    assert "Letter of authorization or resolution authorizing the applicant" in text
    api = APIClient()
    api.force_authenticate(vetting_officer)
    data = api.get(f"/api/v1/backoffice/applications/{application.pk}/").json()
    assert data["application_type"] == "PA"
    assert data["organization_name"] == "Harbour & Peak Solicitors"
    assert data["organization_code"] is None


def test_reg_5_the_service_refuses_a_wrong_type():
    with pytest.raises(Exception) as refused:
        application_submit(
            particulars=organization_particulars(), cases=[], documents=[], application_type="XX"
        )
    assert list(refused.value.errors) == ["application_type"]


@pytest.mark.parametrize("received_on", ["0001-01-01", "1926-01-05"])
def test_gen_6_a_date_received_long_ago_is_a_typing_error(help_centre_officer, received_on):
    """More than two years before today: refused by name, nothing saved (0001-01-01 made an
    application overdue by two thousand years in the vetting queue)."""
    api = APIClient()
    api.force_authenticate(help_centre_officer)
    data = organization_particulars()
    data.update(
        {
            "channel": "HAND",
            "received_on": received_on,
            "authorization_letter": pdf(),
            "organization_status_proof": pdf(),
            "scanned_application_form": pdf(),
        }
    )
    response = api.post("/api/v1/backoffice/organization-applications/", data, format="multipart")
    assert response.status_code == 400
    assert response.json()["errors"]["received_on"] == [
        "The date received cannot be more than two years ago."
    ]
    assert not Application.objects.exists()
