"""SVC-5: Document Reference Numbers, the number the e-Court prints on each document it issues.

A DRN is 16 characters of Crockford's base 32 (digits and capital letters without I, L, O
and U, which are read as 1, 1 and 0, or not at all): 15 drawn at random with `secrets`
(75 bits: unguessable, and collisions are left to the unique constraint) and one check
character. Printed in four groups, "7K3M-Q9TZ-4HNP-2WX2"; stored without the dashes.

The check character is Damm's algorithm over the field of 32 elements GF(2^5): the
operation x * y = 2x + y (in GF(32): multiplication by the element 2, then XOR) is a totally
anti-symmetric quasigroup, so the check catches every change of one character and every swap
of two adjacent characters, the check character itself included. Chosen over ISO 7064
MOD 37-2, whose check character can be "*", and over Luhn mod N, which misses some swaps.
"""

import re
import secrets
import unicodedata
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
RANDOM_LENGTH = 15
LENGTH = RANDOM_LENGTH + 1
_VALUE = {symbol: value for value, symbol in enumerate(ALPHABET)}
# Crockford's base 32 reads these as the symbols they look like.
_FOLDED = str.maketrans({"O": "0", "I": "1", "L": "1"})
# Separators a person may type or copy: spaces of any kind and dashes of any kind (Unicode
# category Pd), and the colon after a "DRN" label.
_SEPARATORS = re.compile(r"[\s:]+")
_POLYNOMIAL = 0b100101  # x^5 + x^2 + 1, irreducible over GF(2)


def _times_two(x: int) -> int:
    x <<= 1
    return x ^ _POLYNOMIAL if x & 0b100000 else x


def damm_step(interim: int, value: int) -> int:
    """One step of Damm's algorithm: interim * value in the quasigroup x * y = 2x + y."""
    return _times_two(interim) ^ value


def _interim(values) -> int:
    interim = 0
    for value in values:
        interim = damm_step(interim, value)
    return interim


def check_character(body: str) -> str:
    """The character that makes `body` + it run to 0: 2 * interim + c = 0, so c = 2 * interim
    (in characteristic 2, minus is plus)."""
    return ALPHABET[_times_two(_interim(_VALUE[symbol] for symbol in body))]


def is_valid(drn: str) -> bool:
    """Whether a DRN in its stored form (16 characters of the alphabet) passes its check."""
    return (
        len(drn) == LENGTH
        and all(symbol in _VALUE for symbol in drn)
        and _interim(_VALUE[symbol] for symbol in drn) == 0
    )


def drn_new() -> str:
    """A fresh DRN: 15 random characters and the check character."""
    body = "".join(secrets.choice(ALPHABET) for _ in range(RANDOM_LENGTH))
    return body + check_character(body)


def drn_display(drn: str) -> str:
    """The printed form, in groups of four: "7K3M-Q9TZ-4HNP-2WX2"."""
    return "-".join(drn[i : i + 4] for i in range(0, len(drn), 4))


@dataclass(frozen=True)
class DrnReading:
    """What a typed DRN reads as: the DRN in its stored form, or why it is not one."""

    drn: str | None
    problem: str | None = None


PROBLEMS = {
    "characters": _(
        "A Document Reference Number has only the digits 0-9 and the letters A-Z (without U). "
        "Check what you typed."
    ),
    "length": _(
        "A Document Reference Number has 16 characters, printed in four groups of four, such "
        "as 7K3M-Q9TZ-4HNP-2WX2."
    ),
    "check": _(
        "This is not a Document Reference Number: one of its characters has been typed wrong, "
        "or two have been swapped. Check it against the document."
    ),
}


def drn_read(text) -> DrnReading:
    """A typed DRN, read leniently: any letter case, spaces and dashes anywhere, a "DRN" label
    before it, full-width characters (folded by NFKC), O for 0 and I or L for 1. Look-alike
    letters of other scripts (a Cyrillic "К", a Greek "Τ") are refused, not folded: after NFKC
    the text must be ASCII before it is upper-cased, which would turn a dotless "ı" into "I"."""
    if not isinstance(text, str) or len(text) > 100:
        return DrnReading(None, "length")
    folded = unicodedata.normalize("NFKC", text)
    folded = "".join(" " if unicodedata.category(ch) == "Pd" else ch for ch in folded)
    folded = _SEPARATORS.sub("", folded)
    if not folded:
        return DrnReading(None, "length")
    if not folded.isascii() or not folded.isalnum():
        return DrnReading(None, "characters")
    folded = folded.upper()
    if len(folded) == LENGTH + 3 and folded.startswith("DRN"):
        folded = folded[3:]
    folded = folded.translate(_FOLDED)
    if any(symbol not in _VALUE for symbol in folded):
        return DrnReading(None, "characters")
    if len(folded) != LENGTH:
        return DrnReading(None, "length")
    if not is_valid(folded):
        return DrnReading(None, "check")
    return DrnReading(folded)


def normalize_drn(text) -> str | None:
    """The DRN in its stored form, or None when the text is not a DRN."""
    return drn_read(text).drn
