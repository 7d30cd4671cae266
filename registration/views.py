from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from core.forms import run_service
from core.ratelimit import rate_limited, too_many_requests
from registration import selectors, services
from registration.forms import ApplicationForm, CaseFormSet, SupplementForm
from registration.models import DOCUMENT_ERROR_FIELDS, ApplicationStatus, Counter


def submit_application_form(request, *, paper: bool, submit: bool = True):
    """Shared by the online form and the Help Centre's key-in of a paper application.
    Returns (application or None, form, formset); with `submit` False, only the forms with what
    was typed."""
    form = ApplicationForm(
        request.POST or None,
        request.FILES or None,
        paper=paper,
        initial={"language": request.LANGUAGE_CODE},
    )
    formset = CaseFormSet(request.POST or None, prefix="cases", form_kwargs={"paper": paper})
    if request.method != "POST" or not submit:
        return None, form, formset
    if form.is_valid() and formset.is_valid():
        application = run_service(
            form,
            services.application_submit,
            formset=formset,
            aliases=DOCUMENT_ERROR_FIELDS,
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
    return None, form, formset


@login_not_required
@rate_limited("apply")
@require_http_methods(["GET", "POST"])
def apply(request):
    wait = request.rate_limit_wait
    application, form, formset = submit_application_form(request, paper=False, submit=not wait)
    if wait:  # over the limit: the form again with what was typed, and when to try again
        context = {"form": form, "formset": formset}
        return too_many_requests(request, wait, "registration/apply.html", context)
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
    application = selectors.application_from_access_token(token)
    form = SupplementForm(request.POST or None, request.FILES or None)
    wait = request.rate_limit_wait
    if (
        request.method == "POST"
        and not wait
        and form.is_valid()
        and run_service(
            form,
            services.application_supplement,
            aliases=DOCUMENT_ERROR_FIELDS,
            application_id=application.pk,
            answer=form.cleaned_data["answer"],
            documents=[request.FILES["documents"]] if request.FILES.get("documents") else [],
        )
    ):
        messages.success(
            request, _("Thank you. Your application is back with the vetting officer.")
        )
        return redirect("registration:status", token=token)
    just_submitted = request.session.pop("just_submitted", None) == application.pk
    context = {
        "application": application,
        "form": form,
        "just_submitted": just_submitted,
        "counters": Counter.choices,
        "open_request": application.information_requests.filter(answered_at=None).last()
        if application.status == ApplicationStatus.INFO_REQUESTED
        else None,
    }
    if wait:  # over the limit: the answer as typed stays in the form
        return too_many_requests(request, wait, "registration/status.html", context)
    return render(request, "registration/status.html", context)
