"""How activation compares what the holder types with the records [A32], and the shape of a
telephone number it can compare: digits, with spaces, brackets, dashes and a leading "+"."""

import re

from django.utils.translation import gettext_lazy as _

PHONE_RE = re.compile(r"^\+?[0-9 ()\-]{8,25}$")
PHONE_DIGITS_MIN = 8
PHONE_PROBLEM = _("Enter a telephone number of at least 8 digits, e.g. (852) 2477-1002.")

_PHONE_IGNORED = str.maketrans("", "", " ()-")


def normalize_name(value: str) -> str:
    # ACT-2: case does not matter; spaces around are ignored; spaces between words count.
    return value.strip().casefold()


def names_match(entered: str, recorded: str) -> bool:
    return normalize_name(entered) == normalize_name(recorded)


def normalize_phone(value: str) -> str:
    # ACT-3: only a space, "(", ")" and "-" are ignored; every other character counts.
    return value.translate(_PHONE_IGNORED)


def phones_match(entered: str, recorded: str) -> bool:
    return normalize_phone(entered) == normalize_phone(recorded)


def phone_is_well_formed(value: str) -> bool:
    """Whether a holder could type this number back at activation: "(852) 2477-1002", not
    "n/a". Every telephone number the portal records is checked so."""
    return bool(PHONE_RE.match(value)) and sum(ch.isdigit() for ch in value) >= PHONE_DIGITS_MIN
