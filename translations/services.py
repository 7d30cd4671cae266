"""SVC-6 [A38]: certification of translations by electronic means, from the application to
the registry's decision.

An IU linked to a case, or an OU assigned to it (`cases.selectors.access.may_transact`), in a
proceeding that is e-enabled, submits the translation (a PDF) of a document: one of the case's
file, or a source PDF it uploads, from English into Chinese or from Chinese into English. The
fee is per page of the translation (`core.policy.TRANSLATION_CERTIFICATION_FEE_PER_PAGE`). The
files are checked by content as e-filed files are (`filing.pdf_checks`, within the case's
proceeding type's file limits) and kept in the content store by their SHA-256; bad input
stores and changes nothing.

The fee: from the organization's deposit account (an OU), debited in the request's own
transaction, or by card or FPS through the gateway, after which the request waits for the
gateway's verified event (`fee_settled`). Only a paid request reaches the registry's queue. The
registry certifies it (the translation is issued to the case with a Document Reference Number
and a QR code, and reaches the case's Message Boxes: `documents.services.document_issue`), or
rejects it with reasons (the fee is refunded); the applicant may withdraw it until then (the
fee is refunded).

Locks are taken in one order, as e-filing's: the request's payments, then the request, then the
deposit account."""

from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from audit.services import audit_record
from cases.selectors.access import case_for, may_transact
from core import policy
from core.errors import DomainError, NotFound, ValidationFailed
from core.uploads import atomic_with_files
from documents.models import IssuedKind, IssueMethod
from documents.services import document_issue
from filing.selectors.policy import file_limits
from filing.storage import content_store
from filing.uploads import upload_checked
from messaging.models import MessageKind
from messaging.services import messages_deliver
from payments.gateways.base import GatewayUnavailable
from payments.models import FeePayment, Payment, PaymentPurpose
from payments.services import (
    fee_bearing_locked,
    fee_bearing_settled,
    fee_pay_from_deposit,
    fee_payment_choice,
    fee_payment_start,
    fee_refund_all,
    fee_refund_on_withdrawal,
)
from permissions.roles import Capability, Role, can, require
from translations.models import (
    CertificationRequest,
    CertificationStatus,
    Language,
)
from translations.selectors import request_for, source_documents
from translations.transitions import CERTIFICATION_TRANSITIONS

SOURCE_TITLE_MAX = 160
ZERO = Decimal("0.00")
PURPOSE = PaymentPurpose.TRANSLATION_FEE
_PAID_TOO_LATE = gettext_lazy(
    "Paid for request %(reference)s, which was no longer awaiting payment."
)


class NothingToPay(DomainError):
    code = "nothing_to_pay"
    status = 409
    default_message = gettext_lazy("This request is not awaiting payment.")


@dataclass(frozen=True)
class Applied:
    request: CertificationRequest
    # Where to send the applicant to pay by card or FPS; empty when nothing is left to pay.
    payment_url: str = ""


def certification_reference(request: CertificationRequest) -> str:
    """T<year>-<8 digits>: what the applicant quotes and the fee's payment names."""
    return f"T{timezone.localtime(request.created_at).year}-{request.pk:08d}"


def translation_fee(pages: int) -> Decimal:
    """The fee for certifying a translation of `pages` pages, in HKD, exact to the cent."""
    return (policy.TRANSLATION_CERTIFICATION_FEE_PER_PAGE * pages).quantize(Decimal("0.01"))


# --- the application ------------------------------------------------------------------------------


def _clean_languages(source_language, target_language, errors: dict) -> None:
    if source_language not in Language.values:
        errors["source_language"] = [_("Choose the language of the source document.")]
    if target_language not in Language.values:
        errors["target_language"] = [_("Choose the language of the translation.")]
    elif source_language == target_language:
        errors["target_language"] = [
            _(
                "A translation is into the other language: English into Chinese, or Chinese "
                "into English."
            )
        ]


def _source(case, source_document_id, source_upload, source_title, limits, errors: dict):
    """The source: a document of the case's file, or an uploaded PDF with its title.
    (document, facts of the upload, title)."""
    title = " ".join(str(source_title or "").split())
    has_document = source_document_id not in (None, "")
    if has_document and source_upload is not None:
        errors["source_file"] = [_("Choose a document of the case or upload the source, not both.")]
        return None, None, title
    if has_document:
        try:
            wanted = int(source_document_id)
        except (TypeError, ValueError):
            wanted = None
        document = next((d for d in source_documents(case) if d.pk == wanted), None)
        if document is None:
            errors["source_document"] = [_("Choose a document of this case.")]
            return None, None, title
        return document, None, document.title[:SOURCE_TITLE_MAX]
    facts = upload_checked(
        source_upload,
        limits,
        errors,
        field="source_file",
        missing=_("Choose a document of the case, or upload the PDF of the source document."),
    )
    if not title:
        errors["source_title"] = [_("Enter the title of the source document.")]
    elif len(title) > SOURCE_TITLE_MAX:
        errors["source_title"] = [
            _("Enter a title of at most %(n)d characters.") % {"n": SOURCE_TITLE_MAX}
        ]
    return None, facts, title


