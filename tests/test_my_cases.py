"""My cases (CASE-2, CASE-4, GEN-2, GEN-5, BEY-1): each holder's list, its filters and keyset
pages, in pages and the API; a case's page with its e-services, parties and representation
history."""

import datetime
import re

import pytest
from django.utils import timezone

from accounts.models import AccountStatus, User
from cases.models import (
    CaseAssignment,
    CaseLink,
    CaseParty,
    CaseStatus,
    LinkRoute,
    PartyType,
)
from cases.selectors.my_cases import CaseFilters, my_cases
from core.errors import NotPermitted, ValidationFailed
from permissions.roles import Role
from tests.factories import (
    ApiOnlyAccountFactory,
    ApiOnlyUserFactory,
    BranchFactory,
    CaseAssignmentFactory,
    CaseFactory,
    CaseLinkFactory,
    OrganizationFactory,
    StaffFactory,
    UserFactory,
    cases_linked_in_bulk,
    party_of,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def firm():
    """An organization with a PA, an SA and two OUs of one branch."""
    organization = OrganizationFactory(name="Chan & Lee Solicitors")
    branch = BranchFactory(organization=organization, code="CENTRAL")
    return {
        "organization": organization,
        "pa": ApiOnlyAccountFactory(organization=organization, role=Role.PA, branch=None),
        "sa": ApiOnlyAccountFactory(organization=organization, role=Role.SA, branch=branch),
        "ou": ApiOnlyAccountFactory(organization=organization, branch=branch),
        "other_ou": ApiOnlyAccountFactory(organization=organization, branch=branch),
    }


def numbers(page) -> list[str]:
    return [row.case.number for row in page.rows]


def api_numbers(response) -> list[str]:
    return [row["number"] for row in response.json()["results"]]


# --- each holder's list --------------------------------------------------------------------------


def test_case_2_iu_sees_its_own_linked_cases_newest_first(firm):
    holder = ApiOnlyUserFactory()
    mine = cases_linked_in_bulk(3, individual=holder)
    cases_linked_in_bulk(2, individual=ApiOnlyUserFactory(), start=100)
    cases_linked_in_bulk(2, organization=firm["organization"], start=200)
    page = my_cases(actor=holder)
    assert numbers(page) == [link.case.number for link in reversed(mine)]
    assert page.next_cursor is None
    assert [row.party.party_type for row in page.rows] == [PartyType.PLAINTIFF] * 3


def test_case_2_ou_sees_only_the_cases_assigned_to_it(firm):
    assigned = cases_linked_in_bulk(2, organization=firm["organization"], assign_to=[firm["ou"]])
    cases_linked_in_bulk(
        3, organization=firm["organization"], assign_to=[firm["other_ou"]], start=50
    )
    cases_linked_in_bulk(1, organization=firm["organization"], start=90)  # assigned to no OU
    page = my_cases(actor=firm["ou"])
    assert numbers(page) == [link.case.number for link in reversed(assigned)]
    assert all(row.assigned_to == () for row in page.rows)


def test_case_4_pa_and_sa_see_the_organizations_cases_with_their_ous(firm):
    cases_linked_in_bulk(
        1, organization=firm["organization"], assign_to=[firm["ou"], firm["other_ou"]]
    )
    cases_linked_in_bulk(1, organization=firm["organization"], start=20)
    cases_linked_in_bulk(1, organization=OrganizationFactory(), start=40)
    for administrator in (firm["pa"], firm["sa"]):
        rows = my_cases(actor=administrator).rows
        assert [row.case.number for row in rows] == ["DCPI 20/2024", "DCPI 1/2024"]
        assert rows[0].assigned_to == ()
        assert {ou.pk for ou in rows[1].assigned_to} == {firm["ou"].pk, firm["other_ou"].pk}


def test_bey_1_an_ended_link_leaves_my_cases(firm):
    (link,) = cases_linked_in_bulk(1, organization=firm["organization"], assign_to=[firm["ou"]])
    link.ended_at = timezone.now()
    link.save()
    for actor in (firm["pa"], firm["sa"], firm["ou"]):
        assert my_cases(actor=actor).rows == []


@pytest.mark.parametrize("role", [Role.REGISTRY, Role.VETTING, Role.HELP_CENTRE, Role.SYSTEM_ADMIN])
def test_role_2_court_staff_have_no_my_cases(role):
    with pytest.raises(NotPermitted):
        my_cases(actor=StaffFactory(role=role))


# --- filters -------------------------------------------------------------------------------------


@pytest.fixture
def mixed(firm):
    """The firm's cases: two DCPI (one assigned to the OU), one DCTC finally disposed, one
    DCCJ (on paper)."""
    organization = firm["organization"]
    cases_linked_in_bulk(
        1, organization=organization, assign_to=[firm["ou"]], start=1234, year=2025
    )
    cases_linked_in_bulk(1, organization=organization, start=99, year=2025)
    (disposed,) = cases_linked_in_bulk(1, organization=organization, type_code="DCTC", start=7)
    disposed.case.status = CaseStatus.FINALLY_DISPOSED
    disposed.case.final_disposal_date = datetime.date(2025, 9, 1)
    disposed.case.save()
    cases_linked_in_bulk(1, organization=organization, type_code="DCCJ", start=5)
    return firm


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        (CaseFilters(), ["DCCJ 5/2024", "DCTC 7/2024", "DCPI 99/2025", "DCPI 1234/2025"]),
        (CaseFilters(proceeding_type="DCPI"), ["DCPI 99/2025", "DCPI 1234/2025"]),
        (CaseFilters(status=CaseStatus.FINALLY_DISPOSED), ["DCTC 7/2024"]),
        (
            CaseFilters(status=CaseStatus.ONGOING),
            ["DCCJ 5/2024", "DCPI 99/2025", "DCPI 1234/2025"],
        ),
        # A whole number, however it is typed, is matched exactly: not DCPI 12340/2025.
        (CaseFilters(number="dcpi 01234 / 2025"), ["DCPI 1234/2025"]),
        (CaseFilters(number="ＤＣＰＩ　１２３４／２０２５"), ["DCPI 1234/2025"]),
        # Its beginning: a type's code, a serial number's first digits.
        (CaseFilters(number="dcpi"), ["DCPI 99/2025", "DCPI 1234/2025"]),
        (CaseFilters(number="DCPI 12"), ["DCPI 1234/2025"]),
        (CaseFilters(number="DCPI 9/2024"), []),
        (CaseFilters(assignment="assigned"), ["DCPI 1234/2025"]),
        (
            CaseFilters(assignment="unassigned", proceeding_type="DCPI"),
            ["DCPI 99/2025"],
        ),
    ],
)
def test_case_4_my_cases_filters(mixed, filters, expected):
    assert numbers(my_cases(actor=mixed["pa"], filters=filters)) == expected


