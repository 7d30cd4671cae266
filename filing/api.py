"""/api/v1/ court policy (BEY-2), in the spirit of the OASIS LegalXML Electronic Court Filing
operations GetPolicy and GetFeesCalculation: the policy of every e-enabled proceeding (GEN-2)
and the fee calculation, open to the public and rate-limited per address like the case-number
check; and the pre-filing check, for account holders who file. None of them changes
anything."""

from drf_spectacular.utils import OpenApiExample, extend_schema
from rest_framework import serializers
from rest_framework.exceptions import Throttled
from rest_framework.parsers import MultiPartParser
from rest_framework.permissions import AllowAny
from rest_framework.response import Response

from core import policy, ratelimit
from core.api import ApiView, error_responses
from core.parsers import JSONParser
from core.workdays import local_today
from filing.models import CURRENCY
from filing.selectors import policy as selectors
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
