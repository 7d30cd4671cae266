"""Small phrases the portal builds from parts, worded in the active language: Chinese writes
its own full-width colon, comma and brackets ("被告人（2）：陳大文"), where English writes
"Defendant (2): CHAN Tai Man". Templates use them through `{% load wording %}`; a template
that writes "{{ a }}: {{ b }}" itself prints the English punctuation on the Chinese page too
(tests/test_i18n.py looks for it)."""

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
