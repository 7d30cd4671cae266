"""SVC-3: party names as the Cause Book's search reads them. A name and a typed query are
folded alike (NFKC, so full-width letters are plain ones; case folded; every run of spaces one
space), so that "chan  tai man" finds "CHAN Tai Man" and a Chinese name is found by any part of
it. The case keeps its parties' names folded in one column (`Case.search_names`), one name a
line, so that a query, which never holds a line break, never matches across two names."""

import re
import unicodedata

# A space between two Chinese characters: a Chinese name is written without one.
_SPACE_IN_CHINESE = re.compile(
    r"(?<=[\u3400-\u9fff\uf900-\ufaff]) (?=[\u3400-\u9fff\uf900-\ufaff])"
)


def search_text(value) -> str:
    """`value` folded for searching: NFKC, case folded, single spaces, trimmed."""
    if not isinstance(value, str):
        return ""
    return " ".join(unicodedata.normalize("NFKC", value).casefold().split())


def query_text(value) -> str:
    """A typed query folded as `search_text` folds names, and without the spaces a person may
    type inside a Chinese name ("吳家 豪" finds 吳家豪)."""
    return _SPACE_IN_CHINESE.sub("", search_text(value))


def case_search_names(names) -> str:
    """The column's value for a case whose parties have `names` (English and Chinese)."""
    folded = []
    for name in names:
        text = search_text(name)
        if text and text not in folded:
            folded.append(text)
    return "\n".join(folded)