@pytest.mark.parametrize(
    ("filters", "field"),
    [
        (CaseFilters(number="DСPI 1234/2025"), "number"),  # a Cyrillic С
        (CaseFilters(number="1234/2025"), "number"),
        (CaseFilters(number="DCPI' OR 1=1 --"), "number"),
        (CaseFilters(proceeding_type="XXXX"), "proceeding_type"),
        (CaseFilters(status="CLOSED"), "status"),
        (CaseFilters(assignment="maybe"), "assignment"),
    ],
)
def test_nfr_4_a_bad_filter_is_refused_clearly(mixed, filters, field):
    with pytest.raises(ValidationFailed) as refused:
        my_cases(actor=mixed["pa"], filters=filters)
    assert list(refused.value.errors) == [field]


def test_case_2_ou_filters_its_own_cases(mixed):
    assert numbers(my_cases(actor=mixed["ou"], filters=CaseFilters(number="DCPI"))) == [
        "DCPI 1234/2025"
    ]
    assert numbers(my_cases(actor=mixed["ou"], filters=CaseFilters(number="DCTC 7/2024"))) == []


# --- keyset pages --------------------------------------------------------------------------------


def _walk(fetch) -> list[str]:
    seen, cursor, pages = [], None, 0
    while True:
        found, cursor = fetch(cursor)
        seen.extend(found)
        pages += 1
        if cursor is None:
            return seen, pages


