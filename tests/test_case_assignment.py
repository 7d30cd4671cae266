"""CASE-5 [A41]: the PA gives cases to an SA by case profile or case number; CASE-6 [A40]: the
PA and SAs assign case parties to OUs within their branch, or all branches with the optional
role; CASE-7 [A49]: at most 10 OUs per case party unless a configuration change approved more;
GEN-2 on assignment; ROLE-2: another organization's ids are not found, by page and API."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from accounts.models import AccountStatus, User
from audit.models import AuditRecord
from cases.models import (
    CaseAssignment,
    CaseLink,
    CaseNumberAssignment,
    CaseProfileAssignment,
    CaseStatus,
)
from cases.selectors.assignment import assignable_links, cases_to_assign
from cases.selectors.giving import cases_given_to
from cases.services.assignment import (
    case_assignment_create,
    case_assignment_remove,
    case_number_assignment_create,
    case_profile_assignment_create,
)
from cases.services.linking import CaseDisposed, CaseNotEEnabled
from core.errors import NotFound, NotPermitted, ValidationFailed
from organizations.limits import LimitReached
from organizations.services.configuration import (
    configuration_change_approve,
    configuration_change_request,
)
from permissions.roles import Role
from tests import factories
from tests.factories import (
    ApiOnlyAccountFactory,
    CaseFactory,
    CaseLinkFactory,
    UserFactory,
    organization_with_cases,
)

pytestmark = pytest.mark.django_db

API = "/api/v1/organization/"


@pytest.fixture
def org():
    return organization_with_cases(name="Chan & Partners")


@pytest.fixture
def other():
    return organization_with_cases(name="Other & Co.")


def api_as(user) -> APIClient:
    return factories.api_as(user, default_format="json")


def assigned(link) -> set:
    return set(CaseAssignment.objects.filter(link=link).values_list("organization_user", flat=True))


# --- CASE-5: giving cases to an SA -------------------------------------------------------------


def test_case_5_profile_assignment_picks_up_a_case_linked_after_it(org):
    case_profile_assignment_create(actor=org.pa, administrator_id=org.sa.pk, proceeding_type="dcpi")
    later = CaseLinkFactory(organization=org.organization)  # linked after the profile was given
    tax_claim = CaseLinkFactory(organization=org.organization, case=CaseFactory(type_code="DCTC"))
    given = set(assignable_links(org.sa).values_list("pk", flat=True))
    assert given == {org.link.pk, later.pk}
    assert tax_claim.pk not in given
    case_assignment_create(actor=org.sa, link_id=later.pk, organization_user_id=org.ou2.pk)
    assert assigned(later) == {org.ou2.pk}
    record = AuditRecord.objects.get(action="case_profile.given")
    assert (record.actor, record.object_id) == (org.pa, str(org.sa.pk))
    assert record.after == {"proceeding_type": "DCPI", "court_level": "DC"}


def test_case_5_by_number_gives_that_case_only(org):
    second = CaseLinkFactory(organization=org.organization)
    response = api_as(org.pa).post(
        API + "given-cases/",
        {"administrator": org.sa.pk, "case_number": " " + org.case.number.lower()},
    )
    assert response.status_code == 201, response.data
    assert response.data["case_number"] == org.case.number
    assert set(assignable_links(org.sa).values_list("pk", flat=True)) == {org.link.pk}
    assert second.pk not in set(
        CaseLink.objects.filter(cases_given_to(org.sa)).values_list("pk", flat=True)
    )
    assert AuditRecord.objects.filter(action="case_number.given").count() == 1


def test_case_5_number_must_be_a_current_case_of_the_organization(org, other):
    """Unknown, another organization's, ended: one answer, which says nothing of the case."""
    ended = CaseLinkFactory(organization=org.organization)
    ended.ended_at = ended.linked_at
    ended.save()
    answers = set()
    for number in ("DCPI 99999/2025", other.case.number, ended.case.number):
        with pytest.raises(ValidationFailed) as refused:
            case_number_assignment_create(
                actor=org.pa, administrator_id=org.sa.pk, case_number=number
            )
        answers.add(str(refused.value.errors["case_number"][0]))
    assert answers == {"Your organization has no current case with this number."}
    assert not CaseNumberAssignment.objects.exists()


