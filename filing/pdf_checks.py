"""SVC-1: the check of a file to be e-filed, by its content, never by its name. In order: not
empty; within the size limit, judged by its declared size before it is read; a PDF by its
first bytes (core.uploads); a PDF that opens; not encrypted; its compressed objects within a
bound once inflated (MAX_OBJECT_STREAM_BYTES); within the page limit; no JavaScript (a /JS or
/JavaScript entry anywhere: the names tree, an OpenAction, an additional action /AA of the
document, a page, an annotation or a form field) and no action that launches a program; no
embedded files (the /EmbeddedFiles names tree, a file specification carrying a file, a file
attachment annotation); its pages' content within a bound once inflated
(MAX_PAGE_CONTENT_BYTES). The first problem found is the answer, with a stable code and a
message in the reader's language.

pypdf 7.1.1 reads the file; everything it raises on a damaged file is "does not open"."""

from dataclasses import dataclass

from django.utils.translation import gettext as _
from pypdf import PdfReader
from pypdf.filters import decode_stream_data
from pypdf.generic import (
    ArrayObject,
    DictionaryObject,
    IndirectObject,
    NameObject,
    StreamObject,
)

from core import policy
from core.uploads import UploadRefusal, upload_refusal, upload_sha256, upload_size

# The most objects the walk looks at before it gives up on the file as not checkable: far
# more than a 10 MiB document of 5,000 pages holds, and a bound on a crafted one.
MAX_OBJECTS_WALKED = 500_000

# The most bytes the file's object streams (where a PDF may keep its objects compressed) may
# inflate to, all together: far more than the objects of a 10 MiB document of 5,000 pages take,
# and a bound on a crafted file, whose few hundred kilobytes inflate to gigabytes (pypdf bounds
# each stream, 75 MB, not their sum, and keeps each inflated stream while the file is read).
MAX_OBJECT_STREAM_BYTES = 100 * 1024 * 1024

# The most bytes the pages' content streams may inflate to, all together, each counted on every
# page that draws it (our choice). A registry's stamp (a certified translation, documents.pdf)
# writes every page out inflated, so a file that passed as a few hundred kilobytes was issued
# as hundreds of megabytes; text and drawings compress far less than this allows (a 10 MiB
# document at 25 to 1).
MAX_PAGE_CONTENT_BYTES = 256 * 1024 * 1024

_SCRIPT_KEYS = {"/JS", "/JavaScript"}
_SCRIPT_ACTIONS = {"/JavaScript", "/Launch"}


@dataclass(frozen=True)
class PdfFacts:
    name: str
    size: int
    pages: int
    sha256: str


class PdfNotCheckable(Exception):
    pass


def _walk(reader: PdfReader):
    """Every dictionary reachable from the document's trailer, once each (streams' own
    dictionaries included; their content is not decoded)."""
    seen: set[tuple[int, int]] = set()
    stack = [reader.trailer]
    walked = 0
    while stack:
        item = stack.pop()
        if isinstance(item, IndirectObject):
            key = (item.idnum, item.generation)
            if key in seen:
                continue
            seen.add(key)
            item = item.get_object()
        walked += 1
        if walked > MAX_OBJECTS_WALKED:
            raise PdfNotCheckable()
        if isinstance(item, DictionaryObject):
            yield item
            stack.extend(item.values())
        elif isinstance(item, ArrayObject):
            stack.extend(item)


def _object_streams_bounded(reader: PdfReader) -> None:
    """Inflate the file's object streams once each, before any object is read from them (the
    page tree may be kept there), and give up on the file past MAX_OBJECT_STREAM_BYTES."""
    inflated = 0
    for number in sorted({stream for stream, _index in reader.xref_objStm.values()}):
        stream = reader.get_object(number)
        inflated += len(stream.get_data()) if isinstance(stream, StreamObject) else 0
        if inflated > MAX_OBJECT_STREAM_BYTES:
            raise PdfNotCheckable()


