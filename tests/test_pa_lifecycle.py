"""A PA's activation with the Organization Code (ACT-4, AUTH-2), its replacement and its end on
the organization's request (ORG-8), and what that means for the organization's SAs and OUs."""

import re

import pytest
from django.core import mail
from django.urls import reverse
from rest_framework.test import APIClient

from accounts.models import AccountStatus, ActivationCode, User
from accounts.services import ActivationRefused, api_token_issue
from accounts.services import account_activate as accounts_activate
from organizations.limits import LimitReached
from organizations.models import OrganizationStatus
from organizations.services import account_activate, primary_administrator_terminate
from registration import services
from registration.models import ApplicationStatus
from tests.factories import (
    PASSWORD,
    OrganizationAccountFactory,
    OrganizationFactory,
    in_person_authentication,
    submit_pa_application,
    submit_replacement_application,
)

pytestmark = pytest.mark.django_db(transaction=True)

NEW_PASSWORD = "Harbour-View-2026"
ONE_TIME_CODE_RE = re.compile(r"\b[A-Z2-9]{5}(?:-[A-Z2-9]{5}){5}\b")
ORGANIZATION_CODE_SHOWN_RE = re.compile(
    r"^Organization Code of .+: ([0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5})$", re.MULTILINE
)
TERMINATION = {"channel": "EMAIL", "reasons": "The holder left the firm; asked by the partner."}


def _authenticate(application, vetting_officer, help_centre_officer):
    services.application_mark_in_order(actor=vetting_officer, application_id=application.pk)
    services.identity_authentication_record(
        actor=help_centre_officer,
        application_id=application.pk,
        **in_person_authentication(application),
    )
    application.refresh_from_db()
    return application


def _from_the_email(account):
    [email] = [m for m in mail.outbox if account.email in m.to and "activat" in m.body.lower()][-1:]
    return {
        "login_name": account.login_name,
        "activation_code": ONE_TIME_CODE_RE.findall(email.body)[0],
        "organization_code": ORGANIZATION_CODE_SHOWN_RE.findall(email.body)[0],
        "surname": account.surname,
        "given_name": account.given_name,
        "phone": account.phone,
        "password": NEW_PASSWORD,
        "password_confirm": NEW_PASSWORD,
    }


@pytest.fixture
def pending_pa(vetting_officer, help_centre_officer):
    """A PA application authenticated: the organization exists, not in service, and the PA's
    account waits for activation."""
    application = _authenticate(submit_pa_application(), vetting_officer, help_centre_officer)
    return application.account


def _can_log_in(account, password=PASSWORD) -> bool:
    response = APIClient().post(
        "/api/v1/auth/login/",
        {
            "organization_code": account.organization.code if account.organization_id else "",
            "login_name": account.login_name,
            "password": password,
        },
        format="json",
    )
    return response.status_code == 200


# --- ACT-4 ----------------------------------------------------------------------------------


def test_act_4_a_pa_activates_with_the_organization_code_and_the_organization_is_in_service(
    pending_pa,
):
    values = _from_the_email(pending_pa)
    organization = pending_pa.organization
    # Typed forgivingly: lower case, spaces for the dash.
    values["organization_code"] = values["organization_code"].lower().replace("-", " ")
    account_activate(**values)
    pending_pa.refresh_from_db()
    organization.refresh_from_db()
    assert pending_pa.status == AccountStatus.ACTIVE
    assert organization.status == OrganizationStatus.ACTIVE
    assert _can_log_in(pending_pa, NEW_PASSWORD)


@pytest.mark.parametrize("code", ["", "0000000000", "WRONGCODE1", None])
def test_act_4_a_wrong_organization_code_is_answered_as_wrong_particulars(pending_pa, code):
    values = _from_the_email(pending_pa)
    values["organization_code"] = code or ""
    with pytest.raises(ActivationRefused) as wrong_code:
        account_activate(**values)
    values = _from_the_email(pending_pa)
    with pytest.raises(ActivationRefused) as wrong_name:
        account_activate(**{**values, "surname": "Someone"})
    assert (wrong_code.value.code, str(wrong_code.value.message)) == (
        wrong_name.value.code,
        str(wrong_name.value.message),
    )
    pending_pa.refresh_from_db()
    pending_pa.organization.refresh_from_db()
    assert pending_pa.status == AccountStatus.PENDING_ACTIVATION
    assert pending_pa.organization.status == OrganizationStatus.NO_ACTIVE_PA
    # Both count against the activation code, as wrong particulars do.
    assert ActivationCode.objects.get(user=pending_pa).failed_attempts == 2


def test_act_4_another_organizations_code_does_not_activate(pending_pa):
    other = OrganizationFactory()
    values = _from_the_email(pending_pa)
    with pytest.raises(ActivationRefused):
        account_activate(**{**values, "organization_code": other.code})


