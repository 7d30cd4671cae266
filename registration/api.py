import json
from contextlib import contextmanager

from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, serializers, status
from rest_framework.negotiation import BaseContentNegotiation
from rest_framework.pagination import PageNumberPagination
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.permissions import AllowAny
from rest_framework.response import Response

from accounts.models import IdentityDocumentType, Language
from accounts.roles import Capability
from core.api import ApiView, error_responses
from core.errors import ValidationFailed
from registration import selectors, services, validation
from registration.models import (
    DOCUMENT_ERROR_FIELDS,
    DOCUMENT_UPLOAD_FIELDS,
    AuthenticationMode,
    Channel,
    Counter,
    Eligibility,
    PartyType,
)
from registration.views import supporting_document_response


@contextmanager
def _errors_named_as_api_fields():
    """The services name a document's errors by its kind ("documents-SCANNED_FORM"); an API
    client knows the multipart field it sent ("scanned_application_form")."""
    try:
        yield
    except ValidationFailed as exc:
        renamed: dict = {}
        for key, messages in exc.errors.items():
            renamed.setdefault(DOCUMENT_ERROR_FIELDS.get(key, key), []).extend(messages)
        exc.errors = renamed
        raise


class CaseSerializer(serializers.Serializer):
    case_number = serializers.CharField(help_text="e.g. DCPI 1234/2025")
    party_type = serializers.ChoiceField(choices=PartyType.choices)


class ApplicationInput(serializers.Serializer):
    surname = serializers.CharField(max_length=100)
    given_name = serializers.CharField(max_length=100)
    id_document_type = serializers.ChoiceField(choices=IdentityDocumentType.choices)
    id_document_number = serializers.CharField(max_length=40)
    address = serializers.CharField(max_length=500)
    phone = serializers.CharField(max_length=40)
    email = serializers.CharField(max_length=254)
    language = serializers.ChoiceField(choices=Language.choices, default=Language.EN)
    eligibility = serializers.ChoiceField(
        choices=Eligibility.choices,
        default=Eligibility.PARTY,
        help_text="REG-1: a party acting in person, or another person with a reason.",
    )
    eligibility_reason = serializers.CharField(
        required=False, allow_blank=True, default="", max_length=2000
    )
    prospective_litigant = serializers.BooleanField(default=False)
    cases = serializers.CharField(
        required=False,
        default="[]",
        help_text='JSON list of {"case_number", "party_type"}, e.g. '
        '[{"case_number": "DCPI 1234/2025", "party_type": "PLAINTIFF"}]',
    )
    proof_of_involvement = serializers.FileField(required=False)
    draft_originating_document = serializers.FileField(required=False)


class PaperApplicationInput(ApplicationInput):
    channel = serializers.ChoiceField(
        choices=[c for c in Channel.choices if c[0] != Channel.ONLINE]
    )
    received_on = serializers.DateField(
        help_text="GEN-6: the date the court received the application by fax, post or hand "
        "(Hong Kong date, not in the future). Vetting is due 3 working days after it (REG-8)."
    )
    scanned_application_form = serializers.FileField()


class InformationRequestSerializer(serializers.Serializer):
    requested_at = serializers.DateTimeField()
    message = serializers.CharField()
    answered_at = serializers.DateTimeField(allow_null=True)
    answer = serializers.CharField()


class ApplicantViewSerializer(serializers.Serializer):
    """What the applicant sees of an application."""

    reference = serializers.CharField()
    status = serializers.CharField()
    status_display = serializers.CharField(source="get_status_display")
    submitted_at = serializers.DateTimeField()
    due_date = serializers.DateField()
    authentication_due = serializers.DateField(allow_null=True)
    filing_deadline = serializers.DateField(
        allow_null=True,
        help_text="REG-3: a prospective litigant's account is approved subject to filing an "
        "e-proceeding by this date.",
    )
    rejection_reasons = serializers.CharField()
    information_requests = InformationRequestSerializer(many=True)


