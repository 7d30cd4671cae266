"""Documents of a case's file made directly for the public inspection's tests (SVC-2, GEN-3):
the issuing and filing services are tested with their own features."""

import hashlib
from datetime import datetime

from django.core.files.base import ContentFile
from django.utils import timezone

from documents.drn import drn_new
from documents.models import CaseDocument, DocumentOrigin, IssueMethod
from tests.pdfs import good_pdf


def case_document(case, *, kind="WRIT", title=None, dated_at=None, pages=1) -> CaseDocument:
    """A document of `case`: ORDER and DIRECTION are issued by the court (with a DRN); any
    other kind is filed, `kind` its document type's code."""
    content = good_pdf(pages)
    issued = kind in ("ORDER", "DIRECTION")
    return CaseDocument.objects.create(
        case=case,
        origin=DocumentOrigin.ISSUED if issued else DocumentOrigin.FILED,
        kind=kind,
        title=title or f"{kind.title()} of {case.number}",
        drn=drn_new() if issued else None,
        method=IssueMethod.UPLOADED if issued else "",
        file=ContentFile(content, name="document.pdf"),
        sha256=hashlib.sha256(content).hexdigest(),
        size=len(content),
        page_count=pages,
        dated_at=dated_at or timezone.now(),
    )


def hk(year, month, day, hour=12) -> datetime:
    return timezone.make_aware(datetime(year, month, day, hour))
