"""/api/v1/backoffice/ operations for registry clerks: on the court policy (BEY-2), document
types with their fees and linking roles, and the file limits; and the review of e-filings
(SVC-1, CASE-3 (c)), the queue oldest first, the decided ones, a filing, accepting or rejecting
it, and its documents' files. The same services and selectors as the back office's pages;
every change audited."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import serializers, status
from rest_framework.response import Response

from cases.services.linking import LinkingDocument
from core.api import LIST_TOTAL, ApiView, FileOrJsonError, capped_list_response, error_responses
from core.idempotency import idempotent
from filing.models import FiledBy, FilingStatus
from filing.selectors import filings as filing_selectors
from filing.selectors import policy as selectors
from filing.services import filings as filing_services
from filing.services import policy as services
from filing.staff_views import filed_file_response
from payments.api import receipt_number_field
from permissions.roles import Capability

_MAINTAIN = Capability.MAINTAIN_COURT_POLICY


class StaffDocumentTypeSerializer(serializers.Serializer):
    """A document type as the registry keeps it."""

    id = serializers.IntegerField()
    proceeding_type = serializers.IntegerField(source="proceeding_type_id")
    proceeding_type_code = serializers.CharField(source="proceeding_type.code")
    code = serializers.CharField()
    name_en = serializers.CharField()
    name_zh = serializers.CharField()
    linking_role = serializers.CharField(help_text="Empty when it links nobody.")
    fee = serializers.DecimalField(max_digits=10, decimal_places=2, help_text="HKD")
    active = serializers.BooleanField(help_text="Whether it may be filed.")
    open_to_public_inspection = serializers.BooleanField(
        help_text="Whether its accepted documents are open to public inspection."
    )
    filed_by = serializers.ChoiceField(
        choices=FiledBy.choices, help_text="Which side of the proceedings files it."
    )
    counsel_may_file = serializers.BooleanField(
        help_text="Whether counsel instructed by the party's solicitors may file it (written "
        "submissions, skeleton arguments, lists of authorities)."
    )
    updated_at = serializers.DateTimeField()


class StaffFileLimitsSerializer(serializers.Serializer):
    """File limits: a proceeding type's own, or the default (proceeding_type null)."""

    proceeding_type = serializers.IntegerField(source="proceeding_type_id", allow_null=True)
    proceeding_type_code = serializers.CharField(
        source="proceeding_type.code", default=None, allow_null=True
    )
    max_file_bytes = serializers.IntegerField()
    max_pages = serializers.IntegerField()
    max_files = serializers.IntegerField()
    updated_at = serializers.DateTimeField()


_ROLES = [("", "none"), *LinkingDocument.choices]


class DocumentTypeFilterInput(serializers.Serializer):
    """Narrow the list."""

    proceeding_type = serializers.CharField(
        max_length=10, required=False, allow_blank=True, help_text="A code, e.g. DCPI."
    )


class DocumentTypeCreateInput(serializers.Serializer):
    """A new document type of a proceeding type."""

    proceeding_type = serializers.IntegerField(help_text="A proceeding type's id.")
    code = serializers.CharField(max_length=20, help_text="e.g. DEF")
    name_en = serializers.CharField(max_length=200, allow_blank=True)
    name_zh = serializers.CharField(max_length=200, allow_blank=True)
    linking_role = serializers.ChoiceField(choices=_ROLES, required=False, default="")
    fee = serializers.CharField(
        max_length=20, help_text='HKD with at most two decimal places, e.g. "630.00"; "0" if none.'
    )
    active = serializers.BooleanField(required=False, default=True)
    open_to_public_inspection = serializers.BooleanField(required=False, default=False)
    filed_by = serializers.ChoiceField(
        choices=FiledBy.choices, required=False, default=FiledBy.ANY_PARTY
    )
    counsel_may_file = serializers.BooleanField(required=False, default=False)


class DocumentTypeUpdateInput(serializers.Serializer):
    """What changes; the fields left out stay."""

    name_en = serializers.CharField(max_length=200, allow_blank=True, required=False)
    name_zh = serializers.CharField(max_length=200, allow_blank=True, required=False)
    linking_role = serializers.ChoiceField(choices=_ROLES, required=False)
    fee = serializers.CharField(max_length=20, required=False, help_text='e.g. "630.00"')
    active = serializers.BooleanField(required=False)
    open_to_public_inspection = serializers.BooleanField(required=False)
    filed_by = serializers.ChoiceField(choices=FiledBy.choices, required=False)
    counsel_may_file = serializers.BooleanField(required=False)


class FileLimitsInput(serializers.Serializer):
    """The limits."""

    max_file_bytes = serializers.IntegerField(help_text="The largest file, in bytes.")
    max_pages = serializers.IntegerField(help_text="The most pages in one file.")
    max_files = serializers.IntegerField(help_text="The most files in one filing.")


