"""BEY-1: a Notice of Change of legal representative, lodged online by a PA or SA of the
incoming organization or keyed in by the registry from paper; accepted by the registry for a
party, which ends the party's present link (kept as history) and links the incoming
organization, so that the outgoing organization's accounts lose the case at once and the
incoming organization's default OUs receive its messages (ORG-7, CASE-4)."""

import datetime

import pytest
from django.db import connection
from django.utils import timezone
from rest_framework.test import APIClient

from accounts.services import api_token_issue
from audit.models import AuditRecord
from cases.models import CaseLink, LinkRoute, LodgementChannel, NoticeOfChange, RequestStatus
from cases.selectors.access import case_for, may_transact, visible_cases
from cases.selectors.routing import case_message_recipients
from cases.services.linking import CaseDisposed
from cases.services.notices import (
    AlreadyRepresents,
    RepresentationChanged,
    RequestAlreadyPending,
    notice_of_change_accept,
    notice_of_change_key_in,
    notice_of_change_lodge,
    notice_of_change_refuse,
)
from core.errors import NotFound, NotPermitted, ValidationFailed
from core.workdays import local_today
from organizations.models import DefaultOU
from permissions.roles import Role
from tests.factories import (
    ApiOnlyAccountFactory,
    CaseAssignmentFactory,
    CaseFactory,
    CaseLinkFactory,
    NoticeOfChangeFactory,
    OrganizationAccountFactory,
    OrganizationFactory,
    StaffFactory,
    UserFactory,
    api_as,
    party_of,
    pdf,
)
from tests.test_concurrency import assert_audit_chain_intact, run_in_parallel

pytestmark = pytest.mark.documents


@pytest.fixture
def clerk(db):
    return StaffFactory(role=Role.REGISTRY)


def _with_default_ou(organization):
    ou = OrganizationAccountFactory(role=Role.OU, organization=organization)
    DefaultOU.objects.create(organization=organization, account=ou)
    return ou


def _lodge(actor, case, **overrides):
    values = {
        "case_number": case.number,
        "party_type": "PLAINTIFF",
        "party_name": "CHAN Tai Man",
        "document": pdf("change.pdf"),
    }
    values.update(overrides)
    return notice_of_change_lodge(actor=actor, **values)


@pytest.mark.django_db
@pytest.mark.parametrize("role", [Role.PA, Role.SA])
def test_bey_1_the_incoming_organizations_administrator_lodges_online(role):
    administrator = OrganizationAccountFactory(role=role)
    case = CaseFactory()
    notice = _lodge(administrator, case)
    assert notice.incoming_organization == administrator.organization
    assert (notice.channel, notice.received_on) == (LodgementChannel.ONLINE, local_today())
    assert notice.status == RequestStatus.PENDING
    assert notice.document.read().startswith(b"%PDF-")
    assert AuditRecord.objects.filter(action="notice_of_change.lodged").count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize("role", [Role.OU, Role.IU])
def test_bey_1_an_ou_or_an_iu_may_not_lodge(role):
    actor = OrganizationAccountFactory(role=role) if role == Role.OU else UserFactory()
    with pytest.raises(NotPermitted):
        _lodge(actor, CaseFactory())
    assert not NoticeOfChange.objects.exists()


@pytest.mark.django_db
def test_bey_1_lodging_refuses_bad_input_duplicates_and_the_present_representative():
    pa = OrganizationAccountFactory(role=Role.PA)
    errors_case = CaseFactory(type_code="DCCJ")
    with pytest.raises(ValidationFailed) as refused:
        _lodge(pa, errors_case, party_type="", document=None)
    assert set(refused.value.errors) == {"case_number", "party_type", "document"}
    case = CaseFactory()
    _lodge(pa, case)
    with pytest.raises(RequestAlreadyPending):
        _lodge(pa, case)
    represented = CaseLinkFactory(organization=pa.organization)
    with pytest.raises(AlreadyRepresents):
        _lodge(pa, represented.case)
    assert NoticeOfChange.objects.count() == 1


