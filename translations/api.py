"""/api/v1/ operations of the certification of translations (SVC-6 [A38]): the applicant's
requests (list, apply, one request, withdraw, pay again) and the registry's (the queue or the
decided ones, certify, reject), and the request's two files for both. The same services and
selectors as the pages."""

from django.utils import translation
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field
from rest_framework import serializers, status
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response

from core.api import (
    ID_MAX,
    LIST_TOTAL,
    ApiView,
    FileOrJsonError,
    capped_list_response,
    error_responses,
)
from core.forms import REASONS_MAX
from core.idempotency import idempotent
from core.queues import capped
from payments.api import receipt_number_field
from payments.models import FeePayment
from permissions.roles import Capability
from translations import selectors, services
from translations.models import CertificationStatus, Language
from translations.views import file_response

_VIEW = Capability.VIEW_CERTIFICATIONS
_APPLY = Capability.APPLY_FOR_CERTIFICATION
_PROCESS = Capability.PROCESS_CERTIFICATIONS


class CertificationPaymentSerializer(serializers.Serializer):
    """A payment of the request's fee (a failed one, the one that succeeded, perhaps
    refunded)."""

    id = serializers.IntegerField()
    method = serializers.CharField(help_text="DEPOSIT or GATEWAY.")
    status = serializers.CharField(help_text="PENDING, SUCCEEDED, FAILED or REFUNDED.")
    amount = serializers.DecimalField(max_digits=12, decimal_places=2, help_text="HKD")
    receipt_number = receipt_number_field()


class CertificationRequestSerializer(serializers.Serializer):
    """A request for the certification of a translation."""

    id = serializers.IntegerField()
    reference = serializers.CharField(help_text="What the applicant quotes, e.g. T2026-00000042.")
    status = serializers.CharField(
        help_text="AWAITING_PAYMENT, SUBMITTED (awaiting the registry), CERTIFIED, REJECTED or "
        "WITHDRAWN."
    )
    status_label = serializers.CharField(source="get_status_display")
    case = serializers.IntegerField(source="case_id")
    case_number = serializers.CharField(source="case.number")
    applicant = serializers.CharField(source="account.login_name")
    source_document = serializers.IntegerField(
        source="source_document_id",
        allow_null=True,
        help_text="The document of the case's file translated; null for an uploaded source.",
    )
    source_title = serializers.CharField()
    source_sha256 = serializers.CharField(help_text="SHA256 of an uploaded source; else empty.")
    source_language = serializers.CharField(help_text="en or zh.")
    target_language = serializers.CharField(help_text="en or zh: the other one.")
    translation_sha256 = serializers.CharField()
    pages = serializers.IntegerField(help_text="Pages of the translation; the fee is per page.")
    fee = serializers.DecimalField(max_digits=10, decimal_places=2, help_text="HKD")
    currency = serializers.SerializerMethodField()
    fee_payment = serializers.CharField(help_text="DEPOSIT or GATEWAY.")
    created_at = serializers.DateTimeField()
    submitted_at = serializers.DateTimeField(
        allow_null=True, help_text="When it reached the registry (paid)."
    )
    decided_at = serializers.DateTimeField(allow_null=True)
    reasons = serializers.CharField(help_text="Why it was rejected; empty otherwise.")
    certified_document = serializers.IntegerField(
        source="certified_document_id",
        allow_null=True,
        help_text="Once certified: the issued document in the case's file (documents API).",
    )
    certified_drn = serializers.SerializerMethodField()
    payments = serializers.SerializerMethodField()

    @extend_schema_field(serializers.CharField())
    def get_currency(self, _request):
        return "HKD"

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_certified_drn(self, found):
        return found.certified_document.display_drn if found.certified_document_id else None

    @extend_schema_field(CertificationPaymentSerializer(many=True))
    def get_payments(self, found):
        known = self.context.get("payments")
        payments = (
            known.get(found.reference, [])
            if known is not None
            else selectors.request_payments(found)
        )
        return CertificationPaymentSerializer(payments, many=True).data


