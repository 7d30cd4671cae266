"""CASE-2, BEY-1: a link the registry made to the wrong party of a case is corrected by the
registry, with reasons: the holder is linked to the right party instead (route CORRECTION), its
assigned OUs keep the case, the wrong link stays in the case's history, the holder is told, and
the audit trail keeps the reasons. Refusals change nothing; only the registry corrects; on
PostgreSQL, two corrections racing to one party end with one link."""

import threading

import pytest
from django.db import DatabaseError, connection, connections, transaction
from rest_framework.test import APIClient

from accounts.services import api_token_issue
from audit.models import AuditRecord
from cases.models import (
    Case,
    CaseAssignment,
    CaseLink,
    CaseParty,
    PartyType,
    ProceedingType,
)
from cases.services.assignment import case_assignment_create
from cases.services.locks import locked_party
from cases.services.notices import (
    LinkNoLongerCurrent,
    case_link_correct,
    notice_of_change_accept,
)
from core.errors import NotFound, NotPermitted, ValidationFailed
from messaging.models import Message
from permissions.roles import Role
from tests.factories import (
    ApiOnlyUserFactory,
    CaseLinkFactory,
    NoticeOfChangeFactory,
    OrganizationFactory,
    StaffFactory,
    organization_with_cases,
    party_of,
)
from tests.test_concurrency import assert_audit_chain_intact, run_in_parallel

pytestmark = pytest.mark.django_db

REASONS = "Linked to the plaintiff in error: the firm's Notice of Consent names the defendant."


@pytest.fixture
def world(registry_clerk):
    """A firm linked, wrongly, to the plaintiff of its DCPI case; its OU assigned to it."""
    world = organization_with_cases()
    case_assignment_create(actor=world.pa, link_id=world.link.pk, organization_user_id=world.ou.pk)
    world.defendant = party_of(world.case, PartyType.DEFENDANT)
    world.clerk = registry_clerk
    return world


def snapshot() -> tuple:
    return (
        list(CaseLink.objects.order_by("pk").values()),
        list(CaseAssignment.objects.order_by("pk").values()),
        AuditRecord.objects.count(),
        Message.objects.count(),
    )


def test_case_2_registry_moves_a_link_to_the_right_party_and_the_holder_is_told(world):
    corrected = case_link_correct(
        actor=world.clerk, link_id=world.link.pk, party_id=world.defendant.pk, reasons=REASONS
    )
    wrong = CaseLink.objects.get(pk=world.link.pk)
    assert wrong.ended_at is not None and wrong.ended_by == world.clerk  # kept as history
    assert corrected.party == world.defendant and corrected.ended_at is None
    assert corrected.route == "CORRECTION" and corrected.organization == world.organization
    assert corrected.linked_by == world.clerk
    # The OU assigned to the case keeps it.
    assert CaseAssignment.objects.get(organization_user=world.ou).link == corrected
    record = AuditRecord.objects.get(action="case_link.corrected")
    assert record.before["party"] == party_of(world.case).pk
    assert record.after["party"] == world.defendant.pk
    assert record.after["reasons"] == REASONS and record.after["assignments_kept"] == 1
    told = Message.objects.get(subject=f"Your link to {world.case.number} corrected")
    assert told.recipient == world.pa
    assert f"you are linked for {world.defendant.name}, not for" in told.body
    assert REASONS in told.body


@pytest.mark.parametrize(
    "change, field",
    [
        ({"reasons": "  "}, "reasons"),
        ({"reasons": "x" * 2001}, "reasons"),
        ({"party_id": "the defendant"}, "party"),
        ({"same_party": True}, "party"),
        ({"other_case": True}, "party"),
        ({"party_linked": True}, "party"),
    ],
)
def test_case_2_a_bad_correction_is_refused_and_changes_nothing(world, change, field):
    arguments = {
        "actor": world.clerk,
        "link_id": world.link.pk,
        "party_id": world.defendant.pk,
        "reasons": REASONS,
    }
    if change.pop("same_party", False):
        arguments["party_id"] = world.link.party_id
    if change.pop("other_case", False):
        arguments["party_id"] = party_of(organization_with_cases().case, PartyType.DEFENDANT).pk
    if change.pop("party_linked", False):
        CaseLinkFactory(
            organization=None,
            individual=ApiOnlyUserFactory(),
            case=world.case,
            party=world.defendant,
        )
    arguments.update(change)
    before = snapshot()
    with pytest.raises(ValidationFailed) as refused:
        case_link_correct(**arguments)
    assert field in refused.value.errors
    assert snapshot() == before


