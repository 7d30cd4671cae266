"""Public inspection (SVC-2, GEN-3), the writes: the registry closes a case to the public or
opens it again; anyone starts the paid inspection of a document open to public inspection;
the search fee's settlement grants it."""

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.services import audit_record
from cases.selectors.registry import registry_case
from cases.services.locks import locked_case
from core import policy
from core.errors import ValidationFailed
from core.wording import listed
from documents.models import CaseDocument
from inspection.models import CaseInspection, InspectionGrant
from inspection.rules import document_id_of, document_reference
from inspection.selectors import open_document
from payments.fees import PUBLIC_SEARCH_FEE_HKD
from payments.models import PaymentPurpose, PaymentStatus
from payments.services import PAYMENT_GATEWAY, gateway_payment_start
from permissions.roles import Capability, require

REASONS_MAX = 1000


def case_inspection_set(*, actor, case_id, closed: bool, reasons: str = "") -> CaseInspection:
    """The registry closes a case to the public (every document of it leaves the public
    search, and no inspection, even one paid for, opens it), or opens it again. Reasons are
    required to close it. Audited; a setting that changes nothing records nothing."""
    require(actor, Capability.RUN_REGISTRY)
    case = registry_case(actor=actor, case_id=case_id)
    closed = bool(closed)
    reasons = " ".join((reasons or "").split()) if reasons else ""
    if closed and not reasons:
        raise ValidationFailed(
            {"reasons": [_("Give the reasons for closing the case to the public.")]}
        )
    if len(reasons) > REASONS_MAX:
        raise ValidationFailed(
            {"reasons": [_("Reasons have at most %(n)d characters.") % {"n": REASONS_MAX}]}
        )
    with transaction.atomic():
        # The case's row first (cases.services.locks): with no row of its own yet there is
        # nothing else to lock, and two clerks closing it at once would both add one.
        locked_case(case.pk)
        row = CaseInspection.objects.select_for_update().filter(case=case).first()
        was_closed = bool(row and row.closed)
        if row is not None and row.closed == closed and row.reasons == reasons:
            return row
        if row is None:
            row = CaseInspection(case=case)
        row.closed, row.reasons, row.set_by, row.set_at = closed, reasons, actor, timezone.now()
        row.save()
        audit_record(
            actor=actor,
            action="case.inspection_closed" if closed else "case.inspection_opened",
            obj=case,
            before={"case": case.number, "closed_to_public": was_closed},
            after={"case": case.number, "closed_to_public": closed, "reasons": reasons},
        )
    return row


def inspection_start(*, actor, document_id, language: str = "en"):
    """Start paying the search fee for the inspection of one document open to public
    inspection, by card or FPS, without logging in (GEN-3). Any other document, or none, is
    not found, exactly alike. Returns what `gateway_payment_start` does: (the payment, the
    gateway's page to send the payer to, the payment's secret token, which will also open the
    document once paid)."""
    document = open_document(document_id)
    return gateway_payment_start(
        actor=actor,
        purpose=PaymentPurpose.SEARCH_FEE,
        reference=document_reference(document.pk),
        amount=PUBLIC_SEARCH_FEE_HKD,
        language=language,
    )


def search_fee_settled(payment) -> None:
    """Settlement handler (registered in InspectionConfig.ready()): a search fee paid for a
    document (reference DOC-<id>) grants its inspection through the payment's own secret link
    for `policy.INSPECTION_LINK_VALID_FOR` from the settlement. Whether the document is still
    open is checked at every use of the link, not here. Runs inside the settling transaction."""
    document_id = document_id_of(payment.reference)
    if (
        payment.status != PaymentStatus.SUCCEEDED
        or document_id is None
        or not payment.access_token_hash
    ):
        return
    document = CaseDocument.objects.filter(pk=document_id).first()
    if document is None:
        return
    settled = payment.settled_at or timezone.now()
    grant, created = InspectionGrant.objects.get_or_create(
        payment=payment,
        defaults={
            "document": document,
            "token_hash": payment.access_token_hash,
            "granted_at": settled,
            "expires_at": settled + policy.INSPECTION_LINK_VALID_FOR,
        },
    )
    if created:
        audit_record(
            actor=None,
            action="document.inspection_paid",
            obj=document,
            after={
                "payment": f"P{payment.pk:08d}",
                "expires_at": grant.expires_at.isoformat(),
            },
            actor_label=PAYMENT_GATEWAY,
        )


def search_fee_described(payments) -> dict:
    """On a receipt: the document each search fee paid to inspect, and its case."""
    wanted = {payment.pk: document_id_of(payment.reference) for payment in payments}
    documents = CaseDocument.objects.filter(
        pk__in=[pk for pk in wanted.values() if pk is not None]
    ).select_related("case")
    described = {
        document.pk: listed(document.title, document.case.number) for document in documents
    }
    return {
        payment_id: described[document_id]
        for payment_id, document_id in wanted.items()
        if document_id in described
    }


def inspection_follow_ups(payment, token: str) -> list[tuple[str, str]]:
    """On the payer's secret payment page: the way to the document the fee paid for; after a
    declined payment, the way back to the search, to start again."""
    if not token or document_id_of(payment.reference) is None:
        return []
    if payment.status == PaymentStatus.FAILED:
        return [(_("Back to the public search"), reverse("inspection:search"))]
    return [(_("Inspect the document"), reverse("inspection:inspect", kwargs={"token": token}))]
