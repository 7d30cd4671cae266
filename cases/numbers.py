"""CASE-1: case numbers as the registry writes them, "DCPI 1234/2025": the proceeding type's
code, a space, the serial number and the year. A typed number is read leniently (any case,
spaces, full-width characters, leading zeros) and kept in that one form, so that the same case
is never found under two spellings."""

import re
import unicodedata

_CASE_NUMBER = re.compile(r"^([A-Z]{2,10})\s*0*(\d{1,6})\s*/\s*(\d{4})$")


def normalize_case_number(text) -> str | None:
    """The number in the registry's form, or None when it is not a case number."""
    if not isinstance(text, str) or len(text) > 100:
        return None
    # NFKC folds full-width letters and digits (ＤＣＰＩ　１２３４／２０２５) to ASCII; anything
    # else outside ASCII (Cyrillic look-alikes) is refused, before upper-casing, which would
    # turn a dotless "ı" into an ASCII "I".
    folded = unicodedata.normalize("NFKC", text).strip()
    if not folded.isascii():
        return None
    match = _CASE_NUMBER.match(folded.upper())
    if match is None:
        return None
    prefix, serial, year = match.groups()
    return f"{prefix} {int(serial)}/{year}"


def case_number_prefix(number: str) -> str:
    return number.split(" ", 1)[0]
