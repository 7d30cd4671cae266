"""Which cases a typed case number names (CASE-1, SVC-2): a whole number in any spelling the
registry reads ("dcpi 0027/2025"), or any part of one ("DCPI", "1234/2025", "DCTC 27"), as the
registry's lists and the public document search read it."""

import re
import unicodedata

from django.db.models import Q

from cases.models import ProceedingType
from cases.numbers import normalize_case_number

# A part from the type on: the end of a type's code, a space, and the start of a serial
# number ("DCTC 27", "CPI 27/2025").
_TYPE_AND_SERIAL = re.compile(r"^([A-Z]+) ([0-9][0-9/]*)$")


def number_part(typed: str, *, limit: int) -> str | None:
    """What was typed as the registry writes numbers (a whole number in its one form, or a
    part upper case with single spaces), at most `limit` characters; None when it holds a
    character no case number holds."""
    number = normalize_case_number(typed)
    if number is not None:
        return number[:limit]
    # As `normalize_case_number`: outside ASCII after NFKC is refused before upper-casing,
    # which would turn a dotless "ı" into an ASCII "I".
    folded = unicodedata.normalize("NFKC", typed or "")
    return " ".join(folded.upper().split())[:limit] if folded.isascii() else None


def holding_number_part(part: str, *, field: str = "number") -> Q:
    """The rows whose case number (`field`) holds `part` (`number_part`). A number's one space
    is the one between its type and serial, so a part from the type on is the end of a type's
    code and the start of a number of that type: a prefix of each code that ends so, which
    the numbers' own index finds (their trigrams would hold only "DCTC", every case of the
    type). Any other part is found in the numbers' trigram index on PostgreSQL (cases/0011)."""
    type_and_serial = _TYPE_AND_SERIAL.match(part)
    if type_and_serial is None:
        return Q(**{f"{field}__contains": part})
    tail, rest = type_and_serial.groups()
    condition = Q(pk__in=[])
    for code in ProceedingType.objects.filter(code__endswith=tail).values_list("code", flat=True):
        condition |= Q(**{f"{field}__startswith": f"{code} {rest}"})
    return condition