@pytest.mark.django_db
def test_bey_1_registry_keys_in_a_paper_notice_by_organization_code(clerk):
    incoming = OrganizationFactory()
    case = CaseFactory()
    notice = notice_of_change_key_in(
        actor=clerk,
        organization_code=incoming.code_display.lower(),
        case_number=case.number,
        party_type="DEFENDANT",
        party_name="LEE Ka Yan",
        channel=LodgementChannel.BY_HAND,
        received_on=local_today() - datetime.timedelta(days=1),
        document=pdf(),
    )
    assert (notice.incoming_organization, notice.lodged_by) == (incoming, clerk)
    with pytest.raises(ValidationFailed) as refused:
        notice_of_change_key_in(
            actor=clerk,
            organization_code="nope",
            case_number=case.number,
            party_type="DEFENDANT",
            party_name="LEE Ka Yan",
            channel=LodgementChannel.ONLINE,
            received_on=local_today() + datetime.timedelta(days=1),
            document=pdf(),
        )
    assert set(refused.value.errors) == {"organization_code", "channel", "received_on"}
    with pytest.raises(NotPermitted):
        notice_of_change_key_in(
            actor=OrganizationAccountFactory(role=Role.PA),
            organization_code=incoming.code,
            case_number=case.number,
            party_type="DEFENDANT",
            party_name="LEE Ka Yan",
            channel=LodgementChannel.POST,
            received_on=local_today(),
            document=pdf(),
        )


@pytest.mark.django_db
def test_bey_1_acceptance_cuts_the_old_ous_off_at_once_and_routes_to_the_incoming_defaults(
    clerk,
):
    outgoing = OrganizationFactory()
    old_pa = OrganizationAccountFactory(role=Role.PA, organization=outgoing)
    old_default = _with_default_ou(outgoing)
    old_link = CaseLinkFactory(organization=outgoing)
    case = old_link.case
    old_ou = CaseAssignmentFactory(link=old_link).organization_user
    incoming_pa = OrganizationAccountFactory(role=Role.PA)
    incoming = incoming_pa.organization
    new_defaults = {_with_default_ou(incoming), _with_default_ou(incoming)}
    assert may_transact(old_ou, case)
    assert case_for(old_pa, case.pk) == case
    assert set(case_message_recipients(case.pk)) == {old_ou}

    notice = _lodge(incoming_pa, case)
    notice_of_change_accept(actor=clerk, notice_id=notice.pk, party_id=party_of(case).pk)

    assert not may_transact(old_ou, case)
    for holder in (old_ou, old_pa, old_default):
        with pytest.raises(NotFound):
            case_for(holder, case.pk)
        assert not visible_cases(holder).exists()
    assert case_for(incoming_pa, case.pk) == case
    # Assigned to none of the incoming organization's OUs yet: its default OUs (ORG-7).
    assert set(case_message_recipients(case.pk)) == new_defaults
    notice.refresh_from_db()
    assert notice.status == RequestStatus.ACCEPTED
    assert notice.outgoing_link == old_link
    assert (notice.link.organization, notice.link.route) == (incoming, LinkRoute.NOTICE_OF_CHANGE)
    assert notice.party == party_of(case) and notice.decided_by == clerk
    # The history of the party's representation is kept.
    links = list(CaseLink.objects.filter(party=party_of(case)).order_by("linked_at", "pk"))
    assert [link.organization for link in links] == [outgoing, incoming]
    assert links[0].ended_at is not None and links[0].ended_by == clerk
    assert links[1].ended_at is None
    assert list(
        AuditRecord.objects.filter(object_type__in=["cases.caselink", "cases.noticeofchange"])
        .order_by("pk")
        .values_list("action", flat=True)
    ) == [
        "notice_of_change.lodged",
        "case_link.ended",
        "case_link.created",
        "notice_of_change.accepted",
    ]


@pytest.mark.django_db
def test_bey_1_a_party_in_person_is_taken_over_and_a_party_on_paper_is_linked(clerk):
    iu = UserFactory()
    in_person = CaseLinkFactory(organization=None, individual=iu)
    incoming_pa = OrganizationAccountFactory(role=Role.PA)
    notice = _lodge(incoming_pa, in_person.case)
    notice_of_change_accept(actor=clerk, notice_id=notice.pk, party_id=party_of(in_person.case).pk)
    assert not may_transact(iu, in_person.case)
    notice.refresh_from_db()
    assert notice.outgoing_link == in_person
    # On paper until now: nothing to end.
    case = CaseFactory()
    on_paper = _lodge(incoming_pa, case, party_type="DEFENDANT", party_name="LEE Ka Yan")
    notice_of_change_accept(
        actor=clerk, notice_id=on_paper.pk, party_id=party_of(case, "DEFENDANT").pk
    )
    on_paper.refresh_from_db()
    assert on_paper.outgoing_link is None and on_paper.link.organization == incoming_pa.organization