def test_case_5_only_the_pa_gives_cases_and_only_to_its_own_sas(org, other):
    for actor in (org.sa, org.sa_all, org.ou):
        response = api_as(actor).post(
            API + "given-case-profiles/", {"administrator": org.sa.pk, "proceeding_type": "DCPI"}
        )
        assert response.status_code == 403
    for target in (other.sa, org.ou, org.pa):
        response = api_as(org.pa).post(
            API + "given-case-profiles/", {"administrator": target.pk, "proceeding_type": "DCPI"}
        )
        assert response.status_code == 404, response.data
    bad = api_as(org.pa).post(
        API + "given-case-profiles/", {"administrator": org.sa.pk, "proceeding_type": "XXPI"}
    )
    assert bad.status_code == 400 and "proceeding_type" in bad.data["errors"]
    assert not CaseProfileAssignment.objects.exists()


def test_case_5_pa_takes_cases_back(org, other):
    client = api_as(org.pa)
    profile = client.post(
        API + "given-case-profiles/", {"administrator": org.sa.pk, "proceeding_type": "DCPI"}
    ).data
    number = client.post(
        API + "given-cases/", {"administrator": org.sa.pk, "case_number": org.case.number}
    ).data
    listed = client.get(API + "given-case-profiles/").data
    assert [(g["administrator"]["id"], g["proceeding_type"]) for g in listed] == [
        (org.sa.pk, "DCPI")
    ]
    foreign = case_profile_assignment_create(
        actor=other.pa, administrator_id=other.sa.pk, proceeding_type="DCPI"
    )
    assert client.delete(API + f"given-case-profiles/{foreign.pk}/").status_code == 404
    assert client.delete(API + f"given-case-profiles/{profile['id']}/").status_code == 204
    assert assignable_links(org.sa).exists()  # still given by number
    assert client.delete(API + f"given-cases/{number['id']}/").status_code == 204
    assert not assignable_links(org.sa).exists()
    assert (
        AuditRecord.objects.filter(
            action__in=["case_profile.taken_back", "case_number.taken_back"]
        ).count()
        == 2
    )


# --- CASE-6: assigning case parties to OUs -------------------------------------------------------


def test_case_6_pa_assigns_a_party_to_an_ou_of_any_branch_and_it_is_audited(org):
    response = api_as(org.pa).post(
        API + f"case-parties/{org.link.pk}/assignments/", {"organization_user": org.ou_kowloon.pk}
    )
    assert response.status_code == 201, response.data
    assert response.data["organization_user"]["login_name"] == org.ou_kowloon.login_name
    assert assigned(org.link) == {org.ou_kowloon.pk}
    record = AuditRecord.objects.get(action="case_assignment.created")
    assert record.actor == org.pa and record.after["case"] == org.case.number
    # Again: nothing changes.
    again = api_as(org.pa).post(
        API + f"case-parties/{org.link.pk}/assignments/", {"organization_user": org.ou_kowloon.pk}
    )
    assert again.status_code == 201
    assert CaseAssignment.objects.count() == 1
    assert AuditRecord.objects.filter(action="case_assignment.created").count() == 1


def test_case_6_sa_without_optional_roles_cannot_assign_a_case_not_given_to_it(org):
    response = api_as(org.sa).post(
        API + f"case-parties/{org.link.pk}/assignments/", {"organization_user": org.ou.pk}
    )
    assert response.status_code == 404
    assert api_as(org.sa).get(API + f"case-parties/{org.link.pk}/").status_code == 404
    assert api_as(org.sa).get(API + "case-parties/").data["results"] == []
    case_number_assignment_create(
        actor=org.pa, administrator_id=org.sa.pk, case_number=org.case.number
    )
    response = api_as(org.sa).post(
        API + f"case-parties/{org.link.pk}/assignments/", {"organization_user": org.ou.pk}
    )
    assert response.status_code == 201, response.data


