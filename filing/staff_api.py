"""/api/v1/backoffice/ operations on the court policy (BEY-2), for registry clerks: document
types with their fees and linking roles, and the file limits. The same services and selectors
as the back office's pages; every change audited with before and after."""

from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response

from cases.services.linking import LinkingDocument
from core.api import ApiView, error_responses
from filing.selectors import policy as selectors
from filing.services import policy as services
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


class DocumentTypeUpdateInput(serializers.Serializer):
    """What changes; the fields left out stay."""

    name_en = serializers.CharField(max_length=200, allow_blank=True, required=False)
    name_zh = serializers.CharField(max_length=200, allow_blank=True, required=False)
    linking_role = serializers.ChoiceField(choices=_ROLES, required=False)
    fee = serializers.CharField(max_length=20, required=False, help_text='e.g. "630.00"')
    active = serializers.BooleanField(required=False)


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