def test_case_2_an_ended_link_is_not_corrected(world):
    case_link_correct(
        actor=world.clerk, link_id=world.link.pk, party_id=world.defendant.pk, reasons=REASONS
    )
    before = snapshot()
    with pytest.raises(LinkNoLongerCurrent):
        case_link_correct(
            actor=world.clerk,
            link_id=world.link.pk,
            party_id=party_of(world.case).pk,
            reasons=REASONS,
        )
    with pytest.raises(NotFound):
        case_link_correct(
            actor=world.clerk, link_id=10**12, party_id=world.defendant.pk, reasons=REASONS
        )
    assert snapshot() == before


@pytest.mark.parametrize("role", [Role.VETTING, Role.HELP_CENTRE, Role.SYSTEM_ADMIN])
def test_role_1_only_the_registry_corrects_a_link(world, role):
    before = snapshot()
    with pytest.raises(NotPermitted):
        case_link_correct(
            actor=StaffFactory(role=role),
            link_id=world.link.pk,
            party_id=world.defendant.pk,
            reasons=REASONS,
        )
    with pytest.raises(NotPermitted):
        case_link_correct(
            actor=world.pa, link_id=world.link.pk, party_id=world.defendant.pk, reasons=REASONS
        )
    assert snapshot() == before


@pytest.mark.parametrize(
    "prefix, words",
    [
        ("", ("Correct the party", "The link is now for")),
        ("/zh-hant", ("更正當事人", "連結現已改為")),
    ],
)
def test_case_2_the_case_page_corrects_a_link(client, world, prefix, words):
    client.force_login(world.clerk)
    case_page = client.get(f"{prefix}/backoffice/cases/{world.case.pk}/").content.decode()
    url = f"{prefix}/backoffice/cases/{world.case.pk}/links/{world.link.pk}/correct/"
    assert url in case_page and words[0] in case_page
    form = client.get(url).content.decode()
    assert f'<option value="{world.defendant.pk}">' in form
    assert f'<option value="{world.link.party_id}">' not in form  # not its own party
    refused = client.post(url, {"party": str(world.defendant.pk), "reasons": ""})
    assert refused.status_code == 400
    assert not CaseLink.objects.filter(route="CORRECTION").exists()
    done = client.post(url, {"party": str(world.defendant.pk), "reasons": REASONS}, follow=True)
    assert done.redirect_chain[-1][0] == f"{prefix}/backoffice/cases/{world.case.pk}/"
    assert words[1] in done.content.decode()
    assert CaseLink.objects.get(route="CORRECTION").party == world.defendant
    # The wrong link has ended: its page is not found.
    assert client.get(url).status_code == 404


def test_case_2_the_page_refuses_in_chinese(client, world):
    client.force_login(world.clerk)
    url = f"/zh-hant/backoffice/cases/{world.case.pk}/links/{world.link.pk}/correct/"
    refused = client.post(url, {"party": str(world.defendant.pk), "reasons": ""})
    assert refused.status_code == 400
    assert "請說明更正連結的理由" in refused.content.decode()


def test_case_2_the_page_is_the_registrys(client, world):
    url = f"/backoffice/cases/{world.case.pk}/links/{world.link.pk}/correct/"
    client.force_login(StaffFactory(role=Role.VETTING))
    assert client.get(url).status_code == 403
    assert client.post(url, {"party": str(world.defendant.pk), "reasons": REASONS}).status_code == (
        403
    )
    assert not CaseLink.objects.filter(route="CORRECTION").exists()