def test_case_6_branch_boundary_sa_cannot_assign_to_an_ou_of_another_branch(org):
    case_profile_assignment_create(actor=org.pa, administrator_id=org.sa.pk, proceeding_type="DCPI")
    response = api_as(org.sa).post(
        API + f"case-parties/{org.link.pk}/assignments/", {"organization_user": org.ou_kowloon.pk}
    )
    assert response.status_code == 404
    choices = {a["id"] for a in api_as(org.sa).get(API + "case-assignees/").data}
    assert choices == {org.ou.pk, org.ou2.pk}
    assert not CaseAssignment.objects.exists()


def test_case_6_sa_with_all_branches_role_assigns_to_any_branch(org):
    response = api_as(org.sa_all).post(
        API + f"case-parties/{org.link.pk}/assignments/", {"organization_user": org.ou_kowloon.pk}
    )
    assert response.status_code == 201, response.data
    choices = {a["id"] for a in api_as(org.sa_all).get(API + "case-assignees/").data}
    assert choices == {org.ou.pk, org.ou2.pk, org.ou_kowloon.pk}


def test_case_6_sa_with_same_branch_role_assigns_any_case_but_only_to_its_branch(org):
    """No case was given to it: with "To link-up case to OU Accounts (same branch)" it still
    assigns any case of the organization, but only to OUs of its own branch."""
    second = CaseLinkFactory(organization=org.organization)
    client = api_as(org.sa_same)
    listed = {row["id"] for row in client.get(API + "case-parties/").data["results"]}
    assert listed == {org.link.pk, second.pk}
    ok = client.post(
        API + f"case-parties/{second.pk}/assignments/", {"organization_user": org.ou2.pk}
    )
    assert ok.status_code == 201, ok.data
    refused = client.post(
        API + f"case-parties/{second.pk}/assignments/", {"organization_user": org.ou_kowloon.pk}
    )
    assert refused.status_code == 404
    assert assigned(second) == {org.ou2.pk}


def test_case_6_sa_of_kowloon_given_a_case_assigns_it_in_kowloon_only(org):
    case_number_assignment_create(
        actor=org.pa, administrator_id=org.sa_kowloon.pk, case_number=org.case.number
    )
    with pytest.raises(NotFound):
        case_assignment_create(
            actor=org.sa_kowloon, link_id=org.link.pk, organization_user_id=org.ou.pk
        )
    case_assignment_create(
        actor=org.sa_kowloon, link_id=org.link.pk, organization_user_id=org.ou_kowloon.pk
    )
    assert assigned(org.link) == {org.ou_kowloon.pk}


def test_role_2_other_organizations_ids_are_not_found_by_api(org, other):
    client = api_as(org.pa)
    cases = [
        ("post", f"case-parties/{other.link.pk}/assignments/", {"organization_user": org.ou.pk}),
        ("post", f"case-parties/{org.link.pk}/assignments/", {"organization_user": other.ou.pk}),
        ("post", f"case-parties/{other.link.pk}/assignments/", {"organization_user": other.ou.pk}),
        ("post", "case-parties/999999/assignments/", {"organization_user": org.ou.pk}),
        ("get", f"case-parties/{other.link.pk}/", None),
        ("delete", f"case-parties/{other.link.pk}/assignments/{other.ou.pk}/", None),
    ]
    CaseAssignment.objects.create(
        link=other.link, organization=other.organization, organization_user=other.ou
    )
    bodies = set()
    for method, path, body in cases:
        response = getattr(client, method)(API + path, body)
        assert response.status_code == 404, (path, response.data)
        bodies.add(response.content)
    assert len(bodies) == 1  # the same answer whether the record exists or not
    assert assigned(other.link) == {other.ou.pk}
    assert assigned(org.link) == set()


