"""/api/v1/ operations of the Cause Book (SVC-3): the public search, as the page, a page of
hearings at a time. And a holder's own (BEY-6): the hearings of one of its cases, and its
secret calendar address, made, looked at and stopped as on its calendar page."""

from django.urls import reverse
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.exceptions import NotFound, Throttled
from rest_framework.pagination import BasePagination
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.utils.urls import remove_query_param, replace_query_param

from core import ratelimit
from core.api import ApiView, error_responses, valid_form
from hearings import selectors, services
from hearings.forms import CauseBookSearchForm
from hearings.models import HearingType
from hearings.views import SEARCH_SCOPE
from permissions.roles import Capability


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


class CauseBookPagination(BasePagination):
    """Pages of 50 by number (`?page=2`) with links to the next and previous pages and no
    count: counting a search reads every public hearing of its span (issue 15). A page number
    that is not one, or a page past the end, is "not found", as DRF's page numbers are."""

    page_query_param = "page"

    def paginate_queryset(self, queryset, request, view=None):
        self.request = request
        self.number = selectors.page_number(request.query_params.get(self.page_query_param))
        if self.number is None:
            raise NotFound(_("Invalid page."))
        self.page = selectors.cause_book_page(queryset, self.number)
        if not self.page.hearings and self.number > 1:
            raise NotFound(_("Invalid page."))
        return self.page.hearings

    def _link(self, number: int) -> str:
        url = self.request.build_absolute_uri()
        if number == 1:
            return remove_query_param(url, self.page_query_param)
        return replace_query_param(url, self.page_query_param, number)

    def get_paginated_response(self, data):
        return Response(
            {
                "next": self._link(self.number + 1) if self.page.has_next else None,
                "previous": self._link(self.number - 1) if self.page.has_previous else None,
                "results": data,
            }
        )

    def get_paginated_response_schema(self, schema):
        link = {"type": "string", "nullable": True, "format": "uri"}
        return {
            "type": "object",
            "description": "One page of the search: `results` on this page (50 at most) and "
            "the addresses of the `next` and `previous` pages; no count of the whole search.",
            "required": ["next", "previous", "results"],
            "properties": {
                "next": {**link, "example": "https://example.org/api/v1/cause-book/?page=3"},
                "previous": {**link, "example": "https://example.org/api/v1/cause-book/?page=1"},
                "results": schema,
            },
        }

    def get_schema_operation_parameters(self, view):
        return [
            {
                "name": self.page_query_param,
                "required": False,
                "in": "query",
                "description": "A page number within the results, 1 on (50 to a page).",
                "schema": {"type": "integer"},
            }
        ]


class CauseBookApi(ApiView):
    """Search the Cause Book: the public hearings of a day (today unless `date` says
    otherwise) or of up to 31 days, by court level, judge, case number and party name, in the
    order of the lists, 50 to a page, with links to the next and previous pages (no count).
    Hearings in chambers and of cases heard in private are never listed. Open to the public;
    every search counts against 120 an hour from one address (429 throttled beyond)."""

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
        form = valid_form(CauseBookSearchForm(request.query_params))
        address = ratelimit.client_address(request)
        if not ratelimit.allow(scope=SEARCH_SCOPE, key=address):
            raise Throttled(wait=ratelimit.retry_after(scope=SEARCH_SCOPE, key=address))
        paginator = self.pagination_class()
        page = paginator.paginate_queryset(
            selectors.cause_book_search(form.filters()), request, view=self
        )
        return paginator.get_paginated_response(CauseBookHearingSerializer(page, many=True).data)


# --- a holder's own (BEY-6) ---------------------------------------------------------------------


class CaseHearingSerializer(CauseBookHearingSerializer):
    """A hearing of the holder's own case, listed in public or not."""

    public = serializers.BooleanField(
        help_text="Listed in the public Cause Book; false for a hearing in chambers or of a "
        "case heard in private."
    )


class CaseHearingsApi(ApiView):
    """When and where one of your cases is heard: its hearings from a month ago on, chambers
    hearings and those of a case heard in private included, in date order (at most 200).
    Another's case is not found."""

    required_capabilities = {"GET": Capability.USE_HEARINGS_CALENDAR}

    @extend_schema(
        responses={200: CaseHearingSerializer(many=True), **error_responses(401, 403, 404)},
        operation_id="case_hearings_list",
    )
    def get(self, request, case_id):
        _case, hearings = selectors.case_hearings(actor=request.user, case_id=case_id)
        return Response(CaseHearingSerializer(hearings, many=True).data)


class CalendarFeedSerializer(serializers.Serializer):
    """Your calendar address in use. The address itself is shown once, when it is made."""

    created_at = serializers.DateTimeField()
    last_read_at = serializers.DateTimeField(
        allow_null=True, help_text="When a calendar last read it (to the minute); null if never."
    )


class NewCalendarFeedSerializer(CalendarFeedSerializer):
    """Your new calendar address; the one before it, if any, no longer works."""

    url = serializers.URLField(
        help_text="The secret address of your hearings' calendar (ICS), for a calendar "
        "program. Shown this once: the portal keeps only a keyed hash of it."
    )


class CalendarFeedApi(ApiView):
    """Your hearings calendar: a secret address a calendar program reads without logging in
    (ICS), listing the hearings of the cases you may see, a month back and a year ahead.
    Making a new address stops the old one; stopping it makes it answer "not found"."""

    required_capabilities = {
        "GET": Capability.USE_HEARINGS_CALENDAR,
        "POST": Capability.USE_HEARINGS_CALENDAR,
        "DELETE": Capability.USE_HEARINGS_CALENDAR,
    }

    @extend_schema(
        responses={200: CalendarFeedSerializer, **error_responses(401, 403, 404)},
        operation_id="calendar_feed_retrieve",
    )
    def get(self, request):
        feed = selectors.calendar_feed_of(actor=request.user)
        if feed is None:
            raise NotFound(_("You have no calendar address. Make one."))
        return Response(CalendarFeedSerializer(feed).data)

    @extend_schema(
        request=None,
        responses={201: NewCalendarFeedSerializer, **error_responses(401, 403)},
        operation_id="calendar_feed_create",
    )
    def post(self, request):
        feed, token = services.calendar_feed_create(actor=request.user)
        url = request.build_absolute_uri(reverse("hearings:calendar_feed", kwargs={"token": token}))
        return Response(
            {**CalendarFeedSerializer(feed).data, "url": url}, status=status.HTTP_201_CREATED
        )

    @extend_schema(
        responses={204: None, **error_responses(401, 403, 404)},
        operation_id="calendar_feed_destroy",
    )
    def delete(self, request):
        if not services.calendar_feed_revoke(actor=request.user):
            raise NotFound(_("You have no calendar address. Make one."))
        return Response(status=status.HTTP_204_NO_CONTENT)
