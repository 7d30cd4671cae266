"""The registry's directions to a case (MSG-1, MSG-3, CASE-4, ORG-7, BEY-6, NFR-4): a
registry clerk sends a direction; it reaches the Message Box of each recipient of the case's
messages (the linked IU, the OUs assigned to an organization's party, or its default OUs);
an immediate email is owed only to those who asked for one and did not mute the case; a case
no account receives is refused with nothing sent; bad input changes nothing."""

import pytest

from audit.models import AuditRecord
from cases.services.assignment import case_assignment_create
from core.errors import NotFound, NotPermitted, ValidationFailed
from messaging.box_services import NoRecipient, case_direction_send, case_mute
from messaging.models import EmailKind, Message, MessageKind, NotificationEmail
from messaging.models import NotificationPreference as Preference
from permissions.roles import Role
from tests.factories import (
    ApiOnlyUserFactory,
    CaseFactory,
    CaseLinkFactory,
    StaffFactory,
    organization_with_cases,
)

pytestmark = pytest.mark.django_db

SUBJECT = "Directions for the case management conference"
BODY = "The parties shall file their witness statements within 28 days."


@pytest.fixture
def clerk():
    return StaffFactory(role=Role.REGISTRY)


@pytest.fixture
def org():
    return organization_with_cases()


def received(case) -> set:
    return set(
        Message.objects.filter(case=case, kind=MessageKind.DIRECTION).values_list(
            "recipient_id", flat=True
        )
    )


def owed_to() -> set:
    return set(
        NotificationEmail.objects.filter(kind=EmailKind.EACH_MESSAGE).values_list(
            "recipient_id", flat=True
        )
    )


def _state():
    return (Message.objects.count(), NotificationEmail.objects.count(), AuditRecord.objects.count())


def test_case_4_direction_reaches_the_linked_iu(clerk):
    individual = ApiOnlyUserFactory()
    case = CaseLinkFactory(organization=None, individual=individual).case
    sent = case_direction_send(actor=clerk, case_id=case.pk, subject=SUBJECT, body=BODY)
    assert [m.recipient_id for m in sent.messages] == [individual.pk]
    message = Message.objects.get(recipient=individual)
    assert (message.subject, message.body, message.case_id) == (SUBJECT, BODY, case.pk)
    assert message.sent_by_id == clerk.pk and message.read_at is None
    record = AuditRecord.objects.get(action="message.direction_sent")
    assert record.object_id == str(case.pk)
    assert record.after == {"subject": SUBJECT, "recipients": [individual.login_name]}


def test_org_7_before_assignment_the_default_ous_receive(clerk, org):
    case_direction_send(actor=clerk, case_id=org.case.pk, subject=SUBJECT, body=BODY)
    assert received(org.case) == {org.ou.pk}


def test_case_4_after_assignment_only_the_assigned_ous_receive(clerk, org):
    case_assignment_create(actor=org.pa, link_id=org.link.pk, organization_user_id=org.ou2.pk)
    case_assignment_create(
        actor=org.pa, link_id=org.link.pk, organization_user_id=org.ou_kowloon.pk
    )
    case_direction_send(actor=clerk, case_id=org.case.pk, subject=SUBJECT, body=BODY)
    assert received(org.case) == {org.ou2.pk, org.ou_kowloon.pk}
    assert not Message.objects.filter(recipient__in=[org.pa, org.sa, org.ou]).exists()


def test_case_4_an_iu_and_an_organization_on_one_case_both_receive(clerk, org):
    individual = ApiOnlyUserFactory()
    CaseLinkFactory(
        case=org.case,
        party=org.case.parties.get(party_type="DEFENDANT"),
        organization=None,
        individual=individual,
    )
    case_direction_send(actor=clerk, case_id=org.case.pk, subject=SUBJECT, body=BODY)
    assert received(org.case) == {org.ou.pk, individual.pk}


def test_msg_3_an_immediate_email_is_owed_only_to_those_who_asked(clerk, org):
    case_assignment_create(actor=org.pa, link_id=org.link.pk, organization_user_id=org.ou2.pk)
    case_assignment_create(
        actor=org.pa, link_id=org.link.pk, organization_user_id=org.ou_kowloon.pk
    )
    Preference.objects.create(account=org.ou2, email_each_case_message=True)
    Preference.objects.create(account=org.ou_kowloon, email_each_icms_message=True)
    case_direction_send(actor=clerk, case_id=org.case.pk, subject=SUBJECT, body=BODY)
    assert received(org.case) == {org.ou2.pk, org.ou_kowloon.pk}
    assert owed_to() == {org.ou2.pk}


def test_bey_6_a_muted_case_owes_no_immediate_email_but_the_message_arrives(clerk, org):
    case_assignment_create(actor=org.pa, link_id=org.link.pk, organization_user_id=org.ou2.pk)
    Preference.objects.create(account=org.ou2, email_each_case_message=True)
    case_mute(actor=org.ou2, case_id=org.case.pk)
    case_direction_send(actor=clerk, case_id=org.case.pk, subject=SUBJECT, body=BODY)
    assert received(org.case) == {org.ou2.pk}
    assert owed_to() == set()


def test_msg_1_a_case_no_account_receives_is_refused_with_nothing_sent(clerk):
    unlinked = CaseFactory()
    before = _state()
    with pytest.raises(NoRecipient) as refused:
        case_direction_send(actor=clerk, case_id=unlinked.pk, subject=SUBJECT, body=BODY)
    assert refused.value.code == "no_recipient"
    assert _state() == before


