"""Reads of a case's file (SVC-2, SVC-5, BEY-3): the documents of a case for the parties who
may inspect it and for the registry, one document for download, and the public check of a
Document Reference Number."""

import hashlib
from dataclasses import dataclass
from datetime import UTC, date, datetime

from django.utils import timezone
from django.utils.translation import gettext as _

from cases.models import Case
from cases.selectors.access import case_for
from core.db import fetch_one_prepared
from core.errors import NotFound
from documents.drn import PROBLEMS, drn_display, drn_read
from documents.models import CaseDocument, DocumentOrigin
from permissions.roles import Capability, require

# --- the parties (SVC-2, CASE-2, ROLE-1: e-inspection is an IU's and an OU's) -----------------


def case_documents(*, actor, case_id) -> tuple[Case, list[CaseDocument]]:
    """The case's file, newest first, for an IU linked to the case or an OU assigned to it. A
    case out of the actor's reach is "not found", as a case that does not exist (ROLE-2);
    an account that cannot inspect at all (PA, SA, court staff) is refused before any lookup."""
    require(actor, Capability.USE_E_SERVICES)
    case = case_for(actor, case_id)
    documents = list(CaseDocument.objects.filter(case=case).order_by("-dated_at", "-id"))
    return case, documents


def case_document(*, actor, case_id, document_id) -> CaseDocument:
    """One document of a case's file, checked against the actor's reach on every read: the
    case must be the actor's (as `case_documents`) and the document of that case."""
    require(actor, Capability.USE_E_SERVICES)
    case = case_for(actor, case_id)
    try:
        return CaseDocument.objects.select_related("case").get(case=case, pk=int(document_id))
    except (TypeError, ValueError, CaseDocument.DoesNotExist):
        raise NotFound() from None


# --- the registry ---------------------------------------------------------------------------------


def registry_case_documents(*, actor, case_id) -> tuple[Case, list[CaseDocument]]:
    require(actor, Capability.ISSUE_DOCUMENTS)
    try:
        case = Case.objects.select_related("proceeding_type__court_level").get(pk=int(case_id))
    except (TypeError, ValueError, Case.DoesNotExist):
        raise NotFound() from None
    documents = list(
        CaseDocument.objects.filter(case=case)
        .select_related("added_by")
        .order_by("-dated_at", "-id")
    )
    return case, documents


def registry_case_document(*, actor, case_id, document_id) -> CaseDocument:
    require(actor, Capability.ISSUE_DOCUMENTS)
    try:
        return CaseDocument.objects.get(case_id=int(case_id), pk=int(document_id))
    except (TypeError, ValueError, CaseDocument.DoesNotExist):
        raise NotFound() from None


# --- the public check (SVC-5, BEY-3, [A4]) ------------------------------------------------------


@dataclass(frozen=True)
class DrnCheck:
    """What the public may learn of a DRN: whether the court issued it, and then for which
    case number, the document's title and the date of issue; nothing else."""

    typed: str
    drn: str | None
    problem: str | None
    issued: bool
    case_number: str = ""
    title: str = ""
    issued_at: datetime | None = None

    @property
    def problem_message(self) -> str:
        return str(PROBLEMS[self.problem]) if self.problem else ""

    @property
    def display_drn(self) -> str:
        return drn_display(self.drn) if self.drn else ""

    @property
    def issued_on(self) -> date | None:
        return timezone.localdate(self.issued_at) if self.issued_at else None

    @property
    def message(self) -> str:
        if self.issued:
            return _("The e-Court issued a document with this Document Reference Number.")
        if self.drn:
            return _("The e-Court has not issued a document with this Document Reference Number.")
        return self.problem_message


# The public check's one query, prepared once per connection on PostgreSQL (core.db): it is
# answered as often as any page of the portal, and planning it cost more than running it.
_DRN_CHECK_SQL = (
    f"SELECT c.number, d.title, d.dated_at FROM {CaseDocument._meta.db_table} d "  # noqa: S608
    f"JOIN {Case._meta.db_table} c ON c.id = d.case_id WHERE d.origin = %s AND d.drn = %s"
)


def drn_check(typed) -> DrnCheck:
    typed = str(typed or "")[:100]
    reading = drn_read(typed)
    if reading.drn is None:
        return DrnCheck(typed=typed, drn=None, problem=reading.problem, issued=False)
    row = fetch_one_prepared(_DRN_CHECK_SQL, [DocumentOrigin.ISSUED.value, reading.drn])
    if row is None:
        return DrnCheck(typed=typed, drn=reading.drn, problem=None, issued=False)
    case_number, title, issued_at = row
    if isinstance(issued_at, str):  # SQLite, as text
        issued_at = datetime.fromisoformat(issued_at)
    if timezone.is_naive(issued_at):  # SQLite keeps UTC without its offset
        issued_at = issued_at.replace(tzinfo=UTC)
    return DrnCheck(
        typed=typed,
        drn=reading.drn,
        problem=None,
        issued=True,
        case_number=case_number,
        title=title,
        issued_at=issued_at,
    )


def drn_copy_matches(*, drn: str, upload) -> bool:
    """BEY-3: whether a file is byte for byte the document issued under this DRN (the SHA-256
    of its bytes equals the one recorded at issue). Only for a DRN the court issued."""
    recorded = (
        CaseDocument.objects.filter(origin=DocumentOrigin.ISSUED, drn=drn)
        .values_list("sha256", flat=True)
        .first()
    )
    if recorded is None:
        raise NotFound()
    digest = hashlib.sha256()
    upload.seek(0)
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    return digest.hexdigest() == recorded