@pytest.mark.parametrize("role", ["iu", "ou", "pa"])
def test_case_2_sixty_cases_in_pages_of_25_without_repeats_or_gaps(firm, role):
    if role == "iu":
        actor = ApiOnlyUserFactory()
        links = cases_linked_in_bulk(60, individual=actor)
    else:
        actor = firm[role]
        links = cases_linked_in_bulk(60, organization=firm["organization"], assign_to=[firm["ou"]])

    def fetch(cursor):
        page = my_cases(actor=actor, cursor=cursor)
        assert len(page.rows) == (25 if page.next_cursor else 10)
        return numbers(page), page.next_cursor

    seen, pages = _walk(fetch)
    assert pages == 3
    assert seen == [link.case.number for link in reversed(links)]


def test_case_2_api_pages_follow_next_with_the_same_filters(client, firm):
    cases_linked_in_bulk(60, organization=firm["organization"], assign_to=[firm["ou"]])
    cases_linked_in_bulk(5, organization=firm["organization"], type_code="DCTC")
    client.force_login(firm["ou"])
    seen, url = [], "/api/v1/cases/?proceeding_type=DCPI"
    while url:
        response = client.get(url)
        assert response.status_code == 200
        seen.extend(api_numbers(response))
        url = response.json()["next"]
        if url:
            assert "proceeding_type=DCPI" in url
    assert len(seen) == len(set(seen)) == 60
    assert all(number.startswith("DCPI") for number in seen)


def test_case_2_page_walks_next_page_links(client, firm):
    cases_linked_in_bulk(60, individual=(holder := ApiOnlyUserFactory()))
    client.force_login(holder)
    seen, url, pages = [], "/cases/", 0
    while url:
        response = client.get(url)
        assert response.status_code == 200
        page = response.content.decode()
        seen.extend(re.findall(r">(DCPI \d+/2024)</a>", page))
        pages += 1
        found = re.search(r'<a href="(\?[^"]*cursor=[^"]+)" rel="next">', page)
        url = "/cases/" + found.group(1).replace("&amp;", "&") if found else None
    assert pages == 3
    assert len(seen) == len(set(seen)) == 60


@pytest.mark.parametrize(
    "cursor",
    [
        "not-a-cursor",
        "eyJhIjoxLCJrIjo5OTk5OTl9:1vXXXX:tampered",
        "x" * 300,
        "\x00",
    ],
)
def test_case_2_a_tampered_cursor_is_a_clear_400(client, firm, cursor):
    cases_linked_in_bulk(30, organization=firm["organization"])
    client.force_login(firm["pa"])
    response = client.get("/api/v1/cases/", {"cursor": cursor})
    assert response.status_code == 400
    assert response.json()["code"] == "validation_failed"
    assert "cursor" in response.json()["errors"]


def test_case_2_an_overlong_cursor_is_refused_on_the_page(client, firm):
    client.force_login(firm["pa"])
    page = client.get("/cases/", {"cursor": "x" * 5000}).content.decode()
    assert "This page link is not valid" in page


def test_case_2_a_changed_cursor_is_refused_on_the_page(client, firm):
    cases_linked_in_bulk(30, organization=firm["organization"])
    client.force_login(firm["pa"])
    cursor = my_cases(actor=firm["pa"]).next_cursor
    head, _, signature = cursor.rpartition(":")
    forged = head + ":" + ("A" if signature[0] != "A" else "B") + signature[1:]
    response = client.get("/cases/", {"cursor": forged})
    assert response.status_code == 200
    assert "There is a problem" in response.content.decode()
    assert "This page link is not valid" in response.content.decode()
    assert "DCPI 1/2024" not in response.content.decode()