def test_role_2_other_organizations_ids_are_not_found_by_page(client, org, other):
    client.force_login(org.pa)
    assert client.get(f"/cases/assignment/{other.link.pk}/").status_code == 404
    response = client.post(
        f"/cases/assignment/{other.link.pk}/", {"organization_user": other.ou.pk}
    )
    assert response.status_code == 404
    response = client.post(f"/cases/assignment/{org.link.pk}/", {"organization_user": other.ou.pk})
    assert response.status_code == 200  # not among the choices: the form says so
    assert not CaseAssignment.objects.exists()


def test_case_6_ou_and_iu_are_refused_before_any_lookup(org):
    for actor in (org.ou, UserFactory()):
        client = api_as(actor)
        assert client.get(API + "case-parties/").status_code == 403
        response = client.post(
            API + f"case-parties/{org.link.pk}/assignments/", {"organization_user": org.ou.pk}
        )
        assert response.status_code == 403
    with pytest.raises(NotPermitted):
        case_assignment_create(actor=org.ou, link_id=org.link.pk, organization_user_id=org.ou.pk)


def test_case_6_unassigning_is_audited_and_scoped(org):
    case_assignment_create(
        actor=org.pa, link_id=org.link.pk, organization_user_id=org.ou_kowloon.pk
    )
    # An SA of CENTRAL (with "same branch") cannot take a KOWLOON OU off.
    response = api_as(org.sa_same).delete(
        API + f"case-parties/{org.link.pk}/assignments/{org.ou_kowloon.pk}/"
    )
    assert response.status_code == 404
    response = api_as(org.sa_all).delete(
        API + f"case-parties/{org.link.pk}/assignments/{org.ou_kowloon.pk}/"
    )
    assert response.status_code == 204
    assert assigned(org.link) == set()
    record = AuditRecord.objects.get(action="case_assignment.removed")
    assert record.actor == org.sa_all and record.before["case"] == org.case.number
    again = api_as(org.sa_all).delete(
        API + f"case-parties/{org.link.pk}/assignments/{org.ou_kowloon.pk}/"
    )
    assert again.status_code == 404


def test_gen_2_a_case_not_e_enabled_or_disposed_is_refused_clearly(org):
    paper = CaseLinkFactory(organization=org.organization, case=CaseFactory(type_code="DCCJ"))
    with pytest.raises(CaseNotEEnabled):
        case_assignment_create(actor=org.pa, link_id=paper.pk, organization_user_id=org.ou.pk)
    response = api_as(org.pa).post(
        API + f"case-parties/{paper.pk}/assignments/", {"organization_user": org.ou.pk}
    )
    assert response.status_code == 409 and response.data["code"] == "case_not_e_enabled"
    assert "not yet conducted through iCMS" in response.data["detail"]
    org.case.status = CaseStatus.FINALLY_DISPOSED
    org.case.final_disposal_date = datetime.date(2025, 9, 1)
    org.case.save()
    with pytest.raises(CaseDisposed):
        case_assignment_create(actor=org.pa, link_id=org.link.pk, organization_user_id=org.ou.pk)
    assert not CaseAssignment.objects.exists()


def test_case_6_a_suspended_or_ended_ou_cannot_be_assigned(org):
    for state in (AccountStatus.SUSPENDED, AccountStatus.TERMINATED):
        org.ou2.status = state
        org.ou2.save()
        response = api_as(org.pa).post(
            API + f"case-parties/{org.link.pk}/assignments/", {"organization_user": org.ou2.pk}
        )
        assert response.status_code == 400
        assert "organization_user" in response.data["errors"]
    assert not CaseAssignment.objects.exists()


