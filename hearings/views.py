"""The Cause Book's public pages (SVC-3, GEN-3): the search and its printable list, no login;
and a holder's calendar feed of its cases' hearings (BEY-6): the page that makes or stops the
secret address, and the address itself, which a calendar program reads without logging in."""

import datetime
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import require_GET, require_http_methods

from core import ratelimit
from core.wording import listed
from hearings import ics, selectors, services
from hearings.forms import CauseBookSearchForm
from permissions.checks import capability_required
from permissions.roles import Capability

SEARCH_SCOPE = "cause_book"
HONG_KONG = ZoneInfo("Asia/Hong_Kong")
# The printable list holds at most this many hearings (a busy day of every court).
PRINT_MAX = 1000


def throttled(request):
    """Count one search from this address; the 429 page once its searches are used up."""
    address = ratelimit.client_address(request)
    if ratelimit.allow(scope=SEARCH_SCOPE, key=address):
        return None
    wait = ratelimit.retry_after(scope=SEARCH_SCOPE, key=address) or 60
    return ratelimit.too_many_requests(request, wait)


@dataclass(frozen=True)
class ListedHearing:
    """A hearing as the lists print it, in the page's language."""

    date: str
    time: str
    court: str
    courtroom: str
    judge: str
    case_number: str
    parties: str
    hearing_type: str


def _rows(hearings) -> list[ListedHearing]:
    # Made here, each date and hearing type worded once: a page of 50 rows looked up through
    # the template language took half the search's time (issue 15's benchmark).
    dates, types = {}, {}
    rows = []
    for hearing in hearings:
        if hearing.date not in dates:
            dates[hearing.date] = date_format(hearing.date, "DATE_FORMAT")
        if hearing.hearing_type not in types:
            types[hearing.hearing_type] = str(hearing.get_hearing_type_display())
        rows.append(
            ListedHearing(
                date=dates[hearing.date],
                time=hearing.start_time.strftime("%H:%M"),
                court=hearing.court_name,
                courtroom=hearing.courtroom_name,
                judge=hearing.judge,
                case_number=hearing.case.number,
                parties=selectors.parties_title(hearing.case),
                hearing_type=types[hearing.hearing_type],
            )
        )
    return rows


@login_not_required
@cache_control(private=True, no_store=True)
@require_GET
def cause_book(request):
    form = CauseBookSearchForm(request.GET)
    page = rows = None
    if form.is_valid():
        refused = throttled(request)
        if refused:
            return refused
        # Pages without a count (issue 15); a page number that is not one shows the first.
        number = selectors.page_number(request.GET.get("page")) or 1
        page = selectors.cause_book_page(selectors.cause_book_search(form.filters()), number)
        rows = _rows(page.hearings)
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "hearings/cause_book.html",
        {
            "form": form,
            "page": page,
            "rows": rows,
            "filters": form.cleaned_data if form.is_valid() else None,
            "query": query.urlencode(),
        },
    )


@login_not_required
@cache_control(private=True, no_store=True)
@require_GET
def cause_book_print(request):
    """The same search as a list to print: no navigation, a print stylesheet."""
    form = CauseBookSearchForm(request.GET)
    rows = None
    more = False
    if form.is_valid():
        refused = throttled(request)
        if refused:
            return refused
        hearings = selectors.with_parties(
            list(selectors.cause_book_search(form.filters())[: PRINT_MAX + 1])
        )
        more = len(hearings) > PRINT_MAX
        rows = _rows(hearings[:PRINT_MAX])
    query = request.GET.copy()
    return render(
        request,
        "hearings/print.html",
        {
            "form": form,
            "rows": rows,
            "more": more,
            "filters": form.cleaned_data if form.is_valid() else None,
            "back_url": reverse("hearings:cause_book") + ("?" + query.urlencode() if query else ""),
            "printed_at": timezone.localtime(),
        },
    )


# --- BEY-6: the calendar ------------------------------------------------------------------------


@never_cache
@require_GET
@capability_required(Capability.USE_HEARINGS_CALENDAR)
def case_hearings(request, case_id):
    """A holder's own case: when and where it is heard, chambers hearings included."""
    case, hearings = selectors.case_hearings(actor=request.user, case_id=case_id)
    return render(request, "hearings/case_hearings.html", {"case": case, "rows": _rows(hearings)})


@never_cache
@require_http_methods(["GET", "POST"])
@capability_required(Capability.USE_HEARINGS_CALENDAR)
def calendar_page(request):
    feed_url = None
    if request.method == "POST":
        if request.POST.get("action") == "revoke":
            if services.calendar_feed_revoke(actor=request.user):
                messages.success(
                    request, _("Your calendar address no longer works. Make a new one if needed.")
                )
            return redirect("hearings:calendar")
        _feed, token = services.calendar_feed_create(actor=request.user)
        # Shown once: only a keyed hash of the token is kept.
        feed_url = request.build_absolute_uri(
            reverse("hearings:calendar_feed", kwargs={"token": token})
        )
    feed = selectors.calendar_feed_of(actor=request.user)
    return render(request, "hearings/calendar.html", {"feed": feed, "feed_url": feed_url})


def _event(hearing) -> dict:
    start = datetime.datetime.combine(hearing.date, hearing.start_time, tzinfo=HONG_KONG)
    parties = selectors.parties_title(hearing.case)
    summary = f"{hearing.case.number} {hearing.get_hearing_type_display()}"
    description = "\n".join(
        part
        for part in (
            parties,
            _("Judge: %(judge)s") % {"judge": hearing.judge},
            "" if hearing.public else _("Not listed in the public Cause Book."),
        )
        if part
    )
    return {
        "uid_part": hearing.pk,
        "start": start,
        "summary": summary,
        "location": listed(hearing.court_name, hearing.courtroom_name),
        "description": description,
    }


@login_not_required
@require_GET
def calendar_feed(request, token):
    """The holder's hearings as an iCalendar file; "not found" for a revoked or unknown
    address. In the holder's preferred language."""
    feed = selectors.calendar_feed_for_token(token)
    account = feed.account
    with translation.override(account.preferred_language or "en"):
        body = ics.calendar(
            (_event(hearing) for hearing in selectors.calendar_hearings(account)),
            name=_("Hearings of my cases"),
        )
    services.calendar_feed_read(feed)
    response = HttpResponse(body.encode("utf-8"), content_type="text/calendar; charset=utf-8")
    response["Cache-Control"] = "private, no-store"
    response["Content-Disposition"] = 'inline; filename="hearings.ics"'
    response["X-Robots-Tag"] = "noindex"
    return response
