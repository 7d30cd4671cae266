"""/api/v1/backoffice/cause-book/: the registry's Cause Book (SVC-3, OPS-1), as its pages under
/backoffice/cause-book/: the hearings from a day on (or of one case), public or not; listing,
correcting and taking off a hearing; importing the CSV file of hearings the registry already
produces. Each calls the same services as the pages, so the same rules and audit records."""

from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response

from core.api import ApiView, error_responses, valid_form
from core.errors import ValidationFailed
from core.idempotency import idempotent
from hearings import selectors, services
from hearings.api import CauseBookPagination
from hearings.forms import RegistryHearingFilterForm
from hearings.models import HearingType
from permissions.roles import Capability

_MAINTAIN = Capability.MAINTAIN_CAUSE_BOOK
# The services' name of a field -> the API's (the lists and the CSV file say "time").
_API_FIELDS = {"start_time": "time"}


def _api_errors(exc: ValidationFailed) -> ValidationFailed:
    return ValidationFailed(
        {_API_FIELDS.get(field, field): messages for field, messages in exc.errors.items()}
    )


class RegistryHearingQuery(serializers.Serializer):
    """Which hearings the registry's list holds."""

    date = serializers.DateField(
        required=False,
        help_text="The first day listed (YYYY-MM-DD); today in Hong Kong when left out.",
    )
    case_number = serializers.CharField(
        required=False,
        max_length=100,
        help_text="Every hearing of this case, past ones too, instead of the days from `date`.",
    )


class RegistryHearingSerializer(serializers.Serializer):
    """A hearing as the registry keeps it: public or not, with its notes."""

    id = serializers.IntegerField()
    date = serializers.DateField()
    time = serializers.TimeField(source="start_time", format="%H:%M")
    court_level = serializers.CharField(source="court_level.code", help_text="e.g. DC")
    court = serializers.CharField(help_text="As the registry typed it, e.g. District Court.")
    courtroom = serializers.CharField()
    judge_en = serializers.CharField()
    judge_zh = serializers.CharField()
    case_id = serializers.IntegerField()
    case_number = serializers.CharField(source="case.number")
    parties = serializers.SerializerMethodField(help_text='e.g. "CHAN Tai Man v. LEE Ka Yan"')
    hearing_type = serializers.ChoiceField(choices=HearingType.choices)
    public = serializers.BooleanField(
        help_text="Listed in the public Cause Book; never for a hearing in chambers."
    )
    notes = serializers.CharField(help_text="The registry's; never published.")
    updated_at = serializers.DateTimeField()

    def get_parties(self, hearing) -> str:
        return selectors.parties_title(hearing.case)


class RegistryHearingWrittenSerializer(RegistryHearingSerializer):
    """A hearing just listed or corrected, with what to check about its date."""

    warnings = serializers.ListField(
        child=serializers.CharField(),
        help_text="What to check about the date: a Sunday, a public holiday, a date passed. "
        "The hearing is listed all the same.",
    )


class HearingInput(serializers.Serializer):
    """A hearing to list. Its court level is its case's."""

    case_number = serializers.CharField(max_length=100, help_text="e.g. DCPI 1234/2025")
    date = serializers.DateField()
    time = serializers.TimeField(help_text="HH:MM, 24-hour clock.")
    court = serializers.CharField(max_length=services.COURT_MAX, help_text="e.g. District Court")
    courtroom = serializers.CharField(max_length=services.COURTROOM_MAX, help_text="e.g. Court 23")
    judge_en = serializers.CharField(max_length=services.JUDGE_MAX, help_text="e.g. HH Judge LEE")
    judge_zh = serializers.CharField(
        max_length=services.JUDGE_MAX, required=False, allow_blank=True, help_text="e.g. 李法官"
    )
    hearing_type = serializers.ChoiceField(choices=HearingType.choices)
    public = serializers.BooleanField(
        required=False,
        default=True,
        help_text="List it in the public Cause Book (not for a case heard in private). A "
        "chambers hearing is never listed, whatever this says.",
    )
    notes = serializers.CharField(
        max_length=services.NOTES_MAX,
        required=False,
        allow_blank=True,
        help_text="For the registry; not published.",
    )


class HearingCorrection(HearingInput):
    """A correction: the fields sent replace the hearing's; the others stay as they are."""

    public = serializers.BooleanField(
        required=False, help_text="A chambers hearing is never listed, whatever this says."
    )


class CauseBookImportInput(serializers.Serializer):
    """A CSV file of hearings, as the registry's own system writes it."""

    file = serializers.FileField(
        help_text="CSV in utf-8, at most 2 MB and 5,000 hearings; first line "
        "`date,time,court,courtroom,judge_en,judge_zh,case_number,hearing_type,public`."
    )