def test_case_6_bad_ids_are_refused_without_a_trace(org):
    client = api_as(org.pa)
    for body in ({"organization_user": "x"}, {}, {"organization_user": -1}):
        response = client.post(API + f"case-parties/{org.link.pk}/assignments/", body)
        assert response.status_code in (400, 404), response.data
    assert not CaseAssignment.objects.exists()


# --- CASE-7: at most 10 OUs per case party -------------------------------------------------------


def _ous(org, n):
    return [
        ApiOnlyAccountFactory(organization=org.organization, branch=org.central) for _n in range(n)
    ]


def test_case_7_eleventh_ou_refused_with_the_literal_10(org):
    ous = _ous(org, 11)
    for ou in ous[:10]:
        case_assignment_create(actor=org.pa, link_id=org.link.pk, organization_user_id=ou.pk)
    response = api_as(org.pa).post(
        API + f"case-parties/{org.link.pk}/assignments/", {"organization_user": ous[10].pk}
    )
    assert response.status_code == 409
    assert response.data["code"] == "limit_reached"
    assert "at most 10 OU holders linked to one case party" in response.data["detail"]
    assert len(assigned(org.link)) == 10
    # Another party of the organization has its own 10.
    second = CaseLinkFactory(organization=org.organization)
    case_assignment_create(actor=org.pa, link_id=second.pk, organization_user_id=ous[10].pk)


def test_case_7_an_ended_ou_frees_its_place_a_suspended_one_keeps_it(org):
    ous = _ous(org, 11)
    for ou in ous[:10]:
        case_assignment_create(actor=org.pa, link_id=org.link.pk, organization_user_id=ou.pk)
    ous[0].status = AccountStatus.SUSPENDED
    ous[0].save()
    with pytest.raises(LimitReached):
        case_assignment_create(actor=org.pa, link_id=org.link.pk, organization_user_id=ous[10].pk)
    ous[1].status = AccountStatus.TERMINATED
    ous[1].save()
    case_assignment_create(actor=org.pa, link_id=org.link.pk, organization_user_id=ous[10].pk)


def test_case_7_org_4_after_an_approved_change_to_12_the_twelfth_is_accepted(org, vetting_officer):
    ous = _ous(org, 13)
    for ou in ous[:10]:
        case_assignment_create(actor=org.pa, link_id=org.link.pk, organization_user_id=ou.pk)
    change = configuration_change_request(
        actor=org.pa,
        kind="LIMITS",
        justification="A team of twelve handles our largest case.",
        limits={"organization_users_per_case_party": 12},
    )
    with pytest.raises(LimitReached):  # not until it is approved
        case_assignment_create(actor=org.pa, link_id=org.link.pk, organization_user_id=ous[10].pk)
    configuration_change_approve(actor=vetting_officer, request_id=change.pk)
    for ou in ous[10:12]:
        case_assignment_create(actor=org.pa, link_id=org.link.pk, organization_user_id=ou.pk)
    with pytest.raises(LimitReached) as refused:
        case_assignment_create(actor=org.pa, link_id=org.link.pk, organization_user_id=ous[12].pk)
    assert refused.value.limit == 12
    assert len(assigned(org.link)) == 12


def test_case_7_org_4_a_limit_cannot_be_asked_below_the_most_on_one_party(org):
    for ou in _ous(org, 3):
        case_assignment_create(actor=org.pa, link_id=org.link.pk, organization_user_id=ou.pk)
    with pytest.raises(ValidationFailed) as refused:
        configuration_change_request(
            actor=org.pa,
            kind="LIMITS",
            justification="Fewer are enough.",
            limits={"organization_users_per_case_party": 2},
        )
    assert "already has 3" in str(refused.value.errors["max_organization_users_per_case_party"])


