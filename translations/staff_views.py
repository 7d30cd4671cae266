"""The registry's pages (SVC-6), mounted in the back office: the requests awaiting it, oldest
first; a request with its files, fee and payments; certifying it (the translation is issued to
the case with a DRN) or rejecting it with reasons (the fee is refunded)."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from core.errors import DomainError
from core.forms import confirmation_page, decision_confirmed, rejected_with_reasons
from permissions.checks import capability_required
from permissions.roles import Capability
from translations import selectors, services
from translations.forms import RejectForm
from translations.transitions import CERTIFICATION_TRANSITIONS
from translations.views import file_response

_PROCESS = Capability.PROCESS_CERTIFICATIONS


@capability_required(_PROCESS)
@require_safe
def queue(request):
    queue = selectors.registry_queue(actor=request.user)
    return render(
        request,
        "translations/staff/queue.html",
        {
            "requests": queue,
            "count": queue.total,
            "decided": selectors.decided_requests(actor=request.user, limit=20),
        },
    )


def _page(request, request_id, *, reject_form=None, status=200):
    found = selectors.request_for(actor=request.user, request_id=request_id)
    return render(
        request,
        "translations/staff/review.html",
        {
            "found": found,
            "payments": selectors.request_payments(found),
            "actions": CERTIFICATION_TRANSITIONS.available(found, actor=request.user),
            "reject_form": reject_form or RejectForm(),
        },
        status=status,
    )


@capability_required(_PROCESS)
@require_safe
def review(request, request_id):
    return _page(request, request_id)


@require_POST
@capability_required(_PROCESS)
def certify(request, request_id):
    found = selectors.request_for(actor=request.user, request_id=request_id)
    if not decision_confirmed(request) and "certify" in CERTIFICATION_TRANSITIONS.available(
        found, actor=request.user
    ):
        return confirmation_page(
            request,
            title=_("Certify the translation of request %(reference)s?")
            % {"reference": found.reference},
            explanation=_(
                "The certified translation is issued as a document of the case, with a "
                "Document Reference Number, and delivered to the case's Message Boxes at "
                "once. This cannot be undone."
            ),
            confirm_label=_("Yes, certify"),
            back_url=reverse("backoffice:translation_review", args=[found.pk]),
            summary=[(_("Case"), found.case.number), (_("Document"), found.source_title)],
        )
    try:
        certified = services.certification_certify(actor=request.user, request_id=request_id)
    except DomainError as exc:
        if exc.status in (403, 404):
            raise
        messages.error(request, str(exc.message))
        return redirect("backoffice:translation_review", request_id=request_id)
    messages.success(
        request,
        _(
            "Request %(reference)s certified: the certified translation is issued with the "
            "Document Reference Number %(drn)s and delivered to the case's Message Boxes."
        )
        % {
            "reference": certified.reference,
            "drn": certified.certified_document.display_drn,
        },
    )
    return redirect("backoffice:translation_queue")


@require_POST
@capability_required(_PROCESS)
def reject(request, request_id):
    found = selectors.request_for(actor=request.user, request_id=request_id)
    return rejected_with_reasons(
        request,
        RejectForm,
        services.certification_reject,
        request_id=found.pk,
        refused=lambda form: _page(request, found.pk, reject_form=form, status=400),
        confirm=(
            _("Reject request %(reference)s?") % {"reference": found.reference},
            reverse("backoffice:translation_review", args=[found.pk]),
        )
        if "reject" in CERTIFICATION_TRANSITIONS.available(found, actor=request.user)
        else None,
        done=_(
            "Request %(reference)s rejected: the applicant can read your reasons; the fee is "
            "refunded."
        ),
        queue="backoffice:translation_queue",
    )


@capability_required(_PROCESS)
@require_safe
def file_download(request, request_id, which):
    return file_response(
        selectors.request_file(actor=request.user, request_id=request_id, which=which)
    )
