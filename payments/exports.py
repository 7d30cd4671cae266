"""A deposit account's statement as a CSV file, for the page and the API alike. Every cell goes
through `core.spreadsheets.spreadsheet_safe` (formula injection); amounts are written as plain
decimals (1234.50), a payment in the debit column and a top-up or refund in the credit
column, so that no cell starts with a minus sign."""

from collections.abc import Iterator

from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from core.spreadsheets import csv_lines
from payments.models import EntryKind

CSV_CONTENT_TYPE = "text/csv"


def statement_filename(statement) -> str:
    code = statement.account.organization.code
    return f"deposit-statement-{code}-{timezone.localdate():%Y-%m-%d}.csv"


def _header() -> list[str]:
    return [
        _("Date and time"),
        _("Entry"),
        pgettext("payment", "Reference"),
        _("Paid for"),
        _("Details"),
        _("Debit (HKD)"),
        _("Credit (HKD)"),
        _("Balance (HKD)"),
        _("Note"),
    ]


def _cells(entry) -> list:
    payment = entry.payment
    debit = entry.kind == EntryKind.DEBIT
    return [
        date_format(timezone.localtime(entry.at), "Y-m-d H:i"),
        entry.get_kind_display(),
        entry.reference,
        str(payment) if payment else "",
        getattr(entry, "details", ""),
        f"{entry.amount:.2f}" if debit else "",
        "" if debit else f"{entry.amount:.2f}",
        f"{entry.balance_after:.2f}",
        entry.reasons,
    ]


def statement_csv(statement) -> Iterator[str]:
    """The statement's lines, header first, in the language of the request; a byte-order mark
    first, so that a spreadsheet reads the Chinese as UTF-8."""
    language = translation.get_language()

    def lines():
        with translation.override(language):
            yield "\ufeff"
            yield from csv_lines([_header()])
            yield from csv_lines(_cells(entry) for entry in statement.entries)

    return lines()
