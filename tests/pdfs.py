"""PDF files made in code for the tests of the checks on filed documents (SVC-1): a good one,
and each kind the court refuses."""

import io
import zlib

from pypdf import PdfWriter
from pypdf.generic import (
    ArrayObject,
    DictionaryObject,
    FloatObject,
    NameObject,
    TextStringObject,
)


def _written(writer: PdfWriter) -> bytes:
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _writer(pages: int = 1) -> PdfWriter:
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=595, height=842)  # A4
    return writer


def good_pdf(pages: int = 1) -> bytes:
    return _written(_writer(pages))


def encrypted_pdf() -> bytes:
    writer = _writer()
    writer.encrypt(user_password="", owner_password="owner-secret")
    return _written(writer)


def _javascript_action() -> DictionaryObject:
    return DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Action"),
            NameObject("/S"): NameObject("/JavaScript"),
            NameObject("/JS"): TextStringObject("app.alert('hello');"),
        }
    )


def javascript_open_action_pdf() -> bytes:
    writer = _writer()
    writer._root_object[NameObject("/OpenAction")] = writer._add_object(_javascript_action())
    return _written(writer)


def javascript_names_tree_pdf() -> bytes:
    """A script in the document's names tree (/Names /JavaScript), run as it opens."""
    writer = _writer()
    scripts = DictionaryObject(
        {
            NameObject("/Names"): ArrayObject(
                [TextStringObject("greeting"), writer._add_object(_javascript_action())]
            )
        }
    )
    writer._root_object[NameObject("/Names")] = DictionaryObject(
        {NameObject("/JavaScript"): writer._add_object(scripts)}
    )
    return _written(writer)


def page_additional_action_pdf() -> bytes:
    writer = _writer()
    writer.pages[0][NameObject("/AA")] = DictionaryObject(
        {NameObject("/O"): writer._add_object(_javascript_action())}
    )
    return _written(writer)


def launch_action_pdf() -> bytes:
    writer = _writer()
    writer._root_object[NameObject("/OpenAction")] = DictionaryObject(
        {
            NameObject("/S"): NameObject("/Launch"),
            NameObject("/F"): TextStringObject("calc.exe"),
        }
    )
    return _written(writer)


def embedded_file_pdf() -> bytes:
    writer = _writer()
    writer.add_attachment("note.txt", b"hello")
    return _written(writer)


def file_attachment_annotation_pdf() -> bytes:
    writer = _writer()
    annotation = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Annot"),
            NameObject("/Subtype"): NameObject("/FileAttachment"),
            NameObject("/Rect"): ArrayObject([FloatObject(v) for v in (10, 10, 30, 30)]),
            NameObject("/Contents"): TextStringObject("attached"),
        }
    )
    writer.pages[0][NameObject("/Annots")] = ArrayObject([writer._add_object(annotation)])
    return _written(writer)


def damaged_pdf() -> bytes:
    return b"%PDF-1.7\n" + zlib.compress(b"not a document at all") * 20


def png_bytes() -> bytes:
    return (
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00"
        b"\x00\x90wS\xde\x00\x00\x00\x0cIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00"
        b"\x00\x00\x00IEND\xaeB`\x82"
    )
