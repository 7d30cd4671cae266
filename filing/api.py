"""/api/v1/ court policy (BEY-2), in the spirit of the OASIS LegalXML Electronic Court Filing
operations GetPolicy and GetFeesCalculation: the policy of every e-enabled proceeding (GEN-2)
and the fee calculation, open to the public and rate-limited per address like the case-number
check; and the pre-filing check, for account holders who file, none of which changes
anything. Then the filer's filings (SVC-1): filing documents with the fee, listing and reading
them, withdrawing one, paying its fee again and downloading what was filed."""

import json

from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiExample, extend_schema, extend_schema_field
from rest_framework import serializers, status
from rest_framework.exceptions import Throttled
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.permissions import AllowAny
from rest_framework.response import Response

from core import policy, ratelimit
from core.api import ApiView, FileOrJsonError, error_responses
from core.downloads import protected_file_response
from core.errors import ValidationFailed
from core.idempotency import idempotent
from core.parsers import JSONParser
from core.workdays import local_today
from filing.models import CURRENCY, FiledBy, FilingStatus
from filing.selectors import filings as filing_selectors
from filing.selectors import policy as selectors
from filing.services.filings import DocumentToFile, filing_pay, filing_submit, filing_withdraw
from payments.models import Payment, PaymentPurpose
from permissions.roles import Capability

MONEY = {"max_digits": 10, "decimal_places": 2, "coerce_to_string": True}

# --- output ---------------------------------------------------------------------------------------


class PolicyDocumentTypeSerializer(serializers.Serializer):
    """A document type that may be filed, with its fee."""

    code = serializers.CharField(help_text="e.g. DEF; what a filing names.")
    name = serializers.CharField(help_text="In the language of the request.")
    name_en = serializers.CharField()
    name_zh = serializers.CharField()
    linking_role = serializers.CharField(
        allow_null=True,
        help_text="ORIGINATING_DOCUMENT, ACKNOWLEDGMENT_OF_SERVICE, DEFENCE, "
        "DEFENCE_AND_COUNTERCLAIM or NOTICE_TO_ACT when the registry's acceptance of it links "
        "the filer to the case; null when it links nobody.",
    )
    originating = serializers.BooleanField(help_text="Whether it starts new proceedings.")
    open_to_public_inspection = serializers.BooleanField(
        help_text="Whether its documents, once filed, can be found in the public search "
        "and inspected by anyone after paying the search fee (unless the registry closes the "
        "case to the public)."
    )
    filed_by = serializers.ChoiceField(
        choices=FiledBy.choices,
        help_text="Which side of the proceedings files it: ANY_PARTY, CLAIMING (plaintiff, "
        "applicant) or RESPONDING (defendant, respondent, third party).",
    )
    counsel_may_file = serializers.BooleanField(
        help_text="Whether counsel (a barrister instructed by the party's solicitors) may file "
        "it: written submissions, skeleton arguments, lists of authorities."
    )
    fee = serializers.DecimalField(
        **MONEY, help_text='Per document filed, in HKD, exact to the cent, e.g. "630.00".'
    )


class FileLimitsSerializer(serializers.Serializer):
    """The limits on the files of one filing."""

    max_file_bytes = serializers.IntegerField(help_text="The largest file, in bytes.")
    max_pages = serializers.IntegerField(help_text="The most pages in one file.")
    max_files = serializers.IntegerField(help_text="The most files in one filing.")
    file_types = serializers.ListField(
        child=serializers.CharField(),
        help_text="Judged by content: application/pdf, not encrypted, without JavaScript or "
        "embedded files.",
    )


class ProceedingPolicySerializer(serializers.Serializer):
    """What may be filed in one e-enabled proceeding type."""

    court_level = serializers.CharField(help_text="e.g. DC")
    court_level_name = serializers.CharField()
    proceeding_type = serializers.CharField(help_text="e.g. DCPI; its cases' numbers begin so.")
    name = serializers.CharField(help_text="In the language of the request.")
    name_en = serializers.CharField()
    name_zh = serializers.CharField()
    e_enabled_from = serializers.DateField(
        help_text="The date of the implementation notice that e-enabled it."
    )
    document_types = PolicyDocumentTypeSerializer(many=True)
    file_limits = FileLimitsSerializer()