def test_case_7_org_3_overview_shows_the_limit_per_case_party(client, org):
    for ou in _ous(org, 3):
        case_assignment_create(actor=org.pa, link_id=org.link.pk, organization_user_id=ou.pk)
    limits = {
        item["name"]: (item["used"], item["allowed"])
        for item in api_as(org.pa).get(API).json()["limits"]
    }
    assert limits["organization_users_per_case_party"] == (3, 10)
    client.force_login(org.pa)
    page = client.get("/organization/").content.decode()
    assert "OU holders linked to one case party" in page


# --- pages -------------------------------------------------------------------------------------


@pytest.mark.parametrize("prefix", ["", "/zh-hant"])
def test_case_6_assign_cases_page_lists_parties_with_places_left(client, org, prefix):
    case_assignment_create(actor=org.pa, link_id=org.link.pk, organization_user_id=org.ou2.pk)
    client.force_login(org.pa)
    page = client.get(f"{prefix}/cases/assignment/").content.decode()
    assert org.case.number in page
    assert org.ou2.login_name in page
    if prefix:
        assert "指派案件" in page and "9" in page
    else:
        assert "Assign cases" in page and "9 of 10 places left" in page


def test_case_6_pa_assigns_and_unassigns_on_the_page(client, org):
    client.force_login(org.pa)
    page = client.get(f"/cases/assignment/{org.link.pk}/").content.decode()
    assert f'value="{org.ou_kowloon.pk}"' in page  # every branch's OUs are offered
    response = client.post(
        f"/cases/assignment/{org.link.pk}/", {"organization_user": org.ou_kowloon.pk}
    )
    assert response.status_code == 302
    assert assigned(org.link) == {org.ou_kowloon.pk}
    url = f"/cases/assignment/{org.link.pk}/unassign/{org.ou_kowloon.pk}/"
    confirm = client.post(url)
    assert confirm.status_code == 200 and assigned(org.link) == {org.ou_kowloon.pk}
    assert client.post(url, {"confirm": "yes"}).status_code == 302
    assert assigned(org.link) == set()


def test_case_6_sa_page_offers_only_its_branch(client, org):
    case_profile_assignment_create(actor=org.pa, administrator_id=org.sa.pk, proceeding_type="DCPI")
    client.force_login(org.sa)
    page = client.get(f"/cases/assignment/{org.link.pk}/").content.decode()
    assert f'value="{org.ou2.pk}"' in page
    assert f'value="{org.ou_kowloon.pk}"' not in page
    response = client.post(
        f"/cases/assignment/{org.link.pk}/", {"organization_user": org.ou_kowloon.pk}
    )
    assert response.status_code == 200 and "error-summary" in response.content.decode()
    assert not CaseAssignment.objects.exists()


def test_case_5_pa_gives_and_takes_back_on_the_page(client, org):
    client.force_login(org.pa)
    page = client.get("/cases/assignment/given/").content.decode()
    assert org.sa.login_name in page and "DCPI" in page
    # Two forms, each with its own "administrator": each label names its own field.
    ids = re.findall(r'\sid="([^"]+)"', page)
    assert len(ids) == len(set(ids))
    assert 'for="id_administrator"' in page and 'for="give-number-administrator"' in page
    response = client.post(
        "/cases/assignment/given/profiles/",
        {"administrator": org.sa.pk, "proceeding_type": "DCTC"},
    )
    assert response.status_code == 302
    response = client.post(
        "/cases/assignment/given/numbers/",
        {"administrator": org.sa.pk, "case_number": org.case.number},
    )
    assert response.status_code == 302
    bad = client.post(
        "/cases/assignment/given/numbers/", {"administrator": org.sa.pk, "case_number": "nonsense"}
    )
    assert bad.status_code == 200 and "error-summary" in bad.content.decode()
    profile = CaseProfileAssignment.objects.get()
    url = f"/cases/assignment/given/profiles/{profile.pk}/remove/"
    assert client.post(url).status_code == 200  # asks first
    assert client.post(url, {"confirm": "yes"}).status_code == 302
    assert not CaseProfileAssignment.objects.exists()
    assert CaseNumberAssignment.objects.count() == 1


