"""The templates themselves: what the template language would show as text on the page."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# `{# ... #}` is a comment on one line only: one left open at the end of its line is not a
# comment, and the page shows it word for word.
OPEN_ONE_LINE_COMMENT = re.compile(r"\{#(?:(?!#\}).)*$", re.M)


def _templates():
    for path in ROOT.rglob("*.html"):
        if not {".venv", "node_modules", "var"} & set(path.relative_to(ROOT).parts):
            yield path


def test_nfr_2_no_template_shows_a_comment_as_text():
    open_comments = [
        f"{path.relative_to(ROOT)}:{text[: match.start()].count(chr(10)) + 1}"
        for path in _templates()
        for text in [path.read_text()]
        for match in OPEN_ONE_LINE_COMMENT.finditer(text)
    ]
    assert open_comments == []


# `{% translate "... \"quoted\" ..." %}` renders, but makemessages reads the string only up to
# the first escaped quote: the next catalogue update files a cut-off msgid and retires the
# translation, and the page falls back to English. A string holding double quotes is written
# in single quotes instead.
ESCAPED_QUOTE_IN_TRANSLATE = re.compile(r"\{%\s*(?:translate|trans)\s+\"(?:[^\"\\]|\\.)*\\\"")


def test_nfr_1_no_translated_string_escapes_a_quote():
    escaped = [
        f"{path.relative_to(ROOT)}:{text[: match.start()].count(chr(10)) + 1}"
        for path in [*_templates(), *_text_templates()]
        for text in [path.read_text()]
        for match in ESCAPED_QUOTE_IN_TRANSLATE.finditer(text)
    ]
    assert escaped == []


def _text_templates():
    for path in ROOT.rglob("*.txt"):
        parts = set(path.relative_to(ROOT).parts)
        if "templates" in parts and not {".venv", "node_modules", "var"} & parts:
            yield path
