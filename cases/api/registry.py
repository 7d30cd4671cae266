"""The registry's operations (registry clerks only): cases, their parties, final disposal and
reopening, implementation notices, court levels and proceeding types; and the public check of
a case number that the application forms use. The same services and selectors as the pages."""

from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import serializers, status
from rest_framework.exceptions import Throttled
from rest_framework.permissions import AllowAny
from rest_framework.response import Response

from cases.checks import check_message, proceeding_name
from cases.models import CaseStatus, PartyType
from cases.selectors import registry as registry_selectors
from cases.selectors.linkability import Linkability, case_check
from cases.services import registry as services
from cases.services.notices import case_link_correct
from core import ratelimit
from core.api import ID_MAX, ApiView, error_responses
from core.errors import NotFound
from core.idempotency import idempotent
from permissions.roles import Capability

# --- output ------------------------------------------------------------------------------------


class CaseCheckSerializer(serializers.Serializer):
    """What the court says of a typed case number, and nothing more: not its parties, not its
    title."""

    number = serializers.CharField(
        allow_null=True, help_text="The number as the court writes it; null if not a number."
    )
    result = serializers.ChoiceField(
        choices=[(value.value, value.value) for value in Linkability],
        help_text="linkable (known and conducted through iCMS), not_e_enabled (known, on "
        "paper), disposed (finally disposed of), unknown (not in the court's records) or "
        "not_a_case_number.",
    )
    proceeding = serializers.CharField(
        help_text="Court level and proceeding type, in the language of the request; empty "
        "unless the court knows the case."
    )
    detail = serializers.CharField(help_text="The same, in words, in the language of the request.")


class RegistryCourtLevelSerializer(serializers.Serializer):
    """A level of court, e.g. DC, the District Court."""

    id = serializers.IntegerField()
    code = serializers.CharField()
    name_en = serializers.CharField()
    name_zh = serializers.CharField()


class RegistryProceedingTypeSerializer(serializers.Serializer):
    """A type of proceedings at a court level; its code begins its cases' numbers."""

    id = serializers.IntegerField()
    code = serializers.CharField()
    court_level = serializers.CharField(source="court_level.code")
    name_en = serializers.CharField()
    name_zh = serializers.CharField()
    e_enabled = serializers.BooleanField(
        required=False, help_text="Whether a notice in force covers it today."
    )


class RegistryImplementationNoticeSerializer(serializers.Serializer):
    """From its date, the cases of the proceeding type are conducted through iCMS."""

    id = serializers.IntegerField()
    proceeding_type = serializers.CharField(source="proceeding_type.code")
    court_level = serializers.CharField(source="proceeding_type.court_level.code")
    effective_date = serializers.DateField()
    title = serializers.CharField()


class RegistryCasePartySerializer(serializers.Serializer):
    """A party of a case."""

    id = serializers.IntegerField()
    party_type = serializers.ChoiceField(choices=PartyType.choices)
    position = serializers.IntegerField(help_text="1 for the 1st Defendant, 2 for the 2nd.")
    name = serializers.CharField()
    name_zh = serializers.CharField(help_text="The name in Chinese; empty if the court has none.")


class RegistryCaseLinkSerializer(serializers.Serializer):
    """An account or organization linked to a party, now or before."""

    id = serializers.IntegerField()
    party = serializers.IntegerField(source="party_id")
    route = serializers.CharField(
        help_text="APPLICATION, NOTICE_OF_CONSENT, FILING, NOTICE_OF_CHANGE or CORRECTION (a "
        "link the registry moved to the right party)."
    )
    organization = serializers.CharField(source="organization.name", default=None, allow_null=True)
    individual = serializers.CharField(
        source="individual.login_name", default=None, allow_null=True
    )
    linked_at = serializers.DateTimeField()
    ended_at = serializers.DateTimeField(allow_null=True, help_text="Null while current.")


class RegistryCaseSummarySerializer(serializers.Serializer):
    """A case in the registry's list."""

    id = serializers.IntegerField()
    number = serializers.CharField(help_text="e.g. DCPI 1234/2025")
    title = serializers.CharField()
    title_zh = serializers.CharField(help_text="The title in Chinese; empty if the court has none.")
    court_level = serializers.CharField(source="proceeding_type.court_level.code")
    proceeding_type = serializers.CharField(source="proceeding_type.code")
    status = serializers.ChoiceField(choices=CaseStatus.choices)
    final_disposal_date = serializers.DateField(allow_null=True)