def test_act_4_an_sa_or_ou_activates_with_its_organizations_code(help_centre_officer):
    """The same activation serves the SA and OU accounts a PA creates."""
    for role in ("SA", "OU"):
        account = OrganizationAccountFactory(
            role=role, status=AccountStatus.PENDING_ACTIVATION, email=f"{role}@example.com"
        )
        from accounts.services import activation_code_issue

        code = activation_code_issue(user=account, actor=help_centre_officer)
        values = {
            "login_name": account.login_name,
            "activation_code": code,
            "surname": account.surname,
            "given_name": account.given_name,
            "phone": account.phone,
            "password": NEW_PASSWORD,
            "password_confirm": NEW_PASSWORD,
        }
        with pytest.raises(ActivationRefused):
            account_activate(**values)  # no code
        account_activate(**values, organization_code=account.organization.code)
        account.refresh_from_db()
        assert account.status == AccountStatus.ACTIVE


def test_act_4_an_iu_account_has_no_code_and_ignores_one(help_centre_officer):
    from accounts.services import activation_code_issue
    from tests.factories import UserFactory

    user = UserFactory(status=AccountStatus.PENDING_ACTIVATION)
    code = activation_code_issue(user=user, actor=help_centre_officer)
    accounts_activate(
        login_name=user.login_name,
        activation_code=code,
        surname=user.surname,
        given_name=user.given_name,
        phone=user.phone,
        password=NEW_PASSWORD,
        password_confirm=NEW_PASSWORD,
        organization_code="ANYTHING",
    )
    user.refresh_from_db()
    assert user.status == AccountStatus.ACTIVE


def test_act_4_the_activation_page_asks_for_the_code_and_activates_a_pa(client, pending_pa):
    page = client.get(reverse("activation:activate") + f"?login_name={pending_pa.login_name}")
    assert b'id="id_organization_code"' in page.content
    values = _from_the_email(pending_pa)
    wrong = client.post(
        reverse("activation:activate"), {**values, "organization_code": "0000000000"}
    )
    assert wrong.status_code == 200
    assert b"error-summary" in wrong.content
    response = client.post(reverse("activation:activate"), values)
    assert response.status_code == 302
    pending_pa.organization.refresh_from_db()
    assert pending_pa.organization.status == OrganizationStatus.ACTIVE


def test_act_4_the_activation_api_takes_the_code(pending_pa):
    values = _from_the_email(pending_pa)
    api = APIClient()
    wrong = api.post(
        "/api/v1/accounts/activate/", {**values, "organization_code": "0000000000"}, format="json"
    )
    assert wrong.status_code == 400
    assert wrong.json()["code"] == "activation_refused"
    response = api.post("/api/v1/accounts/activate/", values, format="json")
    assert response.status_code == 200, response.json()
    assert response.json()["role"] == "PA"
    pending_pa.organization.refresh_from_db()
    assert pending_pa.organization.status == OrganizationStatus.ACTIVE


# --- ORG-8: termination ---------------------------------------------------------------------


@pytest.fixture
def organization_in_service():
    organization = OrganizationFactory()
    pa = OrganizationAccountFactory(role="PA", organization=organization, login_name="pa10000001")
    sa = OrganizationAccountFactory(role="SA", organization=organization, login_name="sa10000001")
    ou = OrganizationAccountFactory(role="OU", organization=organization, login_name="ou10000001")
    return organization, pa, sa, ou


def test_org_8_ending_the_last_pa_stops_the_sas_and_ous(
    help_centre_officer, organization_in_service
):
    organization, pa, sa, ou = organization_in_service
    sa_key, _token = api_token_issue(user=sa)
    ou_key, _token = api_token_issue(user=ou)
    assert _can_log_in(sa) and _can_log_in(ou)

    primary_administrator_terminate(
        actor=help_centre_officer, login_name=pa.login_name, **TERMINATION
    )
    pa.refresh_from_db()
    organization.refresh_from_db()
    assert pa.status == AccountStatus.TERMINATED
    assert organization.status == OrganizationStatus.NO_ACTIVE_PA

    # Refused as a wrong password would be, on the API and on the page, with the right code.
    code = organization.code
    wrong_password = APIClient().post(
        "/api/v1/auth/login/",
        {"organization_code": code, "login_name": sa.login_name, "password": "Not-The-Password-1"},
    )
    for holder in (sa, ou):
        answer = APIClient().post(
            "/api/v1/auth/login/",
            {"organization_code": code, "login_name": holder.login_name, "password": PASSWORD},
        )
        assert (answer.status_code, answer.json()) == (
            wrong_password.status_code,
            wrong_password.json(),
        )
    from django.test import Client

    page = Client().post(
        reverse("accounts:login"),
        {"organization_code": code, "login_name": ou.login_name, "password": PASSWORD},
    )
    wrong_page = Client().post(
        reverse("accounts:login"),
        {"organization_code": code, "login_name": ou.login_name, "password": "Not-The-Password-1"},
    )
    assert page.status_code == wrong_page.status_code == 200
    assert page.context["form"].errors == wrong_page.context["form"].errors
    # Their API tokens stop working.
    for key in (sa_key, ou_key):
        api = APIClient()
        api.credentials(HTTP_AUTHORIZATION=f"Bearer {key}")
        assert api.get("/api/v1/me/").status_code == 401


