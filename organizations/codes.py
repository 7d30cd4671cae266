"""The Organization Code (AUTH-2 [A33]): system-generated, entered with the login name and
password at every login of a PA, SA or OU.

It is drawn at random from Crockford's base-32 alphabet (no I, L, O or U), so that it reveals
nothing of the organization and cannot be guessed from another organization's code; what a
holder types is read forgivingly (case, spaces, hyphens, fullwidth forms, O for 0, I or L for 1).
The unique column and organizations never being deleted make a code never reused."""

import secrets
import unicodedata

from core import policy

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
_READ_AS = str.maketrans({"O": "0", "I": "1", "L": "1"})


def organization_code_new() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(policy.ORGANIZATION_CODE_LENGTH))


def normalize_organization_code(value: str) -> str:
    """The stored form of a typed code; "" for anything that cannot be a code."""
    text = unicodedata.normalize("NFKC", value or "").upper().translate(_READ_AS)
    text = "".join(ch for ch in text if ch not in " -\u00a0\t")
    if len(text) != policy.ORGANIZATION_CODE_LENGTH or any(ch not in ALPHABET for ch in text):
        return ""
    return text


def organization_code_display(code: str) -> str:
    """Shown in two groups so that it is easy to read out and type: "K7QM4-XPD2R"."""
    half = len(code) // 2
    return f"{code[:half]}-{code[half:]}" if code else ""