def certification_apply(
    *,
    actor,
    case_id,
    translation_file,
    source_language: str,
    target_language: str,
    source_document_id=None,
    source_file=None,
    source_title: str = "",
    pay_by: str = "",
    language: str = "en",
) -> Applied:
    """SVC-6: apply for the certification of `translation_file` (a PDF), the translation of a
    document of case `case_id` (`source_document_id`) or of an uploaded `source_file` titled
    `source_title`, from `source_language` into `target_language` ("en", "zh"). Every problem
    is found before anything is stored (ValidationFailed with each field's errors). Paid from
    the deposit account, the request reaches the registry's queue at once, or nothing happens
    at all (InsufficientBalance); by card or FPS it waits for the gateway, where `payment_url`
    leads. If the gateway cannot be reached, GatewayUnavailable rises naming the waiting
    request (`exc.request`), to be paid later with `certification_pay`."""
    require(actor, Capability.APPLY_FOR_CERTIFICATION)
    case = case_for(actor, case_id)
    if not may_transact(actor, case):
        raise ValidationFailed(
            {
                "case": [
                    _(
                        "E-services are not available for this case: apply for the "
                        "certification of a translation on paper."
                    )
                ]
            }
        )
    limits = file_limits(case.proceeding_type_id)
    errors: dict = {}
    _clean_languages(source_language, target_language, errors)
    document, source_facts, title = _source(
        case, source_document_id, source_file, source_title, limits, errors
    )
    facts = upload_checked(
        translation_file,
        limits,
        errors,
        field="translation_file",
        missing=_("Choose the PDF file of the translation."),
    )
    fee = translation_fee(facts.pages) if facts else ZERO
    how = fee_payment_choice(actor, fee, pay_by, errors) if facts else ""
    if errors:
        raise ValidationFailed(errors)
    with atomic_with_files() as written:
        request = CertificationRequest.objects.create(
            account=actor,
            organization_id=actor.organization_id if actor.role == Role.OU else None,
            case=case,
            source_document=document,
            source_title=title,
            source_file_name=(source_facts.name or "source.pdf")[:200] if source_facts else "",
            source_sha256=source_facts.sha256 if source_facts else "",
            source_size=source_facts.size if source_facts else None,
            source_page_count=source_facts.pages if source_facts else None,
            source_language=source_language,
            target_language=target_language,
            translation_file_name=(facts.name or "translation.pdf")[:200],
            translation_sha256=facts.sha256,
            translation_size=facts.size,
            pages=facts.pages,
            fee=fee,
            fee_payment=how,
        )
        request.reference = certification_reference(request)
        request.save(update_fields=["reference"])
        audit_record(
            actor=actor,
            action="certification.created",
            obj=request,
            after={
                "reference": request.reference,
                "case": case.number,
                "source": document.drn or f"document {document.pk}"
                if document
                else f"upload:{source_facts.sha256}",
                "languages": f"{source_language}>{target_language}",
                "translation": facts.sha256,
                "pages": facts.pages,
                "fee": str(fee),
                "fee_payment": how,
            },
        )
        if how == FeePayment.DEPOSIT:
            # The fee before the files, as e-filing's: a request refused for want of money
            # writes no file (docs/decisions.md, "e-Filing: fees and locks").
            fee_pay_from_deposit(
                actor=actor, purpose=PURPOSE, reference=request.reference, amount=fee
            )
        store = content_store()
        if source_file is not None and source_facts is not None:
            store.save(source_file, written)
        store.save(translation_file, written)
        if how != FeePayment.GATEWAY:
            CERTIFICATION_TRANSITIONS.apply(
                request, "submit", actor=actor, submitted_at=timezone.now()
            )
    if how == FeePayment.GATEWAY:
        try:
            return Applied(request, _payment_started(actor, request, language))
        except GatewayUnavailable as exc:
            exc.request = request
            raise
    return Applied(request)


def _payment_started(actor, request: CertificationRequest, language: str) -> str:
    return fee_payment_start(
        actor=actor,
        purpose=PURPOSE,
        reference=request.reference,
        amount=request.fee,
        language=language,
    )


def certification_pay(*, actor, request_id, language: str = "en") -> str:
    """Pay again, by card or FPS, the fee of a request still awaiting payment (the gateway
    failed, or the applicant left its page): the address of the gateway's page. Should two
    payments both succeed, the second is refunded at once (`fee_settled`)."""
    request = request_for(actor=actor, request_id=request_id)
    if not can(actor, Capability.APPLY_FOR_CERTIFICATION, request):
        raise NotFound()
    if request.status != CertificationStatus.AWAITING_PAYMENT or request.fee == ZERO:
        raise NothingToPay()
    return _payment_started(actor, request, language)