class CourtPolicySerializer(serializers.Serializer):
    """The court policy today."""

    as_of = serializers.DateField(help_text="The Hong Kong date the policy is of.")
    currency = serializers.CharField(help_text="HKD: every amount is Hong Kong dollars.")
    proceedings = ProceedingPolicySerializer(many=True)


class FeeLineSerializer(serializers.Serializer):
    """One document type's fees."""

    document_type = serializers.CharField()
    name = serializers.CharField()
    copies = serializers.IntegerField()
    unit_fee = serializers.DecimalField(**MONEY)
    amount = serializers.DecimalField(**MONEY, help_text="unit_fee × copies.")


class FeeCalculationSerializer(serializers.Serializer):
    """The fees of a filing, exact to the cent."""

    proceeding_type = serializers.CharField()
    currency = serializers.CharField()
    lines = FeeLineSerializer(many=True)
    total = serializers.DecimalField(**MONEY, help_text='e.g. "630.30".')


class ProblemSerializer(serializers.Serializer):
    """One thing the filing would be refused for."""

    code = serializers.CharField(
        help_text="not_a_case_number, case_not_found, case_not_e_enabled, case_disposed, "
        "no_documents, too_many_files, document_type_not_allowed, file_empty, file_too_large, "
        "too_many_pages, not_a_pdf, pdf_unreadable, pdf_encrypted, pdf_javascript, "
        "pdf_embedded_file."
    )
    detail = serializers.CharField(help_text="In the language of the request.")
    document = serializers.IntegerField(
        allow_null=True, help_text="The index of the document it concerns; null for the filing."
    )


class FilingCheckSerializer(serializers.Serializer):
    """What the filing would meet."""

    case_number = serializers.CharField(allow_null=True, help_text="As the court writes it.")
    acceptable = serializers.BooleanField(help_text="True when no problem was found.")
    problems = ProblemSerializer(many=True)
    fee = FeeCalculationSerializer(
        allow_null=True, help_text="The fee of the allowed documents; null without a case."
    )
    file_limits = FileLimitsSerializer(allow_null=True)


def limits_data(limits) -> dict:
    return {
        "max_file_bytes": limits.max_file_bytes,
        "max_pages": limits.max_pages,
        "max_files": limits.max_files,
        "file_types": [kind.content_type for kind in policy.PDF_ONLY],
    }


def _document_type_data(kind) -> dict:
    return {
        "code": kind.code,
        "name": kind.name,
        "name_en": kind.name_en,
        "name_zh": kind.name_zh,
        "linking_role": kind.linking_role or None,
        "originating": kind.is_originating,
        "open_to_public_inspection": kind.open_to_public_inspection,
        "filed_by": kind.filed_by,
        "counsel_may_file": kind.counsel_may_file,
        "fee": kind.fee,
    }


def fee_data(calculation) -> dict:
    return {
        "proceeding_type": calculation.proceeding_type.code,
        "currency": calculation.currency,
        "lines": [
            {
                "document_type": line.document_type.code,
                "name": line.document_type.name,
                "copies": line.copies,
                "unit_fee": line.unit_fee,
                "amount": line.amount,
            }
            for line in calculation.lines
        ],
        "total": calculation.total,
    }


# --- input -------------------------------------------------------------------------------------


class FeeLineInput(serializers.Serializer):
    """A document type and how many of it."""

    document_type = serializers.CharField(max_length=20, help_text="e.g. WRIT")
    copies = serializers.IntegerField(
        min_value=1, max_value=policy.FEE_CALCULATION_MAX_COPIES, default=1
    )


class FeeCalculationInput(serializers.Serializer):
    """The documents to price, in an e-enabled proceeding type."""

    proceeding_type = serializers.CharField(max_length=10, help_text="e.g. DCPI")
    documents = FeeLineInput(many=True, max_length=policy.FEE_CALCULATION_MAX_LINES)


class FilingCheckDocumentInput(serializers.Serializer):
    """A document to be filed: its type, and its file as declared."""

    document_type = serializers.CharField(max_length=20, help_text="e.g. DEF")
    name = serializers.CharField(max_length=255, required=False, allow_blank=True, default="")
    size = serializers.IntegerField(
        min_value=0, required=False, allow_null=True, help_text="The file's size in bytes."
    )
    pages = serializers.IntegerField(
        min_value=0, required=False, allow_null=True, help_text="The file's number of pages."
    )


