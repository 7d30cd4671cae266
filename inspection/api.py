"""/api/v1/ operations of the public search of documents open to inspection and their paid
inspection (SVC-2, GEN-3, SVC-4), without login; and the registry's setting on a case. The
same selectors and services as the pages."""

from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.exceptions import Throttled
from rest_framework.permissions import AllowAny
from rest_framework.response import Response

from cases.selectors.registry import registry_case
from core import ratelimit
from core.api import ApiView, FileOrJsonError, error_responses
from documents.views import issued_file_response
from inspection import selectors, services
from inspection.views import SEARCH_SCOPE
from payments.api import PaymentSerializer
from payments.fees import PUBLIC_SEARCH_FEE_HKD
from permissions.roles import Capability


class PublicSearchInput(serializers.Serializer):
    """What to search for: at least one of the case number, the party's name, the type of
    document and the dates."""

    case_number = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=selectors.TEXT_MAX,
        help_text="The whole number (DCPI 1234/2025, any spelling) or a part of it.",
    )
    party_name = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=selectors.TEXT_MAX,
        help_text="Any part of a party's name; letter case and spaces do not matter.",
    )
    document_type = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=40,
        help_text="A document type's code open to public inspection (ORDER, WRIT, ...).",
    )
    date_from = serializers.DateField(required=False, help_text="Inclusive, Hong Kong date.")
    date_to = serializers.DateField(required=False, help_text="Inclusive, Hong Kong date.")
    page = serializers.IntegerField(
        required=False,
        min_value=1,
        max_value=selectors.MAX_PAGE,
        help_text=f"From 1; {selectors.PAGE_SIZE} results a page.",
    )


class PublicDocumentSerializer(serializers.Serializer):
    """A document open to public inspection, as the search shows it, and nothing more."""

    id = serializers.IntegerField(help_text="For its paid inspection.")
    case_number = serializers.CharField()
    case_title = serializers.CharField()
    title = serializers.CharField()
    document_type = serializers.CharField(source="type_code")
    document_type_label = serializers.CharField(source="type_label")
    dated_at = serializers.DateTimeField()


class PublicSearchSerializer(serializers.Serializer):
    """A page of results, newest first."""

    page = serializers.IntegerField()
    results = PublicDocumentSerializer(many=True)
    next = serializers.CharField(allow_null=True, help_text="The next page's address, if any.")
    previous = serializers.CharField(allow_null=True)


class InspectionStartedSerializer(serializers.Serializer):
    """The search fee's payment for one document's inspection: send the payer to
    `payment_url`. Once the gateway has confirmed it, `token` opens the document at
    `download_url` until the inspection's link expires. Keep the token: it is the only way to
    the document (and to the payment's receipt)."""

    payment = PaymentSerializer()
    payment_url = serializers.URLField(help_text="The payment gateway's page.")
    token = serializers.CharField()
    status_url = serializers.CharField(help_text="The payment's status, with the token.")
    download_url = serializers.CharField(help_text="The document, once paid, with the token.")


class CaseInspectionSerializer(serializers.Serializer):
    """Whether the registry has closed the case to the public, and why."""

    case = serializers.IntegerField(source="case_id")
    closed = serializers.BooleanField()
    reasons = serializers.CharField(allow_blank=True)
    set_by = serializers.CharField(source="set_by.login_name", allow_null=True)
    set_at = serializers.DateTimeField(allow_null=True)


class CaseInspectionInput(serializers.Serializer):
    """Close the case to the public (closed true, with reasons) or open it again."""

    closed = serializers.BooleanField()
    reasons = serializers.CharField(
        required=False, allow_blank=True, max_length=1000, help_text="Required to close."
    )


def _page_url(request, page: int) -> str:
    query = request.query_params.copy()
    query["page"] = str(page)
    return request.build_absolute_uri(request.path) + "?" + query.urlencode()


