"""Identification document numbers."""

import re

_HKID_RE = re.compile(r"^([A-Z]{1,2})([0-9]{6})([0-9A])$")


def normalize_id_document_number(value: str) -> str:
    """'A123456(7)', 'a 123456 7' and 'A1234567' are one document (REG-5)."""
    return "".join(ch for ch in value.upper() if ch.isalnum())


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
