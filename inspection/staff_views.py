"""The registry's page on a case and the public (SVC-2, GEN-3): close every document of a
case to the public (sealed, family proceedings) or open it again, with reasons; audited."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from cases.selectors.registry import registry_case
from core.forms import run_service
from inspection import selectors, services
from inspection.forms import CaseInspectionForm
from permissions.checks import capability_required
from permissions.roles import Capability


@require_http_methods(["GET", "POST"])
@capability_required(Capability.RUN_REGISTRY)
def case_inspection(request, case_id):
    case = registry_case(actor=request.user, case_id=case_id)
    current = selectors.case_inspection(actor=request.user, case=case)
    closed = bool(current and current.closed)
    initial = {"closed": "1" if closed else "0", "reasons": current.reasons if current else ""}
    form = CaseInspectionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        saved = run_service(
            form,
            services.case_inspection_set,
            actor=request.user,
            case_id=case.pk,
            closed=form.cleaned_data["closed"],
            reasons=form.cleaned_data["reasons"],
        )
        if saved:
            if saved.closed:
                text = _("Case %(number)s is closed to the public.")
            else:
                text = _("Case %(number)s is open to public inspection.")
            messages.success(request, text % {"number": case.number})
            return redirect("backoffice:registry_case_inspection", case_id=case.pk)
    return render(
        request,
        "inspection/staff/case_inspection.html",
        {"case": case, "current": current, "closed": closed, "form": form},
    )
