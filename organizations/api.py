"""The organization's administration through the API (ORG-2, ORG-3, ORG-5..7, ROLE-1, AUTH-5):
the same services and selectors as the pages. Every operation acts on the caller's own
organization; ids of another organization's records are not found (404). Inputs name only
what the caller may set: fields that are not listed (organization, status, login name,
limits...) are ignored, so they never take effect."""

from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response

from accounts.models import AccountStatus, Language
from core.api import ID_MAX, ApiView, error_responses
from core.idempotency import idempotent
from organizations import selectors, services
from permissions.roles import Capability, OptionalRole, Role

# --- output -------------------------------------------------------------------------------------


class LimitSerializer(serializers.Serializer):
    """One of the organization's limits and how much of it is used."""

    name = serializers.CharField(help_text="e.g. organization_users, branches.")
    label = serializers.CharField(help_text="What is counted, in the language of the request.")
    used = serializers.IntegerField(
        help_text="How many the organization has now; for organization_users_per_case_party, "
        "the most OUs assigned to any one case party."
    )
    allowed = serializers.IntegerField(help_text="The most it may have (default or approved).")


class OrganizationSerializer(serializers.Serializer):
    """The caller's organization: its name, its Organization Code and its limits."""

    name = serializers.CharField()
    organization_code = serializers.CharField(
        help_text="Entered with the login name and password at every login of a PA, SA or OU."
    )
    post_based_accounts = serializers.BooleanField(
        help_text="Whether SA and OU accounts may be registered by post title."
    )
    limits = LimitSerializer(many=True)


class BranchSerializer(serializers.Serializer):
    """A branch of the organization."""

    id = serializers.IntegerField()
    code = serializers.CharField(help_text="Typed by the PA: capitals, digits and hyphens.")
    name = serializers.CharField()
    account_count = serializers.IntegerField(
        required=False, help_text="How many accounts, of any state, belong to the branch."
    )


class OrganizationAccountSerializer(serializers.Serializer):
    """A PA, SA or OU account of the organization, as its administrators see it."""

    id = serializers.IntegerField()
    login_name = serializers.CharField()
    role = serializers.CharField(help_text="PA, SA or OU.")
    status = serializers.CharField(
        help_text="PENDING_ACTIVATION, ACTIVE, SUSPENDED or TERMINATED (ended)."
    )
    surname = serializers.CharField()
    given_name = serializers.CharField()
    post_title = serializers.CharField(help_text="Set for an account registered by post title.")
    email = serializers.EmailField()
    phone = serializers.CharField()
    address = serializers.CharField()
    branch = serializers.SerializerMethodField(help_text="The branch's code; none for a PA.")
    branch_id = serializers.IntegerField(allow_null=True)
    effective_end_date = serializers.DateField(
        allow_null=True, help_text="SA and OU: the last day the account can be used."
    )
    is_default_ou = serializers.SerializerMethodField(help_text="A default OU.")
    optional_roles = serializers.SerializerMethodField(
        help_text="An SA's optional roles, given by the PA."
    )
    actions = serializers.SerializerMethodField(
        help_text="What the caller may do with this account now: suspend, reactivate, "
        "terminate, revise_end_date, edit_profile, optional_roles, resend_activation_code, "
        "reset_password, designate_default_ou, remove_default_ou."
    )

    def get_branch(self, obj) -> str:
        return obj.branch.code if obj.branch_id else ""

    def get_is_default_ou(self, obj) -> bool:
        return bool(getattr(obj, "is_default_ou", False))

    def get_optional_roles(self, obj) -> list[str]:
        return selectors.optional_roles_of(obj)

    def get_actions(self, obj) -> list[str]:
        return selectors.account_actions(actor=self.context["actor"], account=obj)


class CreatedAccountSerializer(OrganizationAccountSerializer):
    """The new account; its holder has been emailed the login name, an activation code and
    the Organization Code."""


def _account(request, account_id):
    account = selectors.account_detail(actor=request.user, account_id=account_id)
    return OrganizationAccountSerializer(account, context={"actor": request.user}).data


# --- input --------------------------------------------------------------------------------------


class BranchInput(serializers.Serializer):
    """A branch code and, if wished, a name."""

    code = serializers.CharField(
        max_length=40,
        help_text="Up to 20 letters, digits and hyphens, unique in the organization; kept in "
        'capitals (e.g. "HK-CENTRAL").',
    )
    name = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")


class _ParticularsInput(serializers.Serializer):
    surname = serializers.CharField(max_length=100, required=False, allow_blank=True, default="")
    given_name = serializers.CharField(max_length=100, required=False, allow_blank=True, default="")
    post_title = serializers.CharField(
        max_length=200,
        required=False,
        allow_blank=True,
        default="",
        help_text="Only when the organization may register accounts by post title: "
        "given in place of the surname and given name.",
    )
    email = serializers.CharField(max_length=254, help_text="Where the holder's emails go.")
    phone = serializers.CharField(
        max_length=40, help_text="Contact telephone number; matched at activation."
    )
    address = serializers.CharField(required=False, allow_blank=True, default="", max_length=500)


