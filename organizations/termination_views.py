"""The Help Centre's page for an organization's request to end its PA's account (ORG-8
[A51]), mounted by the back office's shell under /backoffice/."""

from django import forms
from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from accounts.forms import AccountLookupForm
from core.forms import run_service
from organizations import selectors, services
from organizations.models import TerminationRequestChannel
from permissions.checks import capability_required
from permissions.roles import Capability


class TerminationForm(forms.Form):
    login_name = forms.CharField(widget=forms.HiddenInput, max_length=32)
    channel = forms.ChoiceField(
        label=gettext_lazy("How the request came"),
        choices=TerminationRequestChannel.choices,
        widget=forms.RadioSelect,
    )
    reasons = forms.CharField(
        label=gettext_lazy("Reasons for ending the account"),
        help_text=gettext_lazy("E.g. who asked for the organization, and why."),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


@require_http_methods(["GET", "POST"])
@capability_required(Capability.RECORD_TERMINATION_REQUEST)
def terminate_primary_administrator(request):
    """Find the PA account by login name; record how the request came and why; confirm on a
    page of its own (the account cannot be re-opened); then end it."""
    login_name = request.POST.get("login_name") or request.GET.get("login_name", "")
    lookup = AccountLookupForm({"login_name": login_name} if login_name else None)
    account = (
        selectors.primary_administrator_for_termination(actor=request.user, login_name=login_name)
        if lookup.is_valid()
        else None
    )
    if lookup.is_bound and lookup.is_valid() and account is None:
        lookup.add_error("login_name", _("No PA account has this login name."))
    form = TerminationForm(
        request.POST or None, initial={"login_name": account.login_name if account else ""}
    )
    context = {"lookup": lookup, "account": account, "form": form}
    if account is not None:
        context["others_active"] = selectors.other_active_primary_administrators(account)
    if request.method == "POST" and account is not None and form.is_valid():
        if request.POST.get("confirm") != "yes":
            return render(request, "organizations/staff/confirm_termination.html", {**context})
        if run_service(
            form,
            services.primary_administrator_terminate,
            aliases={None: "reasons"},
            actor=request.user,
            **form.cleaned_data,
        ):
            messages.success(
                request,
                _("The PA account %(login_name)s has been ended.")
                % {"login_name": account.login_name},
            )
            return redirect("backoffice:terminate_primary_administrator")
    return render(request, "organizations/staff/terminate_primary_administrator.html", context)
