"""[A12] Counsel: barristers hold OU accounts of the Hong Kong Bar Association's organization;
a party's solicitors (the OU acting on the case, or an administrator who may assign it) brief
one by the login name counsel gave. Counsel then sees the case, its documents and hearings,
and files written submissions, skeleton arguments and lists of authorities for the party,
nothing else. Counsel's link ends when the last brief is withdrawn or when the solicitors'
own link ends (a Notice of Change). The Bar Association's administrators do not see briefs."""

import re
from html import escape

import pytest
from django.db import IntegrityError, connection, transaction
from rest_framework.test import APIClient

from accounts.models import AccountStatus
from accounts.services import api_token_issue
from audit.models import AuditRecord
from cases.models import CaseAssignment, CaseLink, LinkCapacity, LinkRoute, PartyType
from cases.selectors.access import case_for, may_transact, visible_cases
from cases.selectors.access_review import case_access_review
from cases.selectors.assignment import assignable_links
from cases.selectors.registry import registry_link
from cases.selectors.routing import case_message_recipients
from cases.services.assignment import case_assignment_create
from cases.services.counsel import counsel_brief_return, counsel_instruct, counsel_withdraw
from cases.services.notices import (
    case_link_correct,
    notice_of_change_accept,
    notice_of_change_lodge,
)
from core.errors import NotFound, NotPermitted, ValidationFailed
from filing.services.filings import DocumentToFile, filing_submit
from messaging.models import Message
from organizations.models import OrganizationType
from permissions.roles import Role
from tests.factories import (
    ApiOnlyAccountFactory,
    OrganizationAccountFactory,
    OrganizationFactory,
    StaffFactory,
    UserFactory,
    organization_with_cases,
    party_of,
    pdf,
)
from tests.filing_helpers import pdf_upload
from tests.test_concurrency import assert_audit_chain_intact, run_in_parallel

pytestmark = pytest.mark.documents

NOT_A_BARRISTER = (
    "No barrister's account has this login name. Ask counsel for the login name of their "
    "account under the Hong Kong Bar Association."
)


def _bar():
    return OrganizationFactory(
        organization_type=OrganizationType.BAR_ASSOCIATION, name="Hong Kong Bar Association"
    )


def _barrister(bar, **values):
    values.setdefault("surname", "Kwok")
    return ApiOnlyAccountFactory(organization=bar, role=Role.OU, **values)


@pytest.fixture
def world(db):
    """A firm acting for the plaintiff of a DCPI case, its OU `ou` assigned to it, and the Bar
    Association's organization with a barrister `barrister` and its PA `bar_pa`."""
    world = organization_with_cases()
    case_assignment_create(actor=world.pa, link_id=world.link.pk, organization_user_id=world.ou.pk)
    world.bar = _bar()
    world.barrister = _barrister(world.bar)
    world.bar_pa = ApiOnlyAccountFactory(organization=world.bar, role=Role.PA, branch=None)
    return world


def test_a12_the_solicitor_on_the_case_briefs_counsel_who_then_sees_the_case(world):
    brief = counsel_instruct(
        actor=world.ou, link_id=world.link.pk, login_name=f"  {world.barrister.login_name.upper()}"
    )
    counsel = brief.link
    assert (counsel.capacity, counsel.route) == (
        LinkCapacity.COUNSEL,
        LinkRoute.COUNSEL_INSTRUCTED,
    )
    assert counsel.organization == world.bar and counsel.party == party_of(world.case)
    assert brief.organization_user == world.barrister and brief.assigned_by == world.ou
    # The solicitors keep the party: counsel stands beside them.
    world.link.refresh_from_db()
    assert world.link.is_current and may_transact(world.ou, world.case)
    assert case_for(world.barrister, world.case.pk) == world.case
    assert may_transact(world.barrister, world.case)
    told = Message.objects.get(recipient=world.barrister)
    assert told.subject == f"You are instructed as counsel in {world.case.number}"
    assert world.organization.name in told.body
    record = AuditRecord.objects.get(action="counsel.instructed")
    assert record.after["counsel_link"] == counsel.pk
    # Briefing the same barrister again changes nothing.
    again = counsel_instruct(
        actor=world.pa, link_id=world.link.pk, login_name=brief.organization_user.login_name
    )
    assert again == brief and CaseAssignment.objects.filter(link=counsel).count() == 1


