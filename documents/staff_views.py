"""The registry's pages for a case's documents (SVC-5), mounted in the back office beside the
registry's case pages: the documents issued to a case, and "Issue a document"."""

from functools import partial

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_safe

from cases.selectors.routing import case_message_recipients
from core.forms import run_service
from core.kept_files import keep_files, send_with_kept_files, take_kept_file
from documents import selectors, services
from documents.forms import IssueForm
from documents.views import issued_file_response
from permissions.checks import capability_required
from permissions.roles import Capability


@capability_required(Capability.ISSUE_DOCUMENTS)
@require_safe
def case_documents(request, case_id):
    case, documents = selectors.registry_case_documents(actor=request.user, case_id=case_id)
    return render(
        request, "documents/staff/case_documents.html", {"case": case, "documents": documents}
    )


@require_http_methods(["GET", "POST"])
@capability_required(Capability.ISSUE_DOCUMENTS)
def document_issue(request, case_id):
    case, _documents = selectors.registry_case_documents(actor=request.user, case_id=case_id)
    form = IssueForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        # No PDF chosen this time: the one kept from the last sending, if any.
        take_kept_file(request.user, form, "file")
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        issued = send_with_kept_files(
            request.user,
            [form],
            partial(
                run_service,
                form,
                services.document_issue,
                actor=request.user,
                case_id=case.pk,
                kind=data["kind"],
                title=data["title"],
                method=data["method"],
                upload=data.get("file") or None,
                text=data.get("text") or "",
            ),
        )
        if issued:
            messages.success(
                request,
                ngettext(
                    "Issued with the Document Reference Number %(drn)s and delivered to "
                    "%(count)d Message Box.",
                    "Issued with the Document Reference Number %(drn)s and delivered to "
                    "%(count)d Message Boxes.",
                    len(issued.messages),
                )
                % {"drn": issued.document.display_drn, "count": len(issued.messages)},
            )
            return redirect("backoffice:registry_case_documents", case_id=case.pk)
    if form.is_bound:
        # Sent back (the confirmation not ticked, a title too long): the PDF is kept.
        keep_files(request.user, form, ["file"])
    recipients = case_message_recipients(case.pk)
    return render(
        request,
        "documents/staff/document_issue.html",
        {"case": case, "form": form, "recipients": recipients},
    )


@capability_required(Capability.ISSUE_DOCUMENTS)
@require_safe
def document_download(request, case_id, document_id):
    document = selectors.registry_case_document(
        actor=request.user, case_id=case_id, document_id=document_id
    )
    return issued_file_response(document)
