"""Reads on the court policy (BEY-2): what may be filed in which e-enabled proceedings (GEN-2),
at what fee, within which file limits; the fee calculation; and the pre-filing check, which
answers what a filing would meet before anything is submitted. None of these changes
anything."""

import datetime
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Min, Prefetch, Q
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from cases.models import Case, CaseStatus, ProceedingType
from cases.selectors.linkability import Linkability, case_check, e_enabled_types, is_e_enabled
from core import policy
from core.errors import NotFound, ValidationFailed
from core.uploads import UploadRefusal
from core.wording import bracketed
from filing.models import CURRENCY, DocumentType, FileLimits
from filing.pdf_checks import PdfFacts, pdf_check
from permissions.roles import Capability, require

ZERO = Decimal("0.00")


@dataclass(frozen=True)
class ProceedingPolicy:
    """The court policy of one proceeding type."""

    proceeding_type: ProceedingType
    e_enabled_from: datetime.date | None
    document_types: list[DocumentType]  # those that may be filed now (active)
    limits: FileLimits  # its own row, or the default row

    def document_type(self, code: str) -> DocumentType | None:
        code = (code or "").strip().upper()
        return next((t for t in self.document_types if t.code == code), None)


def file_limits(proceeding_type_id) -> FileLimits:
    """The proceeding type's own limits, or the default row."""
    rows = list(
        FileLimits.objects.filter(
            Q(proceeding_type_id=proceeding_type_id) | Q(proceeding_type__isnull=True)
        )
    )
    own = next((row for row in rows if row.proceeding_type_id is not None), None)
    default = next((row for row in rows if row.proceeding_type_id is None), None)
    if own is None and default is None:
        raise FileLimits.DoesNotExist("No default file limits: the seed migration makes them.")
    return own or default


def _policies(types) -> list[ProceedingPolicy]:
    types = list(
        types.select_related("court_level")
        .annotate(e_enabled_from=Min("implementation_notices__effective_date"))
        .prefetch_related(
            Prefetch(
                "document_types",
                queryset=DocumentType.objects.filter(active=True).order_by("code"),
                to_attr="active_document_types",
            )
        )
        .order_by("court_level__code", "code")
    )
    rows = {row.proceeding_type_id: row for row in FileLimits.objects.all()}
    return [
        ProceedingPolicy(
            proceeding_type=kind,
            e_enabled_from=kind.e_enabled_from,
            document_types=kind.active_document_types,
            limits=rows.get(kind.pk) or rows[None],
        )
        for kind in types
    ]


def court_policy(on: datetime.date | None = None) -> list[ProceedingPolicy]:
    """BEY-2, GEN-2: the policy of every proceeding type e-enabled on `on` (today), in two
    queries and one more for the limits, whatever their number."""
    return _policies(ProceedingType.objects.filter(pk__in=e_enabled_types(on).values("pk")))


def proceeding_policy(proceeding_type: ProceedingType) -> ProceedingPolicy:
    """The policy of one proceeding type, e-enabled or not."""
    return _policies(ProceedingType.objects.filter(pk=proceeding_type.pk))[0]


def e_enabled_proceeding_policy(code: str, on: datetime.date | None = None) -> ProceedingPolicy:
    """The policy of the e-enabled proceeding type `code`; ValidationFailed on the field
    `proceeding_type` for an unknown one or one on paper."""
    code = (code or "").strip().upper()
    if not code:
        raise ValidationFailed({"proceeding_type": [_("Choose the type of proceedings.")]})
    kind = ProceedingType.objects.filter(code=code).first()
    if kind is None:
        raise ValidationFailed(
            {"proceeding_type": [_("No proceeding type has the code %(code)s.") % {"code": code}]}
        )
    if not is_e_enabled(kind.pk, on):
        raise ValidationFailed(
            {
                "proceeding_type": [
                    _(
                        "Proceedings of the type %(code)s are not conducted through iCMS: "
                        "nothing can be e-filed in them."
                    )
                    % {"code": kind.code}
                ]
            }
        )
    return proceeding_policy(kind)


# --- fees ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class FeeLine:
    document_type: DocumentType
    copies: int
    unit_fee: Decimal
    amount: Decimal


@dataclass(frozen=True)
class FeeCalculation:
    proceeding_type: ProceedingType
    lines: list[FeeLine]
    total: Decimal
    currency: str = CURRENCY