def fee_settled(payment: Payment) -> None:
    """The gateway settled a translation fee (payments.purposes; inside its transaction, the
    payment locked). Paid: the request reaches the registry's queue; paid for a request no
    longer awaiting payment (withdrawn meanwhile, or paid twice): the money goes back at once.
    Not paid: the request waits; its page offers to pay again."""
    fee_bearing_settled(
        payment,
        model=CertificationRequest,
        transitions=CERTIFICATION_TRANSITIONS,
        paid_too_late=_PAID_TOO_LATE,
    )


# --- withdrawal and the registry's decision -------------------------------------------------------


def _locked(actor, request_id) -> CertificationRequest:
    """The request, if `actor` may see it (NotFound otherwise), locked after its payments."""
    return fee_bearing_locked(
        request_for(actor=actor, request_id=request_id),
        purpose=PURPOSE,
        related=("account", "case"),
    )


def certification_withdraw(*, actor, request_id) -> CertificationRequest:
    """The applicant withdraws its request before the registry decides; a paid fee goes back
    at once (to the deposit account, or recorded for the card or FPS refund)."""
    require(actor, Capability.APPLY_FOR_CERTIFICATION)
    with transaction.atomic():
        request = _locked(actor, request_id)
        if not can(actor, Capability.APPLY_FOR_CERTIFICATION, request):
            raise NotFound()
        CERTIFICATION_TRANSITIONS.apply(request, "withdraw", actor=actor, decided_at=timezone.now())
        fee_refund_on_withdrawal(
            actor=actor,
            purpose=PURPOSE,
            reference=request.reference,
            reasons=_("Request %(reference)s withdrawn before the registry's decision.")
            % {"reference": request.reference},
        )
    return request


def certification_reject(*, actor, request_id, reasons: str) -> CertificationRequest:
    """A registry clerk rejects a request with reasons, which the applicant reads in its
    Message Box; its fee is refunded in the same transaction."""
    text = CERTIFICATION_TRANSITIONS.reasons("reject", reasons)
    require(actor, Capability.PROCESS_CERTIFICATIONS)
    with transaction.atomic():
        request = _locked(actor, request_id)
        CERTIFICATION_TRANSITIONS.apply(
            request,
            "reject",
            actor=actor,
            reasons=text,
            decided_at=timezone.now(),
            decided_by=actor,
        )
        fee_refund_all(actor=actor, purpose=PURPOSE, reference=request.reference, reasons=text)
        _tell_the_applicant_of_rejection(request, actor)
    return request


def certification_certify(*, actor, request_id) -> CertificationRequest:
    """A registry clerk certifies the translation: it is issued to the case as a document of
    its own, "Certified translation of <title>", stamped on every page with a new Document
    Reference Number and the QR code of its public check, and delivered to the Message Boxes
    of the case's recipients (CASE-4), the applicant among them. All of it or nothing."""
    require(actor, Capability.PROCESS_CERTIFICATIONS)
    # With files: the stamped PDF is deleted again if anything after its issue fails.
    with atomic_with_files():
        request = _locked(actor, request_id)
        CERTIFICATION_TRANSITIONS.check(request, "certify", actor=actor)
        with content_store().open(request.translation_sha256) as stored:
            stored.name = request.translation_file_name
            issued = document_issue(
                actor=actor,
                case_id=request.case_id,
                kind=IssuedKind.CERTIFIED_TRANSLATION,
                title=request.certified_title,
                method=IssueMethod.UPLOADED,
                upload=stored,
                kinds=(IssuedKind.CERTIFIED_TRANSLATION,),
            )
        CERTIFICATION_TRANSITIONS.apply(
            request,
            "certify",
            actor=actor,
            certified_document=issued.document,
            decided_at=timezone.now(),
            decided_by=actor,
        )
    return request


def _tell_the_applicant_of_rejection(request: CertificationRequest, actor) -> None:
    applicant = request.account
    if not applicant.is_active:
        return
    values = {"reference": request.reference, "case": request.case.number}
    with translation.override(applicant.preferred_language or settings.LANGUAGE_CODE):
        subject = _("Translation certification %(reference)s rejected") % values
        body = "\n\n".join(
            [
                _(
                    "The registry rejected your request %(reference)s (%(case)s) for the "
                    "certification of a translation, for these reasons:"
                )
                % values,
                request.reasons,
                _("The fee paid for it is refunded."),
            ]
        )
    messages_deliver(
        recipients=[applicant],
        kind=MessageKind.DOCUMENT,
        subject=subject,
        body=body,
        case=request.case,
        sent_by=actor,
    )
