"""The registry's payments pages, mounted in the back office (backoffice.urls): recording a
top-up of an organization's deposit account (SVC-4)."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from core.forms import run_service
from core.money import format_hkd
from payments import services
from payments.forms import TopUpForm
from permissions.checks import capability_required
from permissions.roles import Capability


@require_http_methods(["GET", "POST"])
@capability_required(Capability.RECORD_DEPOSIT_TOP_UPS)
def top_up_new(request):
    form = TopUpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
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