@pytest.mark.django_db
def test_bey_1_refusals_of_acceptance_save_nothing(clerk):
    incoming = OrganizationFactory()
    current = CaseLinkFactory(organization=incoming)
    notice = NoticeOfChangeFactory(
        case=current.case,
        incoming_organization=incoming,
        lodged_at=timezone.now() - datetime.timedelta(days=1),
    )
    with pytest.raises(AlreadyRepresents):
        notice_of_change_accept(
            actor=clerk, notice_id=notice.pk, party_id=party_of(current.case).pk
        )
    with pytest.raises(ValidationFailed):
        notice_of_change_accept(
            actor=clerk, notice_id=notice.pk, party_id=party_of(CaseFactory()).pk
        )
    stale = NoticeOfChangeFactory(
        case=current.case, lodged_at=current.linked_at - datetime.timedelta(hours=1)
    )
    with pytest.raises(RepresentationChanged):
        notice_of_change_accept(actor=clerk, notice_id=stale.pk, party_id=party_of(current.case).pk)
    disposed = CaseFactory(status="FINALLY_DISPOSED", final_disposal_date=datetime.date(2026, 2, 1))
    late = NoticeOfChangeFactory(case=disposed)
    with pytest.raises(CaseDisposed):
        notice_of_change_accept(actor=clerk, notice_id=late.pk, party_id=party_of(disposed).pk)
    assert CaseLink.objects.get() == current and current.is_current
    assert not NoticeOfChange.objects.exclude(status=RequestStatus.PENDING).exists()


@pytest.mark.django_db
def test_bey_1_refused_with_reasons_changes_nothing(clerk):
    link = CaseLinkFactory()
    notice = NoticeOfChangeFactory(case=link.case)
    notice_of_change_refuse(actor=clerk, notice_id=notice.pk, reasons="Not signed by the party.")
    notice.refresh_from_db()
    assert notice.status == RequestStatus.REFUSED and notice.reasons == "Not signed by the party."
    link.refresh_from_db()
    assert link.is_current


# --- pages and API ----------------------------------------------------------------------------


@pytest.mark.django_db
def test_bey_1_organizations_see_only_their_own_notices(client):
    pa = OrganizationAccountFactory(role=Role.PA)
    sa = OrganizationAccountFactory(role=Role.SA, organization=pa.organization)
    other_pa = OrganizationAccountFactory(role=Role.PA)
    mine = _lodge(pa, CaseFactory())
    theirs = _lodge(other_pa, CaseFactory())
    client.force_login(sa)
    body = client.get("/cases/notices-of-change/").content.decode()
    assert mine.case.number in body and theirs.case.number not in body
    assert client.get(f"/cases/notices-of-change/{mine.pk}/").status_code == 200
    assert client.get(f"/cases/notices-of-change/{theirs.pk}/").status_code == 404
    assert client.get(f"/cases/notices-of-change/{theirs.pk}/document/").status_code == 404
    api = api_as(sa)
    assert [row["id"] for row in api.get("/api/v1/notices-of-change/").json()] == [mine.pk]
    assert api.get(f"/api/v1/notices-of-change/{theirs.pk}/").status_code == 404
    assert api.get(f"/api/v1/notices-of-change/{mine.pk}/").json()["status"] == "PENDING"
    ou = OrganizationAccountFactory(role=Role.OU, organization=pa.organization)
    client.force_login(ou)
    assert client.get("/cases/notices-of-change/").status_code == 403
    assert api_as(ou).get(f"/api/v1/notices-of-change/{mine.pk}/").status_code == 403


@pytest.mark.django_db
def test_bey_1_the_signed_notice_as_a_pdf_in_the_api_for_its_organization_and_the_registry(
    clerk,
):
    pa = OrganizationAccountFactory(role=Role.PA)
    sa = OrganizationAccountFactory(role=Role.SA, organization=pa.organization)
    mine = _lodge(pa, CaseFactory())
    theirs = _lodge(OrganizationAccountFactory(role=Role.PA), CaseFactory())
    api = api_as(sa)
    assert api.get(f"/api/v1/notices-of-change/{mine.pk}/").json()["has_document"] is True
    document = api.get(f"/api/v1/notices-of-change/{mine.pk}/document/")
    assert document.status_code == 200 and document["Content-Type"] == "application/pdf"
    assert b"".join(document.streaming_content) == mine.document.open("rb").read()
    assert api.get(f"/api/v1/notices-of-change/{theirs.pk}/document/").status_code == 404
    ou = OrganizationAccountFactory(role=Role.OU, organization=pa.organization)
    assert api_as(ou).get(f"/api/v1/notices-of-change/{mine.pk}/document/").status_code == 403
    url = f"/api/v1/backoffice/notices-of-change/{theirs.pk}/document/"
    assert api_as(clerk).get(url).status_code == 200
    assert api.get(url).status_code == 403