def _fee_lines(policy_of: ProceedingPolicy, documents) -> tuple[list[FeeLine], dict]:
    errors: dict = {}
    lines = []
    if not documents:
        errors["documents"] = [_("Name at least one document type.")]
    elif len(documents) > policy.FEE_CALCULATION_MAX_LINES:
        errors["documents"] = [
            _("At most %(n)d lines at a time.") % {"n": policy.FEE_CALCULATION_MAX_LINES}
        ]
    else:
        for index, (code, copies) in enumerate(documents):
            kind = policy_of.document_type(code)
            if kind is None:
                errors[f"documents-{index}-document_type"] = [
                    _("%(code)s is not a document type that may be filed in %(proceeding)s.")
                    % {"code": code, "proceeding": policy_of.proceeding_type.code}
                ]
                continue
            if (
                not isinstance(copies, int)
                or isinstance(copies, bool)
                or not 1 <= copies <= policy.FEE_CALCULATION_MAX_COPIES
            ):
                errors[f"documents-{index}-copies"] = [
                    _("The number of copies is a whole number from 1 to %(n)d.")
                    % {"n": policy.FEE_CALCULATION_MAX_COPIES}
                ]
                continue
            lines.append(FeeLine(kind, copies, kind.fee, kind.fee * copies))
    return lines, errors


def _calculation(policy_of: ProceedingPolicy, lines: list[FeeLine]) -> FeeCalculation:
    return FeeCalculation(
        proceeding_type=policy_of.proceeding_type,
        lines=lines,
        total=sum((line.amount for line in lines), ZERO),
    )


def fee_calculation(*, proceeding_type: str, documents) -> FeeCalculation:
    """BEY-2 (GetFeesCalculation): the fees of filing `documents`, a list of (document type
    code, copies), in an e-enabled proceeding type: a line each and the total, exact to the
    cent (Decimal, HKD). ValidationFailed for anything it cannot price."""
    policy_of = e_enabled_proceeding_policy(proceeding_type)
    lines, errors = _fee_lines(policy_of, documents)
    if errors:
        raise ValidationFailed(errors)
    return _calculation(policy_of, lines)


# --- the pre-filing check ------------------------------------------------------------------------


@dataclass(frozen=True)
class DocumentToCheck:
    """One document of a filing to be: its type, and either its file's declared name, size
    and pages, or the uploaded file itself."""

    document_type: str
    name: str = ""
    size: int | None = None
    pages: int | None = None
    upload: object = None


@dataclass(frozen=True)
class Problem:
    code: str
    message: str
    document: int | None = None  # the index of the document it concerns, if one


@dataclass
class FilingCheck:
    case_number: str | None
    problems: list[Problem] = field(default_factory=list)
    fee: FeeCalculation | None = None
    limits: FileLimits | None = None
    files: list[PdfFacts | None] = field(default_factory=list)
    # What the check read, for the submission that follows it (filing_submit): the case, if
    # the court knows it, and its proceedings' policy, if anything can be e-filed in it.
    case: Case | None = None
    policy: ProceedingPolicy | None = None

    @property
    def acceptable(self) -> bool:
        return not self.problems


def _case_problem(check) -> Problem | None:
    values = {"number": check.number or ""}
    if check.linkability == Linkability.NOT_A_CASE_NUMBER:
        return Problem(
            "not_a_case_number",
            _("This is not a case number. Enter it as the court writes it, e.g. DCPI 1234/2025."),
        )
    if check.linkability == Linkability.UNKNOWN:
        return Problem(
            "case_not_found",
            _("%(number)s is not found in the court's records: check the number.") % values,
        )
    if check.linkability == Linkability.NOT_E_ENABLED:
        return Problem(
            "case_not_e_enabled",
            _(
                "%(number)s is a case whose proceedings are not conducted through iCMS: file on "
                "paper at the registry."
            )
            % values,
        )
    if check.case.status == CaseStatus.FINALLY_DISPOSED:
        return Problem(
            "case_disposed",
            _("%(number)s has been finally disposed of: nothing more can be filed in it.") % values,
        )
    return None


def _declared_problem(index: int, document: DocumentToCheck, limits: FileLimits):
    name = document.name or _("document %(n)d") % {"n": index + 1}
    if document.size is not None and document.size <= 0:
        return Problem("file_empty", _("The file %(name)s is empty.") % {"name": name}, index)
    if document.size is not None and document.size > limits.max_file_bytes:
        return Problem(
            "file_too_large",
            _("The file %(name)s is larger than %(limit)s.")
            % {"name": name, "limit": filesizeformat(limits.max_file_bytes)},
            index,
        )
    if document.pages is not None and document.pages > limits.max_pages:
        return Problem(
            "too_many_pages",
            _("The file %(name)s has %(pages)d pages; at most %(limit)d are accepted.")
            % {"name": name, "pages": document.pages, "limit": limits.max_pages},
            index,
        )
    return None