def test_case_2_api_corrects_a_link_and_another_cases_link_is_not_found(world):
    api = APIClient()
    api.force_authenticate(world.clerk)
    other = organization_with_cases()
    # Another case's link, through this case's address: not found, nothing changed.
    before = snapshot()
    stray = api.post(
        f"/api/v1/backoffice/cases/{world.case.pk}/links/{other.link.pk}/correct/",
        {"party": world.defendant.pk, "reasons": REASONS},
        format="json",
    )
    assert stray.status_code == 404 and snapshot() == before
    done = api.post(
        f"/api/v1/backoffice/cases/{world.case.pk}/links/{world.link.pk}/correct/",
        {"party": world.defendant.pk, "reasons": REASONS},
        format="json",
    )
    assert done.status_code == 200
    current = [link for link in done.json()["links"] if link["ended_at"] is None]
    assert [(link["party"], link["route"]) for link in current] == [
        (world.defendant.pk, "CORRECTION")
    ]
    again = api.post(
        f"/api/v1/backoffice/cases/{world.case.pk}/links/{world.link.pk}/correct/",
        {"party": world.defendant.pk, "reasons": REASONS},
        format="json",
    )
    assert again.status_code == 404


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_case_2_two_corrections_racing_to_one_party_end_with_one_link(registry_clerk):
    """Two links of one case (the plaintiff's and the 2nd defendant's, both made in error), each
    corrected at once to the 1st defendant: one wins; the other is refused and changes
    nothing."""
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (DATABASE_URL=postgres://...)")
    world = organization_with_cases()
    defendant = party_of(world.case, PartyType.DEFENDANT)
    second = world.case.parties.create(party_type=PartyType.DEFENDANT, position=2, name="LEE Ka")
    individual = CaseLinkFactory(
        organization=None,
        individual=ApiOnlyUserFactory(),
        case=world.case,
        party=second,
    )
    key, _token = api_token_issue(user=registry_clerk)

    def work(index):
        client = APIClient()
        client.credentials(HTTP_AUTHORIZATION=f"Bearer {key}")
        link = (world.link, individual)[index]
        response = client.post(
            f"/api/v1/backoffice/cases/{world.case.pk}/links/{link.pk}/correct/",
            {"party": defendant.pk, "reasons": REASONS},
            format="json",
        )
        return response.status_code

    results = run_in_parallel(2, work)
    assert all(kind == "ok" for kind, _value in results), results
    assert sorted(value for _kind, value in results) == [200, 400]
    assert CaseLink.objects.filter(party=defendant, ended_at__isnull=True).count() == 1
    assert CaseLink.objects.filter(ended_at__isnull=True).count() == 2  # one moved, one kept
    assert AuditRecord.objects.filter(action="case_link.corrected").count() == 1
    assert_audit_chain_intact()


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_case_2_a_party_locked_for_linking_locks_its_case_not_its_proceeding_type():
    """Every write on a case's links locks the case's row, then the party's, and nothing else:
    the proceeding type read with the party stays free, so links in other cases of that type
    do not queue behind this one (they did, when the party's lock took every joined row)."""
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (DATABASE_URL=postgres://...)")
    world = organization_with_cases()
    party = party_of(world.case)
    locked, release = threading.Event(), threading.Event()

    def hold():
        try:
            with transaction.atomic():
                locked_party(party.pk)
                locked.set()
                release.wait(30)
        finally:
            connections.close_all()

    holder = threading.Thread(target=hold)
    holder.start()
    try:
        assert locked.wait(30)
        with transaction.atomic():
            kind = ProceedingType.objects.filter(pk=world.case.proceeding_type_id)
            assert list(kind.select_for_update(nowait=True))  # free
        for rows in (Case.objects.filter(pk=world.case.pk), CaseParty.objects.filter(pk=party.pk)):
            with pytest.raises(DatabaseError), transaction.atomic():
                list(rows.select_for_update(nowait=True))  # held
    finally:
        release.set()
        holder.join(30)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_case_2_a_correction_and_a_notice_of_change_for_one_party_at_once_both_settle(
    registry_clerk,
):
    """The registry corrects a firm's link away from the plaintiff while another clerk accepts
    a Notice of Change for the plaintiff: both lock the case, then the party, so neither waits
    for the other's lock forever. Whichever comes first, the plaintiff and the defendant end
    with one link each at most, and the audit chain holds."""
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (DATABASE_URL=postgres://...)")
    world = organization_with_cases()
    plaintiff = party_of(world.case)
    defendant = party_of(world.case, PartyType.DEFENDANT)
    notice = NoticeOfChangeFactory(
        case=world.case, party_name=plaintiff.name, incoming_organization=OrganizationFactory()
    )

    def work(index):
        if index == 0:
            return case_link_correct(
                actor=registry_clerk,
                link_id=world.link.pk,
                party_id=defendant.pk,
                reasons=REASONS,
            ).party_id
        return notice_of_change_accept(
            actor=registry_clerk, notice_id=notice.pk, party_id=plaintiff.pk
        ).status

    results = run_in_parallel(2, work)
    correction, change = results
    assert change == ("ok", "ACCEPTED"), results
    # The correction came first (the firm moved to the defendant), or the notice did and the
    # link it was asked to correct had ended.
    assert correction == ("ok", defendant.pk) or (
        correction[0] == "error" and isinstance(correction[1], LinkNoLongerCurrent)
    ), results
    for party in (plaintiff, defendant):
        assert CaseLink.objects.filter(party=party, ended_at__isnull=True).count() <= 1
    incoming = CaseLink.objects.get(party=plaintiff, ended_at__isnull=True)
    assert incoming.organization == notice.incoming_organization
    assert_audit_chain_intact()