class AccountCreateInput(_ParticularsInput):
    """A new SA or OU account: the holder's particulars (names, or a post title
    when the organization may register by post), a branch of the organization and the
    effective end date. Optional roles of an SA are for the PA to give."""

    role = serializers.ChoiceField(choices=[(Role.SA, "SA"), (Role.OU, "OU")])
    branch = serializers.IntegerField(help_text="The id of one of the organization's branches.")
    effective_end_date = serializers.DateField(
        help_text="The last day the account can be used; not in the past."
    )
    preferred_language = serializers.ChoiceField(choices=Language.choices, default=Language.EN)
    optional_roles = serializers.ListField(
        child=serializers.ChoiceField(choices=OptionalRole.choices),
        required=False,
        default=list,
        help_text="SA only, and only the PA may give them: create_sa, link_same_branch, "
        "link_all_branches, maintain_default_ou.",
    )


class SubAccountProfileInput(_ParticularsInput):
    """An SA's or OU's profile as its administrator maintains it: names (or post title for an
    account registered by post), contact details and, if it moves, its branch."""

    branch = serializers.IntegerField(
        required=False, allow_null=True, default=None, help_text="Move to this branch."
    )


class ReasonsInput(serializers.Serializer):
    """Why (required to suspend or end an account; kept in the audit trail)."""

    reasons = serializers.CharField(max_length=1000, required=False, allow_blank=True, default="")


class EndDateInput(serializers.Serializer):
    """The new effective end date of an SA or OU account."""

    effective_end_date = serializers.DateField(help_text="Not in the past.")
    reasons = serializers.CharField(max_length=1000, required=False, allow_blank=True, default="")


class OptionalRolesInput(serializers.Serializer):
    """The whole set of optional roles the SA is to hold; the others are taken away."""

    optional_roles = serializers.ListField(
        child=serializers.ChoiceField(choices=OptionalRole.choices), allow_empty=True
    )


class AccountFilterInput(serializers.Serializer):
    """Narrow the list of accounts."""

    branch = serializers.IntegerField(
        required=False, min_value=1, max_value=ID_MAX, help_text="A branch's id."
    )
    role = serializers.ChoiceField(
        choices=[(Role.PA, "PA"), (Role.SA, "SA"), (Role.OU, "OU")], required=False
    )
    status = serializers.ChoiceField(choices=AccountStatus.choices, required=False)


# --- views --------------------------------------------------------------------------------------


class OrganizationApi(ApiView):
    """The caller's organization: its name, its Organization Code, and for each limit of
    the portal, how many it has and how many it may have (the defaults, or what the Judiciary
    approved on request)."""

    required_capabilities = {"GET": Capability.VIEW_OWN_ORGANIZATION}

    @extend_schema(
        responses={200: OrganizationSerializer, **error_responses(401, 403)},
        operation_id="organization_retrieve",
    )
    def get(self, request):
        overview = selectors.organization_overview(actor=request.user)
        organization = overview["organization"]
        return Response(
            {
                "name": organization.name,
                "organization_code": overview["code_display"],
                "post_based_accounts": organization.post_based_accounts,
                "limits": LimitSerializer(overview["limits"], many=True).data,
            }
        )


class BranchListApi(ApiView):
    """The organization's branches (every holder of the organization sees them); the PA
    creates branch codes, up to the organization's limit (10 by default; 409
    limit_reached beyond it)."""

    required_capabilities = {
        "GET": Capability.VIEW_OWN_ORGANIZATION,
        "POST": Capability.MAINTAIN_BRANCHES,
    }

    @extend_schema(
        responses={200: BranchSerializer(many=True), **error_responses(401, 403)},
        operation_id="organization_branches_list",
    )
    def get(self, request):
        return Response(BranchSerializer(selectors.branch_list(actor=request.user), many=True).data)

    @extend_schema(
        request=BranchInput,
        responses={201: BranchSerializer, **error_responses(400, 401, 403, 409)},
        operation_id="organization_branches_create",
    )
    @idempotent
    def post(self, request):
        data = BranchInput(data=request.data)
        data.is_valid(raise_exception=True)
        branch = services.branch_create(actor=request.user, **data.validated_data)
        return Response(BranchSerializer(branch).data, status=status.HTTP_201_CREATED)


