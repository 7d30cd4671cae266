"""The back office's API for applications: the work queues, an application with what the
officers see, the vetting actions (REG-8), identity authentication (IDA-2), the key-in of paper
applications (GEN-6) and the supporting documents."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field
from rest_framework import generics, serializers
from rest_framework.pagination import PageNumberPagination
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response

from accounts.models import IdentityDocumentType
from core.api import ApiView, FileOrJsonError, error_responses
from core.downloads import protected_file_response
from core.forms import REASONS_MAX
from permissions.roles import Capability
from registration import selectors, services
from registration.api import (
    ApplicantViewSerializer,
    ApplicationInput,
    CaseSerializer,
    OrganizationApplicationInput,
    ReplacementApplicationInput,
    SubmittedSerializer,
    submit_from_api,
)
from registration.models import (
    PAPER_CHANNEL_CHOICES,
    REPLACEMENT_CHANNEL_CHOICES,
    ApplicationType,
    AuthenticationMode,
    Counter,
)


class PaperApplicationInput(ApplicationInput):
    """An application received on paper, keyed in by the Help Centre: as online, plus the
    channel, the date received and the scanned application form."""

    channel = serializers.ChoiceField(choices=PAPER_CHANNEL_CHOICES)
    received_on = serializers.DateField(
        # GEN-6, REG-8
        help_text="The date the court received the application by fax, post or hand "
        "(Hong Kong date, not in the future). Vetting is due 3 working days after it."
    )
    scanned_application_form = serializers.FileField()


class PaperOrganizationApplicationInput(OrganizationApplicationInput):
    """A PA application received on paper, keyed in by the Help Centre: as online, plus the
    channel, the date received and the scanned application form."""

    channel = serializers.ChoiceField(choices=PAPER_CHANNEL_CHOICES)
    received_on = serializers.DateField(
        help_text="The date the court received the application (Hong Kong date, not in the "
        "future). Vetting is due 3 working days after it."
    )
    scanned_application_form = serializers.FileField()


class PaperReplacementApplicationInput(ReplacementApplicationInput):
    """An organization's request for a replacement PA received by email, fax, post or hand
    [A51], keyed in by the Help Centre, with the request itself as the scanned form."""

    channel = serializers.ChoiceField(choices=REPLACEMENT_CHANNEL_CHOICES)
    received_on = serializers.DateField(
        help_text="The date the court received the request (Hong Kong date, not in the "
        "future). Vetting is due 3 working days after it."
    )
    scanned_application_form = serializers.FileField(
        help_text="The request as received (e.g. the email, printed to PDF)."
    )


class DocumentSerializer(serializers.Serializer):
    """A supporting document: its kind and what was uploaded (download it by its id)."""

    id = serializers.IntegerField()
    kind = serializers.CharField()
    original_name = serializers.CharField()
    content_type = serializers.CharField()
    size = serializers.IntegerField()
    sha256 = serializers.CharField()


class StaffApplicationSerializer(ApplicantViewSerializer):
    """An application with everything the vetting and counter officers see."""

    id = serializers.IntegerField()
    channel = serializers.CharField()
    received_on = serializers.DateField(help_text="The date the court received it.")
    surname = serializers.CharField()
    given_name = serializers.CharField()
    id_document_type = serializers.CharField()
    id_document_number = serializers.CharField()
    address = serializers.CharField()
    phone = serializers.CharField()
    email = serializers.CharField()
    email_already_registered = serializers.BooleanField()
    application_type = serializers.CharField(
        help_text="IU, PA (a new organization account) or PA_REPLACEMENT (a new PA for an "
        "organization that has an account)."
    )
    organization_name = serializers.CharField()
    organization_type = serializers.CharField()
    organization_registration_document_type = serializers.CharField()
    organization_registration_document_number = serializers.CharField()
    organization_address = serializers.CharField()
    organization_code = serializers.CharField(
        source="organization.code",
        default=None,
        allow_null=True,
        help_text="The organization's Organization Code: for a replacement, the organization "
        "applying; for a PA application, once identity is authenticated.",
    )
    replacement_reasons = serializers.CharField()
    eligibility = serializers.CharField()
    eligibility_reason = serializers.CharField()
    prospective_litigant = serializers.BooleanField()
    cases = CaseSerializer(many=True)
    documents = DocumentSerializer(many=True)
    account_login_name = serializers.CharField(
        source="account.login_name", default=None, allow_null=True
    )
    actions = serializers.SerializerMethodField(
        help_text="What the requesting officer may do with the application now, e.g. "
        '["mark_in_order", "request_information", "reject"]; any other action is answered '
        "with 409 (invalid_state) or 403."
    )

    def get_actions(self, obj) -> list[str]:
        request = self.context.get("request")
        if request is None:
            return []
        return sorted(selectors.application_actions(actor=request.user, application=obj))


class QueueSearchInput(serializers.Serializer):
    """The search of the identity authentication queue."""

    q = serializers.CharField(
        required=False,
        allow_blank=True,
        trim_whitespace=False,
        default="",
        max_length=100,
        help_text="Authentication queue: a reference or document number.",
    )


class QueuePagination(PageNumberPagination):
    page_size_query_param = "page_size"
    max_page_size = 200


# GET: REG-8, IDA-1; POST: GEN-6.
class StaffApplicationListApi(ApiView, generics.GenericAPIView):
    """GET: a work queue, a page at a time: `vetting`, the applications to vet, the earliest
    due first; or `authentication`, the applications in order whose applicants are to
    authenticate identity at a counter, searchable by reference or identity document number.
    POST (Help Centre): key in an application received by fax, post or hand."""

    serializer_class = StaffApplicationSerializer
    pagination_class = QueuePagination
    parser_classes = [MultiPartParser, FormParser]
    required_capabilities = {"POST": Capability.KEY_IN_PAPER_APPLICATION}

    def get_queryset(self):
        params = self.request.query_params
        if params.get("queue") == "authentication":
            search = QueueSearchInput(data=params)
            search.is_valid(raise_exception=True)  # e.g. a NUL character in q
            queue = selectors.authentication_queue(
                actor=self.request.user, search=search.validated_data["q"]
            )
        else:
            queue = selectors.vetting_queue(actor=self.request.user)
        return queue.select_related("account", "organization").prefetch_related(
            "cases", "documents", "information_requests"
        )

    @extend_schema(
        parameters=[
            OpenApiParameter("queue", enum=["vetting", "authentication"], default="vetting"),
            QueueSearchInput,
        ],
        responses={
            200: StaffApplicationSerializer(many=True),
            **error_responses(400, 401, 403, 404),
        },
        operation_id="backoffice_applications_list",
    )
    def get(self, request):
        # Each row carries the particulars the application's own page shows: each read is
        # recorded, as there (OPS-2).
        page = services.applications_listed_for_staff(
            actor=request.user,
            applications=self.paginate_queryset(self.get_queryset()),
            via="api_list",
        )
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    @extend_schema(
        request={"multipart/form-data": PaperApplicationInput},
        responses={201: SubmittedSerializer, **error_responses(400, 401, 403, 409, 413)},
        operation_id="backoffice_application_key_in",
    )
    def post(self, request):
        return submit_from_api(request, PaperApplicationInput, actor=request.user)


# GEN-6, REG-7.
class StaffOrganizationApplicationKeyInApi(ApiView):
    """Key in a PA application for an organization account received by fax, post or hand."""

    parser_classes = [MultiPartParser, FormParser]
    required_capabilities = {"POST": Capability.KEY_IN_PAPER_APPLICATION}

    @extend_schema(
        request={"multipart/form-data": PaperOrganizationApplicationInput},
        responses={201: SubmittedSerializer, **error_responses(400, 401, 403, 409, 413)},
        operation_id="backoffice_organization_application_key_in",
    )
    def post(self, request):
        return submit_from_api(
            request,
            PaperOrganizationApplicationInput,
            actor=request.user,
            application_type=ApplicationType.PA,
        )


# GEN-6, ORG-8.
class StaffReplacementApplicationKeyInApi(ApiView):
    """Key in an organization's request for a replacement PA received by email, fax, post or
    hand [A51]."""

    parser_classes = [MultiPartParser, FormParser]
    required_capabilities = {"POST": Capability.KEY_IN_PAPER_APPLICATION}

    @extend_schema(
        request={"multipart/form-data": PaperReplacementApplicationInput},
        responses={201: SubmittedSerializer, **error_responses(400, 401, 403, 413)},
        operation_id="backoffice_pa_replacement_application_key_in",
    )
    def post(self, request):
        return submit_from_api(
            request,
            PaperReplacementApplicationInput,
            actor=request.user,
            application_type=ApplicationType.PA_REPLACEMENT,
        )


class ListedCaseCheckSerializer(serializers.Serializer):
    """A case listed in the application, and what the court's records say of it now."""

    case_number = serializers.CharField(source="case.case_number")
    party_type = serializers.CharField(source="case.party_type")
    result = serializers.CharField(
        source="check.linkability",
        help_text="linkable, not_e_enabled, disposed, unknown or not_a_case_number. Only a "
        "linkable case is sent to the registry when the account opens.",
    )
    detail = serializers.CharField(source="message", help_text="The same, in words.")


