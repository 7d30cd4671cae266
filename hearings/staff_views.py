"""The registry's Cause Book pages (SVC-3, OPS-1), mounted in the back office: the hearings from
a day on (or of one case), listing, correcting and taking off a hearing, and importing a CSV
file of hearings. Each calls the services; a refusal is shown on the form, nothing saved."""

import csv
import io

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from core.forms import run_service
from core.workdays import add_working_days, local_today
from hearings import selectors, services
from hearings.forms import CauseBookImportForm, HearingForm, RegistryHearingFilterForm
from hearings.services import IMPORT_COLUMNS
from permissions.checks import capability_required
from permissions.roles import Capability

_MAINTAIN = Capability.MAINTAIN_CAUSE_BOOK


@require_http_methods(["GET"])
@capability_required(_MAINTAIN)
def hearing_list(request):
    """Every hearing from a day on (today unless another is chosen), public or not, or every
    hearing of one case; in pages without a count, as the public list (a count of every
    hearing ahead reads millions of rows)."""
    form = RegistryHearingFilterForm(request.GET)
    hearings = selectors.staff_hearings(
        actor=request.user, **(form.filters() if form.is_valid() else {})
    )
    if form.errors:  # a number that is not a case number, a date that is not one
        hearings = hearings.none()
    page = selectors.cause_book_page(hearings, selectors.page_number(request.GET.get("page")) or 1)
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "hearings/staff/hearing_list.html",
        {
            "page": page,
            "rows": [(h, selectors.parties_title(h.case)) for h in page.hearings],
            "form": form,
            "query": query.urlencode(),
        },
    )


def _values(form) -> dict:
    return dict(form.cleaned_data)


@require_http_methods(["GET", "POST"])
@capability_required(_MAINTAIN)
def hearing_new(request):
    form = HearingForm(
        request.POST or None, initial={"case_number": request.GET.get("case_number", "")[:100]}
    )
    if request.method == "POST" and form.is_valid():
        hearing = run_service(form, services.hearing_create, actor=request.user, **_values(form))
        if hearing:
            messages.success(
                request,
                _("The hearing of %(number)s on %(date)s has been listed.")
                % {"number": hearing.case.number, "date": date_format(hearing.date, "DATE_FORMAT")},
            )
            for remark in selectors.date_remarks(hearing.date):
                messages.warning(request, _("Check the date: %(remark)s") % {"remark": remark})
            return redirect("backoffice:cause_book")
    return render(request, "hearings/staff/hearing_form.html", {"form": form, "hearing": None})


@require_http_methods(["GET", "POST"])
@capability_required(_MAINTAIN)
def hearing_edit(request, hearing_id):
    hearing = selectors.staff_hearing(actor=request.user, hearing_id=hearing_id)
    initial = {
        "case_number": hearing.case.number,
        "date": hearing.date,
        "start_time": hearing.start_time,
        "court": hearing.court,
        "courtroom": hearing.courtroom,
        "judge_en": hearing.judge_en,
        "judge_zh": hearing.judge_zh,
        "hearing_type": hearing.hearing_type,
        "public": hearing.public,
        "notes": hearing.notes,
    }
    form = HearingForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        saved = run_service(
            form,
            services.hearing_update,
            actor=request.user,
            hearing_id=hearing.pk,
            **_values(form),
        )
        if saved:
            messages.success(request, _("The hearing has been saved."))
            for remark in selectors.date_remarks(saved.date):
                messages.warning(request, _("Check the date: %(remark)s") % {"remark": remark})
            return redirect("backoffice:cause_book")
    return render(request, "hearings/staff/hearing_form.html", {"form": form, "hearing": hearing})


@require_POST
@capability_required(_MAINTAIN)
def hearing_remove(request, hearing_id):
    hearing = selectors.staff_hearing(actor=request.user, hearing_id=hearing_id)
    if request.POST.get("confirm") != "yes":
        return render(
            request,
            "cases/staff/registry/confirm.html",
            {
                "title": _("Take the hearing of %(number)s on %(date)s off the Cause Book?")
                % {"number": hearing.case.number, "date": date_format(hearing.date, "DATE_FORMAT")},
                "explanation": _(
                    "For a hearing vacated or listed in error. The parties' calendars drop it "
                    "at their next reading."
                ),
                "confirm_label": _("Yes, take it off"),
                "action_url": request.path,
                "back_url": reverse("backoffice:cause_book_hearing", args=[hearing.pk]),
                "warning": True,
            },
        )
    services.hearing_remove(actor=request.user, hearing_id=hearing.pk)
    messages.success(request, _("The hearing has been taken off the Cause Book."))
    return redirect("backoffice:cause_book")


@require_http_methods(["GET"])
@capability_required(_MAINTAIN)
def cause_book_import_sample(request):
    """A file the import takes as it is, once its case numbers are the registry's: the
    columns, then two hearings on the next working day (one public, one in chambers)."""
    day = add_working_days(local_today(), 1).isoformat()
    rows = [
        IMPORT_COLUMNS,
        [
            day,
            "09:30",
            "District Court",
            "Court 23",
            "HH Judge LEE",
            "李法官",
            "DCPI 1234/2025",
            "TRIAL",
            "yes",
        ],
        [
            day,
            "14:30",
            "District Court",
            "Court 23",
            "HH Judge LEE",
            "李法官",
            "DCPI 1234/2025",
            "CHAMBERS",
            "no",
        ],
    ]
    buffer = io.StringIO(newline="")
    csv.writer(buffer, lineterminator="\r\n").writerows(rows)
    # With a byte order mark, as spreadsheet programs write "CSV UTF-8", so that they read
    # the Chinese as such when the clerk opens it.
    response = HttpResponse(
        ("\ufeff" + buffer.getvalue()).encode(), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = 'attachment; filename="cause-book-sample.csv"'
    return response


@require_http_methods(["GET", "POST"])
@capability_required(_MAINTAIN)
def cause_book_import(request):
    form = CauseBookImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        record = run_service(
            form,
            services.cause_book_import,
            aliases={"file": "file"},
            actor=request.user,
            data=upload.read(services.IMPORT_MAX_BYTES + 1),
            file_name=upload.name,
        )
        if record:
            messages.success(
                request,
                _(
                    "%(rows)d hearings read: %(created)d listed, %(updated)d corrected, "
                    "%(unchanged)d as they were."
                )
                % {
                    "rows": record.rows,
                    "created": record.created,
                    "updated": record.updated,
                    "unchanged": record.unchanged,
                },
            )
            return redirect("backoffice:cause_book")
    return render(
        request,
        "hearings/staff/import.html",
        {"form": form, "columns": ",".join(IMPORT_COLUMNS)},
    )
