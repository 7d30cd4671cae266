from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from core.errors import DomainError, NotFound, ValidationFailed
from core.forms import apply_service_errors
from core.ratelimit import rate_limited
from registration import selectors, services
from registration.forms import ApplicationForm, CaseFormSet, SupplementForm
from registration.models import DOCUMENT_ERROR_FIELDS, ApplicationStatus, Counter


def submit_application_form(request, *, paper: bool):
    """Shared by the online form and the Help Centre's key-in of a paper application.
    Returns (application or None, form, formset)."""
    form = ApplicationForm(
        request.POST or None,
        request.FILES or None,
        paper=paper,
        initial={"language": request.LANGUAGE_CODE},
    )
    formset = CaseFormSet(request.POST or None, prefix="cases")
    if request.method != "POST":
        return None, form, formset
    if form.is_valid() and formset.is_valid():
        try:
            application = services.application_submit(
                particulars=form.cleaned_data,
                # Every row, empty ones too: the service names a row's errors by its index.
                cases=[f.cleaned_data for f in formset.forms],
                documents=form.documents(),
                prospective_litigant=form.cleaned_data["prospective_litigant"],
                channel=form.cleaned_data.get("channel", "ONLINE"),
                received_on=form.cleaned_data.get("received_on"),
                actor=request.user if paper else None,
            )
            return application, form, formset
        except ValidationFailed as exc:
            apply_service_errors(form, exc.errors, formset, DOCUMENT_ERROR_FIELDS)
        except DomainError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, str(exc.message))
    return None, form, formset


def supporting_document_response(document) -> FileResponse:
    """A supporting document for court staff to read (the page and the API): sent as the
    type its content was found to be, never interpreted by the browser as a page."""
    response = FileResponse(
        document.file.open("rb"),
        content_type=document.content_type,
        filename=document.original_name,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox"
    return response


@login_not_required
@rate_limited("apply")
@require_http_methods(["GET", "POST"])
def apply(request):
    application, form, formset = submit_application_form(request, paper=False)
    if application:
        request.session["just_submitted"] = application.pk
        return redirect("registration:status", token=services.application_access_token(application))
    return render(request, "registration/apply.html", {"form": form, "formset": formset})


@login_not_required
@rate_limited("supplement")
@require_http_methods(["GET", "POST"])
def status(request, token):
    """The applicant's page for one application: where it stands, and the supplement form
    when the vetting officer asked for more information."""
    try:
        application = selectors.application_from_access_token(token)
    except NotFound:
        raise Http404 from None
    form = SupplementForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.application_supplement(
                application_id=application.pk,
                answer=form.cleaned_data["answer"],
                documents=[request.FILES["documents"]] if request.FILES.get("documents") else [],
            )
            messages.success(
                request, _("Thank you. Your application is back with the vetting officer.")
            )
            return redirect("registration:status", token=token)
        except ValidationFailed as exc:
            apply_service_errors(form, exc.errors, aliases=DOCUMENT_ERROR_FIELDS)
        except DomainError as exc:
            form.add_error(None, str(exc.message))
    just_submitted = request.session.pop("just_submitted", None) == application.pk
    return render(
        request,
        "registration/status.html",
        {
            "application": application,
            "form": form,
            "just_submitted": just_submitted,
            "counters": Counter.choices,
            "open_request": application.information_requests.filter(answered_at=None).last()
            if application.status == ApplicationStatus.INFO_REQUESTED
            else None,
        },
    )
