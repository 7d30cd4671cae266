"""CASE-1, SVC-2: a typed case number, whole in any spelling or a part of one, names the cases
whose numbers hold it, alike in the registry's list of cases, the organization's assignment
and access review, and the public document search (`cases.selectors.numbers`). A part from
the type on ("DCTC 27") is read as the end of a type's code and the start of a serial."""

import pytest

from cases.models import Case
from cases.selectors.numbers import holding_number_part, number_part
from cases.selectors.registry import registry_cases
from tests.factories import CaseFactory

pytestmark = pytest.mark.django_db

NUMBERS = (
    "DCPI 27/2025",
    "DCPI 270/2024",
    "DCPI 127/2025",
    "HCPI 27/2025",
    "DCTC 27/2025",
    "HCA 2/2026",
)


@pytest.fixture
def cases():
    return [CaseFactory(number=number) for number in NUMBERS]


@pytest.mark.parametrize(
    "typed",
    [
        "DCPI 27/2025",
        "dcpi 0027/2025",
        "ｄｃｐｉ　２７",
        "PI 27",
        "CPI 27/2025",
        "I 2",
        "A 2",
        "TC 2",
        "27/20",
        "/2025",
        "DCPI",
        "HCA 27",
        "XYZ 1",
    ],
)
def test_case_1_a_part_names_the_cases_whose_numbers_hold_it(cases, typed):
    part = number_part(typed, limit=30)
    found = set(Case.objects.filter(holding_number_part(part)).values_list("number", flat=True))
    assert found == {number for number in NUMBERS if part in number}, (typed, part)


def test_case_1_a_whole_number_in_any_spelling_is_read_in_the_registrys_form():
    assert number_part("dcpi 0027/2025", limit=30) == "DCPI 27/2025"
    assert number_part("  dctc   27 ", limit=30) == "DCTC 27"
    assert number_part("DCPI 1234/2025", limit=6) == "DCPI 1"


@pytest.mark.parametrize("typed", ["DСPI 27", "陳大文", "dcpı 27"])  # a Cyrillic С, a dotless ı
def test_case_1_a_part_no_number_could_hold_is_none(typed):
    assert number_part(typed, limit=30) is None


def test_case_1_the_registrys_list_by_a_part(cases, registry_clerk):
    page, _more = registry_cases(actor=registry_clerk, number="pi 27")
    assert {case.number for case in page} == {"DCPI 27/2025", "DCPI 270/2024", "HCPI 27/2025"}
    page, _more = registry_cases(actor=registry_clerk, number="DСPI 27")  # a Cyrillic С
    assert page == []
