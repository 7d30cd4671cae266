"""The registry's pages, mounted in the back office: the court policy (BEY-2), every
proceeding type with its document types, fees, linking roles and file limits, and the forms to
add and change them; and the review of e-filings (SVC-1, CASE-3 (c)), the queue oldest first,
a filing with its documents, fee and payments, accepting or rejecting it, and the decided
ones. Each calls the same services and selectors as the API; a refusal is shown on the form,
with nothing saved."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from cases.models import PartyType, ProceedingType
from core.downloads import protected_file_response
from core.errors import NotFound
from core.forms import confirmation_page, decision_confirmed, rejected_with_reasons, run_service
from core.workdays import local_today
from filing.forms import DocumentTypeEditForm, DocumentTypeForm, FileLimitsForm
from filing.models import FiledBy
from filing.review_forms import AcceptFilingForm, DecidedFilingFilterForm, RejectFilingForm
from filing.selectors import filings as filing_selectors
from filing.selectors import policy as selectors
from filing.services import filings as filing_services
from filing.services import policy as services
from filing.transitions import FILING_TRANSITIONS
from permissions.checks import capability_required
from permissions.roles import Capability

_MAINTAIN = Capability.MAINTAIN_COURT_POLICY


@capability_required(_MAINTAIN)
@require_safe
def court_policy(request):
    return render(
        request,
        "filing/staff/court_policy.html",
        selectors.staff_court_policy(actor=request.user),
    )


@capability_required(_MAINTAIN)
def document_type_new(request):
    types = selectors.staff_court_policy(actor=request.user)["proceeding_types"]
    initial = {
        "active": True,
        "fee": "0.00",
        "filed_by": FiledBy.ANY_PARTY,
        "proceeding_type": request.GET.get("type", ""),
    }
    form = DocumentTypeForm(
        request.POST or None, initial=initial, proceeding_types=types, prefix="type"
    )
    if request.method == "POST" and form.is_valid():
        values = form.cleaned_data
        row = run_service(
            form,
            services.document_type_create,
            actor=request.user,
            proceeding_type_id=values["proceeding_type"],
            code=values["code"],
            name_en=values["name_en"],
            name_zh=values["name_zh"],
            linking_role=values["linking_role"],
            fee=values["fee"],
            active=values["active"],
            open_to_public_inspection=values["open_to_public_inspection"],
            filed_by=values["filed_by"],
            counsel_may_file=values["counsel_may_file"],
        )
        if row:
            messages.success(
                request,
                _("Document type %(code)s has been added to %(type)s.")
                % {"code": row.code, "type": row.proceeding_type.code},
            )
            return redirect("backoffice:court_policy")
    return render(request, "filing/staff/document_type_form.html", {"form": form, "row": None})


@capability_required(_MAINTAIN)
def document_type_edit(request, document_type_id):
    row = selectors.staff_document_type(actor=request.user, document_type_id=document_type_id)
    initial = {
        "name_en": row.name_en,
        "name_zh": row.name_zh,
        "linking_role": row.linking_role,
        "fee": f"{row.fee:.2f}",
        "active": row.active,
        "open_to_public_inspection": row.open_to_public_inspection,
        "filed_by": row.filed_by,
        "counsel_may_file": row.counsel_may_file,
    }
    form = DocumentTypeEditForm(request.POST or None, initial=initial, prefix="type")
    if request.method == "POST" and form.is_valid():
        changed = run_service(
            form,
            services.document_type_update,
            actor=request.user,
            document_type_id=row.pk,
            **form.cleaned_data,
        )
        if changed:
            messages.success(
                request,
                _("Document type %(code)s of %(type)s has been saved.")
                % {"code": row.code, "type": row.proceeding_type.code},
            )
            return redirect("backoffice:court_policy")
    return render(request, "filing/staff/document_type_form.html", {"form": form, "row": row})


def _proceeding_type(proceeding_type_id) -> ProceedingType | None:
    if proceeding_type_id is None:
        return None
    kind = (
        ProceedingType.objects.select_related("court_level").filter(pk=proceeding_type_id).first()
    )
    if kind is None:
        raise NotFound()
    return kind


@capability_required(_MAINTAIN)
def file_limits(request, proceeding_type_id=None):
    kind = _proceeding_type(proceeding_type_id)
    current = selectors.file_limits(kind.pk if kind else None)
    own = kind is None or current.proceeding_type_id == kind.pk
    initial = {
        "max_file_bytes": current.max_file_bytes,
        "max_pages": current.max_pages,
        "max_files": current.max_files,
    }
    form = FileLimitsForm(request.POST or None, initial=initial, prefix="limits")
    if request.method == "POST" and form.is_valid():
        saved = run_service(
            form,
            services.file_limits_set,
            actor=request.user,
            proceeding_type_id=kind.pk if kind else None,
            **form.cleaned_data,
        )
        if saved:
            messages.success(
                request,
                _("The file limits of %(what)s have been saved.")
                % {"what": kind.code if kind else _("every other proceeding type")},
            )
            return redirect("backoffice:court_policy")
    return render(
        request,
        "filing/staff/file_limits_form.html",
        {"form": form, "kind": kind, "own": own},
    )


@require_POST
@capability_required(_MAINTAIN)
def file_limits_remove(request, proceeding_type_id):
    kind = _proceeding_type(proceeding_type_id)
    services.file_limits_remove(actor=request.user, proceeding_type_id=kind.pk)
    messages.success(
        request,
        _("%(code)s now has the default file limits.") % {"code": kind.code},
    )
    return redirect("backoffice:court_policy")


# --- e-filings: the registry's review (SVC-1, CASE-3 (c)) ---------------------------------------

_REVIEW = Capability.REVIEW_FILINGS


def filed_file_response(document, stored):
    """A filed PDF as an attachment, under the name it was filed with; never kept by a shared
    cache."""
    response = protected_file_response(
        stored, content_type="application/pdf", filename=document.file_name
    )
    response["Content-Disposition"] = content_disposition_header(True, document.file_name)
    response["Cache-Control"] = "private, no-store"
    return response


def _opens_a_case(filing) -> bool:
    return filing.originating and not filing.case_id


@capability_required(_REVIEW)
@require_safe
def filing_queue(request):
    filings = filing_selectors.registry_queue(actor=request.user)
    return render(
        request, "filing/staff/filing_queue.html", {"filings": filings, "count": filings.total}
    )


@capability_required(_REVIEW)
@require_safe
def filings_decided(request):
    form = DecidedFilingFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    filings = filing_selectors.decided_filings(
        actor=request.user,
        status=filters.get("status") or "",
        case_number=filters.get("case_number") or "",
    )
    return render(
        request, "filing/staff/filings_decided.html", {"filings": filings, "filter": form}
    )


def _filing_page(request, filing_id, *, accept_form=None, reject_form=None, status=200):
    filing = filing_selectors.filing_for(actor=request.user, filing_id=filing_id)
    actions = FILING_TRANSITIONS.available(filing, actor=request.user)
    if accept_form is None:
        suggested = ""
        if "accept" in actions and _opens_a_case(filing):
            suggested = filing_selectors.next_case_number(
                filing.proceeding_type, local_today().year
            )
        accept_form = AcceptFilingForm(
            originating=_opens_a_case(filing), suggested_number=suggested
        )
    party_types = dict(PartyType.choices)
    new_case_parties = [
        {
            "party_type": party_types.get(p.get("party_type"), p.get("party_type")),
            "position": p.get("position"),
            "name": p.get("name"),
        }
        for p in filing.new_case_parties or []
    ]
    return render(
        request,
        "filing/staff/filing_review.html",
        {
            "filing": filing,
            "documents": list(filing.documents.all()),
            "payments": filing_selectors.filing_payments(filing),
            "new_case_parties": new_case_parties,
            "actions": actions,
            "accept_form": accept_form,
            "reject_form": reject_form or RejectFilingForm(),
        },
        status=status,
    )


@capability_required(_REVIEW)
@require_safe
def filing_review(request, filing_id):
    return _filing_page(request, filing_id)


@require_POST
@capability_required(_REVIEW)
def filing_review_accept(request, filing_id):
    filing = filing_selectors.filing_for(actor=request.user, filing_id=filing_id)
    form = AcceptFilingForm(request.POST, originating=_opens_a_case(filing))
    # Asked again only while it can be decided: a decided filing gets the service's refusal.
    open_to_decide = "accept" in FILING_TRANSITIONS.available(filing, actor=request.user)
    if open_to_decide and form.is_valid() and not decision_confirmed(request):
        number = form.cleaned_data.get("case_number", "")
        return confirmation_page(
            request,
            title=_("Accept filing %(reference)s?") % {"reference": filing.reference},
            explanation=(
                _(
                    "Case %(number)s is opened with these documents, and the filer is told at "
                    "once. This cannot be undone."
                )
                % {"number": number}
                if number
                else _(
                    "Its documents join the case file, dated when they were filed, and the "
                    "case's parties are told at once. This cannot be undone."
                )
            ),
            confirm_label=_("Yes, accept"),
            back_url=reverse("backoffice:filing_review", args=[filing.pk]),
            hidden=[("case_number", number)] if number else [],
            summary=[(_("Case"), filing.case_label)],
        )
    accepted = form.is_valid() and run_service(
        form,
        filing_services.filing_accept,
        actor=request.user,
        filing_id=filing.pk,
        case_number=form.cleaned_data.get("case_number", ""),
    )
    if not accepted:
        return _filing_page(request, filing.pk, accept_form=form, status=400)
    if filing.originating:
        message = _(
            "Filing %(reference)s accepted: case %(number)s is opened and its documents are in "
            "the case file."
        )
    else:
        message = _(
            "Filing %(reference)s accepted: its documents are in the case file of %(number)s."
        )
    messages.success(
        request, message % {"reference": accepted.reference, "number": accepted.case.number}
    )
    return redirect("backoffice:filing_queue")


@require_POST
@capability_required(_REVIEW)
def filing_review_reject(request, filing_id):
    filing = filing_selectors.filing_for(actor=request.user, filing_id=filing_id)
    return rejected_with_reasons(
        request,
        RejectFilingForm,
        filing_services.filing_reject,
        filing_id=filing.pk,
        refused=lambda form: _filing_page(request, filing.pk, reject_form=form, status=400),
        confirm=(
            _("Reject filing %(reference)s?") % {"reference": filing.reference},
            reverse("backoffice:filing_review", args=[filing.pk]),
        )
        if "reject" in FILING_TRANSITIONS.available(filing, actor=request.user)
        else None,
        done=_(
            "Filing %(reference)s rejected: the filer can read your reasons; any fee paid is "
            "refunded."
        ),
        queue="backoffice:filing_queue",
    )


@capability_required(_REVIEW)
@require_safe
def filing_document_download(request, filing_id, document_id):
    document, stored = filing_selectors.filed_document(
        actor=request.user, filing_id=filing_id, document_id=document_id
    )
    return filed_file_response(document, stored)
