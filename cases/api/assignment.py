"""The organization's case assignment through the API: the PA gives cases to its SAs by case
profile or case number; the PA and SAs assign case parties to OUs and take them off; the access
review and its CSV export. The same services and selectors as the pages. Ids of another
organization's records, or of records outside what the caller may assign, are not found
(404)."""

from django.http import StreamingHttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response

from cases.exports import CSV_CONTENT_TYPE, case_access_csv, case_access_filename
from cases.selectors import access_review as access_review_selectors
from cases.selectors import assignment as assignment_selectors
from cases.selectors import giving as giving_selectors
from cases.services import assignment as services
from core.api import ApiView, error_responses
from core.idempotency import idempotent
from permissions.roles import Capability

# --- output -------------------------------------------------------------------------------------


class CaseAccountSerializer(serializers.Serializer):
    """An account of the organization, as the case pages name it."""

    id = serializers.IntegerField()
    login_name = serializers.CharField()
    name = serializers.CharField(source="full_name")
    role = serializers.CharField(help_text="PA, SA or OU.")
    status = serializers.CharField(help_text="PENDING_ACTIVATION, ACTIVE, SUSPENDED, ...")
    branch = serializers.SerializerMethodField(help_text="The branch's code; none for a PA.")

    def get_branch(self, obj) -> str:
        return obj.branch.code if obj.branch_id else ""


class AssignedOrganizationUserSerializer(serializers.Serializer):
    """An OU assigned to a case party: who assigned it, and when."""

    organization_user = CaseAccountSerializer()
    assigned_by = serializers.CharField(
        source="assigned_by.login_name", allow_null=True, default=None
    )
    assigned_at = serializers.DateTimeField()


class CasePartyAssignmentsSerializer(serializers.Serializer):
    """One party of a case the organization represents, with the OUs assigned to it and how
    many more it may have."""

    id = serializers.IntegerField(source="link.pk", help_text="The case party's link id.")
    case_number = serializers.CharField(source="link.case.number")
    case_title = serializers.CharField(source="link.case.title")
    case_title_zh = serializers.CharField(
        source="link.case.title_zh", help_text="The title in Chinese; empty if the court has none."
    )
    court_level = serializers.CharField(source="link.case.proceeding_type.court_level.code")
    proceeding_type = serializers.CharField(source="link.case.proceeding_type.code")
    case_status = serializers.CharField(source="link.case.status")
    party_type = serializers.CharField(source="link.party.party_type")
    party_name = serializers.CharField(source="link.party.name")
    assignable = serializers.BooleanField(
        help_text="False when the case's proceedings are not e-enabled or it is finally "
        "disposed: no new OU can be assigned."
    )
    organization_users = AssignedOrganizationUserSerializer(source="assignments", many=True)
    limit = serializers.IntegerField(help_text="The most OUs one case party may have.")
    places_left = serializers.IntegerField()


class CasePartyPageSerializer(serializers.Serializer):
    """A page of case parties, newest link first; `older` and `newer` are the cursors of the
    next pages (pass as `before` and `after`)."""

    results = CasePartyAssignmentsSerializer(many=True)
    older = serializers.IntegerField(allow_null=True)
    newer = serializers.IntegerField(allow_null=True)


class CaseAssignmentSerializer(serializers.Serializer):
    """An OU assigned to a case party."""

    case_party = serializers.IntegerField(source="link_id")
    organization_user = CaseAccountSerializer()
    assigned_by = serializers.CharField(source="assigned_by.login_name", default=None)
    assigned_at = serializers.DateTimeField()


class GivenProfileSerializer(serializers.Serializer):
    """A case profile given to an SA: every case of the organization of that court level and
    proceeding type, those linked later included."""

    id = serializers.IntegerField()
    administrator = CaseAccountSerializer()
    court_level = serializers.CharField(source="proceeding_type.court_level.code")
    proceeding_type = serializers.CharField(source="proceeding_type.code")
    assigned_by = serializers.CharField(source="assigned_by.login_name", default=None)
    assigned_at = serializers.DateTimeField()


class GivenCaseSerializer(serializers.Serializer):
    """A case given to an SA by its number."""

    id = serializers.IntegerField()
    administrator = CaseAccountSerializer()
    case_number = serializers.CharField(source="case.number")
    assigned_by = serializers.CharField(source="assigned_by.login_name", default=None)
    assigned_at = serializers.DateTimeField()


