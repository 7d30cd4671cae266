"""The back office's API for configuration-change requests (ORG-4, REG-10): the vetting
officer's queue, one request, and the decision."""

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.response import Response

from core.api import LIST_TOTAL, ApiView, capped_list_response, error_responses
from core.queues import capped
from organizations import selectors
from organizations.configuration_api import ConfigurationChangeSerializer
from organizations.services import configuration as service
from permissions.roles import Capability


class StaffConfigurationChangeSerializer(ConfigurationChangeSerializer):
    """A configuration-change request as the vetting officer sees it, with the actions the
    officer may take on it now."""

    organization_id = serializers.IntegerField()
    organization_type = serializers.CharField(source="organization.organization_type")
    actions = serializers.SerializerMethodField(
        help_text='What the requesting officer may do now, e.g. ["approve", "reject"]; any '
        "other action is answered with 409 (invalid_state) or 403."
    )

    def get_actions(self, obj) -> list[str]:
        request = self.context.get("request")
        if request is None:
            return []
        return sorted(selectors.configuration_change_actions(actor=request.user, change=obj))


def _result(request, pk):
    change = selectors.configuration_change_for_staff(actor=request.user, request_id=pk)
    return Response(StaffConfigurationChangeSerializer(change, context={"request": request}).data)


class StaffConfigurationChangeListApi(ApiView):
    """The requests awaiting a decision, the earliest due first."""

    required_capabilities = {"GET": Capability.DECIDE_CONFIGURATION_CHANGES}

    @extend_schema(
        responses={
            200: StaffConfigurationChangeSerializer(many=True),
            **error_responses(401, 403),
        },
        parameters=[LIST_TOTAL],
        operation_id="backoffice_configuration_changes_list",
    )
    def get(self, request):
        queue = capped(selectors.configuration_change_queue(actor=request.user))
        return capped_list_response(
            StaffConfigurationChangeSerializer(queue, many=True, context={"request": request}).data,
            queue,
        )


class StaffConfigurationChangeDetailApi(ApiView):
    """One configuration-change request, with the actions the officer may take on it."""

    required_capabilities = {"GET": Capability.DECIDE_CONFIGURATION_CHANGES}

    @extend_schema(
        responses={200: StaffConfigurationChangeSerializer, **error_responses(401, 403, 404)},
        operation_id="backoffice_configuration_change_retrieve",
    )
    def get(self, request, pk):
        return _result(request, pk)


class ApproveConfigurationChangeApi(ApiView):
    """Approve the request: the new limits (or post-based sub-accounts) apply to the
    organization at once, and the Primary Administrator is emailed."""

    required_capabilities = {"POST": Capability.DECIDE_CONFIGURATION_CHANGES}

    @extend_schema(
        request=None,
        responses={
            200: StaffConfigurationChangeSerializer,
            **error_responses(400, 401, 403, 404, 409),
        },
        operation_id="backoffice_configuration_change_approve",
    )
    def post(self, request, pk):
        service.configuration_change_approve(actor=request.user, request_id=pk)
        return _result(request, pk)


class RejectConfigurationChangeInput(serializers.Serializer):
    """The reasons for the rejection, which the Primary Administrator is sent."""

    reasons = serializers.CharField(max_length=4000)


class RejectConfigurationChangeApi(ApiView):
    """Reject the request with reasons; the Primary Administrator is emailed them."""

    required_capabilities = {"POST": Capability.DECIDE_CONFIGURATION_CHANGES}

    @extend_schema(
        request=RejectConfigurationChangeInput,
        responses={
            200: StaffConfigurationChangeSerializer,
            **error_responses(400, 401, 403, 404, 409),
        },
        operation_id="backoffice_configuration_change_reject",
    )
    def post(self, request, pk):
        data = RejectConfigurationChangeInput(data=request.data)
        data.is_valid(raise_exception=True)
        service.configuration_change_reject(
            actor=request.user, request_id=pk, **data.validated_data
        )
        return _result(request, pk)