class DocumentTypeListApi(ApiView):
    """Every document type, inactive too, by proceeding type and code; and a new one: its
    proceeding type, code, names, fee (HKD, exact) and role in linking (whether its
    acceptance links the filer to the case)."""

    required_capabilities = {"GET": _MAINTAIN, "POST": _MAINTAIN}

    @extend_schema(
        parameters=[DocumentTypeFilterInput],
        responses={200: StaffDocumentTypeSerializer(many=True), **error_responses(400, 401, 403)},
        operation_id="staff_document_types_list",
    )
    def get(self, request):
        data = DocumentTypeFilterInput(data=request.query_params)
        data.is_valid(raise_exception=True)
        rows = selectors.staff_document_types(
            actor=request.user, proceeding_type=data.validated_data.get("proceeding_type", "")
        )
        return Response(StaffDocumentTypeSerializer(rows, many=True).data)

    @extend_schema(
        request=DocumentTypeCreateInput,
        responses={201: StaffDocumentTypeSerializer, **error_responses(400, 401, 403)},
        operation_id="staff_document_types_create",
    )
    @idempotent
    def post(self, request):
        data = DocumentTypeCreateInput(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        row = services.document_type_create(
            actor=request.user,
            proceeding_type_id=values.pop("proceeding_type"),
            **values,
        )
        return Response(StaffDocumentTypeSerializer(row).data, status=status.HTTP_201_CREATED)


class DocumentTypeApi(ApiView):
    """One document type; change its names, fee, linking role, or whether it may be filed
    (its code and proceeding type stay)."""

    required_capabilities = {"GET": _MAINTAIN, "PATCH": _MAINTAIN}

    @extend_schema(
        responses={200: StaffDocumentTypeSerializer, **error_responses(401, 403, 404)},
        operation_id="staff_document_types_retrieve",
    )
    def get(self, request, document_type_id):
        row = selectors.staff_document_type(actor=request.user, document_type_id=document_type_id)
        return Response(StaffDocumentTypeSerializer(row).data)

    @extend_schema(
        request=DocumentTypeUpdateInput,
        responses={200: StaffDocumentTypeSerializer, **error_responses(400, 401, 403, 404)},
        operation_id="staff_document_types_update",
    )
    def patch(self, request, document_type_id):
        selectors.staff_document_type(actor=request.user, document_type_id=document_type_id)
        data = DocumentTypeUpdateInput(data=request.data)
        data.is_valid(raise_exception=True)
        row = services.document_type_update(
            actor=request.user, document_type_id=document_type_id, **data.validated_data
        )
        return Response(StaffDocumentTypeSerializer(row).data)


class FileLimitsListApi(ApiView):
    """The file limits: the default row and each proceeding type's own."""

    required_capabilities = {"GET": _MAINTAIN}

    @extend_schema(
        responses={200: StaffFileLimitsSerializer(many=True), **error_responses(401, 403)},
        operation_id="staff_file_limits_list",
    )
    def get(self, request):
        rows = selectors.staff_file_limits(actor=request.user)
        return Response(StaffFileLimitsSerializer(rows, many=True).data)


class DefaultFileLimitsApi(ApiView):
    """Set the default file limits, for every proceeding type without its own: the largest
    file (at most the portal's 10 MiB), the most pages, the most files of a filing (at most
    3)."""

    required_capabilities = {"PUT": _MAINTAIN}

    @extend_schema(
        request=FileLimitsInput,
        responses={200: StaffFileLimitsSerializer, **error_responses(400, 401, 403)},
        operation_id="staff_file_limits_default_set",
    )
    def put(self, request):
        data = FileLimitsInput(data=request.data)
        data.is_valid(raise_exception=True)
        row = services.file_limits_set(actor=request.user, **data.validated_data)
        return Response(StaffFileLimitsSerializer(row).data)


class ProceedingFileLimitsApi(ApiView):
    """Set a proceeding type's own file limits; or remove them, so that the default applies
    to it again."""

    required_capabilities = {"PUT": _MAINTAIN, "DELETE": _MAINTAIN}

    @extend_schema(
        request=FileLimitsInput,
        responses={200: StaffFileLimitsSerializer, **error_responses(400, 401, 403, 404)},
        operation_id="staff_file_limits_set",
    )
    def put(self, request, proceeding_type_id):
        data = FileLimitsInput(data=request.data)
        data.is_valid(raise_exception=True)
        row = services.file_limits_set(
            actor=request.user, proceeding_type_id=proceeding_type_id, **data.validated_data
        )
        return Response(StaffFileLimitsSerializer(row).data)

    @extend_schema(
        responses={204: None, **error_responses(401, 403, 404)},
        operation_id="staff_file_limits_remove",
    )
    def delete(self, request, proceeding_type_id):
        services.file_limits_remove(actor=request.user, proceeding_type_id=proceeding_type_id)
        return Response(status=status.HTTP_204_NO_CONTENT)


# --- e-filings: the registry's review (SVC-1, CASE-3 (c)) ---------------------------------------

_REVIEW = Capability.REVIEW_FILINGS


class StaffFilerSerializer(serializers.Serializer):
    """Who filed: the account, and the organization of an OU (null for an IU)."""

    login_name = serializers.CharField()
    name = serializers.CharField(source="full_name")
    organization_code = serializers.SerializerMethodField()

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_organization_code(self, account):
        organization = self.context.get("organization")
        return organization.code if organization is not None else None


class StaffFiledDocumentSerializer(serializers.Serializer):
    """One PDF of a filing."""

    id = serializers.IntegerField()
    position = serializers.IntegerField(help_text="1, 2, 3: the order filed.")
    document_type = serializers.CharField(
        source="document_type.code", help_text="Its code in the court policy, e.g. DEF."
    )
    title = serializers.CharField()
    file_name = serializers.CharField()
    size = serializers.IntegerField(help_text="Bytes.")
    page_count = serializers.IntegerField()
    sha256 = serializers.CharField(help_text="SHA256 digest of the file, as stored.")
    fee = serializers.DecimalField(max_digits=10, decimal_places=2, help_text="HKD")


class StaffFilingPaymentSerializer(serializers.Serializer):
    """A payment of the filing's fee (a failed one, the one that succeeded, perhaps
    refunded)."""

    id = serializers.IntegerField()
    status = serializers.CharField()
    amount = serializers.DecimalField(max_digits=10, decimal_places=2, help_text="HKD")
    receipt_number = receipt_number_field()


class StaffFilingSerializer(serializers.Serializer):
    """A filing as the registry reviews it."""

    id = serializers.IntegerField()
    reference = serializers.CharField(help_text="What the filer quotes, e.g. F2026-00000042.")
    status = serializers.CharField(
        help_text="AWAITING_PAYMENT, SUBMITTED (awaiting the registry), ACCEPTED, REJECTED or "
        "WITHDRAWN."
    )
    status_label = serializers.CharField(source="get_status_display")
    case_number = serializers.CharField(
        source="case.number",
        default=None,
        allow_null=True,
        help_text="Null for an originating filing until the registry opens its case.",
    )
    proceeding_type = serializers.CharField(source="proceeding_type.code")
    originating = serializers.BooleanField(help_text="Whether it starts new proceedings.")
    title = serializers.CharField(help_text="The title of new proceedings; empty otherwise.")
    new_case_parties = serializers.ListField(
        child=serializers.DictField(),
        help_text='The parties of new proceedings, the filer\'s own first: [{"party_type", '
        '"position", "name"}].',
    )
    party_type = serializers.CharField(help_text="The party filed for: its type...")
    party_position = serializers.IntegerField(help_text="...and its number (1st, 2nd...).")
    filer = serializers.SerializerMethodField()
    fee = serializers.DecimalField(max_digits=10, decimal_places=2, help_text="HKD")
    fee_payment = serializers.CharField(help_text="DEPOSIT, GATEWAY, or empty: no fee due.")
    created_at = serializers.DateTimeField()
    submitted_at = serializers.DateTimeField(
        allow_null=True, help_text="When it reached the registry: its filing date and time."
    )
    decided_at = serializers.DateTimeField(allow_null=True)
    decided_by = serializers.CharField(
        source="decided_by.login_name", default=None, allow_null=True
    )
    reasons = serializers.CharField(help_text="Why it was rejected; empty otherwise.")
    documents = StaffFiledDocumentSerializer(many=True, source="documents.all")
    payments = serializers.SerializerMethodField()

    @extend_schema_field(StaffFilerSerializer)
    def get_filer(self, filing):
        return StaffFilerSerializer(
            filing.account, context={"organization": filing.organization}
        ).data

    @extend_schema_field(StaffFilingPaymentSerializer(many=True))
    def get_payments(self, filing):
        found = self.context.get("payments")
        payments = (
            found.get(filing.reference, [])
            if found is not None
            else filing_selectors.filing_payments(filing)
        )
        return StaffFilingPaymentSerializer(payments, many=True).data


_LISTS = ["", "SUBMITTED", "DECIDED", "ACCEPTED", "REJECTED", "WITHDRAWN"]


class StaffFilingFilterInput(serializers.Serializer):
    """Which filings: those awaiting review (the default), or the decided ones."""

    status = serializers.ChoiceField(
        choices=_LISTS,
        required=False,
        default="",
        help_text="Empty or SUBMITTED: awaiting review, oldest first. DECIDED (any decision), "
        "ACCEPTED, REJECTED or WITHDRAWN: decided ones, newest decision first.",
    )
    case_number = serializers.CharField(
        max_length=40,
        required=False,
        allow_blank=True,
        default="",
        help_text="With a decided status: the whole case number or a part, e.g. 1234/2026.",
    )


class FilingAcceptInput(serializers.Serializer):
    """For an originating filing, the number the registry gives its new case."""

    case_number = serializers.CharField(
        max_length=40,
        required=False,
        allow_blank=True,
        default="",
        help_text="Required for an originating filing, e.g. DCPI 1234/2026; ignored otherwise.",
    )


class FilingRejectInput(serializers.Serializer):
    """Why the registry rejects the filing; the filer reads these reasons."""

    reasons = serializers.CharField(max_length=4000, allow_blank=True, required=False, default="")


def _filing(request, filing_id) -> Response:
    filing = filing_selectors.filing_for(actor=request.user, filing_id=filing_id)
    return Response(StaffFilingSerializer(filing).data)


class StaffFilingListApi(ApiView):
    """The filings awaiting the registry's review, oldest first (by their filing date and
    time; at most 200); or, with `status`, the decided ones, newest decision first."""

    required_capabilities = {"GET": _REVIEW}

    @extend_schema(
        parameters=[StaffFilingFilterInput, LIST_TOTAL],
        responses={200: StaffFilingSerializer(many=True), **error_responses(400, 401, 403)},
        operation_id="backoffice_filings_list",
    )
    def get(self, request):
        data = StaffFilingFilterInput(data=request.query_params)
        data.is_valid(raise_exception=True)
        wanted = data.validated_data["status"]
        if wanted in ("", FilingStatus.SUBMITTED):
            filings = filing_selectors.registry_queue(actor=request.user)
        else:
            filings = filing_selectors.decided_filings(
                actor=request.user,
                status="" if wanted == "DECIDED" else wanted,
                case_number=data.validated_data["case_number"],
            )
        payments = filing_selectors.filings_payments(filings)
        return capped_list_response(
            StaffFilingSerializer(filings, many=True, context={"payments": payments}).data,
            filings,
        )


class StaffFilingApi(ApiView):
    """One filing: the filer, the case (or the new proceedings' title and parties), the party
    filed for, its documents, fee and payments, and the decision once taken."""

    required_capabilities = {"GET": _REVIEW}

    @extend_schema(
        responses={200: StaffFilingSerializer, **error_responses(401, 403, 404)},
        operation_id="backoffice_filing_retrieve",
    )
    def get(self, request, filing_id):
        return _filing(request, filing_id)


class StaffFilingAcceptApi(ApiView):
    """Accept a filing: its documents join the case file, dated when it was filed; an
    originating filing first opens its case under `case_number` with the parties the filer
    named; a document that links (an Acknowledgment of Service, a Defence, a Notice to Act)
    links the filer to its party; the case's recipients and the
    filer are told in their Message Boxes. Refused with nothing changed: 400 (the party named
    is not in the case, the number is taken or of another proceeding type), 409 (already
    decided or withdrawn)."""

    required_capabilities = {"POST": _REVIEW}

    @extend_schema(
        request=FilingAcceptInput,
        responses={200: StaffFilingSerializer, **error_responses(400, 401, 403, 404, 409)},
        operation_id="backoffice_filing_accept",
    )
    def post(self, request, filing_id):
        data = FilingAcceptInput(data=request.data)
        data.is_valid(raise_exception=True)
        filing_services.filing_accept(
            actor=request.user, filing_id=filing_id, **data.validated_data
        )
        return _filing(request, filing_id)


class StaffFilingRejectApi(ApiView):
    """Reject a filing with reasons (required), which the filer reads in its Message Box; any
    fee paid is refunded at once. 409 when already decided or withdrawn."""

    required_capabilities = {"POST": _REVIEW}

    @extend_schema(
        request=FilingRejectInput,
        responses={200: StaffFilingSerializer, **error_responses(400, 401, 403, 404, 409)},
        operation_id="backoffice_filing_reject",
    )
    def post(self, request, filing_id):
        data = FilingRejectInput(data=request.data)
        data.is_valid(raise_exception=True)
        filing_services.filing_reject(
            actor=request.user, filing_id=filing_id, **data.validated_data
        )
        return _filing(request, filing_id)


class StaffFiledDocumentDownloadApi(ApiView):
    """A document of a filing, as the PDF filed, under the file name it was filed with."""

    required_capabilities = {"GET": _REVIEW}
    content_negotiation_class = FileOrJsonError

    @extend_schema(
        responses={(200, "application/pdf"): OpenApiTypes.BINARY, **error_responses(401, 403, 404)},
        operation_id="backoffice_filing_document_download",
    )
    def get(self, request, filing_id, document_id):
        document, stored = filing_selectors.filed_document(
            actor=request.user, filing_id=filing_id, document_id=document_id
        )
        return filed_file_response(document, stored)
