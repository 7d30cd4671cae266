"""The registry's pages on the court policy (BEY-2), mounted in the back office: every
proceeding type with its document types, fees, linking roles and file limits; the forms to add
and change them. Each calls the same services and selectors as the API; a refusal is shown on
the form, with nothing saved."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cases.models import ProceedingType
from core.errors import NotFound
from core.forms import run_service
from filing.forms import DocumentTypeEditForm, DocumentTypeForm, FileLimitsForm
from filing.selectors import policy as selectors
from filing.services import policy as services
from permissions.checks import capability_required
from permissions.roles import Capability

_MAINTAIN = Capability.MAINTAIN_COURT_POLICY


@capability_required(_MAINTAIN)
def court_policy(request):
    return render(
        request,
        "filing/staff/court_policy.html",
        selectors.staff_court_policy(actor=request.user),
    )


@capability_required(_MAINTAIN)
def document_type_new(request):
    types = selectors.staff_court_policy(actor=request.user)["proceeding_types"]
    initial = {"active": True, "fee": "0.00", "proceeding_type": request.GET.get("type", "")}
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