class StaffApplicationDetailSerializer(StaffApplicationSerializer):
    """An application with everything the vetting and counter officers see, and what the
    court's records say of each listed case."""

    listed_cases = serializers.SerializerMethodField()

    @extend_schema_field(ListedCaseCheckSerializer(many=True))
    def get_listed_cases(self, obj):
        return ListedCaseCheckSerializer(selectors.listed_case_checks(obj), many=True).data


class StaffApplicationDetailApi(ApiView):
    """An application with everything the vetting and counter officers see, the actions
    the requesting officer may take on it now, and whether each listed case can be linked."""

    @extend_schema(
        responses={200: StaffApplicationDetailSerializer, **error_responses(401, 403, 404)},
        operation_id="backoffice_application_retrieve",
    )
    def get(self, request, pk):
        application = services.application_read_for_staff(
            actor=request.user, application_id=pk, via="api"
        )
        return Response(
            StaffApplicationDetailSerializer(application, context={"request": request}).data
        )


def _staff_result(request, pk):
    application = selectors.application_for_staff(actor=request.user, application_id=pk)
    return Response(StaffApplicationSerializer(application, context={"request": request}).data)


# REG-8, IDA-1.
class MarkInOrderApi(ApiView):
    """Mark the application in order; the applicant is emailed to authenticate identity at a
    counter within 30 calendar days."""

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
    """What the applicant is asked to send or explain."""

    message = serializers.CharField(max_length=REASONS_MAX)