class SubmittedSerializer(ApplicantViewSerializer):
    access_token = serializers.SerializerMethodField(
        help_text="Gives the applicant access to this application (status, supplement)."
    )
    warnings = serializers.SerializerMethodField()

    def get_access_token(self, obj) -> str:
        return services.application_access_token(obj)

    def get_warnings(self, obj) -> list[str]:
        return ["email_already_registered"] if obj.email_already_registered else []


class DocumentSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    kind = serializers.CharField()
    original_name = serializers.CharField()
    content_type = serializers.CharField()
    size = serializers.IntegerField()
    sha256 = serializers.CharField()


class StaffApplicationSerializer(ApplicantViewSerializer):
    id = serializers.IntegerField()
    channel = serializers.CharField()
    received_on = serializers.DateField(help_text="GEN-6: the date the court received it.")
    surname = serializers.CharField()
    given_name = serializers.CharField()
    id_document_type = serializers.CharField()
    id_document_number = serializers.CharField()
    address = serializers.CharField()
    phone = serializers.CharField()
    email = serializers.CharField()
    email_already_registered = serializers.BooleanField()
    eligibility = serializers.CharField()
    eligibility_reason = serializers.CharField()
    prospective_litigant = serializers.BooleanField()
    cases = CaseSerializer(many=True)
    documents = DocumentSerializer(many=True)
    account_login_name = serializers.CharField(
        source="account.login_name", default=None, allow_null=True
    )


def _parsed_cases(text: str) -> list[dict]:
    """`cases` arrives in the multipart body as a JSON string: a list of at most MAX_CASES
    objects, each as CaseSerializer describes it. Errors are named as the services name them
    ("cases-<row>-<field>")."""
    try:
        cases = json.loads(text or "[]")
        if not isinstance(cases, list) or not all(isinstance(c, dict) for c in cases):
            raise ValueError
    except ValueError:
        raise ValidationFailed(
            {"cases": [_("Give the cases as a JSON list of objects.")]}
        ) from None
    rows = CaseSerializer(data=cases, many=True, max_length=validation.MAX_CASES)
    if not rows.is_valid():
        errors = rows.errors
        # Per row (keyed by index, or a list with {} for good rows), or about the whole list.
        items = enumerate(errors) if isinstance(errors, list) else errors.items()
        named: dict = {}
        for key, value in items:
            if isinstance(value, dict):
                for field, messages in value.items():
                    named[f"cases-{key}-{field}"] = [str(m) for m in messages]
            else:
                named.setdefault("cases", []).extend(str(m) for m in value)
        raise ValidationFailed(named)
    return [dict(case) for case in rows.validated_data]


def _submit(request, input_class, *, actor):
    data = input_class(data=request.data)
    data.is_valid(raise_exception=True)
    values = dict(data.validated_data)
    cases = _parsed_cases(values.pop("cases"))
    documents = [
        (kind, values[field]) for kind, field in DOCUMENT_UPLOAD_FIELDS.items() if values.get(field)
    ]
    for field in DOCUMENT_UPLOAD_FIELDS.values():
        values.pop(field, None)
    channel = values.pop("channel", Channel.ONLINE)
    received_on = values.pop("received_on", None)
    prospective = values.pop("prospective_litigant")
    with _errors_named_as_api_fields():
        application = services.application_submit(
            particulars=values,
            cases=cases,
            documents=documents,
            prospective_litigant=prospective,
            channel=channel,
            received_on=received_on,
            actor=actor,
        )
    return Response(SubmittedSerializer(application).data, status=status.HTTP_201_CREATED)


class ApplicationSubmitApi(ApiView):
    """REG-2..6: apply online for an IU account (multipart, with the supporting documents)."""

    throttle_scope = "apply"

    permission_classes = [AllowAny]
    authentication_classes = []
    parser_classes = [MultiPartParser, FormParser]

    @extend_schema(
        request={"multipart/form-data": ApplicationInput},
        responses={201: SubmittedSerializer, **error_responses(400, 409, 429)},
        operation_id="application_submit",
    )
    def post(self, request):
        return _submit(request, ApplicationInput, actor=None)


class ApplicationStatusApi(ApiView):
    """The applicant's view of an application, by the access token from submission or email."""

    permission_classes = [AllowAny]
    authentication_classes = []

    @extend_schema(
        responses={200: ApplicantViewSerializer, **error_responses(404)},
        operation_id="application_status",
    )
    def get(self, request, token):
        return Response(
            ApplicantViewSerializer(selectors.application_from_access_token(token)).data
        )


