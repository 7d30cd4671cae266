"""/api/v1/ operations of a case's documents (SVC-2, SVC-5, BEY-3): the registry issues a
direction or an order; the parties list and download their cases' documents; anyone checks a
Document Reference Number."""

from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.exceptions import Throttled
from rest_framework.negotiation import BaseContentNegotiation
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.permissions import AllowAny
from rest_framework.response import Response

from core import ratelimit
from core.api import ApiView, FileOrJsonError, error_responses
from core.errors import ValidationFailed
from core.idempotency import idempotent
from documents import selectors, services
from documents.forms import CopyCompareForm
from documents.models import ISSUED_BY_HAND, IssueMethod
from documents.views import CHECK_SCOPE, issued_file_response
from permissions.roles import Capability


class CaseDocumentSerializer(serializers.Serializer):
    """A document of a case's file."""

    id = serializers.IntegerField()
    origin = serializers.CharField(help_text="ISSUED by the court (FILED by a party, later).")
    kind = serializers.CharField(help_text="For an issued document: DIRECTION or ORDER.")
    title = serializers.CharField()
    drn = serializers.CharField(
        source="display_drn", help_text="Document Reference Number, as printed; empty if none."
    )
    dated_at = serializers.DateTimeField(help_text="When it was issued (or filed).")
    page_count = serializers.IntegerField()
    size = serializers.IntegerField(help_text="Bytes.")
    sha256 = serializers.CharField(help_text="SHA256 digest of the file, as stored.")


class CaseDocumentsCaseSerializer(serializers.Serializer):
    """The case whose documents these are."""

    id = serializers.IntegerField()
    number = serializers.CharField()


class CaseDocumentsSerializer(serializers.Serializer):
    """A case and its documents, newest first."""

    case = CaseDocumentsCaseSerializer()
    results = CaseDocumentSerializer(many=True)


class IssueInput(serializers.Serializer):
    """A direction or an order to issue: from a PDF (method UPLOADED, with `file`) or composed
    from a title and a text in English or Chinese (method COMPOSED, with `text`)."""

    kind = serializers.ChoiceField(choices=[(k.value, k.label) for k in ISSUED_BY_HAND])
    title = serializers.CharField(max_length=services.TITLE_MAX_LENGTH)
    method = serializers.ChoiceField(choices=IssueMethod.choices)
    file = serializers.FileField(required=False, help_text="The PDF (method UPLOADED).")
    text = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=services.TEXT_MAX_LENGTH,
        help_text="The text (method COMPOSED).",
    )


class IssuedSerializer(serializers.Serializer):
    """The issued document and who received it in their Message Box."""

    document = CaseDocumentSerializer()
    recipients = serializers.ListField(child=serializers.CharField(), help_text="Login names.")


class DrnCheckInput(serializers.Serializer):
    drn = serializers.CharField(
        max_length=100, help_text="As printed (any letter case; spaces and dashes ignored)."
    )


class DrnCheckSerializer(serializers.Serializer):
    """Whether the court issued a document with this DRN; if so, its case number, title and
    date of issue, and nothing else."""

    drn = serializers.CharField(allow_null=True, help_text="The DRN as read; null if not one.")
    issued = serializers.BooleanField()
    case_number = serializers.CharField(allow_blank=True)
    title = serializers.CharField(allow_blank=True)
    issued_on = serializers.DateField(allow_null=True)
    detail = serializers.CharField(help_text="For people, in the language of the request.")


class _JsonAnswer(BaseContentNegotiation):
    """JSON, the API's one format, whatever the client accepts; no body is read."""

    def select_parser(self, request, parsers):
        return None

    def select_renderer(self, request, renderers, format_suffix=None):
        return renderers[0], renderers[0].media_type


def _case_documents(case, documents) -> dict:
    return {
        "case": {"id": case.pk, "number": case.number},
        "results": CaseDocumentSerializer(documents, many=True).data,
    }


# --- the parties (SVC-2) ------------------------------------------------------------------------


