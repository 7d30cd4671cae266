"""/api/v1/ operations for what holders lodge with the registry and its decisions: requests to
link a case, with the Notice of Consent lodged online (CASE-3 (a), (b)), and Notices of Change
(BEY-1); holders see their own only (404 for any other), the registry every one."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema, extend_schema_field, extend_schema_view
from rest_framework import serializers, status
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response

from cases.models import LodgementChannel, PartyType
from cases.selectors import notices as notice_selectors
from cases.services import notices as service
from cases.views.notices import notice_document
from core import policy
from core.api import LIST_TOTAL, ApiView, FileOrJsonError, capped_list_response, error_responses
from core.errors import NotFound
from core.idempotency import idempotent
from core.queues import capped
from permissions.roles import Capability

# How a notice on paper reaches the registry (a schema enum of its own).
PAPER_NOTICE_CHANNEL_CHOICES = [
    (channel.value, channel.label) for channel in (LodgementChannel.BY_HAND, LodgementChannel.POST)
]

# --- what a holder sees --------------------------------------------------------------------------


class _LodgementSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    case_number = serializers.CharField(source="case.number")
    party_type = serializers.CharField(help_text="The party type claimed, e.g. PLAINTIFF.")
    party_name = serializers.CharField(help_text="The name of the party claimed.")
    channel = serializers.CharField(help_text="ONLINE, BY_HAND or POST.")
    received_on = serializers.DateField(help_text="The date the registry received it.")
    lodged_at = serializers.DateTimeField()
    status = serializers.CharField(
        help_text="PENDING (waiting for the registry), ACCEPTED or REFUSED."
    )
    party_id = serializers.IntegerField(
        allow_null=True, help_text="Once accepted: the party of the case the registry found."
    )
    decided_at = serializers.DateTimeField(allow_null=True)
    reasons = serializers.CharField(help_text="Once refused: the registry's reasons.")
    has_document = serializers.SerializerMethodField(
        help_text="Whether the signed notice is a file to download (`document/`): lodged "
        "online, or on paper and scanned by the registry."
    )

    def get_has_document(self, obj) -> bool:
        return bool(obj.document)


class LinkRequestSerializer(_LodgementSerializer):
    """A request to link a case to the holder: a case listed in the holder's registration
    application, or a Notice of Consent to transact electronically; with the registry's
    decision once made."""

    route = serializers.CharField(
        help_text="APPLICATION (listed in the registration application) or NOTICE_OF_CONSENT."
    )


class NoticeOfChangeSerializer(_LodgementSerializer):
    """A Notice of Change: the organization takes over as the legal representative of a
    party once the registry accepts it."""


class NoticeInput(serializers.Serializer):
    """What is lodged online: the case, the party acted for and the signed notice. The
    holder is always the caller (an individual user for itself, an administrator for its
    organization); the status and the decision are never taken from the input (other fields
    are ignored)."""

    case_number = serializers.CharField(
        max_length=40, help_text='As on the court\'s documents, e.g. "DCPI 1234/2025".'
    )
    party_type = serializers.ChoiceField(choices=PartyType.choices)
    party_name = serializers.CharField(max_length=300, help_text="As in the case's title.")
    document = serializers.FileField(
        required=False,
        help_text="The signed notice, a PDF of at most "
        f"{policy.UPLOAD_MAX_BYTES // (1024 * 1024)} MB.",
    )


def _lodge(request, lodge, serializer):
    data = NoticeInput(data=request.data)
    data.is_valid(raise_exception=True)
    values = data.validated_data
    lodged = lodge(
        actor=request.user,
        case_number=values["case_number"],
        party_type=values["party_type"],
        party_name=values["party_name"],
        document=values.get("document"),
    )
    return Response(serializer(lodged).data, status=status.HTTP_201_CREATED)


class LinkRequestListApi(ApiView):
    """GET: the caller's requests to link cases (an individual user's own; an
    administrator's organization's), newest first. POST: lodge a Notice of Consent to transact
    electronically in a case; the registry checks it against the case's parties and links
    the caller, or refuses with reasons. Refused at once: a case number that is not one, a
    case that is unknown, not conducted electronically or finally disposed (400); a second
    request waiting for the same case and party type, or a party already linked (409)."""

    parser_classes = [MultiPartParser, FormParser]
    required_capabilities = {
        "GET": Capability.LODGE_NOTICE_OF_CONSENT,
        "POST": Capability.LODGE_NOTICE_OF_CONSENT,
    }

    @extend_schema(
        parameters=[LIST_TOTAL],
        responses={200: LinkRequestSerializer(many=True), **error_responses(401, 403)},
        operation_id="case_link_requests_list",
    )
    def get(self, request):
        found = capped(notice_selectors.link_requests_of_holder(actor=request.user))
        return capped_list_response(LinkRequestSerializer(found, many=True).data, found)

    @extend_schema(
        request={"multipart/form-data": NoticeInput},
        responses={201: LinkRequestSerializer, **error_responses(400, 401, 403, 409, 413)},
        operation_id="case_link_request_lodge",
    )
    @idempotent
    def post(self, request):
        return _lodge(request, service.notice_of_consent_lodge, LinkRequestSerializer)


class LinkRequestDetailApi(ApiView):
    """One of the caller's requests to link a case, with the registry's decision."""

    required_capabilities = {"GET": Capability.LODGE_NOTICE_OF_CONSENT}

    @extend_schema(
        responses={200: LinkRequestSerializer, **error_responses(401, 403, 404)},
        operation_id="case_link_request_retrieve",
    )
    def get(self, request, pk):
        found = notice_selectors.link_request_of_holder(actor=request.user, request_id=pk)
        return Response(LinkRequestSerializer(found).data)


class NoticeOfChangeListApi(ApiView):
    """GET: the Notices of Change the caller's organization lodged, newest first. POST: lodge
    a Notice of Change: once the registry accepts it, the organization represents the party
    in place of the present representative, who loses the case at once."""

    parser_classes = [MultiPartParser, FormParser]
    required_capabilities = {
        "GET": Capability.LODGE_NOTICE_OF_CHANGE,
        "POST": Capability.LODGE_NOTICE_OF_CHANGE,
    }

    @extend_schema(
        parameters=[LIST_TOTAL],
        responses={200: NoticeOfChangeSerializer(many=True), **error_responses(401, 403)},
        operation_id="notices_of_change_list",
    )
    def get(self, request):
        found = capped(notice_selectors.notices_of_change_of_organization(actor=request.user))
        return capped_list_response(NoticeOfChangeSerializer(found, many=True).data, found)

    @extend_schema(
        request={"multipart/form-data": NoticeInput},
        responses={201: NoticeOfChangeSerializer, **error_responses(400, 401, 403, 409, 413)},
        operation_id="notice_of_change_lodge",
    )
    @idempotent
    def post(self, request):
        return _lodge(request, service.notice_of_change_lodge, NoticeOfChangeSerializer)


class NoticeOfChangeDetailApi(ApiView):
    """One Notice of Change of the caller's organization, with the registry's decision."""

    required_capabilities = {"GET": Capability.LODGE_NOTICE_OF_CHANGE}

    @extend_schema(
        responses={200: NoticeOfChangeSerializer, **error_responses(401, 403, 404)},
        operation_id="notice_of_change_retrieve",
    )
    def get(self, request, pk):
        found = notice_selectors.notice_of_change_of_organization(actor=request.user, notice_id=pk)
        return Response(NoticeOfChangeSerializer(found).data)


# --- the registry ---------------------------------------------------------------------------------


class CaseHolderSerializer(serializers.Serializer):
    """An individual user or an organization, as linked to a case party or lodging a
    request."""

    organization_id = serializers.IntegerField(allow_null=True)
    organization_name = serializers.CharField(allow_null=True)
    organization_code = serializers.CharField(allow_null=True)
    individual_login_name = serializers.CharField(allow_null=True)


def _holder(organization, individual) -> dict:
    return {
        "organization_id": organization.pk if organization else None,
        "organization_name": organization.name if organization else None,
        "organization_code": organization.code if organization else None,
        "individual_login_name": individual.login_name if individual else None,
    }


class PartyLinkSerializer(serializers.Serializer):
    """A link of a case party to a holder: current (no end) or ended."""

    holder = serializers.SerializerMethodField()
    route = serializers.CharField(
        help_text="APPLICATION, NOTICE_OF_CONSENT, FILING or NOTICE_OF_CHANGE."
    )
    linked_at = serializers.DateTimeField()
    ended_at = serializers.DateTimeField(allow_null=True)

    @extend_schema_field(CaseHolderSerializer)
    def get_holder(self, obj):
        return _holder(obj.organization, obj.individual)


class PartyRepresentationSerializer(serializers.Serializer):
    """A party of the case, who is linked to it now, and who was before."""

    id = serializers.IntegerField(source="party.pk")
    party_type = serializers.CharField(source="party.party_type")
    position = serializers.IntegerField(source="party.position")
    name = serializers.CharField(source="party.name")
    current = PartyLinkSerializer(allow_null=True)
    history = PartyLinkSerializer(many=True)


class _RegistryLodgementMixin(serializers.Serializer):
    lodged_by = serializers.CharField(source="lodged_by.login_name", default=None, allow_null=True)
    decided_by = serializers.CharField(
        source="decided_by.login_name", default=None, allow_null=True
    )
    parties = serializers.SerializerMethodField(
        help_text="The case's parties and their links, to check the request against."
    )
    actions = serializers.SerializerMethodField(
        help_text='What the clerk may do now, e.g. ["accept", "refuse"]; any other action is '
        "answered with 409 (invalid_state)."
    )

    @extend_schema_field(PartyRepresentationSerializer(many=True))
    def get_parties(self, obj):
        if not self.context.get("detail"):
            return []
        rows = notice_selectors.case_party_representation(
            actor=self.context["actor"], case=obj.case
        )
        return PartyRepresentationSerializer(rows, many=True).data


class RegistryLinkRequestSerializer(_RegistryLodgementMixin, LinkRequestSerializer):
    """A request to link a case as the registry sees it: who asked, how, for which party,
    and (on one request) the case's parties with who is linked to each."""

    holder = serializers.SerializerMethodField()
    application_reference = serializers.CharField()

    @extend_schema_field(CaseHolderSerializer)
    def get_holder(self, obj):
        return _holder(obj.organization, obj.individual)

    def get_actions(self, obj) -> list[str]:
        return notice_selectors.link_request_actions(actor=self.context["actor"], link_request=obj)