class FilingCheckInput(serializers.Serializer):
    """The filing to check, with its files declared (JSON)."""

    case_number = serializers.CharField(max_length=100, help_text="e.g. DCPI 1234/2025")
    documents = FilingCheckDocumentInput(many=True, max_length=policy.FEE_CALCULATION_MAX_LINES)


class FilingCheckUploadInput(serializers.Serializer):
    """The filing to check, with its files uploaded (multipart): the n-th `document_type` is
    the type of the n-th `file`."""

    case_number = serializers.CharField(max_length=100)
    document_type = serializers.ListField(child=serializers.CharField(max_length=20))
    file = serializers.ListField(child=serializers.FileField())

    def validate(self, attrs):
        if len(attrs["document_type"]) != len(attrs["file"]):
            raise serializers.ValidationError("Give one document_type for each file.")
        return attrs


# --- views -------------------------------------------------------------------------------------


def _throttle(request) -> None:
    address = ratelimit.client_address(request)
    if not ratelimit.allow(scope="court_policy", key=address):
        raise Throttled(wait=ratelimit.retry_after(scope="court_policy", key=address))


class PolicyApi(ApiView):
    """The court policy, machine-readable (in the manner of ECF's GetPolicy): every proceeding
    type e-enabled today with the document types that may be filed in it (and which of them
    link the filer to the case), the fee of each in HKD as an exact decimal string, and the
    file limits. Open to the public; at most 120 requests an hour from one address, with the
    fee calculation (429 throttled beyond)."""

    authentication_classes = []
    permission_classes = [AllowAny]

    @extend_schema(
        responses={200: CourtPolicySerializer, **error_responses(429)},
        operation_id="court_policy",
    )
    def get(self, request):
        _throttle(request)
        proceedings = [
            {
                "court_level": item.proceeding_type.court_level.code,
                "court_level_name": item.proceeding_type.court_level.name,
                "proceeding_type": item.proceeding_type.code,
                "name": item.proceeding_type.name,
                "name_en": item.proceeding_type.name_en,
                "name_zh": item.proceeding_type.name_zh,
                "e_enabled_from": item.e_enabled_from,
                "document_types": [_document_type_data(kind) for kind in item.document_types],
                "file_limits": limits_data(item.limits),
            }
            for item in selectors.court_policy()
        ]
        return Response(
            CourtPolicySerializer(
                {"as_of": local_today(), "currency": CURRENCY, "proceedings": proceedings}
            ).data
        )


class FeeCalculationApi(ApiView):
    """The fee calculation (in the manner of ECF's GetFeesCalculation): the fees of filing
    the given document types (with copies) in an e-enabled proceeding type: one line each
    and the total, exact to the cent, as decimal strings in HKD. An unknown proceeding type,
    one on paper, or a document type that may not be filed in it is 400 with the line
    named. Open to the public; rate-limited with the policy (429)."""

    authentication_classes = []
    permission_classes = [AllowAny]

    @extend_schema(
        request=FeeCalculationInput,
        responses={200: FeeCalculationSerializer, **error_responses(400, 429)},
        operation_id="court_policy_fees",
        examples=[
            OpenApiExample(
                "A writ",
                value={"proceeding_type": "DCPI", "documents": [{"document_type": "WRIT"}]},
                request_only=True,
            )
        ],
    )
    def post(self, request):
        _throttle(request)
        data = FeeCalculationInput(data=request.data)
        data.is_valid(raise_exception=True)
        calculation = selectors.fee_calculation(
            proceeding_type=data.validated_data["proceeding_type"],
            documents=[
                (line["document_type"], line["copies"]) for line in data.validated_data["documents"]
            ],
        )
        return Response(FeeCalculationSerializer(fee_data(calculation)).data)


