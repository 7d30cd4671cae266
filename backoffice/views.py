"""The court staff's working screens. Each view names the capability it needs (accounts.roles);
staff see only the queues of their own role."""

from functools import wraps

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from accounts import services as account_services
from accounts.roles import Capability, can
from audit import selectors as audit_selectors
from audit import services as audit_services
from backoffice.forms import HolderLoginNameForm, QueueSearchForm
from core.errors import DomainError, NotFound, ValidationFailed
from core.forms import apply_service_errors
from core.workdays import local_today
from registration import selectors, services
from registration.forms import IdentityAuthenticationForm, RejectForm, RequestInformationForm
from registration.views import submit_application_form, supporting_document_response


def staff_view(capability: Capability):
    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not can(request.user, capability):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


def dashboard(request):
    user = request.user
    if not user.is_court_staff:
        raise PermissionDenied
    context = {"today": local_today()}
    if can(user, Capability.VET_APPLICATIONS):
        counts = selectors.vetting_counts(actor=user)
        context["vetting_count"] = counts["to_vet"]
        context["vetting_overdue"] = counts["overdue"]
        context["awaiting_applicant_count"] = counts["awaiting_applicant"]
    if can(user, Capability.RECORD_IDENTITY_AUTHENTICATION):
        context["authentication_count"] = selectors.authentication_queue(actor=user).count()
    if can(user, Capability.ADMINISTER_SYSTEM):
        context["audit_count"] = audit_selectors.audit_record_count(actor=user)
    context["capabilities"] = {c.name: can(user, c) for c in Capability}
    return render(request, "backoffice/dashboard.html", context)


@staff_view(Capability.VET_APPLICATIONS)
def vetting_queue(request):
    return render(
        request,
        "backoffice/vetting_queue.html",
        {
            "applications": selectors.vetting_queue(actor=request.user)[:200],
            "awaiting_applicant": selectors.awaiting_applicant(actor=request.user)[:200],
            "today": local_today(),
        },
    )


@staff_view(Capability.VIEW_APPLICATIONS)
def application_detail(request, pk):
    try:
        application = selectors.application_for_staff(actor=request.user, application_id=pk)
    except NotFound:
        raise Http404 from None
    return render(
        request,
        "backoffice/application_detail.html",
        {
            "application": application,
            "request_form": RequestInformationForm(),
            "reject_form": RejectForm(),
            "vetting_actions": selectors.vetting_actions(
                actor=request.user, application=application
            ),
            "history": audit_selectors.application_history(
                actor=request.user, application=application
            ),
            "today": local_today(),
        },
    )


def _vetting_action(request, pk, form_class, service, success_message):
    form = form_class(request.POST)
    if form.is_valid():
        try:
            service(actor=request.user, application_id=pk, **form.cleaned_data)
            messages.success(request, success_message)
            return redirect("backoffice:vetting_queue")
        except ValidationFailed as exc:
            apply_service_errors(form, exc.errors)
        except DomainError as exc:
            form.add_error(None, str(exc.message))
    for error in form.errors.values():
        messages.error(request, " ".join(error))
    return redirect("backoffice:application_detail", pk=pk)


@require_POST
@staff_view(Capability.VET_APPLICATIONS)
def mark_in_order(request, pk):
    return _vetting_action(
        request,
        pk,
        forms.Form,  # nothing to fill in: the decision is the button
        services.application_mark_in_order,
        _("Marked in order. The applicant has been asked to authenticate identity."),
    )


@require_POST
@staff_view(Capability.VET_APPLICATIONS)
def request_information(request, pk):
    return _vetting_action(
        request,
        pk,
        RequestInformationForm,
        services.application_request_information,
        _("The applicant has been asked for more information."),
    )


@require_POST
@staff_view(Capability.VET_APPLICATIONS)
def reject(request, pk):
    return _vetting_action(
        request,
        pk,
        RejectForm,
        services.application_reject,
        _("The application has been rejected and the applicant told why."),
    )


@staff_view(Capability.RECORD_IDENTITY_AUTHENTICATION)
def authentication_queue(request):
    search = QueueSearchForm(request.GET or None)
    q = search.cleaned_data["q"] if search.is_valid() else ""
    # htmx asks for the results alone as the officer types; a plain request gets the page.
    template = "backoffice/authentication_queue.html" + ("#results" if request.htmx else "")
    return render(
        request,
        template,
        {
            "applications": selectors.authentication_queue(actor=request.user, search=q)[:200],
            "search": search,
        },
    )


@require_http_methods(["GET", "POST"])
@staff_view(Capability.RECORD_IDENTITY_AUTHENTICATION)
def record_authentication(request, pk):
    try:
        application = selectors.application_for_staff(actor=request.user, application_id=pk)
    except NotFound:
        raise Http404 from None
    form = IdentityAuthenticationForm(
        request.POST or None, initial={"presented_document_type": application.id_document_type}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.identity_authentication_record(
                actor=request.user, application_id=pk, **form.cleaned_data
            )
            messages.success(
                request, _("Identity authenticated. The activation email has been sent.")
            )
            return redirect("backoffice:authentication_queue")
        except ValidationFailed as exc:
            apply_service_errors(form, exc.errors)
        except DomainError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, str(exc.message))
    return render(
        request, "backoffice/record_authentication.html", {"application": application, "form": form}
    )


@require_http_methods(["GET", "POST"])
@staff_view(Capability.KEY_IN_PAPER_APPLICATION)
def key_in_application(request):
    application, form, formset = submit_application_form(request, paper=True)
    if application:
        messages.success(
            request, _("Application %(ref)s has been entered.") % {"ref": application.reference}
        )
        return redirect("backoffice:dashboard")
    return render(request, "backoffice/key_in.html", {"form": form, "formset": formset})


def _holder_action(request, *, service, template, success_message):
    """A Help Centre action on an IU or PA account named by its login name."""
    form = HolderLoginNameForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            service(actor=request.user, **form.cleaned_data)
            messages.success(request, success_message)
            return redirect(request.path)
        except DomainError as exc:
            form.add_error("login_name", str(exc.message))
    return render(request, template, {"form": form})


@require_http_methods(["GET", "POST"])
@staff_view(Capability.START_PASSWORD_RESET)
def start_password_reset(request):
    return _holder_action(
        request,
        service=account_services.change_token_issue,
        template="backoffice/password_reset.html",
        success_message=_("A Change Token has been emailed to the account holder."),
    )


@require_http_methods(["GET", "POST"])
@staff_view(Capability.REISSUE_ACTIVATION_CODE)
def reissue_activation_code(request):
    return _holder_action(
        request,
        service=account_services.activation_code_reissue,
        template="backoffice/reissue_activation_code.html",
        success_message=_("A new activation code has been emailed to the account holder."),
    )


@staff_view(Capability.VIEW_APPLICATIONS)
def document_download(request, pk):
    try:
        document = selectors.supporting_document_for_staff(actor=request.user, document_id=pk)
    except NotFound:
        raise Http404 from None
    return supporting_document_response(document)


@require_http_methods(["GET", "POST"])
@staff_view(Capability.ADMINISTER_SYSTEM)
def audit_trail(request):
    """OPS-2: the system administrator checks the hash chain from the back office, as
    `manage.py verify_audit` does."""
    result = audit_services.audit_verify() if request.method == "POST" else None
    return render(
        request,
        "backoffice/audit_trail.html",
        {"count": audit_selectors.audit_record_count(actor=request.user), "result": result},
    )
