from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from cases.checks import check_message
from cases.selectors import linkability as linkability_selectors
from core import ratelimit
from core.forms import apply_service_errors, run_service
from core.held_uploads import SessionHolder
from core.kept_files import keep_files, send_with_kept_files, take_kept_file
from core.ratelimit import rate_limited, too_many_requests
from registration import selectors, services
from registration.forms import APPLICATION_FORMS, CaseFormSet, SupplementForm
from registration.kinds import application_kind
from registration.models import (
    DOCUMENT_ERROR_FIELDS,
    ApplicationStatus,
    ApplicationType,
    Counter,
)


def submit_application_form(
    request, *, paper: bool, submit: bool = True, application_type: str = ApplicationType.IU
):
    """Shared by the online forms and the Help Centre's key-in of a paper application, for
    every type of application (registration.kinds). Returns (application or None, form,
    formset); the formset is None for a type that lists no cases; with `submit` False, only
    the forms with what was typed (and the files kept before). A form sent back keeps its
    files for the next sending (core.kept_files); the application submitted releases them."""
    form = APPLICATION_FORMS[application_type](
        request.POST or None,
        request.FILES or None,
        paper=paper,
        initial={"language": request.LANGUAGE_CODE},
    )
    formset = (
        CaseFormSet(
            request.POST or None,
            prefix="cases",
            form_kwargs={"paper": paper, "organization": application_type != ApplicationType.IU},
        )
        if application_kind(application_type).lists_cases
        else None
    )
    if request.method != "POST":
        return None, form, formset
    # WCAG 3.3.7: the documents of a sending sent back are kept for the next one, for the
    # officer's account or the applicant's browser session (core.kept_files).
    holder = request.user if paper else SessionHolder(request)
    if not submit:  # refused before it was read: the files kept before stay, no new ones
        keep_files(holder, form, form.document_fields(), hold_new=False)
        return None, form, formset
    form.is_valid()
    for field in form.document_fields():
        take_kept_file(holder, form, field)
    if form.is_valid() and (formset is None or formset.is_valid()):
        application = send_with_kept_files(
            holder,
            [form],
            partial(
                run_service,
                form,
                services.application_submit,
                formset=formset,
                aliases=DOCUMENT_ERROR_FIELDS,
                particulars=form.cleaned_data,
                # Every row, empty ones too: the service names a row's errors by its index.
                cases=[f.cleaned_data for f in formset.forms] if formset is not None else [],
                documents=form.documents(),
                prospective_litigant=form.cleaned_data.get("prospective_litigant", False),
                channel=form.cleaned_data.get("channel", "ONLINE"),
                received_on=form.cleaned_data.get("received_on"),
                actor=request.user if paper else None,
                application_type=application_type,
            ),
        )
        if application:
            return application, form, formset
    else:
        _every_problem(form, formset, application_type=application_type)
    keep_files(holder, form, form.document_fields())
    return None, form, formset


def _every_problem(form, formset, *, application_type: str) -> None:
    """The forms refused some fields; the other parts (the cases, the documents, fields the
    form's own checks passed) are checked too, so that the applicant sees every problem in
    one answer instead of the next one after each correction. A field keeps the error it has."""
    rows = formset.forms if formset is not None else []
    problems = services.application_problems(
        particulars={**_typed(form), **getattr(form, "cleaned_data", {})},
        cases=[{**_typed(row), **getattr(row, "cleaned_data", {})} for row in rows],
        documents=form.documents(),
        prospective_litigant=bool(getattr(form, "cleaned_data", {}).get("prospective_litigant")),
        channel=getattr(form, "cleaned_data", {}).get("channel", "ONLINE"),
        received_on=getattr(form, "cleaned_data", {}).get("received_on"),
        application_type=application_type,
    )
    fresh = {}
    for key, refusals in problems.items():
        field = DOCUMENT_ERROR_FIELDS.get(key, key)
        parts = key.split("-")
        if formset is not None and len(parts) == 3 and parts[0] == formset.prefix:
            row = formset.forms[int(parts[1])] if int(parts[1]) < len(rows) else None
            if row is None or row.errors.get(parts[2]):
                continue
        elif field in form.fields and form.errors.get(field):
            continue
        elif field not in form.fields and key != "cases" and form.non_field_errors():
            continue
        fresh[key] = refusals
    apply_service_errors(form, fresh, formset, DOCUMENT_ERROR_FIELDS)