class FilingCheckApi(ApiView):
    """The pre-filing check, for logged-in holders who file (an Individual User
    or an Organization User): what a filing of these documents in the case would meet before
    it is submitted. The case (known, e-enabled, not finally disposed of), each document type
    (one that may be filed in the case's proceedings), the number of files, each file (its
    declared size and pages in JSON; or, in multipart, the files themselves, checked by
    content: a real unencrypted PDF that opens, within the limits, without JavaScript or
    embedded files) and the fee. Every problem is listed, in the language of the request;
    nothing is saved or stored."""

    required_capabilities = {"POST": Capability.USE_E_SERVICES}
    parser_classes = [JSONParser, MultiPartParser]

    @extend_schema(
        request={
            "application/json": FilingCheckInput,
            "multipart/form-data": FilingCheckUploadInput,
        },
        responses={200: FilingCheckSerializer, **error_responses(400, 401, 403)},
        operation_id="filings_check",
    )
    def post(self, request):
        if request.content_type.startswith("multipart/"):
            data = FilingCheckUploadInput(
                data={
                    "case_number": request.data.get("case_number", ""),
                    "document_type": request.data.getlist("document_type"),
                    "file": request.FILES.getlist("file"),
                }
            )
            data.is_valid(raise_exception=True)
            documents = [
                selectors.DocumentToCheck(document_type=code, name=upload.name, upload=upload)
                for code, upload in zip(
                    data.validated_data["document_type"], data.validated_data["file"], strict=True
                )
            ]
        else:
            data = FilingCheckInput(data=request.data)
            data.is_valid(raise_exception=True)
            documents = [
                selectors.DocumentToCheck(
                    document_type=item["document_type"],
                    name=item.get("name", ""),
                    size=item.get("size"),
                    pages=item.get("pages"),
                )
                for item in data.validated_data["documents"]
            ]
        check = selectors.filing_check(
            actor=request.user,
            case_number=data.validated_data["case_number"],
            documents=documents,
        )
        return Response(
            FilingCheckSerializer(
                {
                    "case_number": check.case_number,
                    "acceptable": check.acceptable,
                    "problems": [
                        {"code": p.code, "detail": p.message, "document": p.document}
                        for p in check.problems
                    ],
                    "fee": fee_data(check.fee) if check.fee else None,
                    "file_limits": limits_data(check.limits) if check.limits else None,
                }
            ).data
        )


# --- the filer's filings ------------------------------------------------------------------------

DOCUMENT_FIELDS = ("document_type", "title", "file")


class FiledDocumentSerializer(serializers.Serializer):
    """One PDF of a filing, as stored."""

    id = serializers.IntegerField()
    position = serializers.IntegerField(help_text="1, 2, 3: its place in the filing.")
    document_type = serializers.CharField(
        source="document_type.code", help_text="The type's code in the court policy, e.g. DEF."
    )
    title = serializers.CharField()
    file_name = serializers.CharField(help_text="The name of the file as uploaded.")
    size = serializers.IntegerField(help_text="In bytes.")
    page_count = serializers.IntegerField()
    sha256 = serializers.CharField(
        help_text="The SHA256 digest of the file's bytes, in hexadecimal."
    )
    fee = serializers.DecimalField(**MONEY, help_text="The fee of this document, in HKD.")


class FilingPaymentSerializer(serializers.Serializer):
    """A payment of a filing's fee (its receipt once it succeeded)."""

    id = serializers.IntegerField(help_text="The payment's id: GET /api/v1/payments/{id}/.")
    status = serializers.CharField(help_text="PENDING, SUCCEEDED, FAILED or REFUNDED.")
    amount = serializers.DecimalField(**MONEY)
    receipt_number = serializers.SerializerMethodField()

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_receipt_number(self, payment) -> str | None:
        receipt = getattr(payment, "receipt", None)
        return receipt.number if receipt else None


