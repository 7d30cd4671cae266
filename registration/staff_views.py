"""The back-office pages for applications: the vetting queue (REG-8), an application's page
with the actions its state allows, identity authentication at the counters (IDA-1, IDA-2) and
the Help Centre's key-in of paper applications (GEN-6). Each view names the capability it needs;
the service checks it again with the record."""

from django import forms
from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from audit import selectors as audit_selectors
from core.downloads import protected_file_response
from core.forms import run_service
from core.queues import capped
from core.wording import labelled
from core.workdays import local_today
from permissions.checks import capability_required
from permissions.roles import Capability, can
from registration import selectors, services
from registration.forms import (
    IdentityAuthenticationForm,
    QueueSearchForm,
    RejectForm,
    RequestInformationForm,
)
from registration.models import ApplicationStatus, ApplicationType
from registration.views import submit_application_form

COUNTER_SESSION_KEY = "authentication_counter"
# OPS-2: each view of an application's particulars or documents by court staff is recorded.


@capability_required(Capability.VET_APPLICATIONS)
@require_safe
def vetting_queue(request):
    return render(
        request,
        "registration/staff/vetting_queue.html",
        {
            "applications": capped(selectors.vetting_queue(actor=request.user)),
            "awaiting_applicant": capped(selectors.awaiting_applicant(actor=request.user)),
            "today": local_today(),
        },
    )


@capability_required(Capability.VIEW_APPLICATIONS)
@require_safe
def application_detail(request, pk):
    application = services.application_read_for_staff(
        actor=request.user, application_id=pk, via="page"
    )
    listed_cases = selectors.listed_case_checks(application)
    return render(
        request,
        "registration/staff/application_detail.html",
        {
            "application": application,
            "listed_cases": listed_cases,
            # Said beside "Mark in order": an account with nothing to link may not be wanted.
            "no_listed_case_linkable": bool(listed_cases)
            and not any(
                row["check"].linkable and not row["represented_by"] for row in listed_cases
            ),
            "request_form": RequestInformationForm(),
            "reject_form": RejectForm(),
            # The way back: the vetting queue, or the Help Centre's list to authenticate.
            "back_to_vetting": can(request.user, Capability.VET_APPLICATIONS),
            "actions": selectors.application_actions(actor=request.user, application=application),
            "history": audit_selectors.application_history(
                actor=request.user, application=application
            ),
            "today": local_today(),
        },
    )


def _vetting_action(request, pk, form_class, service, success_message, confirm_as=None):
    """`confirm_as`: a decision the applicant is told of at once and that cannot be taken
    back, so the first POST shows what will happen and asks again (no script needed); only
    a POST with confirm=yes acts."""
    form = form_class(request.POST)
    if form.is_valid() and confirm_as and request.POST.get("confirm") != "yes":
        return render(
            request,
            "registration/staff/confirm_decision.html",
            {
                "application": selectors.application_for_staff(
                    actor=request.user, application_id=pk
                ),
                "decision": confirm_as,
                "form": form,
            },
        )
    if form.is_valid() and run_service(
        form, service, actor=request.user, application_id=pk, **form.cleaned_data
    ):
        messages.success(request, success_message)
        return redirect("backoffice:vetting_queue")
    # Said at the top of the application's page: each with the field it is about.
    for name, error in form.errors.items():
        field = form.fields.get(name)
        text = " ".join(error)
        messages.error(request, labelled(field.label, text) if field else text)
    return redirect("backoffice:application_detail", pk=pk)


@require_POST
@capability_required(Capability.VET_APPLICATIONS)
def mark_in_order(request, pk):
    return _vetting_action(
        request,
        pk,
        forms.Form,  # nothing to fill in: the decision is the button
        services.application_mark_in_order,
        _("Marked in order. The applicant has been asked to authenticate identity."),
        confirm_as="mark_in_order",
    )


@require_POST
@capability_required(Capability.VET_APPLICATIONS)
def request_information(request, pk):
    return _vetting_action(
        request,
        pk,
        RequestInformationForm,
        services.application_request_information,
        _("The applicant has been asked for more information."),
    )


@require_POST
@capability_required(Capability.VET_APPLICATIONS)
def reject(request, pk):
    return _vetting_action(
        request,
        pk,
        RejectForm,
        services.application_reject,
        _("The application has been rejected and the applicant told why."),
        confirm_as="reject",
    )


@capability_required(Capability.RECORD_IDENTITY_AUTHENTICATION)
@require_safe
def authentication_queue(request):
    search = QueueSearchForm(request.GET or None)
    q = search.cleaned_data["q"] if search.is_valid() else ""
    # htmx asks for the results alone as the officer types; a plain request gets the page.
    template = "registration/staff/authentication_queue.html" + ("#results" if request.htmx else "")
    return render(
        request,
        template,
        {
            "applications": capped(selectors.authentication_queue(actor=request.user, search=q)),
            "search": search,
        },
    )


@require_http_methods(["GET", "POST"])
@capability_required(Capability.RECORD_IDENTITY_AUTHENTICATION)
def record_authentication(request, pk):
    application = selectors.application_for_staff(actor=request.user, application_id=pk)
    if application.status != ApplicationStatus.AWAITING_AUTHENTICATION:
        # Authenticated at another counter, not yet vetted, or ended: said at once, with no
        # form to fill in with the applicant at the counter only to be refused.
        return render(
            request,
            "registration/staff/record_authentication.html",
            {"application": application, "form": None},
        )
    form = IdentityAuthenticationForm(
        request.POST or None,
        initial={
            "presented_document_type": application.id_document_type,
            # The officer stays at one counter: remembered from the last authentication.
            "counter": request.session.get(COUNTER_SESSION_KEY),
        },
    )
    if (
        request.method == "POST"
        and form.is_valid()
        and run_service(
            form,
            services.identity_authentication_record,
            actor=request.user,
            application_id=pk,
            **form.cleaned_data,
        )
    ):
        request.session[COUNTER_SESSION_KEY] = form.cleaned_data["counter"]
        messages.success(request, _("Identity authenticated. The activation email has been sent."))
        return redirect("backoffice:authentication_queue")
    return render(
        request,
        "registration/staff/record_authentication.html",
        {"application": application, "form": form},
    )


@require_http_methods(["GET", "POST"])
@capability_required(Capability.KEY_IN_PAPER_APPLICATION)
def key_in_application(request):
    """GEN-6: any type of application (registration.kinds), chosen with ?type=."""
    application_type = request.GET.get("type", ApplicationType.IU)
    if application_type not in ApplicationType.values:
        application_type = ApplicationType.IU
    application, form, formset = submit_application_form(
        request, paper=True, application_type=application_type
    )
    if application:
        messages.success(
            request, _("Application %(ref)s has been entered.") % {"ref": application.reference}
        )
        return redirect("backoffice:dashboard")
    return render(
        request,
        "registration/staff/key_in.html",
        {
            "form": form,
            "formset": formset,
            "application_type": application_type,
            "application_types": ApplicationType.choices,
        },
    )


@capability_required(Capability.VIEW_APPLICATIONS)
@require_safe
def document_download(request, pk):
    document = services.supporting_document_read_for_staff(
        actor=request.user, document_id=pk, via="document"
    )
    return protected_file_response(
        document.file, content_type=document.content_type, filename=document.original_name
    )