def test_case_2_another_holders_cursor_is_refused(firm):
    cases_linked_in_bulk(30, organization=firm["organization"])
    cursor = my_cases(actor=firm["pa"]).next_cursor
    assert my_cases(actor=firm["sa"]).next_cursor != cursor
    with pytest.raises(ValidationFailed):
        my_cases(actor=firm["sa"], cursor=cursor)


# --- pages and API -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "heading"), [("pa", "Your organization's cases"), ("ou", "My cases")]
)
def test_case_4_home_page_leads_to_the_cases(client, firm, role, heading):
    client.force_login(firm[role])
    home = client.get("/account/").content.decode()
    assert 'href="/cases/"' in home
    page = client.get("/cases/").content.decode()
    assert f"<h1>{heading}</h1>" in page


def test_case_4_administrators_page_shows_assigned_ous_and_the_filter(client, mixed):
    client.force_login(mixed["sa"])
    page = client.get("/cases/", {"assignment": "unassigned"}).content.decode()
    assert 'name="assignment"' in page
    assert ">DCPI 99/2025<" in page and ">DCPI 1234/2025<" not in page
    assert "No OU: the default OUs" in page
    page = client.get("/cases/", {"assignment": "assigned"}).content.decode()
    assert mixed["ou"].login_name in page
    assert "Suspended</span>" not in page
    # A suspended OU is still shown as assigned, and said to be suspended.
    User.objects.filter(pk=mixed["ou"].pk).update(status=AccountStatus.SUSPENDED)
    page = client.get("/cases/", {"assignment": "assigned"}).content.decode()
    assert f'{mixed["ou"].login_name} <span class="tag tag-overdue">Suspended</span>' in page


def test_case_2_ou_page_has_no_assignment_filter(client, mixed):
    client.force_login(mixed["ou"])
    page = client.get("/cases/").content.decode()
    assert 'name="assignment"' not in page
    assert ">DCPI 1234/2025<" in page and ">DCPI 99/2025<" not in page


def test_case_2_htmx_refreshes_only_the_results(client, mixed):
    client.force_login(mixed["pa"])
    response = client.get("/cases/", {"proceeding_type": "DCTC"}, headers={"HX-Request": "true"})
    body = response.content.decode()
    assert "<h1>" not in body and "<table" in body
    assert "DCTC 7/2024" in body and "DCPI 99/2025" not in body


def test_case_2_page_filter_errors_are_shown(client, mixed):
    client.force_login(mixed["pa"])
    page = client.get("/cases/", {"number": "DСPI 1/2025"}).content.decode()
    assert "There is a problem" in page
    assert 'href="#id_number"' in page


def test_case_4_api_list_shows_the_organizations_party_and_ous(client, mixed):
    client.force_login(mixed["pa"])
    response = client.get("/api/v1/cases/", {"number": "DCPI 1234/2025"})
    (row,) = response.json()["results"]
    assert row["number"] == "DCPI 1234/2025"
    assert row["court_level"] == "DC" and row["proceeding_type"] == "DCPI"
    assert row["e_enabled"] is True and row["status"] == "ONGOING"
    assert row["party"]["party_type"] == "PLAINTIFF"
    assert row["route"] == "NOTICE_OF_CONSENT"
    assert [ou["login_name"] for ou in row["assigned_to"]] == [mixed["ou"].login_name]
    assert response.json()["next_cursor"] is None


def test_gen_2_the_list_says_which_cases_are_on_paper(client, mixed):
    client.force_login(mixed["pa"])
    rows = {row["number"]: row for row in client.get("/api/v1/cases/").json()["results"]}
    assert rows["DCCJ 5/2024"]["e_enabled"] is False
    assert rows["DCTC 7/2024"]["e_enabled"] is True
    assert rows["DCTC 7/2024"]["final_disposal_date"] == "2025-09-01"


