"""/api/v1/ operations of the Cause Book (SVC-3): the public search, as the page, a page of
hearings at a time."""

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.exceptions import Throttled
from rest_framework.pagination import PageNumberPagination
from rest_framework.permissions import AllowAny

from core import ratelimit
from core.api import ApiView, error_responses
from core.errors import ValidationFailed
from hearings import selectors
from hearings.forms import CauseBookSearchForm
from hearings.models import HearingType
from hearings.views import SEARCH_SCOPE


class CauseBookQuery(serializers.Serializer):
    """A search of the Cause Book; every parameter may be left out."""

    date = serializers.DateField(
        required=False, help_text="YYYY-MM-DD; today in Hong Kong when left out."
    )
    date_to = serializers.DateField(
        required=False, help_text="The last day of a search of several days (at most 31)."
    )
    court_level = serializers.CharField(
        required=False, max_length=10, help_text="A court level's code, e.g. DC."
    )
    judge = serializers.CharField(
        required=False, max_length=100, help_text="Any part of the judge's English or Chinese name."
    )
    case_number = serializers.CharField(
        required=False, max_length=100, help_text="A whole case number, e.g. DCPI 1234/2025."
    )
    party = serializers.CharField(
        required=False,
        max_length=100,
        help_text="Any part of a party's English or Chinese name; letter case and spacing do "
        "not matter.",
    )


class CauseBookHearingSerializer(serializers.Serializer):
    """A hearing as the public Cause Book lists it."""

    date = serializers.DateField()
    time = serializers.TimeField(source="start_time", format="%H:%M")
    court_level = serializers.CharField(source="court_level.code", help_text="e.g. DC")
    court = serializers.CharField(source="court_name", help_text="In the request's language.")
    courtroom = serializers.CharField()
    judge = serializers.CharField(help_text="In the request's language.")
    judge_en = serializers.CharField()
    judge_zh = serializers.CharField()
    case_number = serializers.CharField(source="case.number")
    parties = serializers.SerializerMethodField(help_text='e.g. "CHAN Tai Man v. LEE Ka Yan"')
    hearing_type = serializers.ChoiceField(choices=HearingType.choices)
    hearing_type_name = serializers.CharField(
        source="get_hearing_type_display", help_text="In the request's language."
    )

    def get_parties(self, hearing) -> str:
        return selectors.parties_title(hearing.case)


class CauseBookPagination(PageNumberPagination):
    page_size = selectors.PAGE_SIZE


class CauseBookApi(ApiView):
    """Search the Cause Book: the public hearings of a day (today unless `date` says
    otherwise) or of up to 31 days, by court level, judge, case number and party name, in the
    order of the lists, 50 to a page. Hearings in chambers and of cases heard in private are
    never listed. Open to the public; every search counts against 120 an hour from one address
    (429 throttled beyond)."""

    authentication_classes = []
    permission_classes = [AllowAny]
    pagination_class = CauseBookPagination

    @extend_schema(
        parameters=[CauseBookQuery],
        responses={200: CauseBookHearingSerializer(many=True), **error_responses(400, 404, 429)},
        operation_id="cause_book_search",
    )
    def get(self, request):
        data = CauseBookQuery(data=request.query_params)
        data.is_valid(raise_exception=True)
        # The page's form reads the same fields with the same rules (dates, case number).
        form = CauseBookSearchForm(request.query_params)
        if not form.is_valid():
            raise ValidationFailed(
                {field: [str(m) for m in messages] for field, messages in form.errors.items()}
            )
        address = ratelimit.client_address(request)
        if not ratelimit.allow(scope=SEARCH_SCOPE, key=address):
            raise Throttled(wait=ratelimit.retry_after(scope=SEARCH_SCOPE, key=address))
        paginator = self.pagination_class()
        page = paginator.paginate_queryset(
            selectors.cause_book_search(form.filters()), request, view=self
        )
        return paginator.get_paginated_response(CauseBookHearingSerializer(page, many=True).data)
