"""Counsel briefed by a party's solicitors [A12], through the API: the barristers briefed for
a party the caller's firm represents, briefing one by the login name counsel gave, and
withdrawing a brief. The same services and selectors as the page. A link the caller may not
brief counsel for is not found (404)."""

from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response

from cases.selectors.counsel import counsel_page
from cases.services import counsel as services
from core.api import ApiView, error_responses
from core.idempotency import idempotent
from permissions.roles import Capability


class BriefedCounselSerializer(serializers.Serializer):
    """A barrister briefed for the party: who briefed it, and when."""

    id = serializers.IntegerField(source="organization_user.pk", help_text="The account's id.")
    login_name = serializers.CharField(source="organization_user.login_name")
    name = serializers.CharField(source="organization_user.full_name")
    status = serializers.CharField(source="organization_user.status")
    instructed_by = serializers.CharField(
        source="assigned_by.login_name", allow_null=True, default=None
    )
    instructed_at = serializers.DateTimeField(source="assigned_at")


class InstructCounselInput(serializers.Serializer):
    """The barrister to brief, by the login name counsel gave."""

    login_name = serializers.CharField(
        max_length=150,
        help_text="The login name of the barrister's OU account under the Hong Kong Bar "
        "Association, as counsel gave it.",
    )


class CounselListApi(ApiView):
    """GET: the barristers briefed for the party of the firm's link `link_id` (an id of
    `organization/case-parties/`, or of a case's `your_links`). POST: brief one more. Refused
    with 400 for a login name that is not a barrister's account in service, 409 when the case
    is not e-enabled or finally disposed, or beyond the Bar Association's limit of OUs on one
    party. Briefing a barrister already briefed: no change."""

    required_capabilities = {
        "GET": Capability.INSTRUCT_COUNSEL,
        "POST": Capability.INSTRUCT_COUNSEL,
    }

    @extend_schema(
        responses={200: BriefedCounselSerializer(many=True), **error_responses(401, 403, 404)},
        operation_id="case_party_counsel_list",
    )
    def get(self, request, link_id):
        _link, briefed = counsel_page(actor=request.user, link_id=link_id)
        return Response(BriefedCounselSerializer(briefed, many=True).data)

    @extend_schema(
        request=InstructCounselInput,
        responses={201: BriefedCounselSerializer, **error_responses(400, 401, 403, 404, 409)},
        operation_id="case_party_counsel_create",
    )
    @idempotent
    def post(self, request, link_id):
        data = InstructCounselInput(data=request.data)
        data.is_valid(raise_exception=True)
        brief = services.counsel_instruct(
            actor=request.user, link_id=link_id, login_name=data.validated_data["login_name"]
        )
        return Response(BriefedCounselSerializer(brief).data, status=status.HTTP_201_CREATED)


class CounselApi(ApiView):
    """Withdraw the brief of one barrister; the last one withdrawn ends counsel's link."""

    required_capabilities = {"DELETE": Capability.INSTRUCT_COUNSEL}

    @extend_schema(
        responses={204: None, **error_responses(401, 403, 404)},
        operation_id="case_party_counsel_remove",
    )
    def delete(self, request, link_id, account_id):
        services.counsel_withdraw(actor=request.user, link_id=link_id, counsel_id=account_id)
        return Response(status=status.HTTP_204_NO_CONTENT)


class BriefReturnApi(ApiView):
    """Counsel returns its brief for the party of counsel's link `link_id` (the `link` of a
    case's `your_parties` whose capacity is COUNSEL): it no longer sees the case or files in
    it; the solicitors who briefed it are told. Any other link: 404."""

    required_capabilities = {"POST": Capability.USE_E_SERVICES}

    @extend_schema(
        request=None,
        responses={204: None, **error_responses(401, 403, 404)},
        operation_id="case_party_brief_return",
    )
    def post(self, request, link_id):
        services.counsel_brief_return(actor=request.user, link_id=link_id)
        return Response(status=status.HTTP_204_NO_CONTENT)