# --- a case's page -------------------------------------------------------------------------------


def test_gen_2_case_page_says_e_services_are_not_available(client):
    holder = ApiOnlyUserFactory()
    paper = CaseFactory(type_code="DCCJ")
    CaseLinkFactory(case=paper, organization=None, individual=holder)
    electronic = CaseFactory()
    CaseLinkFactory(case=electronic, organization=None, individual=holder)
    client.force_login(holder)
    page = client.get(f"/cases/{paper.pk}/").content.decode()
    assert "E-services are not available for this case" in page
    api = client.get(f"/api/v1/cases/{paper.pk}/").json()
    assert api["e_enabled"] is False and api["may_transact"] is False
    assert api["e_services_message"].startswith("E-services are not available")
    page = client.get(f"/cases/{electronic.pk}/").content.decode()
    assert "E-services are not available" not in page
    assert client.get(f"/api/v1/cases/{electronic.pk}/").json()["may_transact"] is True


def test_bey_1_case_page_shows_who_represented_your_party(client, firm):
    """The history of the viewer's own party (ended and current links), the other parties'
    names and types only: no other organization's accounts."""
    case = CaseFactory(
        number="DCPI 1234/2025",
        parties=[
            (PartyType.PLAINTIFF, "CHAN Tai Man"),
            (PartyType.DEFENDANT, "LEE Ka Yan"),
        ],
    )
    previous = OrganizationFactory(name="Wong & Partners")
    previous_ou = ApiOnlyAccountFactory(organization=previous, login_name="wongou1")
    plaintiff = party_of(case)
    ended = CaseLink.objects.create(
        case=case,
        party=plaintiff,
        organization=previous,
        route=LinkRoute.FILING,
        linked_at=timezone.now() - datetime.timedelta(days=300),
        ended_at=timezone.now() - datetime.timedelta(days=10),
    )
    CaseAssignment.objects.create(link=ended, organization=previous, organization_user=previous_ou)
    current = CaseLink.objects.create(
        case=case,
        party=plaintiff,
        organization=firm["organization"],
        route=LinkRoute.NOTICE_OF_CHANGE,
        linked_at=timezone.now() - datetime.timedelta(days=10),
    )
    CaseAssignment.objects.create(
        link=current, organization=firm["organization"], organization_user=firm["ou"]
    )
    defence = OrganizationFactory(name="Lee Defence LLP")
    defence_ou = ApiOnlyAccountFactory(organization=defence, login_name="leeou1")
    CaseAssignmentFactory(
        link=CaseLinkFactory(
            case=case, party=party_of(case, PartyType.DEFENDANT), organization=defence
        ),
        organization_user=defence_ou,
    )
    client.force_login(firm["pa"])
    page = client.get(f"/cases/{case.pk}/").content.decode()
    assert "Your party: CHAN Tai Man (Plaintiff)" in page
    assert "Notice of Change of legal representative" in page
    assert "Wong &amp; Partners" in page  # who represented our party before
    assert "Your organization (Chan &amp; Lee Solicitors)" in page
    assert firm["ou"].login_name in page  # our OUs
    assert "LEE Ka Yan" in page and "Defendant" in page  # the other party: name and type
    for hidden in ("Lee Defence LLP", "leeou1", "wongou1", defence.code, previous.code):
        assert hidden not in page
    api = client.get(f"/api/v1/cases/{case.pk}/").json()
    (yours,) = api["your_parties"]
    assert [(h["representative"], h["yours"], h["ended_at"] is None) for h in yours["history"]] == [
        ("Wong & Partners", False, False),
        ("Chan & Lee Solicitors", True, True),
    ]
    assert {p["name"] for p in api["parties"]} == {"CHAN Tai Man", "LEE Ka Yan"}
    assert "leeou1" not in str(api) and "Lee Defence LLP" not in str(api)


