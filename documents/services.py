"""Writes of a case's file (SVC-5): the court issues a direction or an order to a case, from an
uploaded PDF or composed in the portal. Each issued document gets a Document Reference Number,
is stamped with it and a QR code on every page, is stored once and never changed (its SHA-256
recorded), and reaches the Message Box of each recipient of the case's messages (MSG-1,
CASE-4)."""

import hashlib
from collections import defaultdict
from dataclasses import dataclass

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from audit.services import audit_record
from cases.models import Case
from cases.selectors.routing import case_message_recipients
from core.errors import DomainError, NotFound, ValidationFailed
from core.uploads import atomic_with_files
from core.workdays import local_today
from documents import pdf
from documents.drn import drn_display, drn_new
from documents.models import (
    ISSUED_BY_HAND,
    CaseDocument,
    DocumentOrigin,
    IssuedKind,
    IssueMethod,
)
from messaging.box_services import NoRecipient
from messaging.models import MessageKind
from messaging.services import messages_deliver
from permissions.roles import Capability, require

TITLE_MAX_LENGTH = 200
TEXT_MAX_LENGTH = 20_000
DRN_ATTEMPTS = 5
SUBJECT_MAX_LENGTH = 200  # a Message's subject


class DrnExhausted(DomainError):
    """Every DRN drawn was taken: with 75 random bits, a sign that the generator is broken."""

    code = "drn_unavailable"
    status = 503
    default_message = gettext_lazy(
        "No Document Reference Number could be given; nothing was issued. Try again."
    )


@dataclass(frozen=True)
class Issued:
    document: CaseDocument
    messages: list


def drn_check_url(drn: str) -> str:
    """Where the QR code printed on the document leads: the public check of its DRN, at the
    portal's address, in English (the page offers the other language)."""
    with translation.override("en"):
        path = reverse("documents:drn_check_result", kwargs={"drn": drn})
    return settings.SITE_URL + path


def _checked(kind, title, method, upload, text, kinds) -> tuple[str, str, str]:
    errors = {}
    if kind not in kinds:
        errors["kind"] = [_("Choose a direction or an order.")]
    title = " ".join(str(title or "").split())
    if not title:
        errors["title"] = [_("Enter the title of the document.")]
    elif len(title) > TITLE_MAX_LENGTH:
        errors["title"] = [
            _("Enter a title of at most %(n)d characters.") % {"n": TITLE_MAX_LENGTH}
        ]
    text = str(text or "").strip()
    if method not in IssueMethod.values:
        errors["method"] = [_("Choose to upload a PDF or to compose the document.")]
    elif method == IssueMethod.UPLOADED:
        if upload is None:
            errors["file"] = [_("Choose the PDF file of the document.")]
        if text:
            errors["text"] = [_("Leave the text empty when you upload a PDF.")]
    else:
        if upload is not None:
            errors["file"] = [_("Do not choose a file when you compose the document.")]
        if not text:
            errors["text"] = [_("Enter the text of the document.")]
        elif len(text) > TEXT_MAX_LENGTH:
            errors["text"] = [
                _("Enter a text of at most %(n)s characters.") % {"n": f"{TEXT_MAX_LENGTH:,}"}
            ]
    if errors:
        raise ValidationFailed(errors)
    return kind, title, text


def _case(case_id) -> Case:
    try:
        return Case.objects.select_related("proceeding_type__court_level").get(pk=int(case_id))
    except (TypeError, ValueError, Case.DoesNotExist):
        raise NotFound() from None


def _unsigned_pdf(case, kind, title, method, upload, text) -> bytes:
    if method == IssueMethod.UPLOADED:
        return pdf.pdf_read_upload(upload)
    with translation.override("en"):
        label_en = str(IssuedKind(kind).label)
    with translation.override("zh-hant"):
        label_zh = str(IssuedKind(kind).label)
    return pdf.pdf_compose(
        case=case,
        kind_label_en=label_en,
        kind_label_zh=label_zh,
        title=title,
        text=text,
        on=local_today(),
    )