class FilingSerializer(serializers.Serializer):
    """A filing: documents sent to the court in one go for one party, in a case or starting
    new proceedings, with its fee and where it stands."""

    id = serializers.IntegerField()
    reference = serializers.CharField(help_text="e.g. F2026-00000042; what the filer quotes.")
    status = serializers.ChoiceField(
        choices=FilingStatus.choices,
        help_text="AWAITING_PAYMENT (its fee is not paid yet), SUBMITTED (awaiting the "
        "registry), ACCEPTED, REJECTED (with reasons) or WITHDRAWN.",
    )
    status_label = serializers.CharField(
        source="get_status_display", help_text="In the language of the request."
    )
    case_number = serializers.SerializerMethodField()
    proceeding_type = serializers.CharField(source="proceeding_type.code", help_text="e.g. DCPI")
    originating = serializers.BooleanField(
        help_text="Whether it starts new proceedings, which the registry opens as a case when "
        "it accepts it."
    )
    title = serializers.CharField(help_text="The title of new proceedings; empty otherwise.")
    party_type = serializers.CharField(help_text="The party filed for, e.g. DEFENDANT.")
    party_position = serializers.IntegerField(help_text="1 for the 1st, 2 for the 2nd...")
    fee = serializers.DecimalField(**MONEY, help_text="The total fee, in HKD.")
    fee_payment = serializers.CharField(
        help_text="DEPOSIT (the organization's deposit account), GATEWAY (card or FPS), or "
        "empty when no fee is due."
    )
    created_at = serializers.DateTimeField()
    submitted_at = serializers.DateTimeField(
        allow_null=True, help_text="When it reached the registry: its filing date and time."
    )
    decided_at = serializers.DateTimeField(
        allow_null=True, help_text="When it was accepted, rejected or withdrawn."
    )
    reasons = serializers.CharField(help_text="The registry's reasons for a rejection.")
    documents = FiledDocumentSerializer(many=True, source="documents.all")
    payments = serializers.SerializerMethodField()

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_case_number(self, filing) -> str | None:
        return filing.case.number if filing.case_id else None

    @extend_schema_field(FilingPaymentSerializer(many=True))
    def get_payments(self, filing) -> list:
        by_reference = self.context.get("payments")
        found = (
            by_reference.get(filing.reference, [])
            if by_reference is not None
            else filing_selectors.filing_payments(filing)
        )
        return FilingPaymentSerializer(found, many=True).data


class FilingPageSerializer(serializers.Serializer):
    """A page of filings, newest first."""

    results = FilingSerializer(many=True)
    next = serializers.URLField(
        allow_null=True, help_text="The address of the next (older) page; null on the last."
    )


class FilingSubmittedSerializer(serializers.Serializer):
    """The filing made, and where to pay its fee by card or FPS."""

    filing = FilingSerializer()
    payment_url = serializers.CharField(
        allow_blank=True,
        help_text="The payment service's page to send the payer to, when paying by card or "
        "FPS; empty when the fee was paid from the deposit account or none is due. The filing "
        "reaches the registry once the payment service confirms the payment.",
    )


class PaymentUrlSerializer(serializers.Serializer):
    """Where to pay a filing's fee."""

    payment_url = serializers.CharField(help_text="The payment service's page.")


class FilingListQuery(serializers.Serializer):
    """Which filings to list."""

    status = serializers.ChoiceField(
        choices=FilingStatus.choices, required=False, help_text="Only filings in this status."
    )
    before = serializers.IntegerField(
        required=False, min_value=1, help_text="The page older than this filing id (next)."
    )


class FilingInput(serializers.Serializer):
    """A filing, in multipart form: in a case (`case_number`), or, without a case number, an
    originating document starting new proceedings (`proceeding_type`, `title`, `parties`).
    Up to four documents, the n-th as `documents-n-document_type`, `documents-n-title`
    (optional) and `documents-n-file` (a PDF)."""

    case_number = serializers.CharField(
        max_length=40,
        required=False,
        allow_blank=True,
        help_text='As on the court\'s documents, e.g. "DCPI 1234/2025"; empty for new proceedings.',
    )
    party_id = serializers.IntegerField(
        required=False,
        allow_null=True,
        help_text="The party of the case you are linked for; needed when you are linked for "
        "several.",
    )
    party_type = serializers.CharField(
        max_length=20,
        required=False,
        allow_blank=True,
        help_text="For a filer not yet linked to the case: the party acted for, e.g. DEFENDANT.",
    )
    party_position = serializers.IntegerField(
        required=False, default=1, help_text="With party_type: 1 for the 1st, 2 for the 2nd..."
    )
    proceeding_type = serializers.CharField(
        max_length=10, required=False, allow_blank=True, help_text="New proceedings: e.g. DCPI."
    )
    title = serializers.CharField(
        max_length=300,
        required=False,
        allow_blank=True,
        help_text="New proceedings: their title, e.g. CHAN Tai Man v. LEE Ka Yan.",
    )
    parties = serializers.CharField(
        max_length=20000,
        required=False,
        allow_blank=True,
        help_text='New proceedings: a JSON list of {"party_type", "position", "name"}, your '
        "own party first, then at least one other.",
    )
    pay_by = serializers.ChoiceField(
        choices=["DEPOSIT", "GATEWAY"],
        required=False,
        allow_blank=True,
        help_text="DEPOSIT (an OU: the organization's deposit account) or GATEWAY (card or "
        "FPS); not needed when no fee is due.",
    )

    def get_fields(self):
        fields = super().get_fields()
        for index in range(policy.MAX_FILES_PER_REQUEST):
            fields[f"documents-{index}-document_type"] = serializers.CharField(
                max_length=20, required=False, allow_blank=True, help_text="e.g. DEF"
            )
            fields[f"documents-{index}-title"] = serializers.CharField(
                max_length=200,
                required=False,
                allow_blank=True,
                help_text="Optional: the type's name otherwise.",
            )
            fields[f"documents-{index}-file"] = serializers.FileField(
                required=False, help_text="The document, a PDF."
            )
        return fields

    def validate_parties(self, value):
        if not value:
            return []
        try:
            parties = json.loads(value)
        except (ValueError, RecursionError):
            # RecursionError: brackets nested thousands deep, which fit in the field's length.
            parties = None
        if not isinstance(parties, list):
            raise serializers.ValidationError(
                _('Give the parties as a JSON list of {"party_type", "position", "name"}.')
            )
        return parties


