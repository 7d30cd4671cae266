"""The PDFs of issued documents (SVC-5): reading an uploaded PDF, composing one from a title and
a text, and stamping every page with the Document Reference Number and a QR code that leads
to the public check (BEY-3).

The check of an uploaded PDF here is the least that stamping needs (a PDF that opens, not
encrypted, with pages); e-filing's full content checks take its place when they are shared."""

import io
import logging
from datetime import date
from functools import cache
from pathlib import Path

import segno
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils import formats, translation
from django.utils.translation import gettext as _
from fpdf import FPDF
from pypdf import PdfReader, PdfWriter, Transformation
from pypdf.errors import PyPdfError

from core import policy
from core.errors import ValidationFailed
from documents.drn import drn_display

logger = logging.getLogger(__name__)

# The font for Chinese (and English) text: Noto Sans CJK, the Hong Kong face of the collection.
CJK_FONT = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")
CJK_FACE = "Noto Sans CJK HK"
QR_ERROR_LEVEL = "m"  # 15% of the code may be damaged (a fold, a stain) and it still reads
QR_SIZE_PT = 51  # 18 mm
STAMP_MARGIN_PT = 14  # 5 mm from the page's edges
STAMP_PADDING_PT = 8  # white around the QR code: more than its 4-module quiet zone


def cjk_font_path() -> Path | None:
    path = Path(getattr(settings, "ICMS_CJK_FONT", CJK_FONT))
    return path if path.is_file() else None


@cache
def _cjk_face_number(path: Path) -> int:
    from fontTools.ttLib import TTCollection

    names = [font["name"].getDebugName(4) for font in TTCollection(str(path), lazy=True).fonts]
    for wanted in (CJK_FACE, "Noto Sans CJK TC"):
        if wanted in names:
            return names.index(wanted)
    return 0


def _with_cjk_font(pdf: FPDF) -> str | None:
    """Add the Chinese font to `pdf`; its family name, or None when the server has none."""
    path = cjk_font_path()
    if path is None:
        return None
    number = _cjk_face_number(path) if path.suffix.lower() == ".ttc" else 0
    pdf.add_font("cjk", "", str(path), collection_font_number=number)
    return "cjk"


def _unprintable(text: str, pdf: FPDF, family: str | None) -> set[str]:
    """The characters of `text` that the chosen font cannot show."""
    if family is None:
        return {ch for ch in text if ch not in "\n\r\t" and ord(ch) > 0xFF}
    cmap = pdf.fonts[family].ttfont.getBestCmap()
    return {ch for ch in text if ch not in "\n\r\t" and ord(ch) not in cmap}


# --- an uploaded PDF ----------------------------------------------------------------------------


def pdf_read_upload(upload, field: str = "file") -> bytes:
    """The bytes of an uploaded PDF that can be stamped: within the upload limit, a PDF by its
    content, not encrypted, opening with at least one page. Refused with a clear reason."""

    def refuse(message):
        raise ValidationFailed({field: [message]})

    if upload is None:
        refuse(_("Choose the PDF file of the document."))
    name = getattr(upload, "name", "") or "file"
    if upload.size == 0:
        refuse(_("The file %(name)s is empty.") % {"name": name})
    if upload.size > policy.UPLOAD_MAX_BYTES:
        refuse(
            _("The file %(name)s is larger than %(limit)s.")
            % {"name": name, "limit": filesizeformat(policy.UPLOAD_MAX_BYTES)}
        )
    upload.seek(0)
    data = upload.read()
    upload.seek(0)
    if not data.startswith(b"%PDF-"):
        refuse(_("The file %(name)s is not a PDF file.") % {"name": name})
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            refuse(
                _("The file %(name)s is protected by a password; upload it without one.")
                % {"name": name}
            )
        if len(reader.pages) == 0:
            refuse(_("The file %(name)s has no pages.") % {"name": name})
        for page in reader.pages:
            page.mediabox  # noqa: B018 - every page must have a size to be stamped
    except ValidationFailed:
        raise
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError):
        refuse(_("The file %(name)s is damaged: it does not open as a PDF.") % {"name": name})
    return data


# --- a composed document ------------------------------------------------------------------------


