"""The Help Centre's back-office pages for account holders: starting a password reset (AUTH-4)
and re-sending an activation code (ACT-4)."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from accounts import services
from accounts.forms import HolderLoginNameForm
from core.forms import run_service
from permissions.checks import capability_required
from permissions.roles import Capability


def _holder_action(request, *, service, template, success_message):
    """A Help Centre action on an IU or PA account named by its login name."""
    form = HolderLoginNameForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        # Every refusal is about the login name the officer typed.
        run_service(
            form, service, aliases={None: "login_name"}, actor=request.user, **form.cleaned_data
        )
        if not form.errors:
            messages.success(request, success_message)
            return redirect(request.path)
    return render(request, template, {"form": form})


@require_http_methods(["GET", "POST"])
@capability_required(Capability.START_PASSWORD_RESET)
def start_password_reset(request):
    return _holder_action(
        request,
        service=services.change_token_issue,
        template="accounts/staff/password_reset.html",
        success_message=_("A Change Token has been emailed to the account holder."),
    )


@require_http_methods(["GET", "POST"])
@capability_required(Capability.REISSUE_ACTIVATION_CODE)
def reissue_activation_code(request):
    return _holder_action(
        request,
        service=services.activation_code_reissue,
        template="accounts/staff/reissue_activation_code.html",
        success_message=_("A new activation code has been emailed to the account holder."),
    )
