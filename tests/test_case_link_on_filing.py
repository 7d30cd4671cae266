"""CASE-3 (c) [A45]: when the registry accepts a filing of an originating document, an
Acknowledgment of Service, a Defence (and Counterclaim) or a Notice to Act, the filer is
linked: an IU itself, an OU's organization (whose PA or SA then assigns the case, CASE-4).
Other documents link nothing; filing again changes nothing; a case not e-enabled is refused.
The e-filing work calls `case_link_on_accepted_filing`; it is tested directly here."""

import datetime

import pytest

from audit.models import AuditRecord
from cases.models import CaseAssignment, CaseLink, CaseStatus, LinkRoute, PartyType
from cases.services.linking import (
    CaseDisposed,
    CaseNotEEnabled,
    LinkingDocument,
    PartyAlreadyLinked,
    case_link_on_accepted_filing,
)
from core.errors import NotFound, NotPermitted
from permissions.roles import Role
from tests.factories import (
    CaseFactory,
    OrganizationAccountFactory,
    StaffFactory,
    UserFactory,
    party_of,
)

pytestmark = pytest.mark.django_db


def test_case_3_c_the_documents_that_link_are_the_faqs():
    assert set(LinkingDocument.labels) == {
        "Originating document",
        "Acknowledgment of Service",
        "Defence",
        "Defence and Counterclaim",
        "Notice to Act",
    }


@pytest.mark.parametrize("document_type", LinkingDocument.values)
def test_case_3_c_an_iu_filer_is_linked_itself(registry_clerk, document_type):
    case = CaseFactory()
    filer = UserFactory()
    party = party_of(case, PartyType.DEFENDANT)
    link = case_link_on_accepted_filing(
        actor=registry_clerk,
        case_id=case.pk,
        party_id=party.pk,
        filer=filer,
        document_type=document_type,
    )
    assert (link.individual, link.organization, link.party, link.route) == (
        filer,
        None,
        party,
        LinkRoute.FILING,
    )
    assert link.linked_by == registry_clerk
    record = AuditRecord.objects.get(action="case_link.linked_on_filing")
    assert record.after["document_type"] == document_type
    assert record.after["filer"] == filer.login_name


def test_case_3_c_an_ou_filer_links_its_organization_and_is_not_assigned(registry_clerk):
    case = CaseFactory()
    ou = OrganizationAccountFactory(role=Role.OU)
    link = case_link_on_accepted_filing(
        actor=registry_clerk,
        case_id=case.pk,
        party_id=party_of(case).pk,
        filer=ou,
        document_type=LinkingDocument.ORIGINATING_DOCUMENT,
    )
    assert (link.organization, link.individual) == (ou.organization, None)
    # A45: "the PA or SA should then assign the court case to OU Account holder(s)".
    assert not CaseAssignment.objects.exists()


@pytest.mark.parametrize("document_type", ["AFFIDAVIT", "SUMMONS", "", None, "defence"])
def test_case_3_c_other_documents_do_not_link(registry_clerk, document_type):
    case = CaseFactory()
    assert (
        case_link_on_accepted_filing(
            actor=registry_clerk,
            case_id=case.pk,
            party_id=party_of(case).pk,
            filer=UserFactory(),
            document_type=document_type,
        )
        is None
    )
    assert not CaseLink.objects.exists()


def test_case_3_c_filing_again_links_nothing_new(registry_clerk):
    case = CaseFactory()
    filer = OrganizationAccountFactory(role=Role.OU)
    colleague = OrganizationAccountFactory(role=Role.OU, organization=filer.organization)
    values = {"actor": registry_clerk, "case_id": case.pk, "party_id": party_of(case).pk}
    first = case_link_on_accepted_filing(
        **values, filer=filer, document_type=LinkingDocument.DEFENCE
    )
    again = case_link_on_accepted_filing(
        **values, filer=colleague, document_type=LinkingDocument.NOTICE_TO_ACT
    )
    assert again.pk == first.pk
    assert CaseLink.objects.count() == 1
    assert AuditRecord.objects.filter(action="case_link.linked_on_filing").count() == 1
    assert AuditRecord.objects.filter(action="case_link.created").count() == 1


def test_case_3_c_gen_2_a_case_not_e_enabled_is_refused(registry_clerk):
    case = CaseFactory(type_code="DCCJ")
    with pytest.raises(CaseNotEEnabled):
        case_link_on_accepted_filing(
            actor=registry_clerk,
            case_id=case.pk,
            party_id=party_of(case).pk,
            filer=UserFactory(),
            document_type=LinkingDocument.DEFENCE_AND_COUNTERCLAIM,
        )
    assert not CaseLink.objects.exists()
    assert not AuditRecord.objects.filter(action__startswith="case_link").exists()


def test_case_3_c_a_disposed_case_is_refused(registry_clerk):
    case = CaseFactory(
        status=CaseStatus.FINALLY_DISPOSED, final_disposal_date=datetime.date(2025, 1, 1)
    )
    with pytest.raises(CaseDisposed):
        case_link_on_accepted_filing(
            actor=registry_clerk,
            case_id=case.pk,
            party_id=party_of(case).pk,
            filer=UserFactory(),
            document_type=LinkingDocument.ACKNOWLEDGMENT_OF_SERVICE,
        )


def test_case_3_c_a_party_represented_by_another_is_not_taken_over(registry_clerk):
    case = CaseFactory()
    values = {
        "actor": registry_clerk,
        "case_id": case.pk,
        "party_id": party_of(case).pk,
        "document_type": LinkingDocument.NOTICE_TO_ACT,
    }
    case_link_on_accepted_filing(**values, filer=OrganizationAccountFactory(role=Role.OU))
    with pytest.raises(PartyAlreadyLinked):
        case_link_on_accepted_filing(**values, filer=OrganizationAccountFactory(role=Role.OU))
    assert CaseLink.objects.count() == 1


def test_case_3_c_the_party_must_be_of_the_case(registry_clerk):
    case, other = CaseFactory(), CaseFactory()
    with pytest.raises(NotFound):
        case_link_on_accepted_filing(
            actor=registry_clerk,
            case_id=case.pk,
            party_id=party_of(other).pk,
            filer=UserFactory(),
            document_type=LinkingDocument.DEFENCE,
        )
    assert not CaseLink.objects.exists()


@pytest.mark.parametrize("role", [Role.PA, Role.SA])
def test_case_3_c_only_iu_and_ou_file(registry_clerk, role):
    case = CaseFactory()
    administrator = OrganizationAccountFactory(
        role=role, **({"branch": None} if role == Role.PA else {})
    )
    with pytest.raises(NotPermitted):
        case_link_on_accepted_filing(
            actor=registry_clerk,
            case_id=case.pk,
            party_id=party_of(case).pk,
            filer=administrator,
            document_type=LinkingDocument.DEFENCE,
        )


def test_case_3_c_only_the_registry_accepts_a_filing():
    case = CaseFactory()
    filer = UserFactory()
    for actor in (filer, StaffFactory(role=Role.VETTING), None):
        with pytest.raises(NotPermitted):
            case_link_on_accepted_filing(
                actor=actor,
                case_id=case.pk,
                party_id=party_of(case).pk,
                filer=filer,
                document_type=LinkingDocument.DEFENCE,
            )
    assert not CaseLink.objects.exists()
