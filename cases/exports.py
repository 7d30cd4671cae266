"""BEY-5: the access review as a CSV file, for the page and the API alike. Every cell goes
through `core.spreadsheets.spreadsheet_safe` (formula injection)."""

from collections.abc import Iterator

from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from cases.selectors.access_review import case_access_all_rows
from core.spreadsheets import csv_lines
from core.wording import bracketed

CSV_CONTENT_TYPE = "text/csv"


def case_access_filename() -> str:
    return f"case-access-{timezone.localdate():%Y-%m-%d}.csv"


def _header() -> list[str]:
    return [
        _("Login name"),
        _("Name"),
        _("Account type"),
        _("Branch"),
        pgettext("case assignment", "Account status"),
        pgettext("case assignment", "Case number"),
        pgettext("case assignment", "Party"),
        pgettext("case assignment", "Why"),
        pgettext("case assignment", "Case profile"),
        _("Given or assigned by"),
        pgettext("case assignment", "Since"),
    ]


def _cells(row) -> list:
    holder, link = row.holder, row.link
    return [
        holder.login_name,
        holder.full_name,
        holder.get_role_display(),
        holder.branch.code if holder.branch_id else "",
        holder.get_status_display(),
        link.case.number if link else _("Every case of the organization"),
        bracketed(link.party.name, link.party.get_party_type_display()) if link else "",
        row.reason_label,
        row.profile,
        row.by.login_name if row.by else "",
        date_format(timezone.localtime(row.at), "Y-m-d H:i") if row.at else "",
    ]


def case_access_csv(*, actor, holder_id=None, case_number: str = "") -> Iterator[str]:
    """The review's lines, header first, in the language of the request (read now: the lines
    are made while the response streams). A byte-order mark first, so that a spreadsheet
    reads the Chinese names as UTF-8."""
    language = translation.get_language()

    def lines():
        with translation.override(language):
            rows = case_access_all_rows(actor=actor, holder_id=holder_id, case_number=case_number)
            yield "\ufeff"
            yield from csv_lines([_header()])
            yield from csv_lines(_cells(row) for row in rows)

    return lines()
