"""The activation page of every account, IU, PA, SA or OU (ACT-1..4). It lives here rather
than in accounts because a PA's activation also puts its organization in service (ORG-8),
which only this layer may change."""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods

from accounts.forms import ActivationForm
from core.forms import run_service
from core.ratelimit import rate_limited
from organizations import services


@login_not_required
@rate_limited("activate")
@sensitive_post_parameters("activation_code", "password", "password_confirm")
@never_cache
@require_http_methods(["GET", "POST"])
def activate(request):
    form = ActivationForm(
        request.POST or None, initial={"login_name": request.GET.get("login_name", "")}
    )
    if (
        request.method == "POST"
        and form.is_valid()
        and run_service(form, services.account_activate, **form.cleaned_data)
    ):
        messages.success(
            request,
            _(
                "Your account is active. You can now log in with your login "
                "name and the password you have just set."
            ),
        )
        return redirect("accounts:login")
    return render(request, "accounts/activate.html", {"form": form})
