"""CASE-4, ORG-7 [A43, A45]: one function decides who receives a case's messages: the OUs the
organization assigned the party to; while none is assigned (or none of them can be used), the
organization's default OUs; for an IU's link, the IU. Suspended and ended accounts receive
nothing. A fixed number of queries whatever the number of cases."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.models import AccountStatus
from cases.models import Case, CaseAssignment, CaseLink, CaseParty, LinkRoute, PartyType
from cases.selectors.routing import case_message_recipients
from cases.services.assignment import case_assignment_create, case_assignment_remove
from organizations.models import DefaultOU
from tests.factories import (
    ApiOnlyAccountFactory,
    CaseFactory,
    CaseLinkFactory,
    UserFactory,
    organization_with_cases,
    party_of,
    proceeding_type,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def org():
    return organization_with_cases()


def recipients(case) -> set:
    return {account.pk for account in case_message_recipients(case.pk)}


def test_org_7_before_any_assignment_the_default_ous_receive(org):
    second_default = ApiOnlyAccountFactory(organization=org.organization, branch=org.kowloon)
    DefaultOU.objects.create(organization=org.organization, account=second_default)
    assert recipients(org.case) == {org.ou.pk, second_default.pk}


def test_case_4_after_assignment_only_the_assigned_ous_receive(org):
    case_assignment_create(actor=org.pa, link_id=org.link.pk, organization_user_id=org.ou2.pk)
    case_assignment_create(
        actor=org.pa, link_id=org.link.pk, organization_user_id=org.ou_kowloon.pk
    )
    assert recipients(org.case) == {org.ou2.pk, org.ou_kowloon.pk}


def test_org_7_after_the_last_is_unassigned_the_default_ous_receive_again(org):
    case_assignment_create(actor=org.pa, link_id=org.link.pk, organization_user_id=org.ou2.pk)
    case_assignment_remove(actor=org.pa, link_id=org.link.pk, organization_user_id=org.ou2.pk)
    assert recipients(org.case) == {org.ou.pk}


def test_case_4_an_ius_link_goes_to_the_iu():
    individual = UserFactory()
    link = CaseLinkFactory(organization=None, individual=individual)
    assert recipients(link.case) == {individual.pk}


def test_case_4_suspended_or_ended_accounts_receive_nothing(org):
    case_assignment_create(actor=org.pa, link_id=org.link.pk, organization_user_id=org.ou2.pk)
    case_assignment_create(
        actor=org.pa, link_id=org.link.pk, organization_user_id=org.ou_kowloon.pk
    )
    org.ou_kowloon.status = AccountStatus.SUSPENDED
    org.ou_kowloon.save()
    assert recipients(org.case) == {org.ou2.pk}
    # No assigned OU can be used: the default OUs receive, so no message goes nowhere.
    org.ou2.status = AccountStatus.TERMINATED
    org.ou2.save()
    assert recipients(org.case) == {org.ou.pk}
    org.ou.status = AccountStatus.SUSPENDED
    org.ou.save()
    assert recipients(org.case) == set()
    individual = UserFactory(status=AccountStatus.SUSPENDED)
    link = CaseLinkFactory(organization=None, individual=individual)
    assert recipients(link.case) == set()


def test_case_4_an_ou_past_its_end_date_receives_nothing(org):
    case_assignment_create(actor=org.pa, link_id=org.link.pk, organization_user_id=org.ou2.pk)
    org.ou2.effective_end_date = datetime.date(2020, 1, 1)
    org.ou2.save()
    assert recipients(org.case) == {org.ou.pk}


def test_case_4_several_parties_and_organizations_on_one_case(org):
    """The plaintiff by our organization (assigned), the defendant by another organization
    (not assigned: its default OU), a third party in person (an IU)."""
    other = organization_with_cases()
    case = org.case
    defendant = CaseLinkFactory(
        case=case, party=party_of(case, PartyType.DEFENDANT), organization=other.organization
    )
    third = CaseParty.objects.create(case=case, party_type=PartyType.THIRD_PARTY, name="HO Wai")
    individual = UserFactory()
    CaseLinkFactory(case=case, party=third, organization=None, individual=individual)
    case_assignment_create(actor=org.pa, link_id=org.link.pk, organization_user_id=org.ou2.pk)
    assert recipients(case) == {org.ou2.pk, other.ou.pk, individual.pk}
    case_assignment_create(
        actor=other.pa, link_id=defendant.pk, organization_user_id=other.ou_kowloon.pk
    )
    assert recipients(case) == {org.ou2.pk, other.ou_kowloon.pk, individual.pk}


def test_case_4_two_parties_of_one_organization_one_assigned(org):
    """Our organization acts for the plaintiff (assigned) and the defendant (not): the
    defendant's messages still reach the default OUs."""
    defendant = CaseLinkFactory(
        case=org.case, party=party_of(org.case, PartyType.DEFENDANT), organization=org.organization
    )
    case_assignment_create(actor=org.pa, link_id=org.link.pk, organization_user_id=org.ou2.pk)
    assert recipients(org.case) == {org.ou2.pk, org.ou.pk}
    case_assignment_create(actor=org.pa, link_id=defendant.pk, organization_user_id=org.ou2.pk)
    assert recipients(org.case) == {org.ou2.pk}


def test_case_4_bey_1_an_ended_link_routes_nothing(org):
    case_assignment_create(actor=org.pa, link_id=org.link.pk, organization_user_id=org.ou2.pk)
    org.link.ended_at = org.link.linked_at
    org.link.save()
    assert recipients(org.case) == set()


# --- a fixed number of queries ------------------------------------------------------------------


def _many_cases(org, n: int) -> None:
    """`n` more cases of the organization, each with its plaintiff linked and assigned to an
    OU, made in bulk."""
    kind = proceeding_type("DCPI")
    start = Case.objects.count()
    cases = Case.objects.bulk_create(
        [Case(number=f"DCPI {50000 + start + i}/2024", proceeding_type=kind) for i in range(n)]
    )
    parties = CaseParty.objects.bulk_create(
        [CaseParty(case=case, party_type=PartyType.PLAINTIFF, name="CHAN") for case in cases]
    )
    links = CaseLink.objects.bulk_create(
        [
            CaseLink(
                case=party.case,
                party=party,
                organization=org.organization,
                route=LinkRoute.NOTICE_OF_CONSENT,
            )
            for party in parties
        ]
    )
    CaseAssignment.objects.bulk_create(
        [
            CaseAssignment(link=link, organization=org.organization, organization_user=org.ou2)
            for link in links
        ]
    )


def _queries(case) -> int:
    with CaptureQueriesContext(connection) as captured:
        case_message_recipients(case.pk)
    return len(captured)


@pytest.mark.parametrize("assigned", [False, True], ids=["to default OUs", "to assigned OUs"])
def test_case_4_org_7_recipients_take_the_same_queries_with_10_and_500_cases(org, assigned):
    if assigned:
        case_assignment_create(
            actor=org.pa, link_id=org.link.pk, organization_user_id=org.ou_kowloon.pk
        )
    individual_case = CaseLinkFactory(organization=None, individual=UserFactory()).case
    _many_cases(org, 10 - Case.objects.count())
    assert Case.objects.count() == 10
    at_10 = (_queries(org.case), _queries(individual_case))
    _many_cases(org, 490)
    assert Case.objects.count() == 500
    at_500 = (_queries(org.case), _queries(individual_case))
    assert at_10 == at_500
    assert at_10 == ((2, 1) if assigned else (3, 1))


def test_case_4_recipients_of_an_unknown_case_is_nobody():
    CaseFactory()
    assert case_message_recipients(999999) == []
