"""The public reads of documents open to inspection (SVC-2, GEN-3): the search, and a paid
inspection through its secret link. Every read starts from `open_documents()`, so that a
document not open to the public, or of a case closed to it, is never found: not listed, not
counted, not on a later page, not inspected by guessing its id (all alike "not found")."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.contrib.postgres.fields import ArrayField
from django.db import connection
from django.db.models import Exists, Func, OuterRef, Q, TextField, Value
from django.db.models.functions import Replace
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cases.models import Case
from cases.search import search_text
from cases.selectors.numbers import holding_number_part, number_part
from core.errors import DomainError, NotFound, ValidationFailed
from documents.models import CaseDocument, DocumentOrigin, IssuedKind
from filing.models import DocumentType
from inspection.models import CaseInspection, InspectionGrant
from inspection.rules import ISSUED_KINDS_OPEN_TO_PUBLIC, document_id_of
from payments.models import Payment, PaymentPurpose, PaymentStatus
from payments.tokens import token_hash
from permissions.roles import Capability, require

PAGE_SIZE = 20
# Our choice: the deepest page of one search; a search that needs more is narrowed instead.
MAX_PAGE = 50
PARTY_NAME_MIN = 2
# Our choice: a name held by at most this many cases is searched in those cases' documents;
# a commoner one among the newest documents of all (docs/decisions.md).
NAMED_CASES_MAX = 5_000
TEXT_MAX = 100
_PAIRS = ArrayField(TextField())


# --- what is open ------------------------------------------------------------------------------


def open_documents():
    """Every document open to public inspection now (inspection/rules.py): an order of the
    court, or a filed document whose type the registry has opened, in a case it has not closed
    to the public."""
    filed_type_open = DocumentType.objects.filter(
        proceeding_type=OuterRef("case__proceeding_type"),
        code=OuterRef("kind"),
        open_to_public_inspection=True,
    )
    case_closed = CaseInspection.objects.filter(case=OuterRef("case"), closed=True)
    return CaseDocument.objects.filter(
        Q(origin=DocumentOrigin.ISSUED, kind__in=ISSUED_KINDS_OPEN_TO_PUBLIC)
        | Q(Exists(filed_type_open), origin=DocumentOrigin.FILED),
        ~Exists(case_closed),
    )


def open_document(document_id) -> CaseDocument:
    """One document open to public inspection; any other, or none, is not found."""
    text = str(document_id)
    found = (
        open_documents().select_related("case").filter(pk=int(text)).first()
        if text.isascii() and text.isdigit() and len(text) <= 18
        else None
    )
    if found is None:
        raise NotFound()
    return found


# --- the search ----------------------------------------------------------------------------------


def _name_keys(typed: str) -> str:
    """A typed name folded as the cases' names are (`cases.search`), without its spaces."""
    return search_text(typed).replace(" ", "")


def _cases_holding(keys: str):
    """The cases with a party whose English or Chinese name holds `keys` (`_name_keys`), in
    any letter case and spacing: their folded names as the Cause Book keeps them
    (`Case.search_names`), without the spaces, which the trigram index `case_name_keys_trgm`
    holds on PostgreSQL."""
    name_keys = Replace("search_names", Value(" "), Value(""), output_field=TextField())
    return Case.objects.annotate(name_keys=name_keys).filter(name_keys__contains=keys)


def _cases_named(keys: str):
    """The same cases, found in an index: two characters, one of them not ASCII (a Chinese
    given name), are too short for a trigram, and are found in the index of the names' pairs
    of characters `case_name_pairs` on PostgreSQL (cases/0013)."""
    if len(keys) == 2 and not keys.isascii() and connection.vendor == "postgresql":
        pairs = Func("search_names", function="icms_name_pairs", output_field=_PAIRS)
        return Case.objects.alias(name_pairs=pairs).filter(name_pairs__contains=[keys])
    return _cases_holding(keys)


def _named(keys: str) -> Q:
    """The documents of the cases named. A name few cases hold (NAMED_CASES_MAX) is answered
    from their own documents; a common one from the newest documents of every case, where its
    cases' documents are soon found, each case's names read as it comes (docs/decisions.md)."""
    named = list(_cases_named(keys).values_list("pk", flat=True)[: NAMED_CASES_MAX + 1])
    if len(named) <= NAMED_CASES_MAX:
        return Q(case_id__in=named)
    # Read again as a subquery, so that PostgreSQL answers from the newest documents.
    return Q(case_id__in=_cases_holding(keys).values("pk"))


