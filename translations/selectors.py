"""Reads of requests for the certification of translations (SVC-6): an applicant's own, an
organization's (its PA and SAs follow its OUs' requests), the registry's queue (oldest first)
and one request, each within the reader's reach (ROLE-1 through `permissions.roles.scope`); a
request out of reach is "not found", as one that does not exist (ROLE-2). And the files of a
request: its source and its translation."""

from dataclasses import dataclass

from cases.selectors.access import case_for
from core.errors import NotFound, NotPermitted
from core.queues import QUEUE_MAX, capped
from documents.models import CaseDocument
from filing.storage import content_store
from payments.models import Payment, PaymentPurpose
from permissions.roles import Capability, can, require, scope
from translations.models import CertificationRequest, CertificationStatus

DECIDED = (
    CertificationStatus.CERTIFIED,
    CertificationStatus.REJECTED,
    CertificationStatus.WITHDRAWN,
)


def _requests():
    return CertificationRequest.objects.select_related(
        "account",
        "organization",
        "case__proceeding_type",
        "source_document",
        "certified_document",
        "decided_by",
    )


def requests_visible(actor):
    """Every request `actor` may see, newest first."""
    require(actor, Capability.VIEW_CERTIFICATIONS)
    return scope(_requests(), actor, Capability.VIEW_CERTIFICATIONS, prefix="account__").order_by(
        "-created_at", "-id"
    )


def request_for(*, actor, request_id) -> CertificationRequest:
    try:
        request_id = int(request_id)
    except (TypeError, ValueError):
        raise NotFound() from None
    found = requests_visible(actor).filter(pk=request_id).first()
    if found is None:
        raise NotFound()
    return found


def requests_of(*, actor, status: str = "", case_id=None):
    """The requests a holder follows: an IU's and an OU's own, a PA's or SA's organization's;
    optionally of one status, or of one case."""
    rows = requests_visible(actor)
    if status in CertificationStatus.values:
        rows = rows.filter(status=status)
    if case_id is not None:
        rows = rows.filter(case_id=case_id)
    return rows


def registry_queue(*, actor) -> list[CertificationRequest]:
    """The paid requests awaiting the registry, oldest first (the first 200, core.queues)."""
    require(actor, Capability.PROCESS_CERTIFICATIONS)
    return capped(
        _requests().filter(status=CertificationStatus.SUBMITTED).order_by("submitted_at", "id")
    )


def registry_queue_count(*, actor) -> int:
    require(actor, Capability.PROCESS_CERTIFICATIONS)
    return CertificationRequest.objects.filter(status=CertificationStatus.SUBMITTED).count()


def decided_requests(
    *, actor, status: str = "", limit: int = QUEUE_MAX
) -> list[CertificationRequest]:
    """The registry's record of requests no longer awaiting it, newest decision first (the
    first `limit`)."""
    require(actor, Capability.PROCESS_CERTIFICATIONS)
    rows = _requests().filter(status__in=[status] if status in DECIDED else DECIDED)
    return capped(rows.order_by("-decided_at", "-id"), limit)


def request_payments(request: CertificationRequest) -> list[Payment]:
    """The fee's payments (a failed one, then the one that succeeded, perhaps refunded)."""
    return list(
        Payment.objects.select_related("receipt")
        .filter(purpose=PaymentPurpose.TRANSLATION_FEE, reference=request.reference)
        .order_by("pk")
    )


def requests_payments(requests) -> dict[str, list[Payment]]:
    """`request_payments` of several requests in one query: reference -> its payments."""
    found: dict[str, list[Payment]] = {r.reference: [] for r in requests}
    for payment in (
        Payment.objects.select_related("receipt")
        .filter(purpose=PaymentPurpose.TRANSLATION_FEE, reference__in=list(found))
        .order_by("pk")
    ):
        found[payment.reference].append(payment)
    return found


def source_documents(case) -> list[CaseDocument]:
    """The documents of the case's file that a translation may be of, newest first (the
    caller has checked that the applicant may see the case, `case_for`)."""
    return list(
        CaseDocument.objects.filter(case=case)
        .exclude(certified_translation_of__isnull=False)
        .order_by("-dated_at", "-id")
    )


@dataclass(frozen=True)
class RequestFile:
    name: str
    file: object


FILES = ("source", "translation")


def request_file(*, actor, request_id, which: str) -> RequestFile:
    """The source or the translation of a request `actor` may see, opened for reading. The
    certified translation, once issued, is a document of the case's file (documents). Only
    the applicant and the registry read the files: a PA or SA follows the request, but does
    not inspect a case's documents (SVC-2)."""
    found = request_for(actor=actor, request_id=request_id)
    if not (
        can(actor, Capability.APPLY_FOR_CERTIFICATION, found)
        or can(actor, Capability.PROCESS_CERTIFICATIONS)
    ):
        raise NotPermitted()
    if which == "translation":
        return RequestFile(
            found.translation_file_name, content_store().open(found.translation_sha256)
        )
    if which != "source":
        raise NotFound()
    if found.source_document_id:
        # A document of the case's file: read as the case's documents are, only while the case
        # is still the applicant's (an OU taken off it, a party represented by another now).
        if not can(actor, Capability.PROCESS_CERTIFICATIONS):
            case_for(actor, found.case_id)
        document = found.source_document
        name = f"{document.drn or f'document-{document.pk}'}.pdf"
        return RequestFile(name, document.file.open("rb"))
    return RequestFile(found.source_file_name, content_store().open(found.source_sha256))