@pytest.mark.django_db
def test_a12_only_a_barristers_account_in_service_can_be_briefed(world):
    suspended = _barrister(world.bar, status=AccountStatus.SUSPENDED)
    bar_sa = ApiOnlyAccountFactory(organization=world.bar, role=Role.SA)
    for login_name in (
        world.ou2.login_name,  # a solicitor of the firm itself
        OrganizationAccountFactory(role=Role.OU).login_name,  # of another firm
        UserFactory().login_name,  # an IU
        suspended.login_name,
        bar_sa.login_name,  # an administrator of the Bar Association, not a member's account
        "",
        "x" * 151,
    ):
        with pytest.raises(ValidationFailed) as refused:
            counsel_instruct(actor=world.ou, link_id=world.link.pk, login_name=login_name)
        assert refused.value.errors == {"login_name": [NOT_A_BARRISTER]}
    assert not CaseLink.objects.filter(capacity=LinkCapacity.COUNSEL).exists()


def test_a12_only_the_partys_own_solicitors_brief_counsel_for_it(world):
    other = organization_with_cases()
    for outsider in (
        other.pa,  # another firm's administrator
        world.ou2,  # an OU of the firm not assigned to the case
        world.bar_pa,
    ):
        with pytest.raises(NotFound):
            counsel_instruct(
                actor=outsider, link_id=world.link.pk, login_name=world.barrister.login_name
            )
    for not_a_firm in (UserFactory(), StaffFactory(role=Role.REGISTRY)):
        with pytest.raises(NotPermitted):
            counsel_instruct(
                actor=not_a_firm, link_id=world.link.pk, login_name=world.barrister.login_name
            )
    # Counsel cannot brief more counsel through its own link.
    brief = counsel_instruct(
        actor=world.pa, link_id=world.link.pk, login_name=world.barrister.login_name
    )
    junior = _barrister(world.bar)
    with pytest.raises(NotFound):
        counsel_instruct(actor=world.barrister, link_id=brief.link_id, login_name=junior.login_name)
    assert CaseAssignment.objects.filter(link=brief.link).count() == 1


def test_a12_counsel_files_a_skeleton_argument_but_not_what_solicitors_file(world):
    counsel_instruct(actor=world.ou, link_id=world.link.pk, login_name=world.barrister.login_name)
    with pytest.raises(ValidationFailed) as refused:
        filing_submit(
            actor=world.barrister,
            case_number=world.case.number,
            documents=[DocumentToFile("SKEL", pdf_upload()), DocumentToFile("SUM", pdf_upload())],
        )
    assert refused.value.errors["documents"] == [
        "As counsel you file written submissions, skeleton arguments and lists of "
        "authorities; the party's solicitors file the Summons."
    ]
    filed = filing_submit(
        actor=world.barrister,
        case_number=world.case.number,
        documents=[DocumentToFile("SKEL", pdf_upload()), DocumentToFile("LOA", pdf_upload())],
    ).filing
    assert filed.party == party_of(world.case) and filed.account == world.barrister
    # The solicitors still file anything their party files.
    by_solicitors = filing_submit(
        actor=world.ou,
        case_number=world.case.number,
        documents=[DocumentToFile("AFF", pdf_upload())],
    ).filing
    assert by_solicitors.party == party_of(world.case)


