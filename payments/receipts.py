"""A receipt as a PDF (SVC-4), in the language of the request: the receipt number, what was
paid for, the amount in HKD, how and when. Chinese is set in Noto Sans CJK when the machine
has it (Debian's fonts-noto-cjk); without it the receipt is printed in English."""

from pathlib import Path

from django.http import HttpResponse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from fpdf import FPDF

from core.money import format_hkd
from payments.purposes import description

CJK_FONT = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")
# In the collection: 0 JP, 1 KR, 2 SC, 3 TC, 4 HK.
CJK_FONT_NUMBER = 4


def _font(pdf: FPDF) -> tuple[str, bool]:
    """The font to write with, and whether it has Chinese."""
    if CJK_FONT.exists():
        pdf.add_font("NotoSansCJK", fname=str(CJK_FONT), collection_font_number=CJK_FONT_NUMBER)
        return "NotoSansCJK", True
    return "Helvetica", False


def receipt_rows(payment) -> list[tuple[str, str]]:
    receipt = payment.receipt
    rows = [
        (_("Receipt number"), receipt.number),
        (_("Date and time"), date_format(timezone.localtime(receipt.issued_at), "DATETIME_FORMAT")),
        (_("Paid for"), str(payment.get_purpose_display())),
        (pgettext("payment", "Reference"), payment.reference or "-"),
        *([(_("Details"), details)] if (details := description(payment)) else []),
        (_("Amount"), format_hkd(payment.amount)),
        (_("Paid by"), str(payment.get_method_display())),
        (_("Status"), str(payment.get_status_display())),
    ]
    if payment.organization_id:
        rows.insert(len(rows) - 2, (_("Organization"), payment.organization.name))
    return rows


def receipt_pdf(payment) -> bytes:
    pdf = FPDF(format="A4")
    pdf.set_auto_page_break(auto=True, margin=15)
    font, has_chinese = _font(pdf)
    language = translation.get_language() if has_chinese else "en"
    with translation.override(language):
        title = _("Receipt")
        rows = receipt_rows(payment)
        court = _("iCMS e-Courts")
        pdf.set_title(f"{title} {payment.receipt.number}")
        pdf.set_author(court)
        pdf.add_page()
        pdf.set_font(font, size=11)
        pdf.cell(0, 8, court, new_x="LMARGIN", new_y="NEXT")
        pdf.set_font(font, size=20)
        pdf.cell(0, 14, title, new_x="LMARGIN", new_y="NEXT")
        pdf.set_font(font, size=12)
        for label, value in rows:
            pdf.cell(55, 9, label)
            pdf.multi_cell(0, 9, value, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(6)
        pdf.set_font(font, size=9)
        pdf.multi_cell(
            0,
            5,
            _("This receipt is issued by the e-Court. Keep it for your records."),
            new_x="LMARGIN",
            new_y="NEXT",
        )
    return bytes(pdf.output())


def receipt_pdf_response(payment) -> HttpResponse:
    """The receipt as a PDF attachment named by its number (the page's link and the API)."""
    response = HttpResponse(receipt_pdf(payment), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="receipt-{payment.receipt.number}.pdf"'
    return response