class RegistryCaseSerializer(RegistryCaseSummarySerializer):
    """A case as the registry sees it: its parties and every link, current or ended."""

    parties = RegistryCasePartySerializer(many=True, source="parties.all")
    links = serializers.SerializerMethodField()

    @extend_schema_field(RegistryCaseLinkSerializer(many=True))
    def get_links(self, obj):
        return RegistryCaseLinkSerializer(
            registry_selectors.registry_case_links(obj), many=True
        ).data


class RegistryCasePageSerializer(serializers.Serializer):
    """A page of cases, newest first."""

    results = RegistryCaseSummarySerializer(many=True)
    next_before = serializers.IntegerField(
        allow_null=True, help_text="Pass as `before` for the next page; null on the last."
    )


# --- input -------------------------------------------------------------------------------------


class CaseCheckInput(serializers.Serializer):
    """The case number to check."""

    number = serializers.CharField(max_length=100, help_text="e.g. DCPI 1234/2025")


class RegistryCaseFilterInput(serializers.Serializer):
    """Narrow the list of cases."""

    number = serializers.CharField(
        max_length=40, required=False, allow_blank=True, help_text="A whole number, or a part."
    )
    proceeding_type = serializers.IntegerField(
        required=False, min_value=1, max_value=ID_MAX, help_text="A proceeding type's id."
    )
    status = serializers.ChoiceField(choices=CaseStatus.choices, required=False)
    before = serializers.IntegerField(
        required=False, min_value=1, help_text="The `next_before` of the page before."
    )


class RegistryPartyInput(serializers.Serializer):
    """A party: its type, its position among parties of that type, its name."""

    party_type = serializers.CharField(max_length=30, help_text="PLAINTIFF, DEFENDANT, ...")
    position = serializers.IntegerField(required=False, default=1)
    name = serializers.CharField(max_length=300, allow_blank=True)
    name_zh = serializers.CharField(
        max_length=300,
        required=False,
        allow_blank=True,
        help_text="The name in Chinese, if the court has it; left out, a correction keeps it.",
    )


TITLE_ZH_HELP = "The title in Chinese, where the court has one; Chinese pages show it."


class RegistryCaseCreateInput(serializers.Serializer):
    """A new case: number, title and at least one party."""

    number = serializers.CharField(max_length=40, help_text="e.g. DCPI 1234/2025")
    title = serializers.CharField(max_length=300, allow_blank=True)
    title_zh = serializers.CharField(
        max_length=300, required=False, allow_blank=True, default="", help_text=TITLE_ZH_HELP
    )
    parties = RegistryPartyInput(many=True, max_length=200)


class RegistryCaseTitleInput(serializers.Serializer):
    """The corrected title, and the Chinese title (left out, it is kept)."""

    title = serializers.CharField(max_length=300, allow_blank=True)
    title_zh = serializers.CharField(max_length=300, required=False, allow_blank=True)


class RegistryDisposalInput(serializers.Serializer):
    """The date of final disposal: not in the future, not before the case was entered."""

    final_disposal_date = serializers.DateField()


class RegistryReasonsInput(serializers.Serializer):
    """Why (kept in the audit trail)."""

    reasons = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")


class RegistryLinkCorrectionInput(serializers.Serializer):
    """The party of the same case the link should be for, and why (the holder is told)."""

    party = serializers.IntegerField(help_text="The id of one of the case's parties.")
    reasons = serializers.CharField(max_length=2000)


class RegistryImplementationNoticeInput(serializers.Serializer):
    """A notice: the proceeding type, the date it comes into force (today or later), its
    title."""

    proceeding_type = serializers.IntegerField(
        min_value=1, max_value=ID_MAX, help_text="A proceeding type's id."
    )
    effective_date = serializers.DateField()
    title = serializers.CharField(max_length=300, allow_blank=True)


class RegistryCourtLevelInput(serializers.Serializer):
    """A new court level."""

    code = serializers.CharField(max_length=20)
    name_en = serializers.CharField(max_length=200, allow_blank=True)
    name_zh = serializers.CharField(max_length=200, allow_blank=True)


class RegistryProceedingTypeInput(RegistryCourtLevelInput):
    """A new proceeding type at a court level; on paper until a notice covers it."""

    court_level = serializers.IntegerField(help_text="A court level's id.")