@pytest.mark.django_db
def test_bey_1_lodge_and_accept_through_the_api(clerk):
    pa = ApiOnlyAccountFactory(role=Role.PA)
    link = CaseLinkFactory()
    lodged = api_as(pa).post(
        "/api/v1/notices-of-change/",
        {
            "case_number": link.case.number.lower(),
            "party_type": "PLAINTIFF",
            "party_name": "CHAN Tai Man",
            "document": pdf(),
        },
        format="multipart",
    )
    assert lodged.status_code == 201, lodged.json()
    notice_id = lodged.json()["id"]
    registry = api_as(clerk)
    queue = registry.get("/api/v1/backoffice/notices-of-change/").json()
    assert [row["id"] for row in queue] == [notice_id]
    detail = registry.get(f"/api/v1/backoffice/notices-of-change/{notice_id}/").json()
    plaintiff = next(p for p in detail["parties"] if p["party_type"] == "PLAINTIFF")
    assert plaintiff["current"]["holder"]["organization_id"] == link.organization_id
    done = registry.post(
        f"/api/v1/backoffice/notices-of-change/{notice_id}/accept/",
        {"party": plaintiff["id"]},
        format="json",
    )
    assert done.status_code == 200, done.json()
    body = done.json()
    assert body["status"] == "ACCEPTED"
    assert body["outgoing"]["organization_id"] == link.organization_id
    plaintiff = next(p for p in body["parties"] if p["party_type"] == "PLAINTIFF")
    assert plaintiff["current"]["holder"]["organization_id"] == pa.organization_id
    assert [h["holder"]["organization_id"] for h in plaintiff["history"]] == [link.organization_id]
    mine = api_as(pa).get(f"/api/v1/notices-of-change/{notice_id}/").json()
    assert mine["status"] == "ACCEPTED"


@pytest.mark.django_db
def test_bey_1_registry_pages_show_history_and_accept(client, clerk):
    link = CaseLinkFactory(organization=OrganizationFactory(name="Outgoing LLP"))
    notice = NoticeOfChangeFactory(
        case=link.case,
        incoming_organization=OrganizationFactory(name="Incoming LLP"),
        lodged_at=timezone.now(),
    )
    client.force_login(clerk)
    body = client.get("/backoffice/notices-of-change/").content.decode()
    assert "Incoming LLP" in body and link.case.number in body
    body = client.get(f"/backoffice/notices-of-change/{notice.pk}/").content.decode()
    assert "Outgoing LLP" in body
    response = client.post(
        f"/backoffice/notices-of-change/{notice.pk}/accept/",
        {"party": party_of(link.case).pk, "confirm": "yes"},
    )
    assert response.status_code == 302
    body = client.get(f"/backoffice/notices-of-change/{notice.pk}/").content.decode()
    # Both now: the incoming organization linked, the outgoing one in the history.
    assert body.count("Outgoing LLP") >= 2 and "Incoming LLP" in body


# --- two clerks at once (PostgreSQL) ----------------------------------------------------------


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_bey_1_two_clerks_accepting_two_notices_for_one_party_exactly_one_wins():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (DATABASE_URL=postgres://...)")
    earlier = timezone.now() - datetime.timedelta(minutes=5)
    outgoing = CaseLinkFactory(linked_at=earlier - datetime.timedelta(days=30))
    party = party_of(outgoing.case)
    notices = [NoticeOfChangeFactory(case=outgoing.case, lodged_at=earlier) for _n in range(2)]
    clerks = [StaffFactory(role=Role.REGISTRY) for _n in range(2)]
    keys = [api_token_issue(user=clerk)[0] for clerk in clerks]

    def work(index):
        client = APIClient()
        client.credentials(HTTP_AUTHORIZATION=f"Bearer {keys[index]}")
        response = client.post(
            f"/api/v1/backoffice/notices-of-change/{notices[index].pk}/accept/",
            {"party": party.pk},
            format="json",
        )
        return response.status_code, response.json()

    results = run_in_parallel(2, work)
    assert all(kind == "ok" for kind, _value in results), results
    statuses = sorted(value[0] for _kind, value in results)
    assert statuses == [200, 409], results
    loser = next(value[1] for _kind, value in results if value[0] == 409)
    assert loser["code"] == "representation_changed"
    current = CaseLink.objects.filter(party=party, ended_at__isnull=True)
    assert current.count() == 1
    winner = NoticeOfChange.objects.get(status=RequestStatus.ACCEPTED)
    assert current.get() == winner.link
    assert NoticeOfChange.objects.filter(status=RequestStatus.PENDING).count() == 1
    assert CaseLink.objects.filter(party=party).count() == 2  # the outgoing link, ended
    assert_audit_chain_intact()