def test_a12_counsel_goes_with_the_solicitors_on_a_notice_of_change(world):
    brief = counsel_instruct(
        actor=world.ou, link_id=world.link.pk, login_name=world.barrister.login_name
    )
    incoming_pa = OrganizationAccountFactory(role=Role.PA)
    notice = notice_of_change_lodge(
        actor=incoming_pa,
        case_number=world.case.number,
        party_type="PLAINTIFF",
        party_name="CHAN Tai Man",
        document=pdf("change.pdf"),
    )
    clerk = StaffFactory(role=Role.REGISTRY)
    notice_of_change_accept(actor=clerk, notice_id=notice.pk, party_id=party_of(world.case).pk)
    brief.link.refresh_from_db()
    assert brief.link.ended_at is not None and brief.link.ended_by == clerk
    with pytest.raises(NotFound):
        case_for(world.barrister, world.case.pk)
    told = Message.objects.get(recipient=world.barrister, subject__contains="have ended")
    assert told.subject == f"Your instructions in {world.case.number} have ended"
    assert told.case is None
    assert list(
        AuditRecord.objects.filter(action="case_link.ended").values_list("object_id", flat=True)
    ) == [str(brief.link.pk), str(world.link.pk)]
    # The new solicitors brief counsel afresh: a new counsel link beside their own.
    incoming_link = CaseLink.objects.get(
        organization=incoming_pa.organization, ended_at__isnull=True
    )
    again = counsel_instruct(
        actor=incoming_pa, link_id=incoming_link.pk, login_name=world.barrister.login_name
    )
    assert again.link != brief.link and again.link.is_current


def test_a12_withdrawing_the_last_brief_ends_counsels_link(world):
    leading = counsel_instruct(
        actor=world.ou, link_id=world.link.pk, login_name=world.barrister.login_name
    )
    junior = _barrister(world.bar, surname="Lau")
    counsel_instruct(actor=world.ou, link_id=world.link.pk, login_name=junior.login_name)
    counsel_withdraw(actor=world.pa, link_id=world.link.pk, counsel_id=junior.pk)
    leading.link.refresh_from_db()
    assert leading.link.is_current
    with pytest.raises(NotFound):
        case_for(junior, world.case.pk)
    assert Message.objects.filter(
        recipient=junior, subject=f"Your instructions in {world.case.number} are withdrawn"
    ).exists()
    # Another firm cannot withdraw it; a barrister not briefed is not found.
    with pytest.raises(NotFound):
        counsel_withdraw(
            actor=organization_with_cases().pa, link_id=world.link.pk, counsel_id=world.barrister.pk
        )
    with pytest.raises(NotFound):
        counsel_withdraw(actor=world.ou, link_id=world.link.pk, counsel_id=junior.pk)
    counsel_withdraw(actor=world.ou, link_id=world.link.pk, counsel_id=world.barrister.pk)
    leading.link.refresh_from_db()
    assert leading.link.ended_at is not None
    assert not CaseAssignment.objects.filter(link=leading.link).exists()
    record = AuditRecord.objects.filter(action="counsel.withdrawn").latest("pk")
    assert record.after == {"counsel_link_ended": True}


def test_a12_the_bar_associations_administrators_and_the_court_messages_leave_briefs_alone(
    world,
):
    brief = counsel_instruct(
        actor=world.ou, link_id=world.link.pk, login_name=world.barrister.login_name
    )
    assert not visible_cases(world.bar_pa).exists()
    assert not assignable_links(world.bar_pa).exists()
    assert case_access_review(actor=world.bar_pa)["rows"] == []
    # The court's messages of the case go to the solicitors, not to counsel.
    assert world.barrister not in case_message_recipients(world.case.pk)
    assert world.ou in case_message_recipients(world.case.pk)
    # The registry corrects a representation, never counsel's link.
    clerk = StaffFactory(role=Role.REGISTRY)
    with pytest.raises(NotFound):
        registry_link(actor=clerk, case=world.case, link_id=brief.link_id)
    assert registry_link(actor=clerk, case=world.case, link_id=world.link.pk) == world.link


