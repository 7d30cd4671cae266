"""The API of activation (every account: ACT-1..4, with the Organization Code for PA, SA and
OU) and of the Help Centre's record of an organization's request to end its PA's account
(ORG-8)."""

from django.utils.decorators import method_decorator
from django.views.decorators.debug import sensitive_post_parameters
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.permissions import AllowAny
from rest_framework.response import Response

from accounts.api import AccountSerializer
from accounts.forms import PASSWORD_MAX
from core.api import ApiView, error_responses
from organizations import services
from organizations.models import TerminationRequestChannel
from permissions.roles import Capability


class ActivateInput(serializers.Serializer):
    """The emailed login name and activation code, the particulars given in the application
    (they must match), the Organization Code for an organization account, and the password
    the holder chooses."""

    login_name = serializers.CharField(max_length=32)
    activation_code = serializers.CharField(max_length=60)
    organization_code = serializers.CharField(
        max_length=20,
        required=False,
        allow_blank=True,
        default="",
        help_text="PA, SA and OU accounts: the Organization Code from the activation email "
        "(case, spaces and dashes ignored). Individual User accounts have none; it is ignored.",
    )
    # Empty for an account registered by post title (then `post_title` is given instead).
    surname = serializers.CharField(max_length=100, trim_whitespace=False, allow_blank=True)
    given_name = serializers.CharField(max_length=100, trim_whitespace=False, allow_blank=True)
    post_title = serializers.CharField(
        max_length=200,
        required=False,
        allow_blank=True,
        default="",
        help_text="Only for an SA or OU account registered by post title: the post title, "
        "given in place of the surname and given name.",
    )
    phone = serializers.CharField(max_length=40)
    password = serializers.CharField(max_length=PASSWORD_MAX)
    password_confirm = serializers.CharField(max_length=PASSWORD_MAX)


# ACT-1..4, AUTH-2.
@method_decorator(sensitive_post_parameters(), name="dispatch")
class ActivateApi(ApiView):
    """Activate a new account with the login name and activation code from the email. The
    surname, given name and telephone number must match the application (letter case and
    spaces around a name, and spaces, brackets and dashes in a number, do not matter), and for
    a PA, SA or OU account the Organization Code must be the organization's; any mismatch gets
    the same answer. The code works once and expires after 14 days. When a Primary
    Administrator activates, the organization's SA and OU accounts can be used again."""

    throttle_scope = "activate"

    permission_classes = [AllowAny]
    authentication_classes = []

    @extend_schema(
        request=ActivateInput,
        responses={200: AccountSerializer, **error_responses(400, 429)},
        operation_id="account_activate",
    )
    def post(self, request):
        data = ActivateInput(data=request.data)
        data.is_valid(raise_exception=True)
        user = services.account_activate(**data.validated_data)
        return Response(AccountSerializer(user).data)


class TerminationInput(serializers.Serializer):
    """The PA account to end, how the organization's request came and why."""

    login_name = serializers.CharField(max_length=32, help_text="The PA account's login name.")
    channel = serializers.ChoiceField(choices=TerminationRequestChannel.choices)
    reasons = serializers.CharField(
        max_length=2000, help_text="E.g. the PA has left the organization; who asked."
    )


class TerminatedSerializer(serializers.Serializer):
    """The ended PA account and its organization's state afterwards."""

    login_name = serializers.CharField()
    status = serializers.CharField()
    organization_status = serializers.CharField(
        source="organization.status",
        help_text="NO_ACTIVE_PA when no active PA is left: the organization's SA and OU "
        "accounts cannot be used until a PA activates.",
    )


# ORG-8.
class PrimaryAdministratorTerminationApi(ApiView):
    """Help Centre: record an organization's request to end its Primary Administrator's
    account (received by email, fax, post or at the counter) and end the account. When no
    active PA is left, none of the organization's SA or OU accounts can log in, and their API
    tokens stop working, until a replacement PA activates."""

    required_capabilities = {"POST": Capability.RECORD_TERMINATION_REQUEST}

    @extend_schema(
        request=TerminationInput,
        responses={200: TerminatedSerializer, **error_responses(400, 401, 403, 404, 409)},
        operation_id="backoffice_primary_administrator_terminate",
    )
    def post(self, request):
        data = TerminationInput(data=request.data)
        data.is_valid(raise_exception=True)
        user = services.primary_administrator_terminate(actor=request.user, **data.validated_data)
        return Response(TerminatedSerializer(user).data)
