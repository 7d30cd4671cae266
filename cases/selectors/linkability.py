"""Which proceedings are e-enabled (GEN-2), and what the registry can say of a typed case
number: whether the case can be linked."""

import datetime
from dataclasses import dataclass
from enum import StrEnum

from django.utils import timezone

from cases.models import Case, CaseStatus, ImplementationNotice, ProceedingType
from cases.numbers import normalize_case_number


def _today(on: datetime.date | None) -> datetime.date:
    return on or timezone.localdate()


def e_enabled_types(on: datetime.date | None = None):
    """GEN-2: the proceeding types an implementation notice in force covers on `on`."""
    return ProceedingType.objects.filter(
        implementation_notices__effective_date__lte=_today(on)
    ).distinct()


def is_e_enabled(proceeding_type_id: int, on: datetime.date | None = None) -> bool:
    return ImplementationNotice.objects.filter(
        proceeding_type_id=proceeding_type_id, effective_date__lte=_today(on)
    ).exists()


class Linkability(StrEnum):
    """What the registry can say of a typed case number (the application form, the vetting
    page, the link requests)."""

    NOT_A_CASE_NUMBER = "not_a_case_number"
    UNKNOWN = "unknown"  # no such case in the registry
    NOT_E_ENABLED = "not_e_enabled"  # known, but its proceedings are on paper (GEN-2)
    DISPOSED = "disposed"  # known, e-enabled, finally disposed: nothing left to transact
    LINKABLE = "linkable"


@dataclass(frozen=True)
class CaseCheck:
    number: str | None  # the registry's spelling, when it is a case number
    linkability: Linkability
    case: Case | None = None

    @property
    def linkable(self) -> bool:
        return self.linkability == Linkability.LINKABLE


def case_check(typed_number, on: datetime.date | None = None) -> CaseCheck:
    number = normalize_case_number(typed_number)
    if number is None:
        return CaseCheck(None, Linkability.NOT_A_CASE_NUMBER)
    case = Case.objects.select_related("proceeding_type__court_level").filter(number=number).first()
    if case is None:
        return CaseCheck(number, Linkability.UNKNOWN)
    if not is_e_enabled(case.proceeding_type_id, on):
        return CaseCheck(number, Linkability.NOT_E_ENABLED, case)
    if case.status == CaseStatus.FINALLY_DISPOSED:
        return CaseCheck(number, Linkability.DISPOSED, case)
    return CaseCheck(number, Linkability.LINKABLE, case)


def case_checks(typed_numbers, on: datetime.date | None = None) -> list[CaseCheck]:
    """`case_check` of each typed number, in order, in two queries whatever their number (an
    application's listed cases on the vetting page, and when its account opens)."""
    numbers = [normalize_case_number(typed) for typed in typed_numbers]
    known = {
        case.number: case
        for case in Case.objects.select_related("proceeding_type__court_level").filter(
            number__in={number for number in numbers if number}
        )
    }
    enabled = set(
        e_enabled_types(on)
        .filter(pk__in={case.proceeding_type_id for case in known.values()})
        .values_list("pk", flat=True)
    )
    checks = []
    for number in numbers:
        case = known.get(number) if number else None
        if number is None:
            checks.append(CaseCheck(None, Linkability.NOT_A_CASE_NUMBER))
        elif case is None:
            checks.append(CaseCheck(number, Linkability.UNKNOWN))
        elif case.proceeding_type_id not in enabled:
            checks.append(CaseCheck(number, Linkability.NOT_E_ENABLED, case))
        elif case.status == CaseStatus.FINALLY_DISPOSED:
            checks.append(CaseCheck(number, Linkability.DISPOSED, case))
        else:
            checks.append(CaseCheck(number, Linkability.LINKABLE, case))
    return checks