def _stored(*, case, kind, title, method, data, actor, written) -> CaseDocument:
    """Draw a DRN, stamp the PDF with it and store the document. A DRN already taken (by a
    document issued before, or at the same moment) is drawn again: the unique constraint
    decides, inside a savepoint, and the stamp is made again with the new number."""
    page_count = pdf.pdf_page_count(data)
    for _attempt in range(DRN_ATTEMPTS):
        drn = drn_new()
        if CaseDocument.objects.filter(drn=drn).exists():
            continue
        stamped = pdf.pdf_stamp(data, drn=drn, url=drn_check_url(drn))
        document = CaseDocument(
            case=case,
            origin=DocumentOrigin.ISSUED,
            kind=kind,
            title=title,
            drn=drn,
            method=method,
            sha256=hashlib.sha256(stamped).hexdigest(),
            size=len(stamped),
            page_count=page_count,
            dated_at=timezone.now(),
            added_by=actor,
        )
        document.file.save(f"{drn}.pdf", ContentFile(stamped), save=False)
        written.append((document.file.storage, document.file.name))
        try:
            with transaction.atomic():
                document.save()
        except IntegrityError:
            if not CaseDocument.objects.filter(drn=drn).exists():
                raise
            document.file.storage.delete(document.file.name)
            continue
        return document
    raise DrnExhausted()


def _message_text(document: CaseDocument, case: Case) -> tuple[str, str]:
    """The message in the active language: what was issued, its DRN and where to read it."""
    kind = IssuedKind(document.kind).label
    subject = _("%(kind)s issued in %(case)s: %(title)s") % {
        "kind": kind,
        "case": case.number,
        "title": document.title,
    }
    link = settings.SITE_URL + reverse(
        "documents:case_document", kwargs={"case_id": case.pk, "document_id": document.pk}
    )
    body = _(
        "The court has issued a document in case %(case)s.\n\n"
        "%(kind)s: %(title)s\n"
        "Document Reference Number: %(drn)s\n\n"
        "Read and download it here: %(link)s\n\n"
        "Anyone holding a printed copy can check that the court issued it with its Document "
        "Reference Number."
    ) % {
        "case": case.number,
        "kind": kind,
        "title": document.title,
        "drn": drn_display(document.drn),
        "link": link,
    }
    if len(subject) > SUBJECT_MAX_LENGTH:
        subject = subject[: SUBJECT_MAX_LENGTH - 1] + "…"
    return subject, body


def _delivered(document: CaseDocument, case: Case, recipients, actor) -> list:
    """One copy in each recipient's Message Box, written in the recipient's language."""
    by_language = defaultdict(list)
    for recipient in recipients:
        by_language[recipient.preferred_language or settings.LANGUAGE_CODE].append(recipient)
    kind = MessageKind.DIRECTION if document.kind == IssuedKind.DIRECTION else MessageKind.DOCUMENT
    messages = []
    for language, group in sorted(by_language.items()):
        with translation.override(language):
            subject, body = _message_text(document, case)
        messages += messages_deliver(
            recipients=group, kind=kind, subject=subject, body=body, case=case, sent_by=actor
        )
    return messages


def document_issue(
    *, actor, case_id, kind, title, method, upload=None, text: str = "", kinds=ISSUED_BY_HAND
) -> Issued:
    """SVC-5: a registry clerk issues a direction or an order to a case, from an uploaded PDF
    (method UPLOADED) or composed from a title and a text (COMPOSED). The PDF is stamped on
    every page with a new DRN and the QR code of its public check, stored, its SHA-256
    recorded, and delivered to the Message Box of each recipient of the case's messages
    (`case_message_recipients`). A case that no account would receive is refused (issue it on
    paper), and bad input saves nothing. Audited on the document. `kinds`: the kinds this call
    may issue; by hand a direction or an order, while a service that issues in answer to a
    request (a certified translation, SVC-6) names its own."""
    require(actor, Capability.ISSUE_DOCUMENTS)
    kind, title, text = _checked(kind, title, method, upload, text, kinds)
    case = _case(case_id)
    # Read once: refused before the PDF is built, and the accounts checked are those it goes to.
    recipients = case_message_recipients(case.pk)
    if not recipients:
        raise NoRecipient()
    data = _unsigned_pdf(case, kind, title, method, upload, text)
    with atomic_with_files() as written:
        document = _stored(
            case=case,
            kind=kind,
            title=title,
            method=method,
            data=data,
            actor=actor,
            written=written,
        )
        messages = _delivered(document, case, recipients, actor)
        audit_record(
            actor=actor,
            action="document.issued",
            obj=document,
            after={
                "case": case.number,
                "drn": document.drn,
                "kind": document.kind,
                "title": document.title,
                "method": document.method,
                "sha256": document.sha256,
                "pages": document.page_count,
                "recipients": [recipient.login_name for recipient in recipients],
            },
        )
    return Issued(document=document, messages=messages)
