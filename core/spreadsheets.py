"""Files that people open in a spreadsheet (CSV exports). A spreadsheet reads a cell that
starts with =, +, -, @, a tab or a carriage return as a formula, so a name typed by anyone
(`=HYPERLINK(...)`) could run in the reader's spreadsheet. Such a cell is written with a
leading single quote, which spreadsheets show as text (the OWASP advice on CSV injection)."""

import csv
import io
from collections.abc import Iterable, Iterator

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value) -> str:
    text = "" if value is None else str(value)
    if text.startswith(FORMULA_STARTS):
        return "'" + text
    return text


def csv_lines(rows: Iterable[Iterable]) -> Iterator[str]:
    """Each row as one CSV line, every cell made safe; for a streaming response."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    for row in rows:
        writer.writerow([spreadsheet_safe(cell) for cell in row])
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate(0)