def test_org_8_while_another_pa_is_active_the_organization_stays_in_service(
    help_centre_officer, organization_in_service
):
    organization, pa, sa, ou = organization_in_service
    OrganizationAccountFactory(role="PA", organization=organization)
    primary_administrator_terminate(
        actor=help_centre_officer, login_name=pa.login_name, **TERMINATION
    )
    organization.refresh_from_db()
    assert organization.status == OrganizationStatus.ACTIVE
    assert _can_log_in(sa) and _can_log_in(ou)


def test_org_8_a_replacement_pa_activating_restores_the_service(
    vetting_officer, help_centre_officer, organization_in_service
):
    organization, pa, sa, ou = organization_in_service
    primary_administrator_terminate(
        actor=help_centre_officer, login_name=pa.login_name, **TERMINATION
    )
    assert not _can_log_in(sa)
    application = _authenticate(
        submit_replacement_application(organization), vetting_officer, help_centre_officer
    )
    new_pa = application.account
    assert (new_pa.role, new_pa.organization_id) == ("PA", organization.pk)
    organization.refresh_from_db()
    assert organization.status == OrganizationStatus.NO_ACTIVE_PA  # not before it activates
    account_activate(**_from_the_email(new_pa))
    organization.refresh_from_db()
    assert organization.status == OrganizationStatus.ACTIVE
    assert _can_log_in(sa) and _can_log_in(ou)


def test_org_8_termination_needs_the_reasons_and_the_channel(
    help_centre_officer, organization_in_service
):
    organization, pa, sa, ou = organization_in_service
    with pytest.raises(Exception) as refused:
        primary_administrator_terminate(
            actor=help_centre_officer, login_name=pa.login_name, channel="PIGEON", reasons=" "
        )
    assert sorted(refused.value.errors) == ["channel", "reasons"]
    pa.refresh_from_db()
    assert pa.status == AccountStatus.ACTIVE


def test_org_8_only_the_help_centre_records_a_termination(vetting_officer, organization_in_service):
    organization, pa, sa, ou = organization_in_service
    for actor in (vetting_officer, pa, sa):
        api = APIClient()
        api.force_authenticate(actor)
        response = api.post(
            "/api/v1/backoffice/primary-administrator-terminations/",
            {"login_name": pa.login_name, **TERMINATION},
            format="json",
        )
        assert response.status_code == 403
    pa.refresh_from_db()
    assert pa.status == AccountStatus.ACTIVE


def test_org_8_termination_through_the_api(help_centre_officer, organization_in_service):
    organization, pa, sa, ou = organization_in_service
    api = APIClient()
    api.force_authenticate(help_centre_officer)
    url = "/api/v1/backoffice/primary-administrator-terminations/"
    assert api.post(url, {"login_name": sa.login_name, **TERMINATION}).status_code == 404
    response = api.post(url, {"login_name": pa.login_name, **TERMINATION}, format="json")
    assert response.status_code == 200, response.json()
    assert response.json() == {
        "login_name": pa.login_name,
        "status": "TERMINATED",
        "organization_status": "NO_ACTIVE_PA",
    }
    again = api.post(url, {"login_name": pa.login_name, **TERMINATION}, format="json")
    assert again.status_code == 409


def test_org_8_termination_page_confirms_first(
    client, help_centre_officer, organization_in_service
):
    organization, pa, sa, ou = organization_in_service
    client.force_login(help_centre_officer)
    url = reverse("backoffice:terminate_primary_administrator")
    found = client.get(url + f"?login_name={pa.login_name}")
    assert organization.code_display.encode() in found.content
    asked = client.post(url, {"login_name": pa.login_name, **TERMINATION})
    assert asked.status_code == 200
    assert b'name="confirm"' in asked.content
    pa.refresh_from_db()
    assert pa.status == AccountStatus.ACTIVE
    done = client.post(url, {"login_name": pa.login_name, "confirm": "yes", **TERMINATION})
    assert done.status_code == 302
    pa.refresh_from_db()
    assert pa.status == AccountStatus.TERMINATED


# --- ORG-8: replacement ---------------------------------------------------------------------