class SupplementInput(serializers.Serializer):
    answer = serializers.CharField(required=False, allow_blank=True, default="")
    documents = serializers.ListField(child=serializers.FileField(), required=False, default=list)


class ApplicationSupplementApi(ApiView):
    """REG-8: the applicant answers a request for more information."""

    throttle_scope = "supplement"

    permission_classes = [AllowAny]
    authentication_classes = []
    parser_classes = [MultiPartParser, FormParser, JSONParser]

    @extend_schema(
        request={"multipart/form-data": SupplementInput},
        responses={200: ApplicantViewSerializer, **error_responses(400, 404, 409, 429)},
        operation_id="application_supplement",
    )
    def post(self, request, token):
        application = selectors.application_from_access_token(token)
        data = SupplementInput(data=request.data)
        data.is_valid(raise_exception=True)
        with _errors_named_as_api_fields():
            application = services.application_supplement(
                application_id=application.pk, **data.validated_data
            )
        return Response(ApplicantViewSerializer(application).data)


# --- back office --------------------------------------------------------------------------------


class QueuePagination(PageNumberPagination):
    page_size_query_param = "page_size"
    max_page_size = 200


class StaffApplicationListApi(ApiView, generics.GenericAPIView):
    """Work queues, a page at a time: `vetting` (REG-8, earliest due first) or
    `authentication` (IDA-1, searchable by reference or identity document number).
    POST keys in a paper application received by fax, post or hand (GEN-6, Help Centre)."""

    serializer_class = StaffApplicationSerializer
    pagination_class = QueuePagination
    parser_classes = [MultiPartParser, FormParser]
    required_capabilities = {"POST": Capability.KEY_IN_PAPER_APPLICATION}

    def get_queryset(self):
        params = self.request.query_params
        if params.get("queue") == "authentication":
            queue = selectors.authentication_queue(
                actor=self.request.user, search=params.get("q", "")
            )
        else:
            queue = selectors.vetting_queue(actor=self.request.user)
        return queue.select_related("account").prefetch_related(
            "cases", "documents", "information_requests"
        )

    @extend_schema(
        parameters=[
            OpenApiParameter("queue", enum=["vetting", "authentication"], default="vetting"),
            OpenApiParameter(
                "q", str, description="Authentication queue: a reference or document number."
            ),
        ],
        responses={200: StaffApplicationSerializer(many=True), **error_responses(401, 403, 404)},
        operation_id="backoffice_applications_list",
    )
    def get(self, request):
        page = self.paginate_queryset(self.get_queryset())
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    @extend_schema(
        request={"multipart/form-data": PaperApplicationInput},
        responses={201: SubmittedSerializer, **error_responses(400, 401, 403, 409)},
        operation_id="backoffice_application_key_in",
    )
    def post(self, request):
        return _submit(request, PaperApplicationInput, actor=request.user)


class StaffApplicationDetailApi(ApiView):
    """An application with everything the vetting and counter officers see (REG-8, IDA-2)."""

    @extend_schema(
        responses={200: StaffApplicationSerializer, **error_responses(401, 403, 404)},
        operation_id="backoffice_application_retrieve",
    )
    def get(self, request, pk):
        application = selectors.application_for_staff(actor=request.user, application_id=pk)
        return Response(StaffApplicationSerializer(application).data)


def _staff_result(request, pk):
    application = selectors.application_for_staff(actor=request.user, application_id=pk)
    return Response(StaffApplicationSerializer(application).data)


class MarkInOrderApi(ApiView):
    """REG-8, IDA-1: the application is in order; the applicant is asked to authenticate
    identity within 30 calendar days."""

    required_capabilities = {"POST": Capability.VET_APPLICATIONS}

    @extend_schema(
        request=None,
        responses={200: StaffApplicationSerializer, **error_responses(401, 403, 404, 409)},
        operation_id="backoffice_application_mark_in_order",
    )
    def post(self, request, pk):
        services.application_mark_in_order(actor=request.user, application_id=pk)
        return _staff_result(request, pk)


