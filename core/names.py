"""A person's name as the portal writes it.

The name is kept as surname and given name joined by a space. A Chinese name is written
without that space ("陳大文"); a name in Latin letters keeps it ("Chan Tai Man"). The space is
dropped only where the characters on both sides of it are CJK."""

import re
import unicodedata

CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
SPACE_BETWEEN_CJK = re.compile(rf"(?<=[{CJK}])\s+(?=[{CJK}])")


def person_name(value) -> str:
    return SPACE_BETWEEN_CJK.sub("", str(value or "").strip())


def name_key(text: str) -> str:
    """A party's name as searches and the registry compare it: any letter case, any spacing
    ("Chan Tai Man", "CHAN  TAI MAN", "chantaiman", full-width letters and spaces alike)."""
    folded = unicodedata.normalize("NFKC", text or "").lower()
    return "".join(folded.split())