def test_org_8_replacement_identifies_the_organization_by_code_and_name(organization_in_service):
    organization, pa, sa, ou = organization_in_service
    application = submit_replacement_application(
        organization,
        particulars={
            "organization_code": f"{organization.code[:5].lower()} {organization.code[5:]}",
            "organization_name": f"  {organization.name.upper()} ",
        },
    )
    assert application.application_type == "PA_REPLACEMENT"
    assert application.organization == organization
    assert application.replacement_reasons == "Our Primary Administrator has left the firm."
    assert re.fullmatch(r"PR\d{10}", application.reference)


@pytest.mark.parametrize(
    "wrong", [{"organization_code": "0000000000"}, {"organization_name": "Another Firm"}]
)
def test_org_8_a_wrong_code_or_name_gets_one_answer(organization_in_service, wrong):
    organization, pa, sa, ou = organization_in_service
    with pytest.raises(Exception) as refused:
        submit_replacement_application(organization, particulars=wrong)
    assert list(refused.value.errors) == ["organization_code"]
    assert str(refused.value.errors["organization_code"][0]).startswith(
        "No organization account has this Organization Code and name."
    )


def test_org_8_replacement_needs_reasons_and_the_authorization(organization_in_service):
    organization, pa, sa, ou = organization_in_service
    from tests.factories import pdf

    with pytest.raises(Exception) as refused:
        submit_replacement_application(
            organization,
            particulars={"replacement_reasons": ""},
            documents=[("SCANNED_FORM", pdf())],
        )
    assert sorted(refused.value.errors) == [
        "documents-AUTHORIZATION_LETTER",
        "replacement_reasons",
    ]


def test_org_3_a_replacement_beyond_two_live_pas_is_refused_at_authentication(
    vetting_officer, help_centre_officer, organization_in_service
):
    organization, pa, sa, ou = organization_in_service
    OrganizationAccountFactory(role="PA", organization=organization)
    application = submit_replacement_application(organization)
    services.application_mark_in_order(actor=vetting_officer, application_id=application.pk)
    with pytest.raises(LimitReached) as refused:
        services.identity_authentication_record(
            actor=help_centre_officer,
            application_id=application.pk,
            **in_person_authentication(application),
        )
    assert "at most 2 Primary Administrator accounts" in str(refused.value.message)
    application.refresh_from_db()
    assert application.status == ApplicationStatus.AWAITING_AUTHENTICATION
    assert User.objects.filter(organization=organization, role="PA").count() == 2
    # Once the organization's request to end the old PA is recorded, it goes through.
    primary_administrator_terminate(
        actor=help_centre_officer, login_name=pa.login_name, **TERMINATION
    )
    services.identity_authentication_record(
        actor=help_centre_officer,
        application_id=application.pk,
        **in_person_authentication(application),
    )
    application.refresh_from_db()
    assert application.status == ApplicationStatus.APPROVED


def test_org_8_the_replacement_page_and_api(client, organization_in_service):
    organization, pa, sa, ou = organization_in_service
    from tests.factories import particulars, pdf

    page = client.get(reverse("registration:apply_replacement"))
    assert b'name="organization_code"' in page.content
    data = particulars(
        email="ho.wingsze@example.com",
        organization_code=organization.code,
        organization_name=organization.name,
        replacement_reasons="The PA retired.",
    )
    response = client.post(
        reverse("registration:apply_replacement"),
        {**data, "authorization_letter": pdf()},
    )
    assert response.status_code == 302, response.context["form"].errors
    api_data = particulars(
        organization_code=organization.code,
        organization_name=organization.name,
        replacement_reasons="The PA retired.",
        organization=OrganizationFactory().pk,  # ignored: the code says which organization
    )
    answer = APIClient().post(
        "/api/v1/pa-replacement-applications/",
        {**api_data, "authorization_letter": pdf()},
        format="multipart",
    )
    assert answer.status_code == 201, answer.json()
    from registration.models import Application

    assert set(
        Application.objects.filter(application_type="PA_REPLACEMENT").values_list(
            "organization", flat=True
        )
    ) == {organization.pk}


def test_org_8_the_help_centre_keys_in_an_emailed_replacement_request(
    help_centre_officer, organization_in_service
):
    organization, pa, sa, ou = organization_in_service
    from tests.factories import particulars, pdf

    api = APIClient()
    api.force_authenticate(help_centre_officer)
    data = particulars(
        organization_code=organization.code,
        organization_name=organization.name,
        replacement_reasons="Asked by email by the managing partner.",
        channel="EMAIL",
        received_on="2026-01-05",
    )
    response = api.post(
        "/api/v1/backoffice/pa-replacement-applications/",
        {**data, "authorization_letter": pdf(), "scanned_application_form": pdf()},
        format="multipart",
    )
    assert response.status_code == 201, response.json()
