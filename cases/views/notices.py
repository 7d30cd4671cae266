"""Holders' pages for what they lodge with the registry: requests to link a case, of both
routes, with the Notice of Consent lodged online (CASE-3 (b)); and an organization's Notices of
Change (BEY-1). Each holder sees its own (an IU) or its organization's (a PA or SA) only."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from cases.notice_forms import NoticeForm
from cases.selectors import notices as notice_selectors
from cases.services import notices as service
from core.downloads import protected_file_response
from core.forms import run_service
from core.queues import capped
from permissions.checks import capability_required
from permissions.roles import Capability


def notice_document(lodgement):
    """The notice as stored: always a PDF (the services accept nothing else)."""
    return protected_file_response(
        lodgement.document,
        content_type="application/pdf",
        filename=f"notice-{lodgement.case.number.replace(' ', '-').replace('/', '-')}.pdf",
    )


# --- CASE-3: requests to link a case; the Notice of Consent -------------------------------------


@capability_required(Capability.LODGE_NOTICE_OF_CONSENT)
@require_safe
def link_request_list(request):
    return render(
        request,
        "cases/notices/link_request_list.html",
        {"link_requests": capped(notice_selectors.link_requests_of_holder(actor=request.user))},
    )


@require_http_methods(["GET", "POST"])
@capability_required(Capability.LODGE_NOTICE_OF_CONSENT)
def link_request_lodge(request):
    form = NoticeForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        lodged = run_service(
            form,
            service.notice_of_consent_lodge,
            actor=request.user,
            **form.cleaned_data,
        )
        if lodged:
            messages.success(
                request,
                _("Your Notice of Consent has been lodged. The registry will check it."),
            )
            return redirect("cases:link_request_detail", pk=lodged.pk)
    return render(request, "cases/notices/notice_form.html", {"form": form, "kind": "consent"})


@capability_required(Capability.LODGE_NOTICE_OF_CONSENT)
@require_safe
def link_request_detail(request, pk):
    return render(
        request,
        "cases/notices/link_request_detail.html",
        {"lodgement": notice_selectors.link_request_of_holder(actor=request.user, request_id=pk)},
    )


@capability_required(Capability.LODGE_NOTICE_OF_CONSENT)
@require_safe
def link_request_document(request, pk):
    lodgement = notice_selectors.link_request_of_holder(actor=request.user, request_id=pk)
    if not lodgement.document:
        return redirect("cases:link_request_detail", pk=pk)
    return notice_document(lodgement)


# --- BEY-1: Notices of Change --------------------------------------------------------------------


@capability_required(Capability.LODGE_NOTICE_OF_CHANGE)
@require_safe
def notice_of_change_list(request):
    return render(
        request,
        "cases/notices/notice_of_change_list.html",
        {"notices": capped(notice_selectors.notices_of_change_of_organization(actor=request.user))},
    )


@require_http_methods(["GET", "POST"])
@capability_required(Capability.LODGE_NOTICE_OF_CHANGE)
def notice_of_change_lodge(request):
    form = NoticeForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        lodged = run_service(
            form,
            service.notice_of_change_lodge,
            actor=request.user,
            **form.cleaned_data,
        )
        if lodged:
            messages.success(
                request,
                _("Your Notice of Change has been lodged. The registry will check it."),
            )
            return redirect("cases:notice_of_change_detail", pk=lodged.pk)
    return render(request, "cases/notices/notice_form.html", {"form": form, "kind": "change"})


@capability_required(Capability.LODGE_NOTICE_OF_CHANGE)
@require_safe
def notice_of_change_detail(request, pk):
    return render(
        request,
        "cases/notices/notice_of_change_detail.html",
        {
            "lodgement": notice_selectors.notice_of_change_of_organization(
                actor=request.user, notice_id=pk
            )
        },
    )


@capability_required(Capability.LODGE_NOTICE_OF_CHANGE)
@require_safe
def notice_of_change_document(request, pk):
    lodgement = notice_selectors.notice_of_change_of_organization(actor=request.user, notice_id=pk)
    if not lodgement.document:
        return redirect("cases:notice_of_change_detail", pk=pk)
    return notice_document(lodgement)
