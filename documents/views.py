"""The case documents' pages: the parties' file of a case and its downloads (SVC-2, SVC-5), and
the public check of a Document Reference Number, by number, by the QR code printed on the
document, or by comparing a copy (SVC-5, BEY-3, [A4])."""

from django.contrib.auth.decorators import login_not_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_http_methods, require_safe

from core import ratelimit
from core.downloads import protected_file_response
from documents import selectors
from documents.drn import normalize_drn
from documents.forms import CopyCompareForm, DrnCheckForm
from permissions.checks import capability_required
from permissions.roles import Capability

CHECK_SCOPE = "drn_check"


def issued_file_response(document):
    """The stored PDF as an attachment, named by its DRN; never kept by a shared cache."""
    name = f"{document.drn or f'document-{document.pk}'}.pdf"
    response = protected_file_response(document.file, content_type="application/pdf", filename=name)
    response["Content-Disposition"] = content_disposition_header(True, name)
    response["Cache-Control"] = "private, no-store"
    return response


# --- the parties: a case's file (SVC-2) ---------------------------------------------------------


@capability_required(Capability.USE_E_SERVICES)
@require_safe
def case_documents(request, case_id):
    case, documents = selectors.case_documents(actor=request.user, case_id=case_id)
    return render(request, "documents/case_documents.html", {"case": case, "documents": documents})


@capability_required(Capability.USE_E_SERVICES)
@require_safe
def case_document(request, case_id, document_id):
    document = selectors.case_document(actor=request.user, case_id=case_id, document_id=document_id)
    check_url = (
        reverse("documents:drn_check_result", kwargs={"drn": document.drn}) if document.drn else ""
    )
    return render(
        request,
        "documents/case_document.html",
        {"case": document.case, "document": document, "check_url": check_url},
    )


@capability_required(Capability.USE_E_SERVICES)
@require_safe
def document_download(request, case_id, document_id):
    document = selectors.case_document(actor=request.user, case_id=case_id, document_id=document_id)
    return issued_file_response(document)


# --- the public check (SVC-5, BEY-3) -----------------------------------------------------------


def _throttled(request):
    """Count one check from this address; the 429 page when its checks are used up."""
    address = ratelimit.client_address(request)
    if ratelimit.allow(scope=CHECK_SCOPE, key=address):
        return None
    wait = ratelimit.retry_after(scope=CHECK_SCOPE, key=address) or 60
    return ratelimit.too_many_requests(request, wait)


@login_not_required
@cache_control(private=True, no_store=True)
@require_http_methods(["GET"])
def drn_check(request):
    """The check form; a typed DRN goes to its result page, the same page the QR code opens."""
    form = DrnCheckForm(request.GET or None)
    check = None
    if form.is_bound and form.is_valid():
        drn = normalize_drn(form.cleaned_data["drn"])
        if drn is not None:
            return redirect("documents:drn_check_result", drn=drn)
        refused = _throttled(request)
        if refused:
            return refused
        check = selectors.drn_check(form.cleaned_data["drn"])
        form.add_error("drn", check.problem_message)
    return render(request, "documents/drn_check.html", {"form": form, "check": check})


@login_not_required
@cache_control(private=True, no_store=True)
@require_http_methods(["GET", "POST"])
def drn_check_result(request, drn):
    """Whether the court issued this DRN, and then for which case number, with which title, on
    which date; nothing else. A copy of the document can be compared with the one issued."""
    refused = _throttled(request)
    if refused:
        return refused
    check = selectors.drn_check(drn)
    compare_form = None
    matches = None
    if check.issued:
        posted = request.method == "POST"
        compare_form = CopyCompareForm(
            request.POST if posted else None, request.FILES if posted else None
        )
        if request.method == "POST" and compare_form.is_valid():
            matches = selectors.drn_copy_matches(
                drn=check.drn, upload=compare_form.cleaned_data["file"]
            )
    return render(
        request,
        "documents/drn_check_result.html",
        {
            "check": check,
            "form": DrnCheckForm(initial={"drn": check.display_drn or drn[:100]}),
            "compare_form": compare_form,
            "matches": matches,
        },
    )