# --- the public check --------------------------------------------------------------------------


class CaseCheckApi(ApiView):
    """Check a case number before listing it in an application: whether the court knows the
    case, whether its proceedings are conducted through iCMS (and so can be linked), or
    whether it is finally disposed of. Nothing else of the case is disclosed. Open to the
    public; at most 60 checks an hour from one address (429 throttled beyond)."""

    authentication_classes = []
    permission_classes = [AllowAny]

    @extend_schema(
        parameters=[CaseCheckInput],
        responses={200: CaseCheckSerializer, **error_responses(400, 429)},
        operation_id="case_check",
    )
    def get(self, request):
        data = CaseCheckInput(data=request.query_params)
        data.is_valid(raise_exception=True)
        address = ratelimit.client_address(request)
        if not ratelimit.allow(scope="case_check", key=address):
            raise Throttled(wait=ratelimit.retry_after(scope="case_check", key=address))
        check = case_check(data.validated_data["number"])
        return Response(
            {
                "number": check.number,
                "result": str(check.linkability),
                "proceeding": proceeding_name(check),
                "detail": check_message(check),
            }
        )


# --- cases ---------------------------------------------------------------------------------------


def _case(request, case_id):
    case = registry_selectors.registry_case(actor=request.user, case_id=case_id)
    return RegistryCaseSerializer(case).data


class CaseListApi(ApiView):
    """The registry's cases, newest first, a page of 50 at a time (continue with `before`);
    and the entry of a new case: its number (whose prefix names a known proceeding type, and
    so the court level), its title and at least one party."""

    required_capabilities = {"GET": Capability.RUN_REGISTRY, "POST": Capability.RUN_REGISTRY}

    @extend_schema(
        parameters=[RegistryCaseFilterInput],
        responses={200: RegistryCasePageSerializer, **error_responses(400, 401, 403)},
        operation_id="registry_cases_list",
    )
    def get(self, request):
        data = RegistryCaseFilterInput(data=request.query_params)
        data.is_valid(raise_exception=True)
        filters = data.validated_data
        cases, next_before = registry_selectors.registry_cases(
            actor=request.user,
            number=filters.get("number", ""),
            proceeding_type_id=filters.get("proceeding_type"),
            status=filters.get("status", ""),
            before_id=filters.get("before"),
        )
        return Response(
            {
                "results": RegistryCaseSummarySerializer(cases, many=True).data,
                "next_before": next_before,
            }
        )

    @extend_schema(
        request=RegistryCaseCreateInput,
        responses={201: RegistryCaseSerializer, **error_responses(400, 401, 403)},
        operation_id="registry_cases_create",
    )
    @idempotent
    def post(self, request):
        data = RegistryCaseCreateInput(data=request.data)
        data.is_valid(raise_exception=True)
        case = services.case_create(actor=request.user, **data.validated_data)
        return Response(_case(request, case.pk), status=status.HTTP_201_CREATED)


class CaseApi(ApiView):
    """One case with its parties and every link, current or ended; the registry corrects its
    title."""

    required_capabilities = {"GET": Capability.RUN_REGISTRY, "PATCH": Capability.RUN_REGISTRY}

    @extend_schema(
        responses={200: RegistryCaseSerializer, **error_responses(401, 403, 404)},
        operation_id="registry_cases_retrieve",
    )
    def get(self, request, case_id):
        return Response(_case(request, case_id))

    @extend_schema(
        request=RegistryCaseTitleInput,
        responses={200: RegistryCaseSerializer, **error_responses(400, 401, 403, 404)},
        operation_id="registry_cases_update",
    )
    def patch(self, request, case_id):
        data = RegistryCaseTitleInput(data=request.data)
        data.is_valid(raise_exception=True)
        services.case_update(actor=request.user, case_id=case_id, **data.validated_data)
        return Response(_case(request, case_id))


class CaseDisposalApi(ApiView):
    """Record the case's final disposal on a date: not in the future, not before the case was
    entered. It can no longer be linked. 409 if already disposed of."""

    required_capabilities = {"POST": Capability.RUN_REGISTRY}

    @extend_schema(
        request=RegistryDisposalInput,
        responses={200: RegistryCaseSerializer, **error_responses(400, 401, 403, 404, 409)},
        operation_id="registry_cases_final_disposal",
    )
    def post(self, request, case_id):
        data = RegistryDisposalInput(data=request.data)
        data.is_valid(raise_exception=True)
        services.case_final_disposal_record(
            actor=request.user, case_id=case_id, **data.validated_data
        )
        return Response(_case(request, case_id))