class BranchApi(ApiView):
    """One branch: the PA renames it, or removes it while no account belongs to it."""

    required_capabilities = {
        "PATCH": Capability.MAINTAIN_BRANCHES,
        "DELETE": Capability.MAINTAIN_BRANCHES,
    }

    @extend_schema(
        request=BranchInput,
        responses={200: BranchSerializer, **error_responses(400, 401, 403, 404)},
        operation_id="organization_branches_update",
    )
    def patch(self, request, branch_id):
        data = BranchInput(data=request.data)
        data.is_valid(raise_exception=True)
        branch = services.branch_update(
            actor=request.user, branch_id=branch_id, **data.validated_data
        )
        return Response(BranchSerializer(branch).data)

    @extend_schema(
        responses={204: None, **error_responses(400, 401, 403, 404)},
        operation_id="organization_branches_remove",
    )
    def delete(self, request, branch_id):
        services.branch_remove(actor=request.user, branch_id=branch_id)
        return Response(status=status.HTTP_204_NO_CONTENT)


class AccountListApi(ApiView):
    """The organization's PA, SA and OU accounts, for its administrators (PA and SA), with
     each one's branch, state, end date, default-OU flag and the actions the caller may take;
     and the creation of an SA or OU account: the holder is emailed a login name, an
     activation code and the Organization Code. An SA creates SA accounts only with the
     optional role "To create SA Account"; only the PA gives optional roles. Over a limit
    : 409 limit_reached."""

    # Whoever creates SA accounts also creates OU accounts: an OU or IU is refused
    # (403) before the body is read; the service checks the role asked for.
    required_capabilities = {
        "GET": Capability.MANAGE_OU_ACCOUNTS,
        "POST": Capability.MANAGE_OU_ACCOUNTS,
    }

    @extend_schema(
        parameters=[AccountFilterInput],
        responses={200: OrganizationAccountSerializer(many=True), **error_responses(400, 401, 403)},
        operation_id="organization_accounts_list",
    )
    def get(self, request):
        data = AccountFilterInput(data=request.query_params)
        data.is_valid(raise_exception=True)
        accounts = selectors.account_list(
            actor=request.user, with_optional_roles=True, **data.validated_data
        )
        return Response(
            OrganizationAccountSerializer(accounts, many=True, context={"actor": request.user}).data
        )

    @extend_schema(
        request=AccountCreateInput,
        responses={201: CreatedAccountSerializer, **error_responses(400, 401, 403, 409)},
        operation_id="organization_accounts_create",
    )
    @idempotent
    def post(self, request):
        data = AccountCreateInput(data=request.data)
        data.is_valid(raise_exception=True)
        account, _code = services.sub_account_create(actor=request.user, **data.validated_data)
        return Response(_account(request, account.pk), status=status.HTTP_201_CREATED)


class AccountApi(ApiView):
    """One account of the organization; its administrators maintain the profile of an SA or
    OU (an OU's by the PA or any SA, an SA's by the PA or an SA with "To create SA
    Account")."""

    required_capabilities = {
        "GET": Capability.MANAGE_OU_ACCOUNTS,
        "PATCH": Capability.MAINTAIN_OU_PROFILES,
    }

    @extend_schema(
        responses={200: OrganizationAccountSerializer, **error_responses(401, 403, 404)},
        operation_id="organization_accounts_retrieve",
    )
    def get(self, request, account_id):
        return Response(_account(request, account_id))

    @extend_schema(
        request=SubAccountProfileInput,
        responses={200: OrganizationAccountSerializer, **error_responses(400, 401, 403, 404, 409)},
        operation_id="organization_accounts_profile_update",
    )
    def patch(self, request, account_id):
        data = SubAccountProfileInput(data=request.data)
        data.is_valid(raise_exception=True)
        services.sub_account_profile_update(
            actor=request.user, account_id=account_id, **data.validated_data
        )
        return Response(_account(request, account_id))


class _AccountActionApi(ApiView):
    action = ""
    required_capabilities = {"POST": Capability.MANAGE_OU_ACCOUNTS}

    def post(self, request, account_id):
        data = ReasonsInput(data=request.data)
        data.is_valid(raise_exception=True)
        services.sub_account_transition(
            actor=request.user, account_id=account_id, action=self.action, **data.validated_data
        )
        return Response(_account(request, account_id))


class AccountSuspendApi(_AccountActionApi):
    """Suspend an SA or OU account, with reasons: it cannot log in until re-activated. The
    last default OU in service cannot be suspended (409 last_default_ou)."""

    action = "suspend"

    @extend_schema(
        request=ReasonsInput,
        responses={200: OrganizationAccountSerializer, **error_responses(400, 401, 403, 404, 409)},
        operation_id="organization_accounts_suspend",
    )
    def post(self, request, account_id):
        return super().post(request, account_id)