class CaseAccessRowSerializer(serializers.Serializer):
    """One holder's access to one case party, and why; an administrator's row has no case:
    it sees every case of the organization."""

    holder = CaseAccountSerializer()
    reason = serializers.CharField(
        help_text="administrator, given_by_profile, given_by_number, assigned or default_ou."
    )
    reason_label = serializers.CharField(help_text="The reason in words.")
    case_number = serializers.CharField(source="link.case.number", default=None)
    party_type = serializers.CharField(source="link.party.party_type", default=None)
    party_name = serializers.CharField(source="link.party.name", default=None)
    profile = serializers.CharField(help_text="The case profile given, for given_by_profile.")
    by = serializers.CharField(source="by.login_name", default=None, help_text="Who gave it.")
    at = serializers.DateTimeField(allow_null=True, help_text="When.")


class CaseAccessPageSerializer(serializers.Serializer):
    """A page of the access review: the administrators (first page only), then the rows of a
    page of case parties, newest link first."""

    administrators = CaseAccessRowSerializer(many=True)
    results = CaseAccessRowSerializer(many=True, source="rows")
    older = serializers.IntegerField(allow_null=True)
    newer = serializers.IntegerField(allow_null=True)


# --- input --------------------------------------------------------------------------------------


class _PageInput(serializers.Serializer):
    case_number = serializers.CharField(
        required=False, allow_blank=True, default="", max_length=40, help_text="A case number."
    )
    before = serializers.IntegerField(
        required=False, min_value=1, help_text="The page older than this cursor."
    )
    after = serializers.IntegerField(
        required=False, min_value=1, help_text="The page newer than this cursor."
    )


class CasePartyFilterInput(_PageInput):
    """Narrow the case parties to one case number (any spelling) or part of one."""


class CaseAccessFilterInput(_PageInput):
    """Narrow the review to one account of the organization, or to one case."""

    holder = serializers.IntegerField(required=False, help_text="An account's id.")


class CaseAccessExportInput(serializers.Serializer):
    """Narrow the export to one account of the organization, or to one case."""

    holder = serializers.IntegerField(required=False, help_text="An account's id.")
    case_number = serializers.CharField(required=False, allow_blank=True, default="", max_length=40)


class CaseAssignmentInput(serializers.Serializer):
    """The OU to assign the case party to."""

    organization_user = serializers.IntegerField(help_text="The OU account's id.")


class GiveProfileInput(serializers.Serializer):
    """The SA, and the case profile to give it."""

    administrator = serializers.IntegerField(help_text="The SA account's id.")
    proceeding_type = serializers.CharField(
        max_length=10,
        help_text="The proceeding type's code, e.g. DCPI (its court level comes with it).",
    )


class GiveCaseInput(serializers.Serializer):
    """The SA, and the number of a current case of the organization to give it."""

    administrator = serializers.IntegerField(help_text="The SA account's id.")
    case_number = serializers.CharField(max_length=40, help_text="e.g. DCPI 1234/2025.")


# --- views --------------------------------------------------------------------------------------


class CasePartyListApi(ApiView):
    """The case parties the caller may assign to OUs, newest first, a page at a time: for the
    PA and an SA with an optional role "To link-up case to OU Accounts", every current case
    party of the organization; for another SA, the cases the PA gave it. Each with its OUs
    and the places left."""

    required_capabilities = {"GET": Capability.ASSIGN_CASES_SAME_BRANCH}

    @extend_schema(
        parameters=[CasePartyFilterInput],
        responses={200: CasePartyPageSerializer, **error_responses(400, 401, 403)},
        operation_id="organization_case_parties_list",
    )
    def get(self, request):
        data = CasePartyFilterInput(data=request.query_params)
        data.is_valid(raise_exception=True)
        page = assignment_selectors.cases_to_assign(actor=request.user, **data.validated_data)
        return Response(
            {
                "results": CasePartyAssignmentsSerializer(page["rows"], many=True).data,
                "older": page["older"],
                "newer": page["newer"],
            }
        )