@pytest.mark.parametrize(
    ("subject", "body", "fields"),
    [
        ("", BODY, {"subject"}),
        ("x" * 201, BODY, {"subject"}),
        (SUBJECT, "   ", {"body"}),
        (SUBJECT, "x" * 20_001, {"body"}),
        ("", "", {"subject", "body"}),
    ],
    ids=["no subject", "subject too long", "blank body", "body too long", "both missing"],
)
def test_nfr_4_bad_input_sends_nothing(clerk, org, subject, body, fields):
    before = _state()
    with pytest.raises(ValidationFailed) as refused:
        case_direction_send(actor=clerk, case_id=org.case.pk, subject=subject, body=body)
    assert set(refused.value.errors) == fields
    assert _state() == before


def test_msg_1_twenty_thousand_characters_and_chinese_are_accepted(clerk, org):
    body = "指" * 20_000
    case_direction_send(actor=clerk, case_id=org.case.pk, subject="指示", body=body)
    assert Message.objects.get(recipient=org.ou).body == body


def test_ops_1_only_the_registry_sends_directions(org):
    for actor in (org.pa, org.ou, StaffFactory(role=Role.HELP_CENTRE)):
        with pytest.raises(NotPermitted):
            case_direction_send(actor=actor, case_id=org.case.pk, subject=SUBJECT, body=BODY)
    assert not Message.objects.exists()


def test_msg_1_an_unknown_case_is_not_found(clerk):
    with pytest.raises(NotFound):
        case_direction_send(actor=clerk, case_id=999999, subject=SUBJECT, body=BODY)


# --- the back office's page and the staff API --------------------------------------------------


def test_msg_1_registry_page_shows_recipients_and_sends(client, clerk, org):
    client.force_login(clerk)
    case_page = client.get(f"/backoffice/cases/{org.case.pk}/").content.decode()
    assert f"/backoffice/cases/{org.case.pk}/directions/new/" in case_page
    form = client.get(f"/backoffice/cases/{org.case.pk}/directions/new/")
    assert org.ou.login_name in form.content.decode()
    refused = client.post(
        f"/backoffice/cases/{org.case.pk}/directions/new/", {"subject": "", "body": BODY}
    )
    assert refused.status_code == 200 and "error-summary" in refused.content.decode()
    assert not Message.objects.exists()
    response = client.post(
        f"/backoffice/cases/{org.case.pk}/directions/new/",
        {"subject": SUBJECT, "body": BODY, "checked": "on"},
        follow=True,
    )
    assert "The direction has been sent to 1 account." in response.content.decode()
    assert received(org.case) == {org.ou.pk}


def test_msg_1_registry_page_sends_only_once_the_clerk_confirms_the_recipients(client, clerk, org):
    """A direction cannot be withdrawn from the Message Boxes: without the tick that the
    recipients listed were checked, the page says so and sends nothing."""
    client.force_login(clerk)
    form = client.get(f"/backoffice/cases/{org.case.pk}/directions/new/").content.decode()
    assert 'name="checked"' in form and "cannot be withdrawn" in form
    refused = client.post(
        f"/backoffice/cases/{org.case.pk}/directions/new/", {"subject": SUBJECT, "body": BODY}
    )
    html = refused.content.decode()
    assert refused.status_code == 200
    # The summary says what to confirm, without the box's own sentence before it.
    assert 'id_checked">Confirm that you have checked the direction before sending it.</a>' in html
    assert SUBJECT in html  # what the clerk wrote is kept
    assert not Message.objects.exists()


def test_msg_1_registry_page_of_a_case_no_one_receives_offers_no_form(client, clerk):
    unlinked = CaseFactory()
    client.force_login(clerk)
    html = client.get(f"/backoffice/cases/{unlinked.pk}/directions/new/").content.decode()
    assert "send it on paper" in html and 'name="subject"' not in html


def test_msg_1_holders_cannot_reach_the_registry_page(client, org):
    client.force_login(org.ou)
    assert client.get(f"/backoffice/cases/{org.case.pk}/directions/new/").status_code == 403


def test_msg_1_staff_api_sends_a_direction(client, clerk, org):
    client.force_login(clerk)
    path = f"/api/v1/backoffice/cases/{org.case.pk}/directions/"
    response = client.post(
        path, {"subject": SUBJECT, "body": BODY}, content_type="application/json"
    )
    assert response.status_code == 201, response.json()
    assert response.json() == {
        "case": {"id": org.case.pk, "number": org.case.number},
        "recipients": [org.ou.login_name],
    }
    unlinked = CaseFactory()
    refused = client.post(
        f"/api/v1/backoffice/cases/{unlinked.pk}/directions/",
        {"subject": SUBJECT, "body": BODY},
        content_type="application/json",
    )
    assert (refused.status_code, refused.json()["code"]) == (409, "no_recipient")
    bad = client.post(path, {"subject": SUBJECT}, content_type="application/json")
    assert bad.status_code == 400 and "body" in bad.json()["errors"]
    assert (
        client.post(
            "/api/v1/backoffice/cases/999999/directions/",
            {"subject": SUBJECT, "body": BODY},
            content_type="application/json",
        ).status_code
        == 404
    )
    client.force_login(org.ou)
    assert (
        client.post(
            path, {"subject": SUBJECT, "body": BODY}, content_type="application/json"
        ).status_code
        == 403
    )
    assert Message.objects.count() == 1