def filing_check(*, actor, case_number: str, documents: list[DocumentToCheck]) -> FilingCheck:
    """BEY-2, SVC-1: what a filing of `documents` in the case would meet, before it is
    submitted: the case (a case number the court knows, e-enabled, not finally disposed of),
    each document's type (one that may be filed in the case's proceedings), the number of
    files, each file (declared size and pages, or the uploaded file checked by content:
    filing.pdf_checks) and the fee. Every problem found, each in the reader's language; nothing
    is changed or stored. For account holders who file (IU, OU)."""
    require(actor, Capability.USE_E_SERVICES)
    check = case_check(case_number)
    result = FilingCheck(case_number=check.number, case=check.case)
    problem = _case_problem(check)
    if problem is not None:
        result.problems.append(problem)
    if check.case is None or check.linkability == Linkability.NOT_E_ENABLED:
        return result  # nothing can be e-filed in it: no policy applies
    policy_of = result.policy = proceeding_policy(check.case.proceeding_type)
    limits = result.limits = policy_of.limits
    if not documents:
        result.problems.append(Problem("no_documents", _("Name at least one document to file.")))
    elif len(documents) > limits.max_files:
        result.problems.append(
            Problem(
                "too_many_files",
                _("A filing has at most %(n)d files; this one has %(count)d.")
                % {"n": limits.max_files, "count": len(documents)},
            )
        )
    allowed = []
    for index, document in enumerate(documents[: policy.FEE_CALCULATION_MAX_LINES]):
        kind = policy_of.document_type(document.document_type)
        code = (document.document_type or "").strip().upper()
        if kind is None:
            result.problems.append(
                Problem(
                    "document_type_not_allowed",
                    _("%(code)s is not a document type that may be filed in %(proceeding)s.")
                    % {
                        "code": code,
                        "proceeding": bracketed(
                            policy_of.proceeding_type.code, policy_of.proceeding_type.name
                        ),
                    }
                    if code
                    else _("Choose the document type."),
                    index,
                )
            )
        else:
            allowed.append(kind.code)
        if document.upload is not None:
            facts, refusal = pdf_check(
                document.upload, max_bytes=limits.max_file_bytes, max_pages=limits.max_pages
            )
            result.files.append(facts)
            if refusal is not None:
                result.problems.append(_refusal_problem(refusal, index))
        else:
            result.files.append(None)
            problem = _declared_problem(index, document, limits)
            if problem is not None:
                result.problems.append(problem)
    counted = Counter(allowed)
    lines, _errors = _fee_lines(policy_of, list(counted.items()))
    result.fee = _calculation(policy_of, lines)
    return result


def _refusal_problem(refusal: UploadRefusal, index: int) -> Problem:
    return Problem(refusal.code, refusal.message, index)


# --- the registry's view of the policy -------------------------------------------------------


def staff_court_policy(*, actor) -> dict:
    """Every proceeding type with all its document types (inactive too) and its own limits,
    and the default limits: the registry's page and API."""
    require(actor, Capability.MAINTAIN_COURT_POLICY)
    types = list(
        ProceedingType.objects.select_related("court_level")
        .annotate(e_enabled_from=Min("implementation_notices__effective_date"))
        .prefetch_related(
            Prefetch(
                "document_types",
                queryset=DocumentType.objects.order_by("code"),
                to_attr="all_document_types",
            )
        )
        .order_by("court_level__code", "code")
    )
    rows = {row.proceeding_type_id: row for row in FileLimits.objects.all()}
    for kind in types:
        kind.own_limits = rows.get(kind.pk)
    return {"proceeding_types": types, "default_limits": rows.get(None)}


def staff_document_types(*, actor, proceeding_type: str = ""):
    require(actor, Capability.MAINTAIN_COURT_POLICY)
    rows = DocumentType.objects.select_related("proceeding_type__court_level")
    if proceeding_type:
        rows = rows.filter(proceeding_type__code=proceeding_type.strip().upper())
    return rows.order_by("proceeding_type__code", "code")


def staff_document_type(*, actor, document_type_id) -> DocumentType:
    require(actor, Capability.MAINTAIN_COURT_POLICY)
    row = (
        DocumentType.objects.select_related("proceeding_type").filter(pk=document_type_id).first()
        if str(document_type_id).isdigit()
        else None
    )
    if row is None:
        raise NotFound()
    return row


def staff_file_limits(*, actor):
    require(actor, Capability.MAINTAIN_COURT_POLICY)
    return FileLimits.objects.select_related("proceeding_type").order_by("proceeding_type__code")