def test_bey_1_an_iu_in_person_after_a_firm(client):
    holder = ApiOnlyUserFactory()
    case = CaseFactory()
    firm = OrganizationFactory(name="Former Firm")
    CaseLink.objects.create(
        case=case,
        party=party_of(case),
        organization=firm,
        route=LinkRoute.APPLICATION,
        ended_at=timezone.now(),
    )
    CaseLinkFactory(case=case, organization=None, individual=holder)
    client.force_login(holder)
    page = client.get(f"/cases/{case.pk}/").content.decode()
    assert "You, in person" in page and "Former Firm" in page


def test_case_2_ou_case_page_names_its_own_assignment_only(client, firm):
    link = CaseLinkFactory(organization=firm["organization"])
    CaseAssignment.objects.create(
        link=link, organization=firm["organization"], organization_user=firm["ou"]
    )
    CaseAssignment.objects.create(
        link=link, organization=firm["organization"], organization_user=firm["other_ou"]
    )
    client.force_login(firm["ou"])
    api = client.get(f"/api/v1/cases/{link.case_id}/").json()
    assert [ou["login_name"] for ou in api["your_parties"][0]["assigned_to"]] == [
        firm["ou"].login_name
    ]
    assert api["may_transact"] is True


def test_case_2_the_case_page_lists_the_parties_as_the_title_names_them(client):
    iu = UserFactory()
    link = CaseLinkFactory(organization=None, individual=iu)
    client.force_login(iu)
    page = client.get(f"/cases/{link.case.pk}/").content.decode()
    parties = page.split('id="parties-caption"')[1].split("</table>")[0]
    assert parties.index("Plaintiff") < parties.index("Defendant")


def test_nfr_1_chinese_pages_write_their_own_colon_and_brackets(client):
    """ "Defendant (2): WONG Siu Ming" in English; "被告人（2）：WONG Siu Ming" in Chinese, with
    the full-width colon and brackets, as on the rest of the Chinese pages."""
    holder = UserFactory()
    case = CaseFactory(type_code="DCPI")
    second = CaseParty.objects.create(
        case=case, party_type=PartyType.DEFENDANT, name="WONG Siu Ming", position=2
    )
    CaseLinkFactory(case=case, party=second, organization=None, individual=holder)
    client.force_login(holder)
    english = client.get("/cases/").content.decode()
    assert "<td>Defendant (2): WONG Siu Ming</td>" in english
    assert "<td>District Court: Personal Injuries Action</td>" in english
    chinese = client.get("/zh-hant/cases/").content.decode()
    assert "<td>被告人（2）：WONG Siu Ming</td>" in chinese
    assert "<td>區域法院：人身傷害訴訟</td>" in chinese
    assert "DCPI：人身傷害訴訟</option>" in chinese
    detail = client.get(f"/zh-hant/cases/{case.pk}/").content.decode()
    assert "<td>被告人（2）</td><td>WONG Siu Ming</td>" in detail


def test_nfr_1_a_partys_chinese_name_shows_on_the_chinese_pages(client):
    iu = UserFactory()
    case = CaseFactory()
    party = party_of(case)  # the plaintiff, CHAN Tai Man
    party.name_zh = "陳大文"
    party.save(update_fields=["name_zh"])
    CaseLinkFactory(case=case, party=party, individual=iu, organization=None)
    client.force_login(iu)
    chinese_list = client.get("/zh-hant/cases/").content.decode()
    assert "原告人：陳大文" in chinese_list
    detail = client.get(f"/zh-hant/cases/{case.pk}/").content.decode()
    assert "你的訴訟一方：陳大文（原告人）" in detail
    assert 'CHAN Tai Man <span lang="zh-Hant">陳大文</span>' in detail
    english = client.get(f"/cases/{case.pk}/").content.decode()
    assert "Your party: CHAN Tai Man (Plaintiff)" in english
