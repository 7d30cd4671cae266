"""One table of transitions per kind of record (registration.transitions): it decides which
moves the services make, which buttons a page shows and when the API answers 409. The table
is written out here from REG-8 and IDA-1..4, so that a wrong entry fails."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from core.errors import InvalidTransition, NotFound, NotPermitted
from permissions.roles import Capability, Role
from registration import selectors, services
from registration.models import ApplicationStatus
from registration.transitions import APPLICATION_TRANSITIONS
from tests.factories import StaffFactory, in_person_authentication, submit_application

pytestmark = pytest.mark.django_db

S = ApplicationStatus
EXPECTED = {
    # action: (from-states, to-state, capability, reasons field)
    "request_information": (
        {S.SUBMITTED},
        S.INFO_REQUESTED,
        Capability.VET_APPLICATIONS,
        "message",
    ),
    "supplement": ({S.INFO_REQUESTED}, S.SUBMITTED, None, None),
    "mark_in_order": ({S.SUBMITTED}, S.AWAITING_AUTHENTICATION, Capability.VET_APPLICATIONS, None),
    "reject": ({S.SUBMITTED, S.INFO_REQUESTED}, S.REJECTED, Capability.VET_APPLICATIONS, "reasons"),
    "authenticate_identity": (
        {S.AWAITING_AUTHENTICATION},
        S.APPROVED,
        Capability.RECORD_IDENTITY_AUTHENTICATION,
        None,
    ),
    "expire_authentication": ({S.AWAITING_AUTHENTICATION}, S.REJECTED, None, None),
}


def test_reg_8_ida_the_application_moves_exactly_as_the_rules_say():
    declared = {
        t.action: (set(t.sources), t.target, t.capability, t.reasons_field)
        for t in APPLICATION_TRANSITIONS.transitions
    }
    assert declared == EXPECTED


def test_reg_8_decided_applications_cannot_move():
    for state in (S.APPROVED, S.REJECTED):
        assert APPLICATION_TRANSITIONS.actions_from(state) == []


def test_reg_8_reject_is_refused_once_in_order_with_409(vetting_officer):
    application = submit_application()
    services.application_mark_in_order(actor=vetting_officer, application_id=application.pk)
    with pytest.raises(InvalidTransition):
        services.application_reject(
            actor=vetting_officer, application_id=application.pk, reasons="Too late."
        )
    api = APIClient()
    api.force_authenticate(vetting_officer)
    response = api.post(
        f"/api/v1/backoffice/applications/{application.pk}/reject/",
        {"reasons": "Too late."},
        format="json",
    )
    assert response.status_code == 409
    assert response.json()["code"] == "invalid_state"
    application.refresh_from_db()
    assert application.status == S.AWAITING_AUTHENTICATION


@pytest.mark.parametrize(
    "state_steps, role, expected",
    [
        ([], Role.VETTING, {"mark_in_order", "request_information", "reject"}),
        (["ask"], Role.VETTING, {"reject"}),
        (["in_order"], Role.VETTING, set()),
        (["in_order"], Role.HELP_CENTRE, {"authenticate_identity"}),
        ([], Role.HELP_CENTRE, set()),
        ([], Role.REGISTRY, set()),
    ],
)
def test_reg_8_pages_and_api_offer_the_actions_the_table_allows(
    client, vetting_officer, state_steps, role, expected
):
    application = submit_application()
    for step in state_steps:
        if step == "ask":
            services.application_request_information(
                actor=vetting_officer, application_id=application.pk, message="Proof, please."
            )
        else:
            services.application_mark_in_order(actor=vetting_officer, application_id=application.pk)
    application.refresh_from_db()
    actor = vetting_officer if role == Role.VETTING else StaffFactory(role=role)
    assert selectors.application_actions(actor=actor, application=application) == expected
    if role == Role.REGISTRY:
        return  # the application's page is not theirs (see the 403/404 test)
    api = APIClient()
    api.force_authenticate(actor)
    body = api.get(f"/api/v1/backoffice/applications/{application.pk}/").json()
    assert set(body["actions"]) == expected
    client.force_login(actor)
    page = client.get(reverse("backoffice:application_detail", args=[application.pk]))
    html = page.content.decode()
    for action, url_name in [
        ("mark_in_order", "backoffice:mark_in_order"),
        ("request_information", "backoffice:request_information"),
        ("reject", "backoffice:reject"),
        ("authenticate_identity", "backoffice:record_authentication"),
    ]:
        assert (reverse(url_name, args=[application.pk]) in html) is (action in expected), action


def test_ida_2_authentication_is_a_transition_with_its_own_capability(
    vetting_officer, help_centre_officer
):
    application = submit_application()
    services.application_mark_in_order(actor=vetting_officer, application_id=application.pk)
    with pytest.raises(NotPermitted):
        services.identity_authentication_record(
            actor=vetting_officer,
            application_id=application.pk,
            **in_person_authentication(application),
        )
    services.identity_authentication_record(
        actor=help_centre_officer,
        application_id=application.pk,
        **in_person_authentication(application),
    )
    application.refresh_from_db()
    assert application.status == S.APPROVED


# --- 403 or 404 (ROLE-2; docs/decisions.md) ------------------------------------------------------


def test_role_2_a_role_without_the_capability_gets_403_whatever_the_id(client):
    application = submit_application()
    clerk = StaffFactory(role=Role.REGISTRY)
    api = APIClient()
    api.force_authenticate(clerk)
    for pk in (application.pk, 999999):
        response = api.get(f"/api/v1/backoffice/applications/{pk}/")
        assert (response.status_code, response.json()["code"]) == (403, "not_permitted")
        client.force_login(clerk)
        page = client.get(reverse("backoffice:application_detail", args=[pk]))
        assert page.status_code == 403
    with pytest.raises(NotPermitted):
        selectors.application_for_staff(actor=clerk, application_id=999999)


def test_role_2_what_is_out_of_scope_or_absent_is_not_found(client, vetting_officer):
    api = APIClient()
    api.force_authenticate(vetting_officer)
    response = api.get("/api/v1/backoffice/applications/999999/")
    assert (response.status_code, response.json()["code"]) == (404, "not_found")
    client.force_login(vetting_officer)
    assert client.get(reverse("backoffice:application_detail", args=[999999])).status_code == 404
    with pytest.raises(NotFound):
        selectors.application_for_staff(actor=vetting_officer, application_id=999999)


def test_act_4_an_account_is_activated_once_through_its_table():
    from accounts.models import AccountStatus
    from accounts.transitions import ACCOUNT_TRANSITIONS

    declared = {
        t.action: (set(t.sources), t.target, t.capability, t.audit_action)
        for t in ACCOUNT_TRANSITIONS.transitions
    }
    assert declared["activate"] == (
        {AccountStatus.PENDING_ACTIVATION},
        AccountStatus.ACTIVE,
        None,
        "account.activated",
    )
    active = StaffFactory(role=Role.IU)
    with pytest.raises(InvalidTransition):
        ACCOUNT_TRANSITIONS.check(active, "activate")