class RegistryNoticeOfChangeSerializer(_RegistryLodgementMixin, NoticeOfChangeSerializer):
    """A Notice of Change as the registry sees it: the incoming organization, the party
    claimed, and (on one notice) the case's parties with their present and past
    representatives."""

    incoming_organization = serializers.SerializerMethodField()
    outgoing = serializers.SerializerMethodField(
        help_text="Once accepted: the representative whose link ended (none if the party "
        "was on paper)."
    )

    @extend_schema_field(CaseHolderSerializer)
    def get_incoming_organization(self, obj):
        return _holder(obj.incoming_organization, None)

    @extend_schema_field(CaseHolderSerializer(allow_null=True))
    def get_outgoing(self, obj):
        if obj.outgoing_link is None:
            return None
        return _holder(obj.outgoing_link.organization, obj.outgoing_link.individual)

    def get_actions(self, obj) -> list[str]:
        return notice_selectors.notice_of_change_actions(actor=self.context["actor"], notice=obj)


class PaperNoticeInput(NoticeInput):
    """A notice received on paper: as online, plus how and when it arrived and the scanned
    notice."""

    channel = serializers.ChoiceField(
        choices=PAPER_NOTICE_CHANNEL_CHOICES, help_text="BY_HAND or POST."
    )
    received_on = serializers.DateField(
        help_text="The date the registry received it (Hong Kong date, not in the future)."
    )


