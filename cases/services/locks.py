"""The row locks of a case's writes, taken in one order: the case first, then its parties by
id, then their links. Two writes on one case then never each wait for the other. Each lock
holds only its own rows: a party read with its proceeding type leaves the type free, or every
link in every case of that type would queue behind it (docs/decisions.md)."""

from cases.models import Case, CaseParty
from core.errors import NotFound


def locked_case(case_id) -> Case:
    """The case's row, locked, with its proceeding type (unlocked); NotFound for an id that
    names no case."""
    case = (
        Case.objects.select_for_update(of=("self",))
        .select_related("proceeding_type")
        .filter(pk=case_id)
        .first()
        if str(case_id).isdigit()
        else None
    )
    if case is None:
        raise NotFound()
    return case


def locked_party(party_id) -> CaseParty:
    """The party's row, locked after its case's (`party.case` is the locked case)."""
    case_id = (
        CaseParty.objects.filter(pk=party_id).values_list("case_id", flat=True).first()
        if str(party_id).isdigit()
        else None
    )
    if case_id is None:
        raise NotFound()
    case = locked_case(case_id)
    party = CaseParty.objects.select_for_update().filter(pk=party_id, case=case).first()
    if party is None:  # removed by the registry between the two reads
        raise NotFound()
    party.case = case
    return party
