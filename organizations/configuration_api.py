"""The PA's API for configuration-change requests (ORG-4, REG-10): list and send requests for
the PA's own organization, and read one with its decision."""

from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response

from core import policy
from core.api import ApiView, error_responses
from core.idempotency import idempotent
from organizations import selectors
from organizations.models import ConfigurationChangeKind
from organizations.services import configuration as service
from permissions.roles import Capability


class RequestedLimitSerializer(serializers.Serializer):
    """One limit asked for, beside the organization's present limit and how many are in use."""

    name = serializers.CharField(help_text="e.g. branches, organization_users.")
    requested = serializers.IntegerField()
    limit = serializers.IntegerField(help_text="The limit approved now.")
    usage = serializers.IntegerField(help_text="How many the organization has now.")


class ConfigurationChangeSerializer(serializers.Serializer):
    """A request to change an organization's limits, or to register its sub-accounts by post
    title, with its decision once made."""

    id = serializers.IntegerField()
    reference = serializers.CharField(help_text='e.g. "CC2026000001".')
    kind = serializers.CharField(
        help_text="LIMITS (new maximum numbers) or POST_BASED (sub-accounts by post title)."
    )
    status = serializers.CharField(help_text="SUBMITTED, APPROVED or REJECTED.")
    organization_name = serializers.CharField(source="organization.name")
    requested_by = serializers.CharField(source="requested_by.login_name")
    submitted_at = serializers.DateTimeField()
    due_date = serializers.DateField(
        help_text="The decision is due by this date: 3 working days after the request."
    )
    justification = serializers.CharField()
    requested_limits = serializers.SerializerMethodField(
        help_text="LIMITS: the numbers asked for; the limits not named stay as they are."
    )
    decided_at = serializers.DateTimeField(allow_null=True)
    decision_reasons = serializers.CharField(help_text="The reasons, when rejected.")

    def get_requested_limits(self, obj) -> list[dict]:
        rows = selectors.requested_limit_rows(obj)
        return RequestedLimitSerializer(rows, many=True).data


def _limit_field(what: str):
    return serializers.IntegerField(
        required=False,
        allow_null=True,
        help_text=f"The new maximum number of {what}; leave out to keep the present limit. "
        "At least as many as the organization has now, at most "
        f"{policy.ORGANIZATION_LIMIT_CEILING}.",
    )


class ConfigurationChangeInput(serializers.Serializer):
    """What the Primary Administrator asks for, and why. The organization is always the
    Primary Administrator's own; the status and the decision are never taken from the input
    (other fields are ignored)."""

    kind = serializers.ChoiceField(
        choices=ConfigurationChangeKind.choices,
        help_text="LIMITS: new maximum numbers (at least one must change). POST_BASED: "
        "register Secondary Administrator and Organization User accounts by post title "
        "(government departments, law enforcement agencies and statutory bodies only).",
    )
    justification = serializers.CharField(
        max_length=4000, trim_whitespace=False, help_text="Why the organization needs it."
    )
    max_primary_administrators = _limit_field("Primary Administrator accounts")
    max_secondary_administrators = _limit_field("Secondary Administrator accounts")
    max_organization_users = _limit_field("Organization User accounts")
    max_default_organization_users = _limit_field("default OU accounts")
    max_branches = _limit_field("branch codes")
    max_organization_users_per_case_party = _limit_field("OU holders linked to one case party")


class ConfigurationChangeListApi(ApiView):
    """GET: the requests made for the Primary Administrator's organization, newest first.
    POST: ask for new limits or for post-based sub-accounts; a vetting officer decides within
    3 working days, and the Primary Administrator is emailed the result. One request of each
    kind may await a decision at a time (409, request_already_open)."""

    required_capabilities = {
        "GET": Capability.REQUEST_CONFIGURATION_CHANGE,
        "POST": Capability.REQUEST_CONFIGURATION_CHANGE,
    }

    @extend_schema(
        responses={200: ConfigurationChangeSerializer(many=True), **error_responses(401, 403)},
        operation_id="organization_configuration_changes_list",
    )
    def get(self, request):
        changes = selectors.configuration_changes_of_own_organization(actor=request.user)
        return Response(ConfigurationChangeSerializer(changes, many=True).data)

    @extend_schema(
        request=ConfigurationChangeInput,
        responses={
            201: ConfigurationChangeSerializer,
            **error_responses(400, 401, 403, 409),
        },
        operation_id="organization_configuration_change_create",
    )
    @idempotent
    def post(self, request):
        data = ConfigurationChangeInput(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        change = service.configuration_change_request(
            actor=request.user,
            kind=values.pop("kind"),
            justification=values.pop("justification"),
            limits={name.removeprefix("max_"): value for name, value in values.items()},
        )
        return Response(ConfigurationChangeSerializer(change).data, status=status.HTTP_201_CREATED)


class ConfigurationChangeDetailApi(ApiView):
    """One request made for the Primary Administrator's organization, with its decision."""

    required_capabilities = {"GET": Capability.REQUEST_CONFIGURATION_CHANGE}

    @extend_schema(
        responses={200: ConfigurationChangeSerializer, **error_responses(401, 403, 404)},
        operation_id="organization_configuration_change_retrieve",
    )
    def get(self, request, pk):
        change = selectors.configuration_change_of_own_organization(
            actor=request.user, request_id=pk
        )
        return Response(ConfigurationChangeSerializer(change).data)
