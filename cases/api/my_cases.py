"""The holders' cases through the API (CASE-2, CASE-4, GEN-2, BEY-1): the same selectors as
the pages. A case out of the caller's reach is "not found" with the same body as a case that
does not exist; court staff are refused (403) before any lookup."""

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.response import Response

from cases.api.counsel import BriefedCounselSerializer
from cases.selectors import my_cases as my_cases_selectors
from cases.selectors.my_cases import CaseFilters
from core.api import ApiView, error_responses, next_page_url

# --- output -------------------------------------------------------------------------------------


class CasePartySerializer(serializers.Serializer):
    """A party to a case: its type and name, as the registry records them."""

    party_type = serializers.CharField(
        help_text="PLAINTIFF, DEFENDANT, THIRD_PARTY, APPLICANT, RESPONDENT or INTERESTED_PARTY."
    )
    party_type_label = serializers.CharField(
        source="get_party_type_display", help_text="In the language of the request."
    )
    position = serializers.IntegerField(help_text="1 for the first of its type, 2 the second...")
    name = serializers.CharField()


class AssignedOuSerializer(serializers.Serializer):
    """An OU account of the caller's organization that a case party is assigned to."""

    id = serializers.IntegerField()
    login_name = serializers.CharField()
    name = serializers.CharField(source="full_name")
    branch = serializers.SerializerMethodField(help_text="The OU's branch code.")

    def get_branch(self, obj) -> str:
        return obj.branch.code if obj.branch_id else ""


class _CaseFields(serializers.Serializer):
    id = serializers.IntegerField(source="case.id")
    number = serializers.CharField(source="case.number", help_text="e.g. DCPI 1234/2025.")
    title = serializers.CharField(source="case.title")
    title_zh = serializers.CharField(
        source="case.title_zh", help_text="The title in Chinese; empty if the court has none."
    )
    court_level = serializers.CharField(
        source="case.proceeding_type.court_level.code", help_text="e.g. DC."
    )
    court_level_name = serializers.CharField(source="case.proceeding_type.court_level.name")
    proceeding_type = serializers.CharField(
        source="case.proceeding_type.code", help_text="e.g. DCPI."
    )
    proceeding_type_name = serializers.CharField(source="case.proceeding_type.name")
    status = serializers.CharField(source="case.status", help_text="ONGOING or FINALLY_DISPOSED.")
    final_disposal_date = serializers.DateField(source="case.final_disposal_date", allow_null=True)
    e_enabled = serializers.BooleanField(
        help_text="Whether an implementation notice in force covers the case's type of "
        "proceedings, so that e-services are available for it; if not, the case stays on paper."
    )


class MyCaseSerializer(_CaseFields):
    """One party the caller holds in a case: an individual user's own, an OU's assigned to it,
    or for an administrator the organization's, with the OUs it is assigned to."""

    party = CasePartySerializer(source="link.party")
    route = serializers.CharField(
        source="link.route",
        help_text="How the link was made: APPLICATION, NOTICE_OF_CONSENT, FILING or "
        "NOTICE_OF_CHANGE.",
    )
    since = serializers.DateTimeField(help_text="Linked; for an OU, assigned to it.")
    assigned_to = AssignedOuSerializer(
        many=True, help_text="Administrators only: the OUs; empty when assigned to none."
    )


class MyCasesPageSerializer(serializers.Serializer):
    """One page of the caller's cases, newest first, and how to ask for the next one."""

    results = MyCaseSerializer(many=True)
    next_cursor = serializers.CharField(
        allow_null=True, help_text="Pass as `cursor` for the next page; null on the last page."
    )
    next = serializers.CharField(
        allow_null=True, help_text="The address of the next page, with the same filters."
    )


class RepresentationSerializer(serializers.Serializer):
    """Who represented a party the caller holds, from when until when (null: still)."""

    representative = serializers.CharField(
        help_text="The representing organization's name; empty for the party in person."
    )
    in_person = serializers.BooleanField(help_text="The party acted through an individual account.")
    yours = serializers.BooleanField(help_text="The caller's own account or organization.")
    route = serializers.CharField(source="link.route")
    linked_at = serializers.DateTimeField(source="link.linked_at")
    ended_at = serializers.DateTimeField(source="link.ended_at", allow_null=True)