def _typed(form) -> dict:
    """What was typed in a form's text fields, as sent (its checks refused some of them)."""
    return {name: form.data.get(form.add_prefix(name), "") for name in form.fields}


def _apply(request, application_type: str, template: str):
    wait = request.rate_limit_wait
    application, form, formset = submit_application_form(
        request, paper=False, submit=not wait, application_type=application_type
    )
    if wait:  # over the limit: the form again with what was typed, and when to try again
        context = {"form": form, "formset": formset}
        return too_many_requests(request, wait, template, context)
    if application:
        request.session["just_submitted"] = application.pk
        return redirect("registration:status", token=services.application_access_token(application))
    return render(request, template, {"form": form, "formset": formset})


@login_not_required
@rate_limited("apply")
@require_http_methods(["GET", "POST"])
def apply(request):
    return _apply(request, ApplicationType.IU, "registration/apply.html")


@login_not_required
@rate_limited("apply")
@require_http_methods(["GET", "POST"])
def apply_organization(request):
    """REG-7, REG-4, REG-9: a PA applies for an organization account."""
    return _apply(request, ApplicationType.PA, "registration/apply_organization.html")


@login_not_required
@rate_limited("apply")
@require_http_methods(["GET", "POST"])
def apply_replacement(request):
    """ORG-8 [A51]: an organization applies for a replacement PA."""
    return _apply(request, ApplicationType.PA_REPLACEMENT, "registration/apply_replacement.html")


@login_not_required
@never_cache
@rate_limited("supplement")
@require_http_methods(["GET", "POST"])
def status(request, token):
    """The applicant's page for one application: where it stands, and the supplement form
    when the vetting officer asked for more information."""
    application = selectors.application_from_access_token(token)
    form = SupplementForm(request.POST or None, request.FILES or None)
    wait = request.rate_limit_wait
    # WCAG 3.3.7: a document sent with an answer sent back is kept for the next sending, for
    # this browser's session (core.kept_files).
    holder = SessionHolder(request)
    if request.method == "POST" and not wait and form.is_valid():
        take_kept_file(holder, form, "documents")
    if request.method == "POST" and not wait and form.is_valid():
        answered = send_with_kept_files(
            holder,
            [form],
            partial(
                run_service,
                form,
                services.application_supplement,
                aliases=DOCUMENT_ERROR_FIELDS,
                application_id=application.pk,
                answer=form.cleaned_data["answer"],
                documents=[form.cleaned_data["documents"]]
                if form.cleaned_data["documents"]
                else [],
            ),
        )
        if answered:
            messages.success(
                request, _("Thank you. Your application is back with the vetting officer.")
            )
            return redirect("registration:status", token=token)
    just_submitted = request.session.pop("just_submitted", None) == application.pk
    context = {
        "application": application,
        "form": form,
        "just_submitted": just_submitted,
        # REG-2: what the form's check said of each listed case, said again on submission.
        "cases_not_linkable": _cases_not_linkable(application) if just_submitted else [],
        "counters": Counter.choices,
        "open_request": application.information_requests.filter(answered_at=None).last()
        if application.status == ApplicationStatus.INFO_REQUESTED
        else None,
    }
    if form.is_bound and context["open_request"] is not None:
        keep_files(holder, form, ["documents"], hold_new=not wait)
    if wait:  # over the limit: the answer as typed stays in the form
        return too_many_requests(request, wait, "registration/status.html", context)
    return render(request, "registration/status.html", context)


def _cases_not_linkable(application) -> list[str]:
    cases = list(application.cases.all())
    checks = linkability_selectors.case_checks([case.case_number for case in cases])
    return [check_message(check) for check in checks if not check.linkable]


@login_not_required
@require_http_methods(["GET"])
def case_check(request):
    """Journey 1: the application form asks, as the applicant leaves a case-number field,
    what the court knows of the number (htmx; the form works without it). Answered as a
    fragment of the page, in its language. Counted per address like the public forms; court
    staff keying in a paper application are not counted."""
    typed = request.GET.get("number")
    if typed is None:
        typed = next((v for k, v in request.GET.items() if k.endswith("case_number")), "")
    if not typed.strip():
        return HttpResponse("")
    staff = request.user.is_authenticated and request.user.is_court_staff
    if not staff and not ratelimit.allow(scope="case_check", key=ratelimit.client_address(request)):
        return render(request, "registration/_case_check.html", {"throttled": True})
    check = linkability_selectors.case_check(typed)
    return render(
        request,
        "registration/_case_check.html",
        {"check": check, "message": check_message(check)},
    )
