"""Identification document numbers."""

import re
import unicodedata

from django.utils.translation import gettext_lazy as _

_HKID_RE = re.compile(r"^([A-Z]{1,2})([0-9]{6})([0-9A])$")
# How people write a number on a form, ignored: spaces, the brackets round an HKID check digit,
# hyphens, slashes and full stops.
_SEPARATORS = re.compile(r"[\s()\-/.]+")
_PLAIN = re.compile(r"^[A-Z0-9]*$")

ID_DOCUMENT_NUMBER_CHARACTERS = _(
    "Enter the identification document number with the letters A to Z and the digits 0 to 9 "
    "only, as printed on the document."
)


def normalize_id_document_number(value: str) -> str:
    """'A123456(7)', 'a 123456 7', 'A1234567' and the same in fullwidth letters (or with a
    Kelvin sign for K) are one document (REG-5). NFKC first, so that every way of typing a
    letter is that letter; a character that is still not an ASCII letter or digit is kept, so
    that `id_document_number_is_plain` refuses the number rather than it matching another."""
    folded = _SEPARATORS.sub("", unicodedata.normalize("NFKC", value))
    # Upper case only for ASCII: "ı".upper() is "I", a different letter made to look alike.
    return "".join(ch.upper() if ch.isascii() else ch for ch in folded)


def id_document_number_is_plain(number: str) -> bool:
    """True when a normalized number holds only ASCII letters and digits."""
    return bool(_PLAIN.match(number))


def hkid_check_digit(prefix: str, digits: str) -> str:
    """The check digit of a Hong Kong Identity Card number (weights 9..2, modulus 11)."""
    values = [36] if len(prefix) == 1 else []  # a one-letter prefix counts as a leading space
    values += [ord(ch) - 55 for ch in prefix] + [int(d) for d in digits]
    remainder = sum(v * w for v, w in zip(values, range(9, 1, -1), strict=True)) % 11
    check = (11 - remainder) % 11
    return "A" if check == 10 else str(check)


def hkid_is_valid(number: str) -> bool:
    match = _HKID_RE.match(number)
    return bool(match) and hkid_check_digit(match[1], match[2]) == match[3]


def id_document_number_display(number: str, document_type: str = "") -> str:
    """As printed on the card: a Hong Kong Identity Card number with its check digit in
    brackets ("A1234563" -> "A123456(3)"); any other document's number as kept."""
    if document_type == "HKID" and _HKID_RE.match(number or ""):
        return f"{number[:-1]}({number[-1]})"
    return number