class CasePartyApi(ApiView):
    """One case party the caller may assign, with its OUs and the places left."""

    required_capabilities = {"GET": Capability.ASSIGN_CASES_SAME_BRANCH}

    @extend_schema(
        responses={200: CasePartyAssignmentsSerializer, **error_responses(401, 403, 404)},
        operation_id="organization_case_parties_retrieve",
    )
    def get(self, request, link_id):
        party = assignment_selectors.party_assignments(actor=request.user, link_id=link_id)
        return Response(CasePartyAssignmentsSerializer(party).data)


class AssignableOrganizationUsersApi(ApiView):
    """The OU accounts the caller may assign case parties to: of the caller's branch, or of
    every branch for the PA and an SA with "To link-up case to OU Accounts (all branches)";
    awaiting activation or active."""

    required_capabilities = {"GET": Capability.ASSIGN_CASES_SAME_BRANCH}

    @extend_schema(
        responses={200: CaseAccountSerializer(many=True), **error_responses(401, 403)},
        operation_id="organization_case_assignees_list",
    )
    def get(self, request):
        return Response(
            CaseAccountSerializer(
                assignment_selectors.organization_user_choices(request.user), many=True
            ).data
        )


class CaseAssignmentListApi(ApiView):
    """Assign a case party to an OU. Refused when the case's proceedings are not e-enabled or
    it is finally disposed (409 case_not_e_enabled, case_disposed), for a suspended or ended
    OU (400), and beyond the organization's limit of OUs per case party, 10 unless more was
    approved (409 limit_reached). An OU the party already has: no change."""

    required_capabilities = {"POST": Capability.ASSIGN_CASES_SAME_BRANCH}

    @extend_schema(
        request=CaseAssignmentInput,
        responses={201: CaseAssignmentSerializer, **error_responses(400, 401, 403, 404, 409)},
        operation_id="organization_case_assignments_create",
    )
    @idempotent
    def post(self, request, link_id):
        data = CaseAssignmentInput(data=request.data)
        data.is_valid(raise_exception=True)
        assignment = services.case_assignment_create(
            actor=request.user,
            link_id=link_id,
            organization_user_id=data.validated_data["organization_user"],
        )
        return Response(CaseAssignmentSerializer(assignment).data, status=status.HTTP_201_CREATED)


class CaseAssignmentApi(ApiView):
    """Take a case party off an OU. After the last OU, the party's messages go to the
    organization's default OUs again."""

    required_capabilities = {"DELETE": Capability.ASSIGN_CASES_SAME_BRANCH}

    @extend_schema(
        responses={204: None, **error_responses(401, 403, 404)},
        operation_id="organization_case_assignments_remove",
    )
    def delete(self, request, link_id, account_id):
        services.case_assignment_remove(
            actor=request.user, link_id=link_id, organization_user_id=account_id
        )
        return Response(status=status.HTTP_204_NO_CONTENT)


class GivenProfileListApi(ApiView):
    """For the PA: the case profiles given to the organization's SAs, and giving one. An SA
    given a profile may assign every case of it to OUs of its branch, cases linked later
    included."""

    required_capabilities = {
        "GET": Capability.GIVE_CASES_TO_ADMINISTRATORS,
        "POST": Capability.GIVE_CASES_TO_ADMINISTRATORS,
    }

    @extend_schema(
        responses={200: GivenProfileSerializer(many=True), **error_responses(401, 403)},
        operation_id="organization_given_profiles_list",
    )
    def get(self, request):
        return Response(
            GivenProfileSerializer(
                giving_selectors.given_profiles(actor=request.user), many=True
            ).data
        )

    @extend_schema(
        request=GiveProfileInput,
        responses={201: GivenProfileSerializer, **error_responses(400, 401, 403, 404)},
        operation_id="organization_given_profiles_create",
    )
    @idempotent
    def post(self, request):
        data = GiveProfileInput(data=request.data)
        data.is_valid(raise_exception=True)
        given = services.case_profile_assignment_create(
            actor=request.user,
            administrator_id=data.validated_data["administrator"],
            proceeding_type=data.validated_data["proceeding_type"],
        )
        return Response(GivenProfileSerializer(given).data, status=status.HTTP_201_CREATED)


class GivenProfileApi(ApiView):
    """For the PA: take a case profile back from an SA. The OUs it assigned keep their
    cases."""

    required_capabilities = {"DELETE": Capability.GIVE_CASES_TO_ADMINISTRATORS}

    @extend_schema(
        responses={204: None, **error_responses(401, 403, 404)},
        operation_id="organization_given_profiles_remove",
    )
    def delete(self, request, given_id):
        services.case_profile_assignment_remove(actor=request.user, given_id=given_id)
        return Response(status=status.HTTP_204_NO_CONTENT)