class PaperNoticeOfConsentInput(PaperNoticeInput):
    """A Notice of Consent received on paper; the holder is named by an individual user's
    login name or by an organization's Organization Code (one of the two)."""

    login_name = serializers.CharField(required=False, allow_blank=True, default="", max_length=32)
    organization_code = serializers.CharField(
        required=False, allow_blank=True, default="", max_length=40
    )


class PaperNoticeOfChangeInput(PaperNoticeInput):
    """A Notice of Change received on paper; the incoming organization is named by its
    Organization Code."""

    organization_code = serializers.CharField(max_length=40)


class AcceptInput(serializers.Serializer):
    """The party of the case the request or notice is found to be for."""

    party = serializers.IntegerField(help_text="The id of one of the case's parties.")


class RefuseInput(serializers.Serializer):
    """Why the registry refuses; the holder reads these reasons."""

    reasons = serializers.CharField(max_length=4000)


def _link_request(request, pk, *, created=False):
    found = notice_selectors.link_request_for_registry(actor=request.user, request_id=pk)
    body = RegistryLinkRequestSerializer(
        found, context={"actor": request.user, "detail": True}
    ).data
    return Response(body, status=status.HTTP_201_CREATED if created else status.HTTP_200_OK)


def _notice_of_change(request, pk, *, created=False):
    found = notice_selectors.notice_of_change_for_registry(actor=request.user, notice_id=pk)
    body = RegistryNoticeOfChangeSerializer(
        found, context={"actor": request.user, "detail": True}
    ).data
    return Response(body, status=status.HTTP_201_CREATED if created else status.HTTP_200_OK)