class RequestInformationInput(serializers.Serializer):
    message = serializers.CharField()


class RequestInformationApi(ApiView):
    """REG-8: ask the applicant for more information; the applicant is emailed."""

    required_capabilities = {"POST": Capability.VET_APPLICATIONS}

    @extend_schema(
        request=RequestInformationInput,
        responses={200: StaffApplicationSerializer, **error_responses(400, 401, 403, 404, 409)},
        operation_id="backoffice_application_request_information",
    )
    def post(self, request, pk):
        data = RequestInformationInput(data=request.data)
        data.is_valid(raise_exception=True)
        services.application_request_information(
            actor=request.user, application_id=pk, **data.validated_data
        )
        return _staff_result(request, pk)


class RejectInput(serializers.Serializer):
    reasons = serializers.CharField()


class RejectApi(ApiView):
    """REG-8: reject with reasons; the applicant is emailed them."""

    required_capabilities = {"POST": Capability.VET_APPLICATIONS}

    @extend_schema(
        request=RejectInput,
        responses={200: StaffApplicationSerializer, **error_responses(400, 401, 403, 404, 409)},
        operation_id="backoffice_application_reject",
    )
    def post(self, request, pk):
        data = RejectInput(data=request.data)
        data.is_valid(raise_exception=True)
        services.application_reject(actor=request.user, application_id=pk, **data.validated_data)
        return _staff_result(request, pk)


class AuthenticationInput(serializers.Serializer):
    counter = serializers.ChoiceField(choices=Counter.choices)
    mode = serializers.ChoiceField(choices=AuthenticationMode.choices)
    presented_document_type = serializers.ChoiceField(choices=IdentityDocumentType.choices)
    presented_document_number = serializers.CharField(max_length=40)
    representative_name = serializers.CharField(required=False, allow_blank=True, default="")
    representative_document_type = serializers.ChoiceField(
        choices=IdentityDocumentType.choices, required=False, allow_blank=True, default=""
    )
    representative_document_number = serializers.CharField(
        required=False, allow_blank=True, default=""
    )
    authorization_letter_seen = serializers.BooleanField(default=False)
    applicant_document_copy_seen = serializers.BooleanField(default=False)


class RecordAuthenticationApi(ApiView):
    """IDA-2: record identity authentication at a counter; opens the account (IDA-4)."""

    required_capabilities = {"POST": Capability.RECORD_IDENTITY_AUTHENTICATION}

    @extend_schema(
        request=AuthenticationInput,
        responses={200: StaffApplicationSerializer, **error_responses(400, 401, 403, 404, 409)},
        operation_id="backoffice_application_authenticate",
    )
    def post(self, request, pk):
        data = AuthenticationInput(data=request.data)
        data.is_valid(raise_exception=True)
        services.identity_authentication_record(
            actor=request.user, application_id=pk, **data.validated_data
        )
        return _staff_result(request, pk)


class _FileOrJsonError(BaseContentNegotiation):
    """A download is answered with the document's own type whatever the client accepts (no
    406 for "Accept: application/pdf"); an error is answered in JSON."""

    def select_parser(self, request, parsers):
        return parsers[0] if parsers else None

    def select_renderer(self, request, renderers, format_suffix=None):
        return renderers[0], renderers[0].media_type


class StaffDocumentDownloadApi(ApiView):
    """A supporting document of an application, for the staff who vet or key in applications
    (REG-4, REG-8): the file as uploaded, with its content type (judged by content) and
    original file name, as the back office page sends it."""

    required_capabilities = {"GET": Capability.VIEW_APPLICATIONS}
    content_negotiation_class = _FileOrJsonError

    @extend_schema(
        responses={
            (200, "application/pdf"): OpenApiTypes.BINARY,
            (200, "image/jpeg"): OpenApiTypes.BINARY,
            (200, "image/png"): OpenApiTypes.BINARY,
            **error_responses(401, 403, 404),
        },
        operation_id="backoffice_document_download",
    )
    def get(self, request, pk):
        document = selectors.supporting_document_for_staff(actor=request.user, document_id=pk)
        return supporting_document_response(document)
