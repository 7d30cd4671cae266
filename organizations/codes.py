"""The Organization Code (AUTH-2 [A33]): system-generated, entered with the login name and
password at every login of a PA, SA or OU.

It is drawn at random from Crockford's base-32 alphabet (no I, L, O or U), so that it reveals
nothing of the organization and cannot be guessed from another organization's code; what a
holder types is read forgivingly (case, spaces, hyphens, fullwidth forms, O for 0, I or L for 1).
The unique column and organizations never being deleted make a code never reused. How a typed
code is read is in core.organization_codes, which the login check in accounts shares."""

import secrets

from core import policy
from core.organization_codes import ALPHABET, normalize_organization_code

__all__ = [
    "ALPHABET",
    "normalize_organization_code",
    "organization_code_display",
    "organization_code_new",
]


def organization_code_new() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(policy.ORGANIZATION_CODE_LENGTH))


def organization_code_display(code: str) -> str:
    """Shown in two groups so that it is easy to read out and type: "K7QM4-XPD2R"."""
    half = len(code) // 2
    return f"{code[:half]}-{code[half:]}" if code else ""
