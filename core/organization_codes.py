"""How a typed Organization Code (AUTH-2 [A33]) is read. It lives here, below every app,
because two apps read codes: `organizations` issues them, and `accounts` checks the one typed
at login against the account's organization (accounts may not import organizations).

The code is drawn from Crockford's base-32 alphabet (no I, L, O or U); what a holder types is
read forgivingly: letter case, spaces, hyphens, fullwidth forms, O for 0, I or L for 1."""

import unicodedata

from core import policy

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
_READ_AS = str.maketrans({"O": "0", "I": "1", "L": "1"})


def normalize_organization_code(value: str) -> str:
    """The stored form of a typed code; "" for anything that cannot be a code."""
    text = unicodedata.normalize("NFKC", value or "").upper().translate(_READ_AS)
    text = "".join(ch for ch in text if ch not in " -\u00a0\t")
    if len(text) != policy.ORGANIZATION_CODE_LENGTH or any(ch not in ALPHABET for ch in text):
        return ""
    return text