class PublicDocumentSearchApi(ApiView):
    """Search the documents open to public inspection, without login: by case number, by a
    party's name, by type of document, between two dates. Only documents open to the public,
    in cases the registry has not closed, are ever found. Every request counts against 120 an
    hour from one address (429 throttled beyond)."""

    authentication_classes = []
    permission_classes = [AllowAny]

    @extend_schema(
        parameters=[PublicSearchInput],
        responses={200: PublicSearchSerializer, **error_responses(400, 429)},
        operation_id="public_documents_search",
    )
    def get(self, request):
        address = ratelimit.client_address(request)
        if not ratelimit.allow(scope=SEARCH_SCOPE, key=address):
            raise Throttled(wait=ratelimit.retry_after(scope=SEARCH_SCOPE, key=address))
        data = PublicSearchInput(data=request.query_params)
        data.is_valid(raise_exception=True)
        found = selectors.public_search(**data.validated_data)
        return Response(
            PublicSearchSerializer(
                {
                    "page": found.page,
                    "results": found.results,
                    "next": _page_url(request, found.page + 1) if found.has_next else None,
                    "previous": _page_url(request, found.page - 1) if found.has_previous else None,
                }
            ).data
        )


class InspectionStartApi(ApiView):
    """Start paying the search fee for the inspection of one document open to public
    inspection, by card or FPS, without login. A document not open to public inspection is
    not found (404), whatever its id."""

    authentication_classes = []
    permission_classes = [AllowAny]
    throttle_scope = "public_payment"

    @extend_schema(
        request=None,
        responses={201: InspectionStartedSerializer, **error_responses(404, 429)},
        operation_id="public_document_inspection_start",
        description=f"The search fee is HK${PUBLIC_SEARCH_FEE_HKD:,.2f}.",
    )
    def post(self, request, document_id):
        payment, payment_url, token = services.inspection_start(
            actor=request.user, document_id=document_id, language=request.LANGUAGE_CODE
        )
        body = {
            "payment": payment,
            "payment_url": payment_url,
            "token": token,
            "status_url": request.build_absolute_uri(
                reverse("api-payment-by-token", kwargs={"token": token})
            ),
            "download_url": request.build_absolute_uri(
                reverse("api-document-inspect", kwargs={"token": token})
            ),
        }
        return Response(InspectionStartedSerializer(body).data, status=status.HTTP_201_CREATED)


class InspectionDownloadApi(ApiView):
    """The document a search fee paid for, as a PDF, with the payment's token: not found for
    any other token; 409 not_paid before the gateway confirms the payment; 410 link_expired
    once the inspection has ended, or not_open_to_inspection if the document is no longer
    open to the public."""

    authentication_classes = []
    permission_classes = [AllowAny]
    content_negotiation_class = FileOrJsonError

    @extend_schema(
        responses={
            (200, "application/pdf"): OpenApiTypes.BINARY,
            **error_responses(404, 409, 410),
        },
        operation_id="public_document_inspect",
    )
    def get(self, request, token):
        return issued_file_response(selectors.inspection_document(token=token))


class CaseInspectionApi(ApiView):
    """Registry clerks: whether a case is closed to the public (every document of it hidden
    from the public search and from inspection, even paid for), and closing or opening it,
    with reasons to close. Audited."""

    required_capabilities = {"GET": Capability.RUN_REGISTRY, "PUT": Capability.RUN_REGISTRY}

    def _body(self, case, row):
        return CaseInspectionSerializer(
            row
            or {"case_id": case.pk, "closed": False, "reasons": "", "set_by": None, "set_at": None}
        ).data

    @extend_schema(
        responses={200: CaseInspectionSerializer, **error_responses(401, 403, 404)},
        operation_id="backoffice_case_public_inspection",
    )
    def get(self, request, case_id):
        case = registry_case(actor=request.user, case_id=case_id)
        return Response(self._body(case, selectors.case_inspection(actor=request.user, case=case)))

    @extend_schema(
        request=CaseInspectionInput,
        responses={200: CaseInspectionSerializer, **error_responses(400, 401, 403, 404)},
        operation_id="backoffice_case_public_inspection_set",
    )
    def put(self, request, case_id):
        case = registry_case(actor=request.user, case_id=case_id)
        data = CaseInspectionInput(data=request.data)
        data.is_valid(raise_exception=True)
        row = services.case_inspection_set(
            actor=request.user,
            case_id=case.pk,
            closed=data.validated_data["closed"],
            reasons=data.validated_data.get("reasons", ""),
        )
        return Response(self._body(case, row))