def pdf_compose(*, case, kind_label_en: str, kind_label_zh: str, title: str, text: str, on: date):
    """A document the registry composed: the court and the case at the top, the kind and title,
    the text, and the date of issue; A4, with room at the foot of each page for the stamp.
    Chinese needs the Chinese font: without it, text outside Latin-1 is refused."""
    pdf = FPDF(unit="mm", format="A4")
    pdf.set_auto_page_break(auto=True, margin=30)
    pdf.set_margins(20, 20, 20)
    family = _with_cjk_font(pdf)
    missing = _unprintable(title + text, pdf, family)
    if missing:
        if family is None:
            message = _(
                "Chinese text cannot be set in a PDF on this server: its Chinese font is not "
                "installed. Upload the document as a PDF instead."
            )
        else:
            message = _("These characters cannot be printed: %(characters)s") % {
                "characters": " ".join(sorted(missing))
            }
        errors = {}
        if _unprintable(title, pdf, family):
            errors["title"] = [message]
        if _unprintable(text, pdf, family):
            errors["text"] = [message]
        raise ValidationFailed(errors)
    family = family or "helvetica"
    level = case.proceeding_type.court_level
    pdf.add_page()
    pdf.set_font(family, size=11)
    heading = [level.name_en, level.name_zh, case.proceeding_type.name_en]
    if family != "helvetica":
        heading.append(case.proceeding_type.name_zh)
    for line in heading:
        if line and not _unprintable(line, pdf, None if family == "helvetica" else family):
            pdf.cell(0, 6, line, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)
    pdf.cell(0, 6, case.number, align="C", new_x="LMARGIN", new_y="NEXT")
    if case.title and not _unprintable(case.title, pdf, None if family == "helvetica" else family):
        pdf.multi_cell(0, 6, case.title, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    pdf.line(20, pdf.get_y(), 190, pdf.get_y())
    pdf.ln(6)
    pdf.set_font(family, size=14)
    kind = kind_label_en if family == "helvetica" else f"{kind_label_en} {kind_label_zh}"
    pdf.cell(0, 8, kind.upper(), align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.multi_cell(0, 8, title, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(6)
    pdf.set_font(family, size=11)
    pdf.multi_cell(0, 6, text, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(10)
    with translation.override("en"):
        dated = f"Dated {formats.date_format(on, 'j F Y')}"
    if family != "helvetica":
        dated += f"    {on.year}年{on.month}月{on.day}日"
    pdf.cell(0, 6, dated, new_x="LMARGIN", new_y="NEXT")
    pdf.set_title(title)
    pdf.set_creator("iCMS e-Courts")
    return bytes(pdf.output())


# --- the stamp ----------------------------------------------------------------------------------


def qr_for(url: str):
    return segno.make(url, error=QR_ERROR_LEVEL, micro=False)


def _draw_qr(pdf: FPDF, url: str, x: float, y: float, size: float) -> None:
    """The QR code as filled rectangles (vector: sharp at any print size), one per run of dark
    modules in a row."""
    qr = qr_for(url)
    rows = [list(row) for row in qr.matrix_iter(scale=1, border=0)]
    module = size / len(rows)
    for r, row in enumerate(rows):
        c = 0
        while c < len(row):
            if not row[c]:
                c += 1
                continue
            start = c
            while c < len(row) and row[c]:
                c += 1
            pdf.rect(x + start * module, y + r * module, (c - start) * module, module, style="F")


def _overlay(sizes: list[tuple[float, float]], drn: str, url: str) -> PdfReader:
    """One page per page of the document, of its size, with the stamp at its foot: a white box
    holding the DRN, where to check it, the page number, and the QR code of that address."""
    pdf = FPDF(unit="pt")
    pdf.set_auto_page_break(auto=False)
    pdf.set_margins(0, 0, 0)
    family = _with_cjk_font(pdf)
    for number, (width, height) in enumerate(sizes, start=1):
        pdf.add_page(format=(width, height))
        qr_x = width - STAMP_MARGIN_PT - STAMP_PADDING_PT - QR_SIZE_PT
        qr_y = height - STAMP_MARGIN_PT - STAMP_PADDING_PT - QR_SIZE_PT
        box_width = min(width - 2 * STAMP_MARGIN_PT, 300)
        box_height = QR_SIZE_PT + 2 * STAMP_PADDING_PT
        box_x = width - STAMP_MARGIN_PT - box_width
        box_y = height - STAMP_MARGIN_PT - box_height
        pdf.set_fill_color(255, 255, 255)
        pdf.set_draw_color(0, 0, 0)
        pdf.set_line_width(0.5)
        pdf.rect(box_x, box_y, box_width, box_height, style="DF")
        pdf.set_fill_color(0, 0, 0)
        _draw_qr(pdf, url, qr_x, qr_y, QR_SIZE_PT)
        text_x = box_x + STAMP_PADDING_PT
        text_width = qr_x - STAMP_PADDING_PT - text_x
        lines = [
            ("helvetica", 7, "Document Reference Number"),
            ("helvetica", 10, drn_display(drn)),
            ("helvetica", 6, "Check: " + url),
            ("helvetica", 6, f"Page {number} of {len(sizes)}"),
        ]
        if family:
            lines[0] = (family, 7, "Document Reference Number 文件參考編號")
            lines[2] = (family, 6, "Check 核實: " + url)
            lines[3] = (
                family,
                6,
                f"Page {number} of {len(sizes)}  第 {number} 頁，共 {len(sizes)} 頁",
            )
        pdf.set_xy(text_x, box_y + STAMP_PADDING_PT - 2)
        for font, size, line in lines:
            pdf.set_font(font, size=size)
            pdf.set_x(text_x)
            pdf.multi_cell(text_width, size + 2.5, line, new_x="LMARGIN", new_y="NEXT")
    return PdfReader(io.BytesIO(bytes(pdf.output())))


def pdf_stamp(data: bytes, *, drn: str, url: str) -> bytes:
    """The document with the stamp on every page, as issued. A page turned by /Rotate is first
    turned in its content, so the stamp stands at the foot of the page as it is read."""
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    for page in writer.pages:
        if page.get("/Rotate"):
            page.transfer_rotation_to_content()
    sizes = [(float(p.mediabox.width), float(p.mediabox.height)) for p in writer.pages]
    overlay = _overlay(sizes, drn, url)
    for page, stamp in zip(writer.pages, overlay.pages, strict=True):
        left, bottom = float(page.mediabox.left), float(page.mediabox.bottom)
        page.merge_transformed_page(stamp, Transformation().translate(left, bottom))
        # Merging writes the page's content out inflated; compressed again, a document is
        # issued about the size it came (an applicant's translation, inflating to hundreds of
        # megabytes, was issued at that size).
        page.compress_content_streams()
    writer.add_metadata({"/DocumentReferenceNumber": drn_display(drn)})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def pdf_page_count(data: bytes) -> int:
    return len(PdfReader(io.BytesIO(data)).pages)
