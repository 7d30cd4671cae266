"""PDF files made in code for the tests of the checks on filed documents (SVC-1): a good one,
and each kind the court refuses."""

import io
import struct
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


def object_streams_pdf(streams: int, inflated: int) -> bytes:
    """A one-page PDF whose catalog names one object kept in each of `streams` object streams
    (/ObjStm, found through a cross-reference stream), each inflating to `inflated` bytes: a
    few hundred kilobytes that inflate to gigabytes when `inflated` is large."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets: dict[int, int] = {}

    def add(number: int, body: bytes) -> None:
        offsets[number] = len(out)
        out.extend(b"%d 0 obj\n" % number + body + b"\nendobj\n")

    first_kept = 10 + streams  # the numbers of the objects kept in the streams
    kept = " ".join(f"{first_kept + i} 0 R" for i in range(streams))
    add(1, f"<< /Type /Catalog /Pages 2 0 R /Kept [ {kept} ] >>".encode())
    add(2, b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>")
    add(3, b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>")
    for i in range(streams):
        header = b"%d 0 " % (first_kept + i)
        packed = zlib.compress(header + b"null" + b" " * max(inflated - len(header) - 4, 0), 9)
        add(
            10 + i,
            b"<< /Type /ObjStm /N 1 /First %d /Filter /FlateDecode /Length %d >>\nstream\n"
            % (len(header), len(packed))
            + packed
            + b"\nendstream",
        )
    xref = first_kept + streams
    offsets[xref] = len(out)
    rows = bytearray()
    for number in range(xref + 1):
        if number in offsets:
            rows += struct.pack(">BIH", 1, offsets[number], 0)
        elif first_kept <= number < xref:
            rows += struct.pack(">BIH", 2, 10 + number - first_kept, 0)
        else:
            rows += struct.pack(">BIH", 0, 0, 65535 if number == 0 else 0)
    out.extend(
        b"%d 0 obj\n<< /Type /XRef /W [1 4 2] /Size %d /Root 1 0 R /Length %d >>\nstream\n"
        % (xref, xref + 1, len(rows))
        + bytes(rows)
        + b"\nendstream\nendobj\n"
    )
    out.extend(b"startxref\n%d\n%%%%EOF\n" % offsets[xref])
    return bytes(out)


def inflating_pages_pdf(pages: int, inflated: int) -> bytes:
    """A PDF of `pages` pages, each drawn by a content stream that inflates to `inflated`
    bytes (of spaces: nothing to see), in a classic cross-reference table."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets: dict[int, int] = {}

    def add(number: int, body: bytes) -> None:
        offsets[number] = len(out)
        out.extend(b"%d 0 obj\n" % number + body + b"\nendobj\n")

    kids = " ".join(f"{3 + 2 * i} 0 R" for i in range(pages))
    add(1, b"<< /Type /Catalog /Pages 2 0 R >>")
    add(2, f"<< /Type /Pages /Kids [ {kids} ] /Count {pages} >>".encode())
    packed = zlib.compress(b" " * inflated, 9)
    for i in range(pages):
        page = f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents {4 + 2 * i} 0 R >>"
        add(3 + 2 * i, page.encode())
        add(
            4 + 2 * i,
            b"<< /Filter /FlateDecode /Length %d >>\nstream\n" % len(packed)
            + packed
            + b"\nendstream",
        )
    size = 3 + 2 * pages
    xref = len(out)
    out.extend(b"xref\n0 %d\n0000000000 65535 f \n" % size)
    for number in range(1, size):
        out.extend(b"%010d 00000 n \n" % offsets[number])
    out.extend(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (size, xref))
    return bytes(out)


def damaged_pdf() -> bytes:
    return b"%PDF-1.7\n" + zlib.compress(b"not a document at all") * 20


def png_bytes() -> bytes:
    return (
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00"
        b"\x00\x90wS\xde\x00\x00\x00\x0cIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00"
        b"\x00\x00\x00IEND\xaeB`\x82"
    )