class GivenCaseListApi(ApiView):
    """For the PA: the cases given to the organization's SAs by case number, and giving one:
    a case the organization is linked to now (400 for any other number)."""

    required_capabilities = {
        "GET": Capability.GIVE_CASES_TO_ADMINISTRATORS,
        "POST": Capability.GIVE_CASES_TO_ADMINISTRATORS,
    }

    @extend_schema(
        responses={200: GivenCaseSerializer(many=True), **error_responses(401, 403)},
        operation_id="organization_given_cases_list",
    )
    def get(self, request):
        return Response(
            GivenCaseSerializer(
                giving_selectors.given_case_numbers(actor=request.user), many=True
            ).data
        )

    @extend_schema(
        request=GiveCaseInput,
        responses={201: GivenCaseSerializer, **error_responses(400, 401, 403, 404)},
        operation_id="organization_given_cases_create",
    )
    @idempotent
    def post(self, request):
        data = GiveCaseInput(data=request.data)
        data.is_valid(raise_exception=True)
        given = services.case_number_assignment_create(
            actor=request.user,
            administrator_id=data.validated_data["administrator"],
            case_number=data.validated_data["case_number"],
        )
        return Response(GivenCaseSerializer(given).data, status=status.HTTP_201_CREATED)


class GivenCaseApi(ApiView):
    """For the PA: take a case given by number back from an SA."""

    required_capabilities = {"DELETE": Capability.GIVE_CASES_TO_ADMINISTRATORS}

    @extend_schema(
        responses={204: None, **error_responses(401, 403, 404)},
        operation_id="organization_given_cases_remove",
    )
    def delete(self, request, given_id):
        services.case_number_assignment_remove(actor=request.user, given_id=given_id)
        return Response(status=status.HTTP_204_NO_CONTENT)


class CaseAccessReviewApi(ApiView):
    """For the PA and SAs: which account of the organization can see which case party, and
    why (administrator, given by case profile or number, assigned, default OU), by whom and
    when; narrowed to one account or one case, a page of case parties at a time."""

    required_capabilities = {"GET": Capability.REVIEW_CASE_ACCESS}

    @extend_schema(
        parameters=[CaseAccessFilterInput],
        responses={200: CaseAccessPageSerializer, **error_responses(400, 401, 403, 404)},
        operation_id="organization_case_access_list",
    )
    def get(self, request):
        data = CaseAccessFilterInput(data=request.query_params)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        review = access_review_selectors.case_access_review(
            actor=request.user,
            holder_id=values.get("holder"),
            case_number=values["case_number"],
            before=values.get("before"),
            after=values.get("after"),
        )
        return Response(CaseAccessPageSerializer(review).data)


class CaseAccessExportApi(ApiView):
    """The whole access review as a CSV file in Unicode, for a spreadsheet. A cell that a
    spreadsheet would read as a formula (starting with =, +, -, @, tab or carriage return)
    is written with a leading single quote, so that it is shown as text."""

    required_capabilities = {"GET": Capability.REVIEW_CASE_ACCESS}

    def perform_content_negotiation(self, request, force=False):
        # A client asking for text/csv gets the file; its errors come as JSON.
        return super().perform_content_negotiation(request, force=True)

    @extend_schema(
        parameters=[CaseAccessExportInput],
        responses={
            (200, CSV_CONTENT_TYPE): OpenApiResponse(
                OpenApiTypes.STR, description="The review as comma-separated values."
            ),
            **error_responses(400, 401, 403, 404),
        },
        operation_id="organization_case_access_export",
    )
    def get(self, request):
        data = CaseAccessExportInput(data=request.query_params)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        # Checked before the first byte is sent: a holder not found is a 404, not a broken file.
        access_review_selectors.case_access_holder(
            actor=request.user, holder_id=values.get("holder")
        )
        response = StreamingHttpResponse(
            case_access_csv(
                actor=request.user,
                holder_id=values.get("holder"),
                case_number=values["case_number"],
            ),
            content_type=f"{CSV_CONTENT_TYPE}; charset=utf-8",
        )
        response["Content-Disposition"] = f'attachment; filename="{case_access_filename()}"'
        return response