# REG-8.
class RequestInformationApi(ApiView):
    """Ask the applicant for more information; the applicant is emailed the request."""

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
    """The reasons for the rejection, which the applicant is sent."""

    reasons = serializers.CharField(max_length=REASONS_MAX)


# REG-8.
class RejectApi(ApiView):
    """Reject the application with reasons; the applicant is emailed them."""

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
    """What the counter officer saw: the applicant's identity document or, for a
    representative, the representative's document, the letter of authorization and a copy of
    the applicant's document."""

    counter = serializers.ChoiceField(choices=Counter.choices)
    mode = serializers.ChoiceField(choices=AuthenticationMode.choices)
    presented_document_type = serializers.ChoiceField(choices=IdentityDocumentType.choices)
    presented_document_number = serializers.CharField(max_length=40)
    representative_name = serializers.CharField(
        required=False, allow_blank=True, default="", max_length=200
    )
    representative_document_type = serializers.ChoiceField(
        choices=IdentityDocumentType.choices, required=False, allow_blank=True, default=""
    )
    representative_document_number = serializers.CharField(
        required=False, allow_blank=True, default="", max_length=40
    )
    authorization_letter_seen = serializers.BooleanField(default=False)
    applicant_document_copy_seen = serializers.BooleanField(default=False)


# IDA-2, IDA-4.
class RecordAuthenticationApi(ApiView):
    """Record that the applicant's identity was authenticated at a counter. The account is
    opened and its login name and activation code are emailed to the applicant."""

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


# REG-4, REG-8.
class StaffDocumentDownloadApi(ApiView):
    """A supporting document of an application, for the staff who vet or key in
    applications: the file as uploaded, with its content type (judged by its content) and
    original file name."""

    required_capabilities = {"GET": Capability.VIEW_APPLICATIONS}
    content_negotiation_class = FileOrJsonError

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
        document = services.supporting_document_read_for_staff(
            actor=request.user, document_id=pk, via="api_document"
        )
        return protected_file_response(
            document.file, content_type=document.content_type, filename=document.original_name
        )