def _documents_to_file(values) -> tuple[list, list[int]]:
    """The documents named in the input, and the index each was given under."""
    documents, indexes = [], []
    for index in range(policy.MAX_FILES_PER_REQUEST):
        code, title, upload = (values.get(f"documents-{index}-{name}") for name in DOCUMENT_FIELDS)
        if not (code or title or upload):
            continue
        documents.append(DocumentToFile(code or "", upload, title or ""))
        indexes.append(index)
    return documents, indexes


def _renumbered(errors: dict, indexes: list[int]) -> dict:
    """The service's errors of the n-th document sent, under the index the caller gave it."""
    found = {}
    for key, messages in errors.items():
        prefix, _sep, rest = key.partition("-")
        index, _sep, field = rest.partition("-")
        if prefix == "documents" and index.isdigit() and int(index) < len(indexes):
            key = f"documents-{indexes[int(index)]}-{field}"
        found.setdefault(key, []).extend(messages)
    return found


def _payments_of(filings) -> dict:
    found = {}
    for filing in filings:
        found[filing.reference] = []
    for payment in (
        Payment.objects.select_related("receipt")
        .filter(purpose=PaymentPurpose.FILING_FEE, reference__in=list(found))
        .order_by("pk")
    ):
        found[payment.reference].append(payment)
    return found