class CertificationApplyInput(serializers.Serializer):
    """An application: the translation of a document of the case's file (`source_document`)
    or of an uploaded `source_file` with its `source_title`."""

    case = serializers.IntegerField(
        min_value=1, max_value=ID_MAX, help_text="The case's id: one of your cases."
    )
    source_document = serializers.IntegerField(
        required=False,
        allow_null=True,
        min_value=1,
        max_value=ID_MAX,
        help_text="A document of the case's file.",
    )
    source_file = serializers.FileField(
        required=False, help_text="Or the source as a PDF (with source_title)."
    )
    source_title = serializers.CharField(
        required=False, allow_blank=True, max_length=services.SOURCE_TITLE_MAX
    )
    source_language = serializers.ChoiceField(choices=Language.choices)
    target_language = serializers.ChoiceField(choices=Language.choices)
    translation_file = serializers.FileField(help_text="The translation, a PDF.")
    pay_by = serializers.ChoiceField(
        choices=[FeePayment.DEPOSIT, FeePayment.GATEWAY],
        help_text="DEPOSIT (an OU: the organization's deposit account) or GATEWAY (card, FPS).",
    )


class AppliedSerializer(serializers.Serializer):
    """The request, and where to pay by card or FPS (empty when paid)."""

    request = CertificationRequestSerializer()
    payment_url = serializers.CharField(help_text="The payment service's page; empty if paid.")


class CertificationPaymentUrlSerializer(serializers.Serializer):
    """Where to pay the fee by card or FPS."""

    payment_url = serializers.CharField(help_text="The payment service's page.")


class CertificationFilterInput(serializers.Serializer):
    """Narrow the list to one status."""

    status = serializers.ChoiceField(
        choices=["", *CertificationStatus.values], required=False, default=""
    )


class StaffCertificationFilterInput(serializers.Serializer):
    """The queue, or the decided requests."""

    status = serializers.ChoiceField(
        choices=["", "DECIDED", *selectors.DECIDED],
        required=False,
        default="",
        help_text="Empty: the queue, oldest first; DECIDED or one decision: newest first.",
    )


class CertificationRejectInput(serializers.Serializer):
    """The reasons for rejecting a request."""

    reasons = serializers.CharField(max_length=REASONS_MAX, help_text="The applicant reads them.")


def _one(request, found_id):
    found = selectors.request_for(actor=request.user, request_id=found_id)
    return Response(CertificationRequestSerializer(found).data)


def _many(rows):
    payments = selectors.requests_payments(rows)
    return capped_list_response(
        CertificationRequestSerializer(rows, many=True, context={"payments": payments}).data,
        rows,
    )


# --- the applicant -------------------------------------------------------------------------------


class CertificationListApi(ApiView):
    """Your requests for the certification of translations (an OU's and IU's own; a PA's or
    SA's, its organization's), newest first; and applying for one in one of your cases (IU
    linked to it, OU assigned to it). The fee is per page of the translation: from the deposit
    account at once (an OU), or by card or FPS at `payment_url`, after which the request
    awaits the payment service's confirmation. Bad files are refused with nothing stored."""

    required_capabilities = {"GET": _VIEW, "POST": _APPLY}
    parser_classes = [MultiPartParser, FormParser]

    @extend_schema(
        parameters=[CertificationFilterInput, LIST_TOTAL],
        responses={
            200: CertificationRequestSerializer(many=True),
            **error_responses(400, 401, 403),
        },
        operation_id="translations_list",
    )
    def get(self, request):
        data = CertificationFilterInput(data=request.query_params)
        data.is_valid(raise_exception=True)
        return _many(
            capped(selectors.requests_of(actor=request.user, status=data.validated_data["status"]))
        )

    @extend_schema(
        request={"multipart/form-data": CertificationApplyInput},
        responses={201: AppliedSerializer, **error_responses(400, 401, 403, 404, 409, 503)},
        operation_id="translations_apply",
    )
    @idempotent
    def post(self, request):
        data = CertificationApplyInput(data=request.data)
        data.is_valid(raise_exception=True)
        fields = data.validated_data
        applied = services.certification_apply(
            actor=request.user,
            case_id=fields["case"],
            translation_file=fields["translation_file"],
            source_language=fields["source_language"],
            target_language=fields["target_language"],
            source_document_id=fields.get("source_document"),
            source_file=fields.get("source_file"),
            source_title=fields.get("source_title", ""),
            pay_by=fields["pay_by"],
            language=translation.get_language(),
        )
        return Response(
            {
                "request": CertificationRequestSerializer(applied.request).data,
                "payment_url": applied.payment_url,
            },
            status=status.HTTP_201_CREATED,
        )


class CertificationApi(ApiView):
    """One of the requests you may see."""

    required_capabilities = {"GET": _VIEW}

    @extend_schema(
        responses={200: CertificationRequestSerializer, **error_responses(401, 403, 404)},
        operation_id="translations_retrieve",
    )
    def get(self, request, request_id):
        return _one(request, request_id)