class RegistryLinkRequestListApi(ApiView):
    """GET: the requests to link a case waiting for the registry, oldest first: cases listed
    in approved registration applications and Notices of Consent. POST: key in a Notice of
    Consent received by hand or by post, with the scanned notice."""

    parser_classes = [MultiPartParser, FormParser]
    required_capabilities = {"GET": Capability.RUN_REGISTRY, "POST": Capability.RUN_REGISTRY}

    @extend_schema(
        parameters=[LIST_TOTAL],
        responses={200: RegistryLinkRequestSerializer(many=True), **error_responses(401, 403)},
        operation_id="backoffice_case_link_requests_list",
    )
    def get(self, request):
        queue = capped(notice_selectors.link_request_queue(actor=request.user))
        return capped_list_response(
            RegistryLinkRequestSerializer(queue, many=True, context={"actor": request.user}).data,
            queue,
        )

    @extend_schema(
        request={"multipart/form-data": PaperNoticeOfConsentInput},
        responses={
            201: RegistryLinkRequestSerializer,
            **error_responses(400, 401, 403, 409, 413),
        },
        operation_id="backoffice_notice_of_consent_key_in",
    )
    @idempotent
    def post(self, request):
        data = PaperNoticeOfConsentInput(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        values.setdefault("document", None)
        lodged = service.notice_of_consent_key_in(actor=request.user, **values)
        return _link_request(request, lodged.pk, created=True)


class RegistryLinkRequestDetailApi(ApiView):
    """One request to link a case, with the case's parties and who is linked to each."""

    required_capabilities = {"GET": Capability.RUN_REGISTRY}

    @extend_schema(
        responses={200: RegistryLinkRequestSerializer, **error_responses(401, 403, 404)},
        operation_id="backoffice_case_link_request_retrieve",
    )
    def get(self, request, pk):
        return _link_request(request, pk)


class RegistryLinkRequestAcceptApi(ApiView):
    """Accept the request for one of the case's parties: the holder is linked to it at once.
    Refused (409) when the party is linked to someone else (a new representative takes over
    by a Notice of Change), the case is not conducted electronically or finally disposed, or
    the request was already decided; nothing is saved."""

    required_capabilities = {"POST": Capability.RUN_REGISTRY}

    @extend_schema(
        request=AcceptInput,
        responses={
            200: RegistryLinkRequestSerializer,
            **error_responses(400, 401, 403, 404, 409),
        },
        operation_id="backoffice_case_link_request_accept",
    )
    def post(self, request, pk):
        data = AcceptInput(data=request.data)
        data.is_valid(raise_exception=True)
        service.link_request_accept(
            actor=request.user, request_id=pk, party_id=data.validated_data["party"]
        )
        return _link_request(request, pk)


class RegistryLinkRequestRefuseApi(ApiView):
    """Refuse the request with reasons, which the holder reads; nothing is linked."""

    required_capabilities = {"POST": Capability.RUN_REGISTRY}

    @extend_schema(
        request=RefuseInput,
        responses={
            200: RegistryLinkRequestSerializer,
            **error_responses(400, 401, 403, 404, 409),
        },
        operation_id="backoffice_case_link_request_refuse",
    )
    def post(self, request, pk):
        data = RefuseInput(data=request.data)
        data.is_valid(raise_exception=True)
        service.link_request_refuse(actor=request.user, request_id=pk, **data.validated_data)
        return _link_request(request, pk)


class RegistryNoticeOfChangeListApi(ApiView):
    """GET: the Notices of Change waiting for the registry, oldest first. POST: key in a
    Notice of Change received by hand or by post, with the scanned notice."""

    parser_classes = [MultiPartParser, FormParser]
    required_capabilities = {"GET": Capability.RUN_REGISTRY, "POST": Capability.RUN_REGISTRY}

    @extend_schema(
        responses={
            200: RegistryNoticeOfChangeSerializer(many=True),
            **error_responses(401, 403),
        },
        parameters=[LIST_TOTAL],
        operation_id="backoffice_notices_of_change_list",
    )
    def get(self, request):
        queue = capped(notice_selectors.notice_of_change_queue(actor=request.user))
        return capped_list_response(
            RegistryNoticeOfChangeSerializer(
                queue, many=True, context={"actor": request.user}
            ).data,
            queue,
        )

    @extend_schema(
        request={"multipart/form-data": PaperNoticeOfChangeInput},
        responses={
            201: RegistryNoticeOfChangeSerializer,
            **error_responses(400, 401, 403, 409, 413),
        },
        operation_id="backoffice_notice_of_change_key_in",
    )
    @idempotent
    def post(self, request):
        data = PaperNoticeOfChangeInput(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        values.setdefault("document", None)
        lodged = service.notice_of_change_key_in(actor=request.user, **values)
        return _notice_of_change(request, lodged.pk, created=True)


class RegistryNoticeOfChangeDetailApi(ApiView):
    """One Notice of Change, with the case's parties and their present and past
    representatives."""

    required_capabilities = {"GET": Capability.RUN_REGISTRY}

    @extend_schema(
        responses={200: RegistryNoticeOfChangeSerializer, **error_responses(401, 403, 404)},
        operation_id="backoffice_notice_of_change_retrieve",
    )
    def get(self, request, pk):
        return _notice_of_change(request, pk)


class RegistryNoticeOfChangeAcceptApi(ApiView):
    """Accept the notice for one of the case's parties: the party's present link ends (it is
    kept as history) and the incoming organization is linked in its place, at once. Refused
    (409) when the incoming organization already represents the party, the representation
    changed after the notice was lodged, the case is not conducted electronically or finally
    disposed, or the notice was already decided; nothing is saved."""

    required_capabilities = {"POST": Capability.RUN_REGISTRY}

    @extend_schema(
        request=AcceptInput,
        responses={
            200: RegistryNoticeOfChangeSerializer,
            **error_responses(400, 401, 403, 404, 409),
        },
        operation_id="backoffice_notice_of_change_accept",
    )
    def post(self, request, pk):
        data = AcceptInput(data=request.data)
        data.is_valid(raise_exception=True)
        service.notice_of_change_accept(
            actor=request.user, notice_id=pk, party_id=data.validated_data["party"]
        )
        return _notice_of_change(request, pk)


class RegistryNoticeOfChangeRefuseApi(ApiView):
    """Refuse the notice with reasons, which the organization reads; nothing changes."""

    required_capabilities = {"POST": Capability.RUN_REGISTRY}

    @extend_schema(
        request=RefuseInput,
        responses={
            200: RegistryNoticeOfChangeSerializer,
            **error_responses(400, 401, 403, 404, 409),
        },
        operation_id="backoffice_notice_of_change_refuse",
    )
    def post(self, request, pk):
        data = RefuseInput(data=request.data)
        data.is_valid(raise_exception=True)
        service.notice_of_change_refuse(actor=request.user, notice_id=pk, **data.validated_data)
        return _notice_of_change(request, pk)


# --- the signed notice, as a PDF ----------------------------------------------------------------


class _NoticeDocumentApi(ApiView):
    """The signed notice of a lodgement the caller may see, as a PDF; 404 when it has no file
    (a request listed in an application, a notice on paper never scanned)."""

    content_negotiation_class = FileOrJsonError

    def lodgement(self, request, pk):
        raise NotImplementedError

    def get(self, request, pk):
        lodgement = self.lodgement(request, pk)
        if not lodgement.document:
            raise NotFound()
        return notice_document(lodgement)


def _notice_pdf_schema(operation_id: str):
    return extend_schema_view(
        get=extend_schema(
            responses={
                (200, "application/pdf"): OpenApiTypes.BINARY,
                **error_responses(401, 403, 404),
            },
            operation_id=operation_id,
        )
    )


@_notice_pdf_schema("case_link_request_document")
class LinkRequestDocumentApi(_NoticeDocumentApi):
    """The Notice of Consent of one of the caller's requests to link a case, as a PDF; 404
    when it has no file."""

    required_capabilities = {"GET": Capability.LODGE_NOTICE_OF_CONSENT}

    def lodgement(self, request, pk):
        return notice_selectors.link_request_of_holder(actor=request.user, request_id=pk)


@_notice_pdf_schema("notice_of_change_document")
class NoticeOfChangeDocumentApi(_NoticeDocumentApi):
    """The signed Notice of Change the caller's organization lodged, as a PDF; 404 when it
    has no file."""

    required_capabilities = {"GET": Capability.LODGE_NOTICE_OF_CHANGE}

    def lodgement(self, request, pk):
        return notice_selectors.notice_of_change_of_organization(actor=request.user, notice_id=pk)


@_notice_pdf_schema("backoffice_case_link_request_document")
class RegistryLinkRequestDocumentApi(_NoticeDocumentApi):
    """The registry: the Notice of Consent of a request to link a case, as a PDF; 404 when it
    has no file."""

    required_capabilities = {"GET": Capability.RUN_REGISTRY}

    def lodgement(self, request, pk):
        return notice_selectors.link_request_for_registry(actor=request.user, request_id=pk)


@_notice_pdf_schema("backoffice_notice_of_change_document")
class RegistryNoticeOfChangeDocumentApi(_NoticeDocumentApi):
    """The registry: the signed Notice of Change, as a PDF; 404 when it has no file."""

    required_capabilities = {"GET": Capability.RUN_REGISTRY}

    def lodgement(self, request, pk):
        return notice_selectors.notice_of_change_for_registry(actor=request.user, notice_id=pk)