class CaseReopenApi(ApiView):
    """Reopen a finally disposed case, with reasons (a disposal recorded in error, or set
    aside). 409 if it is on-going."""

    required_capabilities = {"POST": Capability.RUN_REGISTRY}

    @extend_schema(
        request=RegistryReasonsInput,
        responses={200: RegistryCaseSerializer, **error_responses(400, 401, 403, 404, 409)},
        operation_id="registry_cases_reopen",
    )
    def post(self, request, case_id):
        data = RegistryReasonsInput(data=request.data)
        data.is_valid(raise_exception=True)
        services.case_reopen(actor=request.user, case_id=case_id, **data.validated_data)
        return Response(_case(request, case_id))


class CasePartyListApi(ApiView):
    """Add a party to a case; no two parties of one type at one position."""

    required_capabilities = {"POST": Capability.RUN_REGISTRY}

    @extend_schema(
        request=RegistryPartyInput,
        responses={201: RegistryCasePartySerializer, **error_responses(400, 401, 403, 404)},
        operation_id="registry_case_parties_create",
    )
    @idempotent
    def post(self, request, case_id):
        case = registry_selectors.registry_case(actor=request.user, case_id=case_id)
        data = RegistryPartyInput(data=request.data)
        data.is_valid(raise_exception=True)
        party = services.case_party_add(actor=request.user, case_id=case.pk, **data.validated_data)
        return Response(RegistryCasePartySerializer(party).data, status=status.HTTP_201_CREATED)


def _party_id(request, case_id, party_id) -> int:
    case = registry_selectors.registry_case(actor=request.user, case_id=case_id)
    if not case.parties.filter(pk=party_id).exists():
        raise NotFound()
    return party_id


class CasePartyApi(ApiView):
    """Correct a party's type, position or name; or remove a party entered in error, which
    was never linked (a case keeps at least one party)."""

    required_capabilities = {
        "PATCH": Capability.RUN_REGISTRY,
        "DELETE": Capability.RUN_REGISTRY,
    }

    @extend_schema(
        request=RegistryPartyInput,
        responses={200: RegistryCasePartySerializer, **error_responses(400, 401, 403, 404)},
        operation_id="registry_case_parties_update",
    )
    def patch(self, request, case_id, party_id):
        party_id = _party_id(request, case_id, party_id)
        data = RegistryPartyInput(data=request.data)
        data.is_valid(raise_exception=True)
        party = services.case_party_update(
            actor=request.user, party_id=party_id, **data.validated_data
        )
        return Response(RegistryCasePartySerializer(party).data)

    @extend_schema(
        responses={204: None, **error_responses(400, 401, 403, 404)},
        operation_id="registry_case_parties_remove",
    )
    def delete(self, request, case_id, party_id):
        party_id = _party_id(request, case_id, party_id)
        services.case_party_remove(actor=request.user, party_id=party_id)
        return Response(status=status.HTTP_204_NO_CONTENT)


class CaseLinkCorrectionApi(ApiView):
    """Correct a link made to the wrong party of the case: the holder is linked to `party`
    instead (route CORRECTION), its assigned OUs keep the case, the wrong link stays as
    history, and the holder is told. 404 for a link not current in this case; 400 when the
    party is not the case's, is the link's own, or is linked to another holder; 409 when the
    link ended meanwhile. A new legal representative takes over by a Notice of Change."""

    required_capabilities = {"POST": Capability.RUN_REGISTRY}

    @extend_schema(
        request=RegistryLinkCorrectionInput,
        responses={200: RegistryCaseSerializer, **error_responses(400, 401, 403, 404, 409)},
        operation_id="registry_case_links_correct",
    )
    def post(self, request, case_id, link_id):
        case = registry_selectors.registry_case(actor=request.user, case_id=case_id)
        link = registry_selectors.registry_link(actor=request.user, case=case, link_id=link_id)
        data = RegistryLinkCorrectionInput(data=request.data)
        data.is_valid(raise_exception=True)
        case_link_correct(
            actor=request.user,
            link_id=link.pk,
            party_id=data.validated_data["party"],
            reasons=data.validated_data["reasons"],
        )
        return Response(_case(request, case_id))