class FilingListApi(ApiView):
    """GET: your filings, newest first, 25 a page: an individual user's or an OU's own, an
    organization's for its administrators. POST: file documents (multipart): in a case you
    are linked to (or, not yet linked, a document that links you: an Acknowledgment of
    Service, a Defence (and Counterclaim) or a Notice to Act, naming the party you act for);
    or, without a case number, an originating document starting new proceedings. The files
    are checked by content (PDF, not encrypted, no scripts or embedded files, within the
    court policy's limits); every problem is listed per field and nothing is saved. The fee
    is paid from the organization's deposit account at once (all or nothing: 409
    insufficient_balance), or by card or FPS at `payment_url`, after which the filing
    reaches the registry; 503 when the payment service cannot be reached (the filing is
    kept, awaiting payment)."""

    parser_classes = [MultiPartParser, FormParser]
    required_capabilities = {"GET": Capability.VIEW_FILINGS, "POST": Capability.FILE_DOCUMENTS}

    @extend_schema(
        parameters=[FilingListQuery],
        responses={200: FilingPageSerializer, **error_responses(400, 401, 403)},
        operation_id="filings_list",
    )
    def get(self, request):
        query = FilingListQuery(data=request.query_params)
        query.is_valid(raise_exception=True)
        page = filing_selectors.filings_page(
            actor=request.user,
            status=query.validated_data.get("status", ""),
            before=query.validated_data.get("before"),
        )
        next_url = None
        if page["older"]:
            params = request.query_params.copy()
            params["before"] = page["older"]
            next_url = request.build_absolute_uri(request.path) + "?" + params.urlencode()
        context = {"payments": _payments_of(page["rows"])}
        return Response(
            FilingPageSerializer({"results": page["rows"], "next": next_url}, context=context).data
        )

    @extend_schema(
        request={"multipart/form-data": FilingInput},
        responses={
            201: FilingSubmittedSerializer,
            **error_responses(400, 401, 403, 409, 413, 503),
        },
        operation_id="filing_submit",
    )
    @idempotent
    def post(self, request):
        data = FilingInput(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        documents, indexes = _documents_to_file(values)
        try:
            submitted = filing_submit(
                actor=request.user,
                documents=documents,
                case_number=values.get("case_number", ""),
                party_id=values.get("party_id"),
                party_type=values.get("party_type", ""),
                party_position=values.get("party_position") or 1,
                proceeding_type=values.get("proceeding_type", ""),
                title=values.get("title", ""),
                parties=values.get("parties", []),
                pay_by=values.get("pay_by", ""),
                language=request.LANGUAGE_CODE,
            )
        except ValidationFailed as refused:
            raise ValidationFailed(_renumbered(refused.errors, indexes)) from None
        filing = filing_selectors.filing_for(actor=request.user, filing_id=submitted.filing.pk)
        body = {"filing": filing, "payment_url": submitted.payment_url}
        return Response(FilingSubmittedSerializer(body).data, status=status.HTTP_201_CREATED)


class FilingApi(ApiView):
    """One of your filings (an organization's, for its administrators), with its documents
    and the payments of its fee; any other is not found."""

    required_capabilities = {"GET": Capability.VIEW_FILINGS}

    @extend_schema(
        responses={200: FilingSerializer, **error_responses(401, 403, 404)},
        operation_id="filing_retrieve",
    )
    def get(self, request, filing_id):
        filing = filing_selectors.filing_for(actor=request.user, filing_id=filing_id)
        return Response(FilingSerializer(filing).data)


class FilingWithdrawApi(ApiView):
    """Withdraw your filing before the registry decides on it (awaiting payment or
    submitted); a fee paid for it is refunded at once. 409 once the registry has decided
    or it was withdrawn already."""

    required_capabilities = {"POST": Capability.FILE_DOCUMENTS}

    @extend_schema(
        request=None,
        responses={200: FilingSerializer, **error_responses(401, 403, 404, 409)},
        operation_id="filing_withdraw",
    )
    def post(self, request, filing_id):
        filing_withdraw(actor=request.user, filing_id=filing_id)
        filing = filing_selectors.filing_for(actor=request.user, filing_id=filing_id)
        return Response(FilingSerializer(filing).data)


class FilingPayApi(ApiView):
    """Pay again, by card or FPS, the fee of your filing still awaiting payment (the payment
    service was unreachable, or the payer left its page): the payment service's page to send
    the payer to. 409 when the filing is not awaiting payment; 503 when the payment service
    cannot be reached (nothing charged)."""

    required_capabilities = {"POST": Capability.FILE_DOCUMENTS}

    @extend_schema(
        request=None,
        responses={200: PaymentUrlSerializer, **error_responses(401, 403, 404, 409, 503)},
        operation_id="filing_pay",
    )
    @idempotent
    def post(self, request, filing_id):
        url = filing_pay(actor=request.user, filing_id=filing_id, language=request.LANGUAGE_CODE)
        return Response(PaymentUrlSerializer({"payment_url": url}).data)


class FiledDocumentDownloadApi(ApiView):
    """A document of one of your filings (an organization's, for its administrators), as the
    PDF filed."""

    required_capabilities = {"GET": Capability.VIEW_FILINGS}
    content_negotiation_class = FileOrJsonError

    @extend_schema(
        responses={(200, "application/pdf"): OpenApiTypes.BINARY, **error_responses(401, 403, 404)},
        operation_id="filing_document_download",
    )
    def get(self, request, filing_id, document_id):
        document, file = filing_selectors.filed_document(
            actor=request.user, filing_id=filing_id, document_id=document_id
        )
        response = protected_file_response(
            file, content_type="application/pdf", filename=document.file_name
        )
        response["Cache-Control"] = "private, no-store"
        return response