class AccountReactivateApi(_AccountActionApi):
    """Re-activate a suspended SA or OU account."""

    action = "reactivate"

    @extend_schema(
        request=ReasonsInput,
        responses={200: OrganizationAccountSerializer, **error_responses(400, 401, 403, 404, 409)},
        operation_id="organization_accounts_reactivate",
    )
    def post(self, request, account_id):
        return super().post(request, account_id)


class AccountTerminateApi(_AccountActionApi):
    """End an SA or OU account, with reasons: for good; it is kept with its history and its
    login name is never reused, and it no longer counts against the limits. The last default
    OU in service cannot be ended (409 last_default_ou)."""

    action = "terminate"

    @extend_schema(
        request=ReasonsInput,
        responses={200: OrganizationAccountSerializer, **error_responses(400, 401, 403, 404, 409)},
        operation_id="organization_accounts_terminate",
    )
    def post(self, request, account_id):
        return super().post(request, account_id)


class AccountEndDateApi(ApiView):
    """Revise the effective end date of an SA or OU account: the account can be used
    up to and including that day. Kept in the audit trail with the date before."""

    required_capabilities = {"POST": Capability.MANAGE_OU_ACCOUNTS}

    @extend_schema(
        request=EndDateInput,
        responses={200: OrganizationAccountSerializer, **error_responses(400, 401, 403, 404, 409)},
        operation_id="organization_accounts_end_date_revise",
    )
    def post(self, request, account_id):
        data = EndDateInput(data=request.data)
        data.is_valid(raise_exception=True)
        services.sub_account_end_date_revise(
            actor=request.user, account_id=account_id, **data.validated_data
        )
        return Response(_account(request, account_id))


class AccountOptionalRolesApi(ApiView):
    """For the PA: set the optional roles of an SA; the list given is the
    whole set the SA is to hold."""

    required_capabilities = {"PUT": Capability.GRANT_OPTIONAL_ROLES}

    @extend_schema(
        request=OptionalRolesInput,
        responses={200: OrganizationAccountSerializer, **error_responses(400, 401, 403, 404)},
        operation_id="organization_accounts_optional_roles_set",
    )
    def put(self, request, account_id):
        data = OptionalRolesInput(data=request.data)
        data.is_valid(raise_exception=True)
        services.sub_account_optional_roles_set(
            actor=request.user, account_id=account_id, **data.validated_data
        )
        return Response(_account(request, account_id))


class AccountActivationCodeApi(ApiView):
    """Send a new activation code to an SA or OU account still awaiting activation: the PA,
    or an SA who manages such accounts (an SA's: with "To create SA Account"). The holder is
    emailed the login name, the new code and the Organization Code; the code sent before
    stops working. 409 once the account is no longer awaiting activation."""

    required_capabilities = {"POST": Capability.MANAGE_OU_ACCOUNTS}

    @extend_schema(
        request=None,
        responses={202: None, **error_responses(401, 403, 404, 409)},
        operation_id="organization_accounts_activation_code_resend",
    )
    def post(self, request, account_id):
        services.sub_account_activation_code_resend(actor=request.user, account_id=account_id)
        return Response(status=status.HTTP_202_ACCEPTED)


class AccountPasswordResetApi(ApiView):
    """Reset the password of an SA or OU account: the PA, or an SA of the same
    branch. A Change Token is emailed to the holder's registered address, to be used with
    `accounts/reset-password/` within 24 hours."""

    required_capabilities = {"POST": Capability.RESET_SUB_ACCOUNT_PASSWORDS}

    @extend_schema(
        request=None,
        responses={202: None, **error_responses(401, 403, 404, 409)},
        operation_id="organization_accounts_password_reset",
    )
    def post(self, request, account_id):
        services.sub_account_password_reset(actor=request.user, account_id=account_id)
        return Response(status=status.HTTP_202_ACCEPTED)


class AccountDefaultOuApi(ApiView):
    """Designate an OU account as a default OU, or no longer: it receives the
    messages of the organization's cases assigned to no OU. The organization has 1 to 5
    (409 limit_reached beyond; 409 last_default_ou for removing the last one in service)."""

    required_capabilities = {
        "PUT": Capability.MAINTAIN_DEFAULT_OUS,
        "DELETE": Capability.MAINTAIN_DEFAULT_OUS,
    }

    @extend_schema(
        request=None,
        responses={200: OrganizationAccountSerializer, **error_responses(400, 401, 403, 404, 409)},
        operation_id="organization_accounts_default_ou_designate",
    )
    def put(self, request, account_id):
        services.default_ou_designate(actor=request.user, account_id=account_id)
        return Response(_account(request, account_id))

    @extend_schema(
        request=None,
        responses={200: OrganizationAccountSerializer, **error_responses(401, 403, 404, 409)},
        operation_id="organization_accounts_default_ou_remove",
    )
    def delete(self, request, account_id):
        services.default_ou_remove(actor=request.user, account_id=account_id)
        return Response(_account(request, account_id))
