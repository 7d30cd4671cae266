"""Small phrases the portal builds from parts, worded in the active language: Chinese writes
its own full-width colon, comma and brackets ("被告人（2）：陳大文"), where English writes
"Defendant (2): CHAN Tai Man". Templates use them through `{% load wording %}`; a template
that writes "{{ a }}: {{ b }}" itself prints the English punctuation on the Chinese page too
(tests/test_i18n.py looks for it)."""

from django.utils.html import format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import get_language
from django.utils.translation import gettext as _


def labelled(label, value) -> str:
    """'Plaintiff: CHAN Tai Man'; '原告人：CHAN Tai Man'."""
    return _("%(label)s: %(value)s") % {"label": label, "value": value}


def bracketed(value, note) -> str:
    """'LEE Ka Yan (Defendant)'; 'LEE Ka Yan（被告人）'. No note, no brackets."""
    if note is None or note == "":
        return str(value)
    return _("%(value)s (%(note)s)") % {"value": value, "note": note}


def in_brackets(note) -> str:
    """A note standing after what it is about: '(ou00000001)'; '（ou00000001）'."""
    return _("(%(note)s)") % {"note": note}


def noted(note) -> str:
    """A note after a label it belongs to, with the space English puts before its bracket:
    ' (optional)'; '（選填）' (a full-width bracket needs none)."""
    return bracketed("", note)


def continued(value) -> str:
    """What follows a label the page shows already, e.g. for a screen reader after a link's
    words: ': DCPI 1/2025, CHAN Tai Man'; '：DCPI 1/2025，CHAN Tai Man'."""
    return labelled("", value)


def numbered(label, position) -> str:
    """A party type with its place among the parties of that type, shown from the second on:
    'Defendant', 'Defendant (2)'; '被告人（2）'."""
    if not position or int(position) <= 1:
        return str(label)
    return bracketed(label, position)


def listed(*parts) -> str:
    """Parts of one description in a row, the empty ones left out: 'Personal Injuries Action,
    District Court'; '人身傷害訴訟，區域法院'."""
    return _(", ").join(str(part) for part in parts if part is not None and part != "")


def sentences(*parts) -> str:
    """Sentences one after the other: English puts a space between them, Chinese none (a
    space shows between two Chinese sentences). Markup already safe stays safe."""
    joiner = "" if (get_language() or "").startswith("zh") else " "
    kept = [part for part in parts if part is not None and str(part).strip() != ""]
    if kept and all(isinstance(part, SafeString) for part in kept):
        return format_html_join(joiner, "{}", ((part,) for part in kept))
    return joiner.join(str(part).strip() for part in kept)