def _page_content_too_large(reader: PdfReader) -> bool:
    """Whether the pages' content streams inflate past MAX_PAGE_CONTENT_BYTES, a stream that
    several pages draw counted on each; each stream inflated once, and not kept."""
    sizes: dict = {}
    inflated = 0
    for page in reader.pages:
        contents = page.get("/Contents")
        resolved = contents.get_object() if isinstance(contents, IndirectObject) else contents
        streams = resolved if isinstance(resolved, ArrayObject) else [contents]
        for item in streams:
            key = (item.idnum, item.generation) if isinstance(item, IndirectObject) else id(item)
            if key not in sizes:
                stream = item.get_object() if isinstance(item, IndirectObject) else item
                sizes[key] = (
                    len(decode_stream_data(stream)) if isinstance(stream, StreamObject) else 0
                )
            inflated += sizes[key]
            if inflated > MAX_PAGE_CONTENT_BYTES:
                return True
    return False


def _name(value) -> str | None:
    value = value.get_object() if isinstance(value, IndirectObject) else value
    return str(value) if isinstance(value, NameObject) else None


def _content_problem(reader: PdfReader) -> str | None:
    """ "javascript", "embedded_file" or None."""
    for dictionary in _walk(reader):
        keys = set(dictionary.keys())
        if keys & _SCRIPT_KEYS:
            return "javascript"
        if _name(dictionary.get("/S")) in _SCRIPT_ACTIONS:
            return "javascript"
        if "/EmbeddedFiles" in keys or "/EF" in keys:
            return "embedded_file"
        if _name(dictionary.get("/Subtype")) == "/FileAttachment":
            return "embedded_file"
    return None


def pdf_check(
    upload, *, max_bytes: int, max_pages: int
) -> tuple[PdfFacts | None, UploadRefusal | None]:
    """(facts, None) for a file that may be filed, or (None, the reason it is refused).
    Changes nothing and stores nothing."""
    name = (getattr(upload, "name", "") or "")[-255:]
    refusal = upload_refusal(upload, max_bytes=max_bytes, types=policy.PDF_ONLY)
    if refusal is not None:
        if refusal.code == "not_accepted_type":
            refusal = UploadRefusal("not_a_pdf", refusal.message)
        return None, refusal
    values = {"name": name}
    upload.seek(0)
    try:
        reader = PdfReader(upload, strict=False)
        if reader.is_encrypted:
            return None, UploadRefusal(
                "pdf_encrypted",
                _(
                    "The file %(name)s is encrypted or protected by a password. File it "
                    "without protection."
                )
                % values,
            )
        _object_streams_bounded(reader)
        pages = len(reader.pages)
        if pages == 0:
            raise PdfNotCheckable()
        if pages > max_pages:
            return None, UploadRefusal(
                "too_many_pages",
                _("The file %(name)s has %(pages)d pages; at most %(limit)d are accepted.")
                % {**values, "pages": pages, "limit": max_pages},
            )
        problem = _content_problem(reader)
        if problem is None and _page_content_too_large(reader):
            problem = "content_too_large"
    except Exception:  # pypdf's errors on a damaged file are of many kinds
        return None, UploadRefusal(
            "pdf_unreadable",
            _(
                "The file %(name)s does not open as a PDF document: it may be damaged. Save it "
                "again as PDF and try again."
            )
            % values,
        )
    finally:
        upload.seek(0)
    if problem == "javascript":
        return None, UploadRefusal(
            "pdf_javascript",
            _(
                "The file %(name)s contains JavaScript or an action that starts a program. "
                "Save it again as PDF without scripts (for example, print it to PDF)."
            )
            % values,
        )
    if problem == "embedded_file":
        return None, UploadRefusal(
            "pdf_embedded_file",
            _(
                "The file %(name)s carries other files embedded or attached in it. File each "
                "document as a PDF of its own."
            )
            % values,
        )
    if problem == "content_too_large":
        return None, UploadRefusal(
            "pdf_content_too_large",
            _(
                "The file %(name)s holds too much once opened: its pages take more than "
                "%(limit)d MB. Split it into smaller files, or save it again as PDF with less "
                "in it."
            )
            % {**values, "limit": MAX_PAGE_CONTENT_BYTES // (1024 * 1024)},
        )
    return PdfFacts(
        name=name, size=upload_size(upload), pages=pages, sha256=upload_sha256(upload)
    ), None