def test_case_5_give_page_is_the_pas_only(client, org):
    client.force_login(org.sa_all)
    assert client.get("/cases/assignment/given/").status_code == 403
    client.force_login(org.ou)
    assert client.get("/cases/assignment/").status_code == 403


def test_role_1_home_page_links_by_capability(client, org):
    client.force_login(org.pa)
    page = client.get("/account/").content.decode()
    assert "/cases/assignment/" in page and "/cases/assignment/given/" in page
    assert "/cases/access-review/" in page
    client.force_login(org.sa)
    page = client.get("/account/").content.decode()
    assert "/cases/assignment/" in page and "/cases/assignment/given/" not in page
    client.force_login(org.ou)
    page = client.get("/account/").content.decode()
    assert "/cases/assignment/" not in page and "/cases/access-review/" not in page


def test_case_6_assigned_ou_is_of_the_organization(org):
    case_assignment_create(actor=org.pa, link_id=org.link.pk, organization_user_id=org.ou.pk)
    row = CaseAssignment.objects.get()
    assert (row.organization_id, row.organization_user.role) == (org.organization.pk, Role.OU)
    case_assignment_remove(actor=org.pa, link_id=org.link.pk, organization_user_id=org.ou.pk)
    assert not CaseAssignment.objects.exists()


def test_case_6_sa_is_offered_to_take_off_only_the_ous_of_its_branch(client, org):
    case_number_assignment_create(
        actor=org.pa, administrator_id=org.sa.pk, case_number=org.case.number
    )
    case_assignment_create(actor=org.pa, link_id=org.link.pk, organization_user_id=org.ou2.pk)
    case_assignment_create(
        actor=org.pa, link_id=org.link.pk, organization_user_id=org.ou_kowloon.pk
    )
    client.force_login(org.sa)
    page = client.get(f"/cases/assignment/{org.link.pk}/").content.decode()
    assert f"/unassign/{org.ou2.pk}/" in page
    assert org.ou_kowloon.login_name in page  # shown, but not the SA's to take off
    assert f"/unassign/{org.ou_kowloon.pk}/" not in page
    url = f"/cases/assignment/{org.link.pk}/unassign/{org.ou_kowloon.pk}/"
    assert client.post(url).status_code == 404
    assert client.post(url, {"confirm": "yes"}).status_code == 404
    assert assigned(org.link) == {org.ou2.pk, org.ou_kowloon.pk}


def test_role_2_huge_or_odd_ids_are_simply_not_found(client, org):
    client.force_login(org.pa)
    for link_id in ("99999999999999999999999", "１２"):
        response = api_as(org.pa).post(
            API + f"case-parties/{org.link.pk}/assignments/", {"organization_user": link_id}
        )
        assert response.status_code in (400, 404)
    assert client.get("/cases/assignment/99999999999999999999999/").status_code == 404
    assert (
        client.get("/cases/assignment/", {"before": "99999999999999999999999"}).status_code == 200
    )
    assert api_as(org.pa).get(API + "case-parties/", {"before": 10**30}).status_code in (200, 400)


def test_case_6_assign_cases_list_takes_the_same_queries_with_few_and_many_parties(org):
    def count():
        actor = User.objects.get(pk=org.sa_all.pk)  # as each request loads it
        with CaptureQueriesContext(connection) as captured:
            page = cases_to_assign(actor=actor)
        return len(captured), len(page["rows"])

    few, shown = count()
    assert shown == 1
    for _n in range(60):
        link = CaseLinkFactory(organization=org.organization)
        case_assignment_create(actor=org.pa, link_id=link.pk, organization_user_id=org.ou2.pk)
    many, shown = count()
    assert (many, shown) == (few, 50)  # one page of 50, newest first