# --- implementation notices, court levels, proceeding types ------------------------------------


class ImplementationNoticeListApi(ApiView):
    """The implementation notices, latest first; and a new one: a proceeding type, the date
    it comes into force (today or later) and its title. The same type and date twice is
    refused."""

    required_capabilities = {"GET": Capability.RUN_REGISTRY, "POST": Capability.RUN_REGISTRY}

    @extend_schema(
        responses={
            200: RegistryImplementationNoticeSerializer(many=True),
            **error_responses(401, 403),
        },
        operation_id="registry_implementation_notices_list",
    )
    def get(self, request):
        notices = registry_selectors.implementation_notices(actor=request.user)
        return Response(RegistryImplementationNoticeSerializer(notices, many=True).data)

    @extend_schema(
        request=RegistryImplementationNoticeInput,
        responses={201: RegistryImplementationNoticeSerializer, **error_responses(400, 401, 403)},
        operation_id="registry_implementation_notices_create",
    )
    @idempotent
    def post(self, request):
        data = RegistryImplementationNoticeInput(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        notice = services.implementation_notice_create(
            actor=request.user,
            proceeding_type_id=values["proceeding_type"],
            effective_date=values["effective_date"],
            title=values["title"],
        )
        return Response(
            RegistryImplementationNoticeSerializer(notice).data, status=status.HTTP_201_CREATED
        )


class ImplementationNoticeWithdrawApi(ApiView):
    """Withdraw a notice entered in error while it is not yet in force (400 once in force)."""

    required_capabilities = {"POST": Capability.RUN_REGISTRY}

    @extend_schema(
        request=RegistryReasonsInput,
        responses={204: None, **error_responses(400, 401, 403, 404)},
        operation_id="registry_implementation_notices_withdraw",
    )
    def post(self, request, notice_id):
        data = RegistryReasonsInput(data=request.data)
        data.is_valid(raise_exception=True)
        services.implementation_notice_withdraw(
            actor=request.user, notice_id=notice_id, **data.validated_data
        )
        return Response(status=status.HTTP_204_NO_CONTENT)


class CourtLevelListApi(ApiView):
    """The court levels; and a new one (code and names in English and Chinese)."""

    required_capabilities = {"GET": Capability.RUN_REGISTRY, "POST": Capability.RUN_REGISTRY}

    @extend_schema(
        responses={200: RegistryCourtLevelSerializer(many=True), **error_responses(401, 403)},
        operation_id="registry_court_levels_list",
    )
    def get(self, request):
        return Response(
            RegistryCourtLevelSerializer(
                registry_selectors.court_levels(actor=request.user), many=True
            ).data
        )

    @extend_schema(
        request=RegistryCourtLevelInput,
        responses={201: RegistryCourtLevelSerializer, **error_responses(400, 401, 403)},
        operation_id="registry_court_levels_create",
    )
    @idempotent
    def post(self, request):
        data = RegistryCourtLevelInput(data=request.data)
        data.is_valid(raise_exception=True)
        level = services.court_level_create(actor=request.user, **data.validated_data)
        return Response(RegistryCourtLevelSerializer(level).data, status=status.HTTP_201_CREATED)


class ProceedingTypeListApi(ApiView):
    """The proceeding types, with whether each is e-enabled today; and a new one at a court
    level (on paper until a notice covers it)."""

    required_capabilities = {"GET": Capability.RUN_REGISTRY, "POST": Capability.RUN_REGISTRY}

    @extend_schema(
        responses={200: RegistryProceedingTypeSerializer(many=True), **error_responses(401, 403)},
        operation_id="registry_proceeding_types_list",
    )
    def get(self, request):
        return Response(
            RegistryProceedingTypeSerializer(
                registry_selectors.proceeding_types(actor=request.user), many=True
            ).data
        )

    @extend_schema(
        request=RegistryProceedingTypeInput,
        responses={201: RegistryProceedingTypeSerializer, **error_responses(400, 401, 403)},
        operation_id="registry_proceeding_types_create",
    )
    @idempotent
    def post(self, request):
        data = RegistryProceedingTypeInput(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        kind = services.proceeding_type_create(
            actor=request.user,
            court_level_id=values["court_level"],
            code=values["code"],
            name_en=values["name_en"],
            name_zh=values["name_zh"],
        )
        return Response(RegistryProceedingTypeSerializer(kind).data, status=status.HTTP_201_CREATED)
