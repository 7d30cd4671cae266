"""CASE-1 case numbers, GEN-2 e-enabled proceedings and the rules every route of linking
shares (CASE-2, CASE-3). The routes themselves are tested in their own modules."""

import datetime

import pytest

from cases.models import CaseLink, CaseStatus, ImplementationNotice, LinkRoute, PartyType
from cases.numbers import normalize_case_number
from cases.selectors.access import may_transact
from cases.selectors.linkability import Linkability, case_check, is_e_enabled
from cases.services.linking import (
    CaseDisposed,
    CaseNotEEnabled,
    PartyAlreadyLinked,
    case_link_create,
)
from cases.services.locks import locked_party
from permissions.roles import Role
from tests.factories import (
    CaseFactory,
    OrganizationFactory,
    StaffFactory,
    UserFactory,
    party_of,
    proceeding_type,
)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "typed",
    [
        "DCPI 1234/2025",
        "dcpi 1234/2025",
        " DCPI1234/2025 ",
        "DCPI 01234 / 2025",
        "ＤＣＰＩ　１２３４／２０２５",
    ],
)
def test_case_1_number_is_read_in_one_form(typed):
    assert normalize_case_number(typed) == "DCPI 1234/2025"


@pytest.mark.parametrize(
    "typed", ["", "1234/2025", "DCPI 1234", "DCPI 1234/25", "DСPI 1234/2025", None, ["DCPI"]]
)
def test_case_1_what_is_not_a_case_number(typed):
    # The second "C" of "DСPI" is Cyrillic: a look-alike is not the case.
    assert normalize_case_number(typed) is None


def test_gen_2_seeded_notice_enables_dcpi_and_dctc_from_6_may_2022():
    for code in ("DCPI", "DCTC"):
        kind = proceeding_type(code)
        assert is_e_enabled(kind.pk, on=datetime.date(2022, 5, 6))
        assert not is_e_enabled(kind.pk, on=datetime.date(2022, 5, 5))
    assert not is_e_enabled(proceeding_type("DCCJ").pk, on=datetime.date(2026, 1, 1))
    assert ImplementationNotice.objects.count() == 2


def test_gen_2_a_new_notice_is_data_not_code():
    kind = proceeding_type("HCA")
    ImplementationNotice.objects.create(
        proceeding_type=kind, effective_date=datetime.date(2026, 1, 2)
    )
    assert is_e_enabled(kind.pk, on=datetime.date(2026, 1, 2))


def test_case_check_says_what_the_registry_knows():
    CaseFactory(number="DCPI 1/2025")
    CaseFactory(number="DCCJ 2/2025", type_code="DCCJ")
    disposed = CaseFactory(number="DCTC 3/2025", type_code="DCTC")
    disposed.status, disposed.final_disposal_date = (
        CaseStatus.FINALLY_DISPOSED,
        datetime.date(2025, 9, 1),
    )
    disposed.save()
    assert case_check("dcpi 1/2025").linkability == Linkability.LINKABLE
    assert case_check("DCCJ 2/2025").linkability == Linkability.NOT_E_ENABLED
    assert case_check("DCTC 3/2025").linkability == Linkability.DISPOSED
    assert case_check("DCPI 9/2025").linkability == Linkability.UNKNOWN
    assert case_check("nonsense").linkability == Linkability.NOT_A_CASE_NUMBER


def test_case_3_every_route_refuses_a_case_not_e_enabled():
    case = CaseFactory(type_code="DCCJ")
    with pytest.raises(CaseNotEEnabled):
        case_link_create(
            actor=StaffFactory(role=Role.REGISTRY),
            party=locked_party(party_of(case).pk),
            route=LinkRoute.NOTICE_OF_CONSENT,
            organization=OrganizationFactory(),
        )
    assert not CaseLink.objects.exists()


def test_case_3_a_disposed_case_is_not_linked():
    case = CaseFactory(
        status=CaseStatus.FINALLY_DISPOSED, final_disposal_date=datetime.date(2025, 1, 1)
    )
    with pytest.raises(CaseDisposed):
        case_link_create(
            actor=None,
            party=locked_party(party_of(case).pk),
            route=LinkRoute.FILING,
            individual=UserFactory(),
        )


def test_case_2_one_current_link_per_party():
    case = CaseFactory()
    firm = OrganizationFactory()
    registry = StaffFactory(role=Role.REGISTRY)
    party = party_of(case, PartyType.DEFENDANT)
    first = case_link_create(
        actor=registry, party=locked_party(party.pk), route=LinkRoute.FILING, organization=firm
    )
    again = case_link_create(
        actor=registry, party=locked_party(party.pk), route=LinkRoute.FILING, organization=firm
    )
    assert again.pk == first.pk
    with pytest.raises(PartyAlreadyLinked):
        case_link_create(
            actor=registry,
            party=locked_party(party.pk),
            route=LinkRoute.FILING,
            organization=OrganizationFactory(),
        )
    assert CaseLink.objects.count() == 1


def test_gen_5_e_mode_is_per_case_only_linked_cases_are_electronic():
    iu = UserFactory()
    linked = CaseFactory()
    other = CaseFactory()  # e-enabled too, but this IU is not linked: it stays on paper for it
    case_link_create(
        actor=StaffFactory(role=Role.REGISTRY),
        party=locked_party(party_of(linked).pk),
        route=LinkRoute.NOTICE_OF_CONSENT,
        individual=iu,
    )
    assert may_transact(iu, linked)
    assert not may_transact(iu, other)