class YourPartySerializer(serializers.Serializer):
    """A party of the case the caller holds, how it was linked, and its representation."""

    link = serializers.IntegerField(
        source="link.pk", help_text="The link's id (counsel: case-parties/{link}/counsel/)."
    )
    party = CasePartySerializer(source="link.party")
    capacity = serializers.CharField(
        source="link.capacity",
        help_text="REPRESENTATION (in person or as solicitors) or COUNSEL (briefed by them).",
    )
    route = serializers.CharField(source="link.route")
    linked_at = serializers.DateTimeField(source="link.linked_at")
    assigned_to = AssignedOuSerializer(
        many=True, help_text="Administrators: the OUs; an OU: itself."
    )
    history = RepresentationSerializer(many=True, help_text="Oldest first.")
    counsel = BriefedCounselSerializer(
        many=True, help_text="The barristers the party's solicitors briefed (not for counsel)."
    )
    may_instruct_counsel = serializers.BooleanField()
    instructed_by = serializers.CharField(help_text="Counsel: the solicitors who briefed it.")


class CaseDetailSerializer(_CaseFields):
    """A case as its holder sees it: the case, every party's type and name, and the parties
    the caller holds with their history of representation."""

    e_services_message = serializers.SerializerMethodField(
        help_text="Why e-services are not available, when they are not; empty otherwise."
    )
    may_transact = serializers.BooleanField(
        help_text="Whether the caller (an individual user or OU) may transact electronically."
    )
    parties = CasePartySerializer(many=True)
    your_parties = YourPartySerializer(many=True, source="your_links")

    def get_e_services_message(self, obj) -> str:
        if obj.e_enabled:
            return ""
        return str(my_cases_selectors.NOT_E_ENABLED_MESSAGE)


# --- input --------------------------------------------------------------------------------------


class MyCasesFilterInput(serializers.Serializer):
    """Narrow the list; every field is optional."""

    number = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=40,
        help_text="A whole case number (any spacing or case, e.g. dcpi 01234/2025) or its "
        "beginning (DCPI, DCPI 12).",
    )
    proceeding_type = serializers.CharField(
        required=False, allow_blank=True, max_length=10, help_text="A code, e.g. DCPI."
    )
    status = serializers.CharField(
        required=False, allow_blank=True, max_length=20, help_text="ONGOING or FINALLY_DISPOSED."
    )
    assignment = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=20,
        help_text="Administrators only: assigned (to some OU) or unassigned (to none).",
    )
    cursor = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=200,
        help_text="The `next_cursor` of the page before; a cursor that is not the portal's is "
        "refused.",
    )


# --- views --------------------------------------------------------------------------------------


class MyCasesApi(ApiView):
    """The caller's cases, newest first, 25 to a page: an individual user's own, an OU's
    assigned to it, the organization's for its administrators (with the OUs each is
    assigned to). A number filter that matches none of them gives an empty list."""

    @extend_schema(
        parameters=[MyCasesFilterInput],
        responses={200: MyCasesPageSerializer, **error_responses(400, 401, 403)},
        operation_id="cases_list",
    )
    def get(self, request):
        data = MyCasesFilterInput(data=request.query_params)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        page = my_cases_selectors.my_cases(
            actor=request.user,
            cursor=values.get("cursor") or None,
            filters=CaseFilters(
                number=values.get("number", ""),
                proceeding_type=values.get("proceeding_type", ""),
                status=values.get("status", ""),
                assignment=values.get("assignment", ""),
            ),
        )
        return Response(
            {
                "results": MyCaseSerializer(page.rows, many=True).data,
                "next_cursor": page.next_cursor,
                "next": next_page_url(request, page.next_cursor),
            }
        )


class CaseApi(ApiView):
    """One of the caller's cases: its number, court level, type of proceedings, status,
    whether e-services are available, every party's type and name, and the parties the
    caller holds with how they were linked, the OUs they are assigned to (administrators)
    and who represented them, when. Another's case is not found, as a case that does not
    exist."""

    @extend_schema(
        responses={200: CaseDetailSerializer, **error_responses(401, 403, 404)},
        operation_id="cases_retrieve",
    )
    def get(self, request, case_id):
        page = my_cases_selectors.case_page(actor=request.user, case_id=case_id)
        return Response(CaseDetailSerializer(page).data)