@dataclass(frozen=True)
class DocumentTypeChoice:
    code: str
    label: str


def document_type_choices() -> list[DocumentTypeChoice]:
    """The types a public search can ask for: the court's kinds open to the public, and every
    filed document type the registry has opened (one choice per code, in any proceedings)."""
    choices = {
        kind: DocumentTypeChoice(kind, str(IssuedKind(kind).label))
        for kind in sorted(ISSUED_KINDS_OPEN_TO_PUBLIC)
    }
    for row in DocumentType.objects.filter(open_to_public_inspection=True).order_by(
        "code", "proceeding_type__code"
    ):
        choices.setdefault(row.code, DocumentTypeChoice(row.code, row.name))
    return sorted(choices.values(), key=lambda choice: choice.label.casefold())


@dataclass(frozen=True)
class PublicDocument:
    """A document as the public search shows it, and nothing more."""

    id: int
    case_number: str
    case_title: str
    title: str
    type_code: str
    type_label: str
    dated_at: datetime


@dataclass(frozen=True)
class SearchPage:
    results: list[PublicDocument]
    page: int
    has_previous: bool
    has_next: bool


def _start_of(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def _case_number_condition(typed: str) -> Q:
    """The documents of the cases whose numbers hold what was typed: a whole number in any
    spelling, or a part of one."""
    part = number_part(typed, limit=TEXT_MAX)
    if part is None:
        raise ValidationFailed(
            {"case_number": [_("Enter a case number, such as DCPI 1234/2025, or a part of one.")]}
        )
    return holding_number_part(part, field="case__number")


def _page_number(page) -> int:
    text = str(page or "1")
    if not (text.isascii() and text.isdigit()) or not 1 <= int(text) <= MAX_PAGE:
        raise ValidationFailed(
            {"page": [_("A page is a number from 1 to %(n)d.") % {"n": MAX_PAGE}]}
        )
    return int(text)


def public_search(
    *,
    case_number: str = "",
    party_name: str = "",
    document_type: str = "",
    date_from: date | None = None,
    date_to: date | None = None,
    page=1,
) -> SearchPage:
    """Documents open to public inspection, newest first, a page at a time: by case number
    (whole, in any spelling, or a part of one), by a party's name (any part of its English or
    Chinese name, in any letter case and spacing), by document type, between two dates (Hong
    Kong dates, inclusive). At least one of them is needed. Nothing about the documents not
    open to the public is read, so nothing about them can show, not even how many there are."""
    case_number = (case_number or "").strip()[:TEXT_MAX]
    party = _name_keys(party_name)[:TEXT_MAX]
    document_type = (document_type or "").strip()
    errors: dict = {}
    if not (case_number or party or document_type or date_from or date_to):
        errors["__all__"] = [
            _("Enter a case number, a party's name, a type of document or dates to search for.")
        ]
    if party_name and party and len(party) < PARTY_NAME_MIN:
        errors["party_name"] = [
            _("Enter at least %(n)d characters of the name.") % {"n": PARTY_NAME_MIN}
        ]
    if document_type and document_type not in {c.code for c in document_type_choices()}:
        errors["document_type"] = [_("Choose a type of document open to public inspection.")]
    if date_from and date_to and date_from > date_to:
        errors["date_to"] = [_("The last date is before the first.")]
    try:
        page = _page_number(page)
    except ValidationFailed as exc:
        errors |= exc.errors
    condition = Q()
    if case_number:
        try:
            condition &= _case_number_condition(case_number)
        except ValidationFailed as exc:
            errors |= exc.errors
    if errors:
        raise ValidationFailed(errors)
    if party:
        condition &= _named(party)
    if document_type:
        condition &= Q(kind=document_type)
    if date_from:
        condition &= Q(dated_at__gte=_start_of(date_from))
    if date_to:
        condition &= Q(dated_at__lt=_start_of(date_to) + timedelta(days=1))
    start = (page - 1) * PAGE_SIZE
    rows = list(
        open_documents()
        .filter(condition)
        .select_related("case")
        .order_by("-dated_at", "-pk")[start : start + PAGE_SIZE + 1]
    )
    has_next = len(rows) > PAGE_SIZE
    rows = rows[:PAGE_SIZE]
    return SearchPage(_described(rows), page, page > 1, has_next)


def _described(rows: list[CaseDocument]) -> list[PublicDocument]:
    """The rows with their types' names: the court's kinds, and the policy's document types of
    each row's proceedings (one query)."""
    wanted = Q(pk__in=[])
    for row in rows:
        if row.origin == DocumentOrigin.FILED:
            wanted |= Q(proceeding_type_id=row.case.proceeding_type_id, code=row.kind)
    names = {(t.proceeding_type_id, t.code): t.name for t in DocumentType.objects.filter(wanted)}
    described = []
    for row in rows:
        if row.origin == DocumentOrigin.ISSUED:
            label = row.kind_label
        else:
            label = names.get((row.case.proceeding_type_id, row.kind), row.kind)
        described.append(
            PublicDocument(
                id=row.pk,
                case_number=row.case.number,
                case_title=row.case.display_title,
                title=row.title,
                type_code=row.kind,
                type_label=str(label),
                dated_at=row.dated_at,
            )
        )
    return described


def public_document(document_id) -> PublicDocument:
    """One document open to public inspection, as the search shows it."""
    return _described([open_document(document_id)])[0]


# --- a paid inspection ---------------------------------------------------------------------------


class InspectionNotPaid(DomainError):
    code = "not_paid"
    status = 409
    default_message = gettext_lazy(
        "The search fee for this document has not been paid: the payment service has not "
        "confirmed it (yet), or it was declined or refunded."
    )


class InspectionLinkExpired(DomainError):
    code = "link_expired"
    status = 410
    default_message = gettext_lazy(
        "This link has expired. The inspection the search fee paid for has ended; pay the fee "
        "again to inspect the document."
    )


class InspectionNotOpen(DomainError):
    code = "not_open_to_inspection"
    status = 410
    default_message = gettext_lazy(
        "This document is no longer open to public inspection, so it cannot be inspected. "
        "Ask the registry about a refund of the search fee, quoting the receipt number."
    )


@dataclass(frozen=True)
class Inspection:
    """A document's inspection as its payer's secret link finds it: the payment, the grant
    once the payment is settled, and what stops the download now (None: nothing)."""

    payment: Payment
    grant: InspectionGrant | None
    document: PublicDocument | None
    refusal: DomainError | None


def inspection_by_token(*, token: str) -> Inspection:
    """The inspection a search fee paid for, through the payment's secret token. A token that
    is no payment's, or a payment not made for a document's inspection, is not found."""
    digest = token_hash(token or "")
    payment = (
        Payment.objects.select_related("receipt")
        .filter(access_token_hash=digest, purpose=PaymentPurpose.SEARCH_FEE)
        .first()
    )
    if not token or payment is None or document_id_of(payment.reference) is None:
        raise NotFound()
    grant = (
        InspectionGrant.objects.filter(token_hash=digest, payment=payment)
        .select_related("document__case")
        .first()
    )
    if payment.status != PaymentStatus.SUCCEEDED or grant is None:
        return Inspection(payment, grant, None, InspectionNotPaid())
    if timezone.now() >= grant.expires_at:
        return Inspection(payment, grant, None, InspectionLinkExpired())
    try:
        document = public_document(grant.document_id)
    except NotFound:
        return Inspection(payment, grant, None, InspectionNotOpen())
    return Inspection(payment, grant, document, None)


def inspection_document(*, token: str) -> CaseDocument:
    """The document a paid inspection's link opens, for its download: only with the secret
    token, only until the link expires and only while the document stays open to public
    inspection; otherwise the reason is raised."""
    found = inspection_by_token(token=token)
    if found.refusal is not None:
        raise found.refusal
    return open_document(found.grant.document_id)


# --- the registry --------------------------------------------------------------------------------


def case_inspection(*, actor, case) -> CaseInspection | None:
    """The registry's word on a case and the public; None: never set, open as its documents'
    types say."""
    require(actor, Capability.RUN_REGISTRY)
    return CaseInspection.objects.select_related("set_by").filter(case=case).first()