class CertificationWithdrawApi(ApiView):
    """Withdraw your request before the registry decides; a paid fee is refunded at once.
    409 once decided or withdrawn."""

    required_capabilities = {"POST": _APPLY}

    @extend_schema(
        request=None,
        responses={200: CertificationRequestSerializer, **error_responses(401, 403, 404, 409)},
        operation_id="translations_withdraw",
    )
    def post(self, request, request_id):
        services.certification_withdraw(actor=request.user, request_id=request_id)
        return _one(request, request_id)


class CertificationPayApi(ApiView):
    """Pay again, by card or FPS, the fee of your request still awaiting payment. 409 when it
    is not awaiting payment."""

    required_capabilities = {"POST": _APPLY}

    @extend_schema(
        request=None,
        responses={
            200: CertificationPaymentUrlSerializer,
            **error_responses(401, 403, 404, 409, 503),
        },
        operation_id="translations_pay",
    )
    @idempotent
    def post(self, request, request_id):
        url = services.certification_pay(
            actor=request.user, request_id=request_id, language=translation.get_language()
        )
        return Response({"payment_url": url})


class CertificationFileApi(ApiView):
    """A request's source document or its translation, as a PDF: for the applicant and the
    registry (which reads both before certifying). A PA or SA follows its organization's
    requests but does not read their files (403). The certified translation, once issued, is
    a document of the case (`/api/v1/cases/{case_id}/documents/`)."""

    required_capabilities = {"GET": _VIEW}
    content_negotiation_class = FileOrJsonError

    @extend_schema(
        parameters=[
            OpenApiParameter(
                "which",
                OpenApiTypes.STR,
                OpenApiParameter.PATH,
                enum=list(selectors.FILES),
                description="`source` (the document translated) or `translation`.",
            )
        ],
        responses={(200, "application/pdf"): OpenApiTypes.BINARY, **error_responses(401, 403, 404)},
        operation_id="translations_file_download",
    )
    def get(self, request, request_id, which):
        return file_response(
            selectors.request_file(actor=request.user, request_id=request_id, which=which)
        )


# --- the registry --------------------------------------------------------------------------------


class StaffCertificationListApi(ApiView):
    """The paid requests awaiting the registry, oldest first (at most 200); or, with
    `status`, the decided ones, newest decision first."""

    required_capabilities = {"GET": _PROCESS}

    @extend_schema(
        parameters=[StaffCertificationFilterInput, LIST_TOTAL],
        responses={
            200: CertificationRequestSerializer(many=True),
            **error_responses(400, 401, 403),
        },
        operation_id="backoffice_translations_list",
    )
    def get(self, request):
        data = StaffCertificationFilterInput(data=request.query_params)
        data.is_valid(raise_exception=True)
        wanted = data.validated_data["status"]
        if wanted == "":
            return _many(selectors.registry_queue(actor=request.user))
        return _many(
            selectors.decided_requests(
                actor=request.user, status="" if wanted == "DECIDED" else wanted
            )
        )


class StaffCertificationCertifyApi(ApiView):
    """Certify a translation: it is issued to the case as "Certified translation of <title>",
    every page stamped with a new Document Reference Number and a QR code, and delivered to
    the Message Boxes of the case's recipients. 409 when already decided or withdrawn, or when
    no account would receive it."""

    required_capabilities = {"POST": _PROCESS}

    @extend_schema(
        request=None,
        responses={200: CertificationRequestSerializer, **error_responses(401, 403, 404, 409)},
        operation_id="backoffice_translation_certify",
    )
    def post(self, request, request_id):
        services.certification_certify(actor=request.user, request_id=request_id)
        return _one(request, request_id)


class StaffCertificationRejectApi(ApiView):
    """Reject a request with reasons (required), which the applicant reads in its Message
    Box; the fee is refunded at once. 409 when already decided or withdrawn."""

    required_capabilities = {"POST": _PROCESS}

    @extend_schema(
        request=CertificationRejectInput,
        responses={200: CertificationRequestSerializer, **error_responses(400, 401, 403, 404, 409)},
        operation_id="backoffice_translation_reject",
    )
    def post(self, request, request_id):
        data = CertificationRejectInput(data=request.data)
        data.is_valid(raise_exception=True)
        services.certification_reject(
            actor=request.user, request_id=request_id, **data.validated_data
        )
        return _one(request, request_id)
