"""Keyset pages, newest first, and the typed case number that narrows a page of links."""

from django.db.models import Q

from cases.selectors.numbers import holding_number_part, number_part

PAGE_SIZE = 50


def _int_or_none(value) -> int | None:
    """An id or cursor as typed: digits only, and few enough to be a row's id."""
    text = str(value or "")
    return int(text) if text.isascii() and text.isdigit() and len(text) <= 18 else None


def keyset_page(queryset, *, before=None, after=None, page_size: int = PAGE_SIZE) -> dict:
    """A page of `queryset`, newest (highest id) first: `before` gives the page older than that
    id, `after` the page newer. Two queries whatever the page and the size of the table, which
    an index on the ordering serves (CaseLink's "current_links_of_organization")."""
    before, after = _int_or_none(before), _int_or_none(after)
    if after is not None:
        rows = list(queryset.filter(pk__gt=after).order_by("pk")[: page_size + 1])
        has_newer = len(rows) > page_size
        rows = rows[:page_size][::-1]
        has_older = bool(rows) and queryset.filter(pk__lt=rows[-1].pk).exists()
    else:
        if before is not None:
            queryset = queryset.filter(pk__lt=before)
        rows = list(queryset.order_by("-pk")[: page_size + 1])
        has_older = len(rows) > page_size
        rows = rows[:page_size]
        has_newer = before is not None and bool(rows)
    return {
        "rows": rows,
        "older": rows[-1].pk if rows and has_older else None,
        "newer": rows[0].pk if rows and has_newer else None,
    }


def _case_number_filter(links, case_number: str):
    """A typed case number (any spelling, CASE-1), or a part of one ("DCPI", "1234/2025")."""
    if not (case_number or "").strip():
        return links
    part = number_part(case_number, limit=30)
    return links.filter(holding_number_part(part, field="case__number") if part else Q(pk__in=[]))