class CauseBookImportSerializer(serializers.Serializer):
    """What an imported file held and what it changed."""

    id = serializers.IntegerField()
    file_name = serializers.CharField()
    sha256 = serializers.CharField()
    rows = serializers.IntegerField(help_text="Hearings in the file.")
    created = serializers.IntegerField(help_text="Hearings listed.")
    updated = serializers.IntegerField(help_text="Hearings listed already, corrected.")
    unchanged = serializers.IntegerField(help_text="Hearings listed already as the file says.")
    imported_at = serializers.DateTimeField()


def _service_values(data: dict) -> dict:
    values = dict(data)
    if "time" in values:
        values["start_time"] = values.pop("time")
    return values


def _written(hearing) -> dict:
    (hearing,) = selectors.with_parties([hearing])
    return {
        **RegistryHearingSerializer(hearing).data,
        "warnings": selectors.date_remarks(hearing.date),
    }


class RegistryHearingListApi(ApiView):
    """Every hearing from a day on (today unless `date` says otherwise), public or not, in the
    order of the lists, 50 to a page with links to the next and previous pages (no count); or
    every hearing of one case. And the listing of a hearing."""

    required_capabilities = {"GET": _MAINTAIN, "POST": _MAINTAIN}
    pagination_class = CauseBookPagination

    @extend_schema(
        parameters=[RegistryHearingQuery],
        responses={
            200: RegistryHearingSerializer(many=True),
            **error_responses(400, 401, 403, 404),
        },
        operation_id="registry_cause_book_list",
    )
    def get(self, request):
        RegistryHearingQuery(data=request.query_params).is_valid(raise_exception=True)
        # The page's form reads the same parameters with the same rules.
        form = valid_form(RegistryHearingFilterForm(request.query_params))
        hearings = selectors.staff_hearings(actor=request.user, **form.filters())
        paginator = self.pagination_class()
        page = paginator.paginate_queryset(hearings, request, view=self)
        return paginator.get_paginated_response(RegistryHearingSerializer(page, many=True).data)

    @extend_schema(
        request=HearingInput,
        responses={201: RegistryHearingWrittenSerializer, **error_responses(400, 401, 403)},
        operation_id="registry_cause_book_create",
    )
    @idempotent
    def post(self, request):
        data = HearingInput(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            hearing = services.hearing_create(
                actor=request.user, **_service_values(data.validated_data)
            )
        except ValidationFailed as exc:
            raise _api_errors(exc) from None
        return Response(_written(hearing), status=status.HTTP_201_CREATED)


class RegistryHearingApi(ApiView):
    """One hearing; its correction (the fields sent replace the hearing's, the case's number
    too if it was listed under the wrong one); taking it off the Cause Book (a hearing vacated
    or listed in error: the parties' calendars drop it at their next reading)."""

    required_capabilities = {"GET": _MAINTAIN, "PATCH": _MAINTAIN, "DELETE": _MAINTAIN}

    @extend_schema(
        responses={200: RegistryHearingSerializer, **error_responses(401, 403, 404)},
        operation_id="registry_cause_book_retrieve",
    )
    def get(self, request, hearing_id):
        hearing = selectors.staff_hearing(actor=request.user, hearing_id=hearing_id)
        (hearing,) = selectors.with_parties([hearing])
        return Response(RegistryHearingSerializer(hearing).data)

    @extend_schema(
        request=HearingCorrection(partial=True),
        responses={200: RegistryHearingWrittenSerializer, **error_responses(400, 401, 403, 404)},
        operation_id="registry_cause_book_update",
    )
    def patch(self, request, hearing_id):
        data = HearingCorrection(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        try:
            hearing = services.hearing_update(
                actor=request.user,
                hearing_id=hearing_id,
                **_service_values(data.validated_data),
            )
        except ValidationFailed as exc:
            raise _api_errors(exc) from None
        return Response(_written(hearing))

    @extend_schema(
        responses={204: None, **error_responses(401, 403, 404)},
        operation_id="registry_cause_book_destroy",
    )
    def delete(self, request, hearing_id):
        services.hearing_remove(actor=request.user, hearing_id=hearing_id)
        return Response(status=status.HTTP_204_NO_CONTENT)


class CauseBookImportApi(ApiView):
    """Import a CSV file of hearings. Every line is checked first: if any is wrong nothing is
    saved and the errors name each wrong line and column. A line whose case, date, time and
    courtroom are listed already corrects that hearing, or changes nothing: the same file
    imported twice changes nothing. A hearing not in the file is not taken off."""

    required_capabilities = {"POST": _MAINTAIN}
    parser_classes = [MultiPartParser, FormParser]

    @extend_schema(
        request={"multipart/form-data": CauseBookImportInput},
        responses={201: CauseBookImportSerializer, **error_responses(400, 401, 403)},
        operation_id="registry_cause_book_import",
    )
    @idempotent
    def post(self, request):
        data = CauseBookImportInput(data=request.data)
        data.is_valid(raise_exception=True)
        upload = data.validated_data["file"]
        record = services.cause_book_import(
            actor=request.user,
            data=upload.read(services.IMPORT_MAX_BYTES + 1),
            file_name=upload.name or "",
        )
        return Response(CauseBookImportSerializer(record).data, status=status.HTTP_201_CREATED)