class CaseDocumentListApi(ApiView):
    """The documents of one of your cases, newest first: an individual user's linked case, or a
    case assigned to the OU. Any other case is not found."""

    required_capabilities = {"GET": Capability.USE_E_SERVICES}

    @extend_schema(
        responses={200: CaseDocumentsSerializer, **error_responses(401, 403, 404)},
        operation_id="case_documents_list",
    )
    def get(self, request, case_id):
        case, documents = selectors.case_documents(actor=request.user, case_id=case_id)
        return Response(_case_documents(case, documents))


class CaseDocumentDownloadApi(ApiView):
    """A document of one of your cases, as a PDF file named by its DRN."""

    required_capabilities = {"GET": Capability.USE_E_SERVICES}
    content_negotiation_class = FileOrJsonError

    @extend_schema(
        responses={(200, "application/pdf"): OpenApiTypes.BINARY, **error_responses(401, 403, 404)},
        operation_id="case_document_download",
    )
    def get(self, request, case_id, document_id):
        document = selectors.case_document(
            actor=request.user, case_id=case_id, document_id=document_id
        )
        return issued_file_response(document)


# --- the registry (SVC-5) -----------------------------------------------------------------------


class RegistryCaseDocumentsApi(ApiView):
    """Registry clerks: the documents issued to a case; and issuing a direction or an order,
    from a PDF or composed. The PDF is stamped on every page with a new Document Reference
    Number and a QR code of its public check, stored unchangeable with its SHA256 digest, and
    delivered to the Message Box of each recipient of the case's messages. A case no account
    would receive is refused (409 no_recipient); bad input saves nothing."""

    required_capabilities = {
        "GET": Capability.ISSUE_DOCUMENTS,
        "POST": Capability.ISSUE_DOCUMENTS,
    }
    parser_classes = [MultiPartParser, FormParser]

    @extend_schema(
        responses={200: CaseDocumentsSerializer, **error_responses(401, 403, 404)},
        operation_id="backoffice_case_documents_list",
    )
    def get(self, request, case_id):
        case, documents = selectors.registry_case_documents(actor=request.user, case_id=case_id)
        return Response(_case_documents(case, documents))

    @extend_schema(
        request={"multipart/form-data": IssueInput},
        responses={201: IssuedSerializer, **error_responses(400, 401, 403, 404, 409)},
        operation_id="backoffice_case_documents_issue",
    )
    @idempotent
    def post(self, request, case_id):
        data = IssueInput(data=request.data)
        data.is_valid(raise_exception=True)
        fields = data.validated_data
        issued = services.document_issue(
            actor=request.user,
            case_id=case_id,
            kind=fields["kind"],
            title=fields["title"],
            method=fields["method"],
            upload=fields.get("file"),
            text=fields.get("text", ""),
        )
        return Response(
            {
                "document": CaseDocumentSerializer(issued.document).data,
                "recipients": [message.recipient.login_name for message in issued.messages],
            },
            status=status.HTTP_201_CREATED,
        )


class RegistryCaseDocumentDownloadApi(ApiView):
    """Registry clerks: a document of a case's file, issued or filed, as a PDF."""

    required_capabilities = {"GET": Capability.ISSUE_DOCUMENTS}
    content_negotiation_class = FileOrJsonError

    @extend_schema(
        responses={(200, "application/pdf"): OpenApiTypes.BINARY, **error_responses(401, 403, 404)},
        operation_id="registry_case_document_download",
    )
    def get(self, request, case_id, document_id):
        document = selectors.registry_case_document(
            actor=request.user, case_id=case_id, document_id=document_id
        )
        return issued_file_response(document)


# --- the public check (SVC-5, BEY-3, [A4]) ------------------------------------------------------


