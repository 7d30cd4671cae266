"""The registry's payments pages, mounted in the back office (backoffice.urls): recording a
top-up of an organization's deposit account (SVC-4)."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from core.forms import confirmation_page, decision_confirmed, run_service
from core.money import format_hkd
from core.wording import bracketed
from payments import services
from payments.forms import TopUpForm
from permissions.checks import capability_required
from permissions.roles import Capability


@require_http_methods(["GET", "POST"])
@capability_required(Capability.RECORD_DEPOSIT_TOP_UPS)
def top_up_new(request):
    form = TopUpForm(request.POST or None)
    if request.method == "POST" and form.is_valid() and not decision_confirmed(request):
        # An entry is never changed afterwards: the organization the code names and the amount
        # are shown, to be confirmed, before anything is recorded.
        values = form.cleaned_data
        checked = run_service(
            form,
            services.deposit_top_up_checked,
            actor=request.user,
            organization_code=values["organization_code"],
            amount=values["amount"],
            reference=values["reference"],
        )
        if checked:
            organization = checked.organization
            return confirmation_page(
                request,
                title=_("Record %(amount)s for %(organization)s?")
                % {"amount": format_hkd(checked.amount), "organization": organization.name},
                explanation=_(
                    "The amount is added to the organization's deposit account at once and shown "
                    "on its statement. A recorded top-up cannot be changed."
                ),
                confirm_label=_("Yes, record the top-up"),
                back_url=reverse("backoffice:deposit_top_up_new"),
                hidden=[(name, form.data.get(name, "")) for name in form.fields],
                summary=[
                    (_("Organization"), bracketed(organization.name, organization.code_display)),
                    (_("Amount received (HKD)"), format_hkd(checked.amount)),
                    (_("Reference of the money received"), checked.reference),
                    *([(_("Note"), values["reasons"])] if values["reasons"] else []),
                ],
            )
    elif request.method == "POST" and form.is_valid():
        entry = run_service(form, services.deposit_top_up, actor=request.user, **form.cleaned_data)
        if entry:
            messages.success(
                request,
                _(
                    "The top-up of %(amount)s for %(organization)s has been recorded. The balance "
                    "is now %(balance)s."
                )
                % {
                    "amount": format_hkd(entry.amount),
                    "organization": entry.account.organization.name,
                    "balance": format_hkd(entry.balance_after),
                },
            )
            return redirect("backoffice:deposit_top_up_new")
    return render(request, "payments/staff/top_up_new.html", {"form": form})
