"""The applicant's pages (SVC-6): its requests for the certification of translations, a new
request in one of its cases, a request's page (status, files, fee and payments; withdraw it,
pay again) and the downloads of its files. They call the same services and selectors as the
API; a refusal is shown on the form, with nothing saved."""

from functools import partial

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from cases.selectors.access import case_for, may_transact
from core import policy
from core.downloads import protected_file_response
from core.errors import DomainError
from core.forms import run_service
from core.kept_files import keep_files, send_with_kept_files, take_kept_file
from core.queues import capped
from payments.gateways.base import GatewayUnavailable
from payments.views import form_may_go_to_gateway
from permissions.checks import capability_required
from permissions.roles import Capability, can
from translations import selectors, services
from translations.forms import UPLOAD, ApplyForm
from translations.transitions import CERTIFICATION_TRANSITIONS

_VIEW = Capability.VIEW_CERTIFICATIONS
_APPLY = Capability.APPLY_FOR_CERTIFICATION
# The form's files, kept for the next sending when it comes back for corrections.
_FILES = ("translation_file", "source_file")


def file_response(found: selectors.RequestFile):
    """A request's PDF as an attachment under its name; never kept by a shared cache."""
    response = protected_file_response(
        found.file, content_type="application/pdf", filename=found.name
    )
    response["Content-Disposition"] = content_disposition_header(True, found.name)
    response["Cache-Control"] = "private, no-store"
    return response


@capability_required(_VIEW)
@require_safe
def request_list(request):
    rows = capped(selectors.requests_of(actor=request.user))
    return render(
        request,
        "translations/list.html",
        {"requests": rows, "may_apply": can(request.user, _APPLY)},
    )


def _applying(**values):
    """certification_apply, with the gateway out of reach as an answer rather than a refusal
    of the form: the request exists then, awaiting payment."""
    try:
        return services.certification_apply(**values)
    except GatewayUnavailable as exc:
        return exc


def _with_kept_files(actor, form) -> bool:
    """Where no file was chosen, the one kept from the last sending; False if one is gone."""
    for field in _FILES:
        take_kept_file(actor, form, field)
    return form.is_valid()


@require_http_methods(["GET", "POST"])
@capability_required(_APPLY)
def request_new(request):
    case = case_for(request.user, request.GET.get("case"))
    documents = selectors.source_documents(case)
    form = ApplyForm(
        request.POST or None,
        request.FILES or None,
        documents=documents,
        deposit=can(request.user, Capability.PAY_FROM_DEPOSIT_ACCOUNT),
    )
    if request.method == "POST" and form.is_valid() and _with_kept_files(request.user, form):
        values = form.cleaned_data
        chosen = values["source_document"]
        applied = send_with_kept_files(
            request.user,
            [form],
            partial(
                run_service,
                form,
                _applying,
                aliases={"case": None},
                actor=request.user,
                case_id=case.pk,
                translation_file=values["translation_file"],
                source_language=values["source_language"],
                target_language=values["target_language"],
                source_document_id=None if chosen in ("", UPLOAD) else chosen,
                source_file=values["source_file"] if chosen in ("", UPLOAD) else None,
                source_title=values["source_title"],
                pay_by=values["pay_by"],
                language=translation.get_language(),
            ),
        )
        if isinstance(applied, GatewayUnavailable):
            # The request is kept, awaiting payment: its page offers to pay again.
            messages.error(request, str(applied.message))
            return redirect("translations:detail", request_id=applied.request.pk)
        if applied:
            if applied.payment_url:
                return redirect(applied.payment_url)
            messages.success(
                request,
                _("Request %(reference)s submitted: it awaits the registry.")
                % {"reference": applied.request.reference},
            )
            return redirect("translations:detail", request_id=applied.request.pk)
    if form.is_bound:
        keep_files(request.user, form, _FILES)
    response = render(
        request,
        "translations/new.html",
        {
            "case": case,
            "form": form,
            "e_enabled": may_transact(request.user, case),
            "fee_per_page": policy.TRANSLATION_CERTIFICATION_FEE_PER_PAGE,
        },
        status=400 if form.is_bound and form.errors else 200,
    )
    return form_may_go_to_gateway(response)


@capability_required(_VIEW)
@require_safe
def request_detail(request, request_id):
    found = selectors.request_for(actor=request.user, request_id=request_id)
    actions = CERTIFICATION_TRANSITIONS.available(found, actor=request.user)
    response = render(
        request,
        "translations/detail.html",
        {
            "found": found,
            "payments": selectors.request_payments(found),
            "actions": actions,
            "may_pay": found.status == "AWAITING_PAYMENT" and can(request.user, _APPLY, found),
            "may_download": can(request.user, _APPLY, found),
        },
    )
    return form_may_go_to_gateway(response)


@require_POST
@capability_required(_APPLY)
def request_withdraw(request, request_id):
    try:
        withdrawn = services.certification_withdraw(actor=request.user, request_id=request_id)
    except DomainError as exc:
        if exc.status in (403, 404):
            raise
        messages.error(request, str(exc.message))
    else:
        messages.success(
            request,
            _("Request %(reference)s withdrawn; any fee paid is refunded.")
            % {"reference": withdrawn.reference},
        )
    return redirect("translations:detail", request_id=request_id)


@require_POST
@capability_required(_APPLY)
def request_pay(request, request_id):
    try:
        url = services.certification_pay(
            actor=request.user, request_id=request_id, language=translation.get_language()
        )
    except DomainError as exc:
        if exc.status in (403, 404):
            raise
        messages.error(request, str(exc.message))
        return redirect("translations:detail", request_id=request_id)
    return redirect(url)


@capability_required(_VIEW)
@require_safe
def request_file(request, request_id, which):
    return file_response(
        selectors.request_file(actor=request.user, request_id=request_id, which=which)
    )