class DrnCheckApi(ApiView):
    """Check a Document Reference Number: whether the e-Court issued a document with it, and
    then for which case number, with which title and on which date; nothing else. Open to the
    public; at most 60 checks an hour from one address (429 throttled beyond)."""

    authentication_classes = []
    permission_classes = [AllowAny]
    # Counted by the view itself (`drn_check`, per address), and answered in JSON whatever
    # the client accepts: the check is the public's most frequent request, so it skips the
    # steps it does not need.
    throttle_classes = []
    content_negotiation_class = _JsonAnswer

    @extend_schema(
        parameters=[DrnCheckInput],
        responses={200: DrnCheckSerializer, **error_responses(400, 429)},
        operation_id="document_check",
    )
    def get(self, request):
        typed = request.query_params.get("drn", "").strip()
        if not 0 < len(typed) <= 100:
            # The serializer's own errors for a missing, blank or overlong DRN; a valid one is
            # read without it, as this is the public's most frequent request.
            DrnCheckInput(data=request.query_params).is_valid(raise_exception=True)
        address = ratelimit.client_address(request)
        if not ratelimit.allow(scope=CHECK_SCOPE, key=address):
            raise Throttled(wait=ratelimit.retry_after(scope=CHECK_SCOPE, key=address))
        check = selectors.drn_check(typed)
        return Response(
            {
                "drn": check.display_drn or None,
                "issued": check.issued,
                "case_number": check.case_number,
                "title": check.title,
                "issued_on": check.issued_on,
                "detail": check.message,
            }
        )


class DrnCopyCheckInput(serializers.Serializer):
    """A Document Reference Number and the PDF file received under it."""

    drn = serializers.CharField(
        max_length=100, help_text="As printed (any letter case; spaces and dashes ignored)."
    )
    file = serializers.FileField(help_text="The PDF file received, as it was received.")


class DrnCopyCheckSerializer(DrnCheckSerializer):
    """The check of the DRN, and whether the file is byte for byte the document issued under
    it (its SHA256 digest the one recorded at issue)."""

    matches = serializers.BooleanField(
        allow_null=True, help_text="Null when the court issued no document with this DRN."
    )


class DrnCopyCheckApi(ApiView):
    """Check a copy: whether a PDF file is byte for byte the document the e-Court issued under
    a Document Reference Number (a file that differs by one byte, even one that looks the same,
    does not match), with the DRN's check. Open to the public; counted with the DRN checks, at
    most 60 an hour from one address (429 throttled beyond). The file is read, not kept."""

    authentication_classes = []
    permission_classes = [AllowAny]
    throttle_classes = []
    parser_classes = [MultiPartParser, FormParser]

    @extend_schema(
        request={"multipart/form-data": DrnCopyCheckInput},
        responses={200: DrnCopyCheckSerializer, **error_responses(400, 429)},
        operation_id="document_copy_check",
    )
    def post(self, request):
        # Counted first, as the page counts every request: a flood of bad files is refused
        # like any other once the address's checks are used up.
        address = ratelimit.client_address(request)
        if not ratelimit.allow(scope=CHECK_SCOPE, key=address):
            raise Throttled(wait=ratelimit.retry_after(scope=CHECK_SCOPE, key=address))
        data = DrnCopyCheckInput(data=request.data)
        data.is_valid(raise_exception=True)
        # The page's rule for the file: a file that is not a PDF is named as such.
        form = CopyCompareForm(files={"file": data.validated_data["file"]})
        if not form.is_valid():
            raise ValidationFailed({"file": [str(m) for m in form.errors["file"]]})
        check = selectors.drn_check(data.validated_data["drn"])
        matches, detail = None, check.message
        if check.issued:
            matches = selectors.drn_copy_matches(drn=check.drn, upload=form.cleaned_data["file"])
            detail = (
                _("The file is identical to the document the court issued.")
                if matches
                else _(
                    "The file is not the document the court issued: it differs from it, even "
                    "if it looks the same. Rely on the details above, or ask the court."
                )
            )
        return Response(
            {
                "drn": check.display_drn or None,
                "issued": check.issued,
                "case_number": check.case_number,
                "title": check.title,
                "issued_on": check.issued_on,
                "matches": matches,
                "detail": detail,
            }
        )
