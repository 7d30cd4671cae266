"""What typed text may hold: names and addresses are kept as typed, but not with characters
that change how the text around them is shown (a name written with them reads one way on
screen and another in the record and to a search), nor made only of invisible ones."""

import unicodedata

from django.utils.translation import gettext_lazy as _

BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
# Invisible: a value made only of these (and spaces) is empty.
ZERO_WIDTH = frozenset("\u200b\u200c\u200d\u2060\ufeff")


def text_problem(value: str, *, multiline: bool = False):
    """Why a name or an address cannot be kept as typed, or None. Only an address spans
    lines."""
    allowed = {"\n", "\r", "\t"} if multiline else set()
    if any(ch in BIDI_CONTROLS for ch in value):
        return _("Remove the text-direction control characters; type the text as it reads.")
    if any(unicodedata.category(ch) == "Cc" and ch not in allowed for ch in value):
        return _("Remove the control characters; type the text as it reads.")
    return None


def is_blank(value: str) -> bool:
    return all(ch.isspace() or ch in ZERO_WIDTH for ch in value)
