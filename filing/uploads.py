"""A PDF filed with the court (a filing's document, a translation to certify, its source):
checked by content within the proceeding type's file limits (filing.pdf_checks)."""

from filing.pdf_checks import pdf_check


def upload_checked(upload, limits, errors: dict, *, field: str, missing: str):
    """The facts of `upload` if it passes the checks; otherwise None, with the error under
    `field` (`missing` when nothing was uploaded)."""
    if upload is None:
        errors[field] = [missing]
        return None
    found, refusal = pdf_check(upload, max_bytes=limits.max_file_bytes, max_pages=limits.max_pages)
    if refusal is not None:
        errors[field] = [refusal.message]
    return found
