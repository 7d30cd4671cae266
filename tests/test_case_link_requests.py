"""CASE-3 (a) and (b): the registry's queue of requests to link a case (listed in an approved
application, or a Notice of Consent), checked against the case's parties, accepted for the
party the clerk picks (which links, CASE-2) or refused with reasons; by page and API."""

import datetime

import pytest
from django.utils import timezone

from audit.models import AuditRecord
from cases.models import (
    CaseLink,
    CaseLinkRequest,
    CaseStatus,
    ImplementationNotice,
    LinkRoute,
    RequestStatus,
)
from cases.selectors.access import may_transact, visible_cases
from cases.services.linking import CaseDisposed, CaseNotEEnabled, PartyAlreadyLinked
from cases.services.notices import (
    AlreadyLinked,
    link_request_accept,
    link_request_refuse,
    notice_of_consent_lodge,
)
from core.errors import InvalidTransition, NotFound, NotPermitted, ValidationFailed
from messaging.models import Message, MessageKind
from permissions.roles import Role
from tests.factories import (
    CaseFactory,
    CaseLinkFactory,
    CaseLinkRequestFactory,
    OrganizationAccountFactory,
    OrganizationFactory,
    StaffFactory,
    UserFactory,
    api_as,
    party_of,
    pdf,
    proceeding_type,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def clerk():
    return StaffFactory(role=Role.REGISTRY)


def test_case_3_a_accepting_a_listed_case_links_the_iu_to_the_party_picked(clerk):
    iu = UserFactory()
    request = CaseLinkRequestFactory(individual=iu, application_reference="IU2026000001")
    party = party_of(request.case)
    assert not may_transact(iu, request.case)
    link_request_accept(actor=clerk, request_id=request.pk, party_id=party.pk)
    request.refresh_from_db()
    assert request.status == RequestStatus.ACCEPTED
    assert (request.party, request.decided_by) == (party, clerk)
    assert request.decided_at is not None
    link = CaseLink.objects.get()
    assert request.link == link
    assert (link.individual, link.party, link.route) == (iu, party, LinkRoute.APPLICATION)
    assert may_transact(iu, request.case)
    actions = list(
        AuditRecord.objects.filter(action__startswith="case_link").values_list("action", flat=True)
    )
    assert actions == ["case_link.created", "case_link_request.accepted"]


def test_case_3_b_accepting_a_notice_of_consent_links_the_organization(clerk):
    pa = OrganizationAccountFactory(role=Role.PA)
    case = CaseFactory()
    request = notice_of_consent_lodge(
        actor=pa,
        case_number=case.number,
        party_type="DEFENDANT",
        party_name="LEE Ka Yan",
        document=pdf(),
    )
    defendant = party_of(case, "DEFENDANT")
    link_request_accept(actor=clerk, request_id=request.pk, party_id=str(defendant.pk))
    link = CaseLink.objects.get()
    assert (link.organization, link.party, link.route) == (
        pa.organization,
        defendant,
        LinkRoute.NOTICE_OF_CONSENT,
    )
    assert list(visible_cases(pa)) == [case]


def test_case_3_the_party_must_be_of_the_requests_case(clerk):
    request = CaseLinkRequestFactory()
    elsewhere = party_of(CaseFactory())
    for bad in (elsewhere.pk, "1; DROP TABLE", None, 10**12):
        with pytest.raises(ValidationFailed) as refused:
            link_request_accept(actor=clerk, request_id=request.pk, party_id=bad)
        assert "party" in refused.value.errors
    request.refresh_from_db()
    assert request.status == RequestStatus.PENDING
    assert not CaseLink.objects.exists()


def test_case_3_a_party_linked_to_another_is_refused_and_nothing_saved(clerk):
    request = CaseLinkRequestFactory()
    CaseLinkFactory(case=request.case)  # the plaintiff, already an organization's
    with pytest.raises(PartyAlreadyLinked):
        link_request_accept(actor=clerk, request_id=request.pk, party_id=party_of(request.case).pk)
    request.refresh_from_db()
    assert request.status == RequestStatus.PENDING
    assert CaseLink.objects.count() == 1
    assert not AuditRecord.objects.filter(action="case_link_request.accepted").exists()


def test_case_3_a_party_already_linked_to_the_same_holder_is_refused(clerk):
    iu = UserFactory()
    request = CaseLinkRequestFactory(individual=iu)
    CaseLinkFactory(case=request.case, organization=None, individual=iu)
    with pytest.raises(AlreadyLinked):
        link_request_accept(actor=clerk, request_id=request.pk, party_id=party_of(request.case).pk)
    assert CaseLinkRequest.objects.get().status == RequestStatus.PENDING


def test_gen_2_case_3_a_case_no_longer_linkable_when_decided_is_refused(clerk):
    disposed = CaseLinkRequestFactory()
    disposed.case.status = CaseStatus.FINALLY_DISPOSED
    disposed.case.final_disposal_date = datetime.date(2026, 1, 5)
    disposed.case.save()
    with pytest.raises(CaseDisposed):
        link_request_accept(
            actor=clerk, request_id=disposed.pk, party_id=party_of(disposed.case).pk
        )
    # Listed in an application before the implementation notice was withdrawn from the type.
    paper = CaseLinkRequestFactory(case=CaseFactory(type_code="DCTC"))
    ImplementationNotice.objects.filter(proceeding_type=proceeding_type("DCTC")).delete()
    with pytest.raises(CaseNotEEnabled):
        link_request_accept(actor=clerk, request_id=paper.pk, party_id=party_of(paper.case).pk)
    assert not CaseLink.objects.exists()


def test_case_3_refusal_needs_reasons_and_links_nothing(clerk):
    request = CaseLinkRequestFactory()
    with pytest.raises(ValidationFailed):
        link_request_refuse(actor=clerk, request_id=request.pk, reasons="   ")
    link_request_refuse(
        actor=clerk, request_id=request.pk, reasons="The holder is not a party to this case."
    )
    request.refresh_from_db()
    assert request.status == RequestStatus.REFUSED
    assert request.reasons == "The holder is not a party to this case."
    assert not CaseLink.objects.exists()
    assert AuditRecord.objects.filter(action="case_link_request.refused").count() == 1
    # Decided once: neither accepted nor refused again.
    with pytest.raises(InvalidTransition):
        link_request_accept(actor=clerk, request_id=request.pk, party_id=party_of(request.case).pk)
    with pytest.raises(InvalidTransition):
        link_request_refuse(actor=clerk, request_id=request.pk, reasons="again")


def test_msg_1_the_iu_reads_the_refusal_and_its_reasons_in_its_message_box(clerk):
    iu = UserFactory(preferred_language="zh-hant")
    request = CaseLinkRequestFactory(individual=iu)
    link_request_refuse(
        actor=clerk, request_id=request.pk, reasons="The plaintiff is represented by solicitors."
    )
    message = Message.objects.get()
    assert (message.recipient, message.kind, message.case) == (iu, MessageKind.NOTICE, None)
    assert message.subject == f"連結{request.case.number}的要求被拒絕"
    assert "The plaintiff is represented by solicitors." in message.body


def test_msg_1_the_iu_is_told_of_the_link_accepted(clerk):
    iu = UserFactory()
    request = CaseLinkRequestFactory(individual=iu)
    party = party_of(request.case)
    link_request_accept(actor=clerk, request_id=request.pk, party_id=party.pk)
    message = Message.objects.get()
    assert (message.recipient, message.case) == (iu, request.case)
    assert message.subject == f"Request to link {request.case.number} accepted"
    assert party.name in message.body


def test_msg_1_an_organizations_pa_and_the_lodger_hear_of_the_decision(clerk):
    pa = OrganizationAccountFactory(role=Role.PA)
    sa = OrganizationAccountFactory(role=Role.SA, organization=pa.organization)
    OrganizationAccountFactory(role=Role.OU, organization=pa.organization)
    case = CaseFactory()
    request = notice_of_consent_lodge(
        actor=sa,
        case_number=case.number,
        party_type="DEFENDANT",
        party_name="LEE Ka Yan",
        document=pdf(),
    )
    link_request_refuse(actor=clerk, request_id=request.pk, reasons="No such defendant.")
    assert set(Message.objects.values_list("recipient", flat=True)) == {pa.pk, sa.pk}


@pytest.mark.parametrize("role", [Role.VETTING, Role.HELP_CENTRE, Role.PA, Role.IU])
def test_case_3_only_the_registry_decides(role):
    actor = (
        StaffFactory(role=role)
        if role in (Role.VETTING, Role.HELP_CENTRE)
        else OrganizationAccountFactory(role=role)
        if role == Role.PA
        else UserFactory()
    )
    request = CaseLinkRequestFactory()
    with pytest.raises(NotPermitted):
        link_request_accept(actor=actor, request_id=request.pk, party_id=party_of(request.case).pk)
    with pytest.raises(NotPermitted):
        link_request_refuse(actor=actor, request_id=request.pk, reasons="no")
    with pytest.raises(NotFound):
        link_request_accept(actor=StaffFactory(role=Role.REGISTRY), request_id=999999, party_id=1)


# --- the queue, the page and the API ----------------------------------------------------------


def test_case_3_queue_is_oldest_first_with_route_holder_case_and_claimed_party(client, clerk):
    firm = OrganizationFactory(name="Wong & Partners")
    iu = UserFactory(surname="Ho", given_name="Siu Ming")
    now = timezone.now()
    newer = CaseLinkRequestFactory(
        organization=firm,
        route=LinkRoute.NOTICE_OF_CONSENT,
        party_type="DEFENDANT",
        party_name="LEE Ka Yan",
        lodged_at=now,
    )
    older = CaseLinkRequestFactory(individual=iu, lodged_at=now - datetime.timedelta(days=3))
    CaseLinkRequestFactory(status=RequestStatus.REFUSED)  # decided: not in the queue
    client.force_login(clerk)
    page = client.get("/backoffice/link-requests/")
    assert page.status_code == 200
    body = page.content.decode()
    assert body.index(older.case.number) < body.index(newer.case.number)
    assert "Wong &amp; Partners" in body and firm.code_display in body
    assert iu.login_name in body
    assert "Listed in the registration application" in body
    assert "Notice of Consent to transact by iCMS" in body
    rows = api_as(clerk).get("/api/v1/backoffice/case-link-requests/").json()
    assert [row["id"] for row in rows] == [older.pk, newer.pk]
    assert rows[1]["holder"]["organization_code"] == firm.code
    assert rows[0]["holder"]["individual_login_name"] == iu.login_name
    assert (rows[1]["party_type"], rows[1]["party_name"]) == ("DEFENDANT", "LEE Ka Yan")


def test_case_3_detail_shows_the_parties_and_their_links_and_the_page_accepts(client, clerk):
    iu = UserFactory()
    request = CaseLinkRequestFactory(individual=iu)
    defendant = party_of(request.case, "DEFENDANT")
    representative = CaseLinkFactory(
        case=request.case, party=defendant, organization=OrganizationFactory(name="Lam & Co.")
    )
    client.force_login(clerk)
    page = client.get(f"/backoffice/link-requests/{request.pk}/")
    assert page.status_code == 200
    body = page.content.decode()
    assert "CHAN Tai Man" in body and "LEE Ka Yan" in body
    assert "Lam &amp; Co." in body
    assert f'value="{defendant.pk}"' in body
    # A refusal of the service is shown on the page, nothing saved.
    refused = client.post(
        f"/backoffice/link-requests/{request.pk}/accept/",
        {"party": defendant.pk, "confirm": "yes"},
    )
    assert refused.status_code == 400
    assert "already linked to another account" in refused.content.decode()
    assert CaseLink.objects.get() == representative
    # A decision is confirmed on a page of its own first: nothing decided yet.
    asked = client.post(
        f"/backoffice/link-requests/{request.pk}/accept/", {"party": party_of(request.case).pk}
    )
    assert asked.status_code == 200
    assert 'class="confirm-form"' in asked.content.decode()
    assert CaseLinkRequest.objects.get().status == RequestStatus.PENDING
    accepted = client.post(
        f"/backoffice/link-requests/{request.pk}/accept/",
        {"party": party_of(request.case).pk, "confirm": "yes"},
    )
    assert accepted.status_code == 302
    assert accepted["Location"] == "/backoffice/link-requests/"
    assert CaseLink.objects.get(individual=iu).party == party_of(request.case)


def test_case_3_the_page_refuses_with_reasons(client, clerk):
    request = CaseLinkRequestFactory()
    client.force_login(clerk)
    empty = client.post(f"/backoffice/link-requests/{request.pk}/refuse/", {"reasons": ""})
    assert empty.status_code == 400
    asked = client.post(
        f"/backoffice/link-requests/{request.pk}/refuse/", {"reasons": "Not a party."}
    )
    assert 'name="reasons" value="Not a party."' in asked.content.decode()
    assert CaseLinkRequest.objects.get().status == RequestStatus.PENDING
    done = client.post(
        f"/backoffice/link-requests/{request.pk}/refuse/",
        {"reasons": "Not a party.", "confirm": "yes"},
    )
    assert done.status_code == 302
    assert CaseLinkRequest.objects.get().status == RequestStatus.REFUSED
    # The holder sees the decision and the reasons.
    client.force_login(request.individual)
    body = client.get(f"/cases/link-requests/{request.pk}/").content.decode()
    assert "Not a party." in body and "Refused" in body


def test_case_3_api_accept_and_refuse(clerk):
    api = api_as(clerk)
    request = CaseLinkRequestFactory()
    detail = api.get(f"/api/v1/backoffice/case-link-requests/{request.pk}/").json()
    assert detail["actions"] == ["accept", "refuse"]
    assert [p["name"] for p in detail["parties"]] == ["CHAN Tai Man", "LEE Ka Yan"]
    plaintiff = next(p for p in detail["parties"] if p["party_type"] == "PLAINTIFF")
    assert plaintiff["current"] is None
    bad = api.post(
        f"/api/v1/backoffice/case-link-requests/{request.pk}/accept/",
        {"party": party_of(CaseFactory()).pk},
        format="json",
    )
    assert bad.status_code == 400 and "party" in bad.json()["errors"]
    done = api.post(
        f"/api/v1/backoffice/case-link-requests/{request.pk}/accept/",
        {"party": plaintiff["id"]},
        format="json",
    )
    assert done.status_code == 200, done.json()
    assert done.json()["status"] == "ACCEPTED" and done.json()["actions"] == []
    again = api.post(
        f"/api/v1/backoffice/case-link-requests/{request.pk}/refuse/",
        {"reasons": "late"},
        format="json",
    )
    assert again.status_code == 409 and again.json()["code"] == "invalid_state"
    other = CaseLinkRequestFactory(case=request.case)
    taken = api.post(
        f"/api/v1/backoffice/case-link-requests/{other.pk}/accept/",
        {"party": plaintiff["id"]},
        format="json",
    )
    assert taken.status_code == 409 and taken.json()["code"] == "party_already_linked"


def test_case_3_api_key_in_of_a_paper_notice(clerk):
    iu = UserFactory()
    case = CaseFactory()
    response = api_as(clerk).post(
        "/api/v1/backoffice/case-link-requests/",
        {
            "login_name": iu.login_name,
            "case_number": case.number,
            "party_type": "PLAINTIFF",
            "party_name": "CHAN Tai Man",
            "channel": "POST",
            "received_on": "2026-01-05",
            "document": pdf(),
        },
        format="multipart",
    )
    assert response.status_code == 201, response.json()
    assert response.json()["holder"]["individual_login_name"] == iu.login_name
    assert response.json()["channel"] == "POST"


@pytest.mark.parametrize("role", [Role.VETTING, Role.HELP_CENTRE, Role.SYSTEM_ADMIN])
def test_case_3_other_staff_have_no_registry_pages_or_api(client, role):
    officer = StaffFactory(role=role)
    request = CaseLinkRequestFactory()
    client.force_login(officer)
    for path in (
        "/backoffice/link-requests/",
        f"/backoffice/link-requests/{request.pk}/",
        "/backoffice/link-requests/new/",
        "/backoffice/notices-of-change/",
    ):
        assert client.get(path).status_code == 403, path
    api = api_as(officer)
    assert api.get("/api/v1/backoffice/case-link-requests/").status_code == 403
    assert (
        api.post(
            f"/api/v1/backoffice/case-link-requests/{request.pk}/accept/",
            {"party": party_of(request.case).pk},
            format="json",
        ).status_code
        == 403
    )


def test_case_3_the_clerk_sees_which_party_the_request_names_and_when_none_does(client, clerk):
    named = CaseLinkRequestFactory(party_type="PLAINTIFF", party_name="chan  tai MAN")
    client.force_login(clerk)
    body = client.get(f"/backoffice/link-requests/{named.pk}/").content.decode()
    row = body.split('id="parties"')[1].split("CHAN Tai Man", 1)[1].split("</th>", 1)[0]
    assert "As named in the request" in row
    assert body.count("As named in the request") == 1
    assert 'id="no-party-as-named"' not in body
    unnamed = CaseLinkRequestFactory(party_type="DEFENDANT", party_name="Lee Siu Ming")
    body = client.get(f"/backoffice/link-requests/{unnamed.pk}/").content.decode()
    assert "As named in the request" not in body
    assert 'id="no-party-as-named"' in body


def test_nfr_1_the_clerk_reads_a_second_defendant_as_my_cases_words_it(client, clerk):
    request = CaseLinkRequestFactory()
    request.case.parties.create(party_type="DEFENDANT", position=2, name="HO Siu Fung")
    client.force_login(clerk)
    body = client.get(f"/backoffice/link-requests/{request.pk}/").content.decode()
    assert '<th scope="row">Defendant (2): HO Siu Fung' in body
    assert '<th scope="row">Defendant: LEE Ka Yan' in body
    chinese = client.get(f"/zh-hant/backoffice/link-requests/{request.pk}/").content.decode()
    assert '<th scope="row">被告人（2）：HO Siu Fung' in chinese