@pytest.mark.django_db
def test_a12_a_party_has_one_current_counsel_link_and_it_is_an_organizations():
    world = organization_with_cases()
    bar = _bar()
    CaseLink.objects.create(
        case=world.case,
        party=world.link.party,
        organization=bar,
        route=LinkRoute.COUNSEL_INSTRUCTED,
        capacity=LinkCapacity.COUNSEL,
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        CaseLink.objects.create(
            case=world.case,
            party=world.link.party,
            organization=OrganizationFactory(organization_type=OrganizationType.BAR_ASSOCIATION),
            route=LinkRoute.COUNSEL_INSTRUCTED,
            capacity=LinkCapacity.COUNSEL,
        )
    with pytest.raises(IntegrityError), transaction.atomic():
        CaseLink.objects.create(
            case=world.case,
            party=party_of(world.case, PartyType.DEFENDANT),
            individual=UserFactory(),
            route=LinkRoute.COUNSEL_INSTRUCTED,
            capacity=LinkCapacity.COUNSEL,
        )


# --- the pages ------------------------------------------------------------------------------------


def test_a12_the_solicitor_briefs_and_withdraws_counsel_on_the_page(client, world):
    client.force_login(world.ou)
    case_page = client.get(f"/cases/{world.case.pk}/")
    assert f'href="/cases/counsel/{world.link.pk}/"' in case_page.content.decode()
    url = f"/cases/counsel/{world.link.pk}/"
    assert "No counsel is instructed for this party." in client.get(url).content.decode()
    refused = client.post(url, {"login_name": world.ou2.login_name})
    assert refused.status_code == 200 and escape(NOT_A_BARRISTER) in refused.content.decode()
    assert not CaseLink.objects.filter(capacity=LinkCapacity.COUNSEL).exists()
    done = client.post(url, {"login_name": world.barrister.login_name}, follow=True)
    page = done.content.decode()
    assert f"{world.barrister.login_name} is instructed as counsel for CHAN Tai Man." in page
    withdraw = f"/cases/counsel/{world.link.pk}/withdraw/{world.barrister.pk}/"
    confirm = client.post(withdraw)
    assert "Yes, withdraw the instructions" in confirm.content.decode()
    assert CaseAssignment.objects.filter(organization_user=world.barrister).exists()
    client.post(withdraw, {"confirm": "yes"})
    assert not CaseAssignment.objects.filter(organization_user=world.barrister).exists()


def test_a12_counsels_case_page_and_my_cases_say_it_is_counsel(client, world):
    counsel_instruct(actor=world.ou, link_id=world.link.pk, login_name=world.barrister.login_name)
    client.force_login(world.barrister)
    page = client.get(f"/cases/{world.case.pk}/").content.decode()
    assert "You are counsel for: CHAN Tai Man (Plaintiff)" in page
    assert escape(world.organization.name) in page
    assert f"/cases/counsel/{world.link.pk}/" not in page
    assert "As counsel" in client.get("/cases/").content.decode()
    # Counsel has no briefing page of its own link; another firm none of this one's.
    assert client.get(f"/cases/counsel/{world.link.pk}/").status_code == 404
    client.force_login(organization_with_cases().pa)
    assert client.get(f"/cases/counsel/{world.link.pk}/").status_code == 404


def test_a12_counsel_pages_in_chinese(client, world):
    counsel_instruct(actor=world.ou, link_id=world.link.pk, login_name=world.barrister.login_name)
    client.force_login(world.ou)
    page = client.get(f"/zh-hant/cases/counsel/{world.link.pk}/").content.decode()
    assert "為這訴訟一方延聘的大律師" in page and "延聘大律師" in page
    client.force_login(world.barrister)
    page = client.get(f"/zh-hant/cases/{world.case.pk}/").content.decode()
    assert "你是以下訴訟一方的大律師：CHAN Tai Man（原告人）" in page


# --- the API --------------------------------------------------------------------------------------


def _api(user) -> APIClient:
    key, _token = api_token_issue(user=user)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {key}")
    return client


def test_a12_the_api_briefs_lists_and_withdraws_counsel(world):
    api = _api(world.pa)
    url = f"/api/v1/case-parties/{world.link.pk}/counsel/"
    created = api.post(url, {"login_name": world.barrister.login_name}, "json")
    assert created.status_code == 201, created.json()
    assert created.json()["login_name"] == world.barrister.login_name
    assert created.json()["instructed_by"] == world.pa.login_name
    listed = api.get(url).json()
    assert [row["id"] for row in listed] == [world.barrister.pk]
    refused = api.post(url, {"login_name": "nobody"}, "json")
    assert refused.status_code == 400 and refused.json()["errors"]["login_name"] == [
        NOT_A_BARRISTER
    ]
    assert _api(organization_with_cases().pa).get(url).status_code == 404
    detail = _api(world.barrister).get(f"/api/v1/cases/{world.case.pk}/").json()
    (held,) = detail["your_parties"]
    assert (held["capacity"], held["instructed_by"]) == ("COUNSEL", world.organization.name)
    assert api.delete(f"{url}{world.barrister.pk}/").status_code == 204
    assert api.get(url).json() == []


# --- under parallel requests ----------------------------------------------------------------------


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a12_case_7_parallel_briefs_stop_at_the_bar_associations_limit_per_party():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (DATABASE_URL=postgres://...)")
    world = organization_with_cases()
    bar = _bar()
    bar.max_organization_users_per_case_party = 3
    bar.save(update_fields=["max_organization_users_per_case_party"])
    barristers = [_barrister(bar) for _n in range(8)]
    key, _token = api_token_issue(user=world.pa)

    def work(index):
        client = APIClient()
        client.credentials(HTTP_AUTHORIZATION=f"Bearer {key}")
        response = client.post(
            f"/api/v1/case-parties/{world.link.pk}/counsel/",
            {"login_name": barristers[index].login_name},
            "json",
        )
        return response.status_code

    results = run_in_parallel(8, work)
    statuses = sorted(value for _kind, value in results)
    assert statuses == [201, 201, 201, 409, 409, 409, 409, 409], results
    assert (
        CaseLink.objects.filter(capacity=LinkCapacity.COUNSEL, ended_at__isnull=True).count() == 1
    )
    assert CaseAssignment.objects.filter(organization=bar).count() == 3
    assert_audit_chain_intact()


COUNSEL_ONLY_WHEN_INSTRUCTED = (
    "As counsel you file only in a case whose party's solicitors instructed you; they start "
    "proceedings and file what links a party to a case."
)


def test_a12_a_barrister_neither_starts_proceedings_nor_links_itself_to_a_party(world):
    with pytest.raises(ValidationFailed) as refused:
        filing_submit(
            actor=world.barrister,
            case_number=world.case.number,
            documents=[DocumentToFile("AOS", pdf_upload())],
            party_type=PartyType.DEFENDANT,
            party_position=1,
        )
    assert refused.value.errors["case_number"] == [COUNSEL_ONLY_WHEN_INSTRUCTED]
    with pytest.raises(ValidationFailed) as refused:
        filing_submit(
            actor=world.barrister,
            proceeding_type="DCPI",
            title="KWOK v. LAU",
            parties=[
                {"party_type": "PLAINTIFF", "name": "KWOK Hoi Yan"},
                {"party_type": "DEFENDANT", "name": "LAU Wai Man"},
            ],
            documents=[DocumentToFile("WRIT", pdf_upload())],
        )
    assert COUNSEL_ONLY_WHEN_INSTRUCTED in refused.value.errors["documents"]
    assert not CaseLink.objects.filter(organization=world.bar).exists()


def test_a12_counsel_returns_the_brief_and_the_solicitors_hear_of_it(client, world):
    brief = counsel_instruct(
        actor=world.ou, link_id=world.link.pk, login_name=world.barrister.login_name
    )
    # Nobody but the barrister returns its brief; the solicitors' link is not a brief.
    for outsider in (world.ou, _barrister(world.bar), world.bar_pa):
        with pytest.raises((NotFound, NotPermitted)):
            counsel_brief_return(actor=outsider, link_id=brief.link_id)
    with pytest.raises(NotFound):
        counsel_brief_return(actor=world.barrister, link_id=world.link.pk)
    client.force_login(world.barrister)
    url = f"/cases/counsel/{brief.link_id}/return/"
    assert url in client.get(f"/cases/{world.case.pk}/").content.decode()
    assert "Yes, return the brief" in client.post(url).content.decode()
    assert CaseAssignment.objects.filter(pk=brief.pk).exists()
    done = client.post(url, {"confirm": "yes"}, follow=True)
    assert f"You returned your brief in {world.case.number}." in done.content.decode()
    brief.link.refresh_from_db()
    assert brief.link.ended_at is not None and brief.link.ended_by == world.barrister
    assert client.get(f"/cases/{world.case.pk}/").status_code == 404
    told = Message.objects.get(recipient=world.ou, subject__startswith="Counsel returned")
    assert told.subject == f"Counsel returned the brief in {world.case.number}"
    assert told.body == (
        f"Kwok Tai Man ({world.barrister.login_name}) returned the brief for CHAN Tai Man in "
        f"{world.case.number}, and no longer sees the case or files in it."
    )
    assert AuditRecord.objects.filter(action="counsel.brief_returned").count() == 1


def test_a12_counsel_returns_the_brief_through_the_api(world):
    brief = counsel_instruct(
        actor=world.pa, link_id=world.link.pk, login_name=world.barrister.login_name
    )
    url = f"/api/v1/case-parties/{brief.link_id}/brief/return/"
    assert _api(world.ou).post(url).status_code == 404
    assert _api(world.barrister).post(url).status_code == 204
    assert _api(world.barrister).post(url).status_code == 404
    # The PA briefed it: the PA hears of it, with the OU on the party.
    assert set(
        Message.objects.filter(subject__startswith="Counsel returned").values_list(
            "recipient", flat=True
        )
    ) == {world.pa.pk, world.ou.pk}


def test_a12_the_filing_page_offers_counsel_only_what_counsel_files(client, world):
    counsel_instruct(actor=world.ou, link_id=world.link.pk, login_name=world.barrister.login_name)
    client.force_login(world.barrister)
    page = client.get(f"/filings/new/?case={world.case.pk}").content.decode()
    offered = set(re.findall(r'<option value="DCPI:(\w+)"', page))
    assert offered == {"LOA", "SKEL", "SUBM"}
    client.force_login(world.ou)
    page = client.get(f"/filings/new/?case={world.case.pk}").content.decode()
    assert {"SUM", "SKEL", "AFF"} <= set(re.findall(r'<option value="DCPI:(\w+)"', page))


def test_a12_a_link_corrected_to_the_right_party_leaves_counsel_to_be_briefed_again(world):
    brief = counsel_instruct(
        actor=world.ou, link_id=world.link.pk, login_name=world.barrister.login_name
    )
    corrected = case_link_correct(
        actor=StaffFactory(role=Role.REGISTRY),
        link_id=world.link.pk,
        party_id=party_of(world.case, PartyType.DEFENDANT).pk,
        reasons="The firm acts for the defendant.",
    )
    brief.link.refresh_from_db()
    assert brief.link.ended_at is not None
    assert not may_transact(world.barrister, world.case)
    assert Message.objects.filter(
        recipient=world.barrister, subject=f"Your instructions in {world.case.number} have ended"
    ).exists()
    # The OUs stay on the corrected link, and may brief counsel for the right party.
    again = counsel_instruct(
        actor=world.ou, link_id=corrected.pk, login_name=world.barrister.login_name
    )
    assert again.link.party == party_of(world.case, PartyType.DEFENDANT)
