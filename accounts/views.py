from datetime import timedelta

from django.contrib import messages
from django.contrib.auth import login as auth_login
from django.contrib.auth import logout as auth_logout
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth.decorators import login_not_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods, require_POST, require_safe
from django_otp import login as otp_login

from accounts import selectors, services
from accounts.forms import (
    EmailConfirmForm,
    LoginForm,
    LoginNameForm,
    OneTimeCodeForm,
    OwnTerminationForm,
    PasswordChangeForm,
    ProfileForm,
    ResetPasswordForm,
)
from accounts.pending_login import (
    pending_login,
    pending_login_end,
    pending_login_enrolment_keep,
    pending_login_start,
)
from core import policy
from core.forms import run_service
from core.ratelimit import rate_limited
from core.workdays import local_today
from permissions.checks import capability_required
from permissions.roles import Capability, can

# The password was checked by this backend at the first step (with axes before it).
_PASSWORD_BACKEND = "accounts.backends.AccountBackend"


def _run(form, service, **kwargs):
    """Call a service with the form's data; a refusal lands on the form (core.forms)."""
    return run_service(form, service, **form.cleaned_data, **kwargs)


def _next_url(request, user) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    # A path on this site only: redirect() would read anything else ("home") as a view's name.
    if not target.startswith("/") or not url_has_allowed_host_and_scheme(
        target, {request.get_host()}, request.is_secure()
    ):
        target = reverse("backoffice:dashboard" if user.is_court_staff else "accounts:home")
    return target


@login_not_required
@sensitive_post_parameters("password")
@never_cache
@require_http_methods(["GET", "POST"])
def login_view(request):
    form = LoginForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = _run(form, services.password_checked, request=request)
        if user and services.second_factor_required(user):
            # OPS-1: not logged in yet; the one-time code comes on a page of its own.
            pending_login_start(request, user=user, next_url=_next_url(request, user))
            return redirect("accounts:second_factor")
        if user:
            auth_login(request, user)
            return redirect(_next_url(request, user))
    return render(
        request, "accounts/login.html", {"form": form, "next": request.GET.get("next", "")}
    )


@login_not_required
@sensitive_post_parameters("one_time_code")
@never_cache
@require_http_methods(["GET", "POST"])
def second_factor(request):
    """OPS-1: a court officer's second step: the code from the authenticator app, after
    setting one up on the first login. Logged in only once the code is right."""
    pending = pending_login(request)
    if pending is None:
        messages.info(
            request,
            _(
                "Please log in with your login name and password. The code from your "
                "authenticator app is asked for within %(minutes)s minutes of the password."
            )
            % {"minutes": policy.SECOND_FACTOR_PENDING_FOR // timedelta(minutes=1)},
        )
        return redirect("accounts:login")
    try:
        enrolment = services.second_factor_enrolment(user=pending.user, device_id=pending.enrolment)
    except services.EnrolmentReplaced as exc:
        pending_login_end(request)
        messages.info(request, str(exc.message))
        return redirect("accounts:login")
    if enrolment is not None:
        pending_login_enrolment_keep(request, enrolment.device_id)
    form = OneTimeCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = run_service(
            form,
            services.second_factor_checked,
            aliases={None: "one_time_code"},
            request=request,
            user=pending.user,
            code=form.cleaned_data["one_time_code"],
            enrolment=enrolment.device_id if enrolment else None,
        )
        if device:
            pending_login_end(request)
            auth_login(request, pending.user, backend=_PASSWORD_BACKEND)
            otp_login(request, device)
            return redirect(pending.next_url)
    return render(
        request,
        "accounts/second_factor.html",
        {"form": form, "enrolment": enrolment, "login_name": pending.user.login_name},
    )


@require_POST
def logout_view(request):
    services.logout_everywhere(user=request.user)  # the holder's API tokens too
    auth_logout(request)
    messages.info(request, _("You have logged out."))
    return redirect("public:home")


@login_not_required
@rate_limited("reset_password")
@sensitive_post_parameters("change_token", "password", "password_confirm")
@never_cache
@require_http_methods(["GET", "POST"])
def reset_password(request):
    form = ResetPasswordForm(request.POST or None)
    if request.method == "POST" and form.is_valid() and _run(form, services.password_reset):
        messages.success(
            request, _("Your password has been reset. Please log in with the new password.")
        )
        return redirect("accounts:login")
    return render(request, "accounts/reset_password.html", {"form": form})


@login_not_required
@rate_limited("unlock")
@never_cache
@require_http_methods(["GET", "POST"])
def unlock(request):
    """BEY-4: the holder of a locked account asks for a Change Token by login name; the answer
    is the same whether or not the name exists or is locked."""
    form = LoginNameForm(
        request.POST or None, initial={"login_name": request.GET.get("login_name", "")}
    )
    if request.method == "POST" and form.is_valid():
        services.unlock_token_request(request=request, **form.cleaned_data)
        messages.info(
            request,
            _(
                "If this login name belongs to a locked account, we have emailed a Change "
                "Token to the account's registered email address. Use it on the Reset "
                "Password page to set a new password; the account then opens."
            ),
        )
        return redirect("accounts:reset_password")
    return render(request, "accounts/unlock.html", {"form": form})


@require_safe
def home(request):
    if request.user.is_court_staff:
        return redirect("backoffice:dashboard")
    return render(
        request,
        "accounts/home.html",
        {
            "account": request.user,
            # ORG-4, REG-10: the PA's way to the organization's limits and requests.
            # ORG-7 [A43]: the page "Maintain default OU Account".
            "may_maintain_default_ous": can(request.user, Capability.MAINTAIN_DEFAULT_OUS),
            "may_request_configuration_change": can(
                request.user, Capability.REQUEST_CONFIGURATION_CHANGE
            ),
            "in_organization": can(request.user, Capability.VIEW_OWN_ORGANIZATION),
            # SVC-4: the organization's deposit account and its statement.
            "may_view_deposit_account": can(request.user, Capability.VIEW_DEPOSIT_ACCOUNT),
            "may_edit_profile": can(request.user, Capability.MAINTAIN_OWN_PROFILE),
            # LIFE-2 [+]: an IU ends its own account online.
            "may_end_own_account": can(
                request.user, Capability.TERMINATE_OWN_ACCOUNT, request.user
            ),
            # CASE-3 (b), BEY-1: an IU's or an organization's administrators' notices.
            "may_lodge_notice_of_consent": can(request.user, Capability.LODGE_NOTICE_OF_CONSENT),
            "may_lodge_notice_of_change": can(request.user, Capability.LODGE_NOTICE_OF_CHANGE),
            # CASE-5, CASE-6, BEY-5: the organization's cases, for its administrators.
            "may_assign_cases": can(request.user, Capability.ASSIGN_CASES_SAME_BRANCH),
            "may_give_cases": can(request.user, Capability.GIVE_CASES_TO_ADMINISTRATORS),
            "may_review_case_access": can(request.user, Capability.REVIEW_CASE_ACCESS),
            # CASE-2, CASE-4: an IU's or OU's own cases; a PA's or SA's, the organization's.
            "may_see_cases": can(request.user, Capability.USE_E_SERVICES)
            or can(request.user, Capability.VIEW_ORGANIZATION_CASES),
            # SVC-1: an IU's or OU's own filings; a PA's or SA's, the organization's.
            "may_see_filings": can(request.user, Capability.VIEW_FILINGS),
            # GEN-1 [A2]: the four e-services of a registered user who transacts.
            "may_use_e_services": can(request.user, Capability.USE_E_SERVICES),
            "may_file": can(request.user, Capability.FILE_DOCUMENTS),
            # SVC-6: requests for the certification of translations, own or the organization's.
            "may_see_certifications": can(request.user, Capability.VIEW_CERTIFICATIONS),
            # BEY-6: the hearings of the holder's cases in its calendar program.
            "may_use_hearings_calendar": can(request.user, Capability.USE_HEARINGS_CALENDAR),
            # REG-3, LIFE-4 [A17]: a prospective litigant's date to file by, while it is ahead.
            "filing_deadline_ahead": request.user.filing_deadline
            if request.user.filing_deadline and request.user.filing_deadline >= local_today()
            else None,
        },
    )


@never_cache
@require_http_methods(["GET", "POST"])
@capability_required(Capability.MAINTAIN_OWN_PROFILE)
def profile(request):
    """ROLE-1 row 1: the holder's own contact details and language of emails."""
    user = request.user
    form = ProfileForm(
        request.POST or None,
        initial={
            "email": user.email,
            "phone": user.phone,
            "address": user.address,
            "preferred_language": user.preferred_language,
        },
    )
    if request.method == "POST" and form.is_valid():
        result = _run(form, services.own_profile_update, actor=user)
        if result:
            messages.success(request, _("Your profile has been saved."))
            if result.pending_email:
                messages.info(
                    request,
                    _(
                        "We have emailed a confirmation code to %(email)s. Your email address "
                        "changes once you enter the code here."
                    )
                    % {"email": result.pending_email.new_email},
                )
            if result.reminder:
                # LIFE-1 [A46]: the Court and the other parties are told separately.
                messages.warning(request, result.reminder)
            if result.pending_email:
                return redirect("accounts:confirm_email")
            return redirect("accounts:profile")
    return render(
        request,
        "accounts/profile.html",
        {
            "form": form,
            "account": user,
            "pending_email": selectors.pending_email_change(user),
            "may_terminate": can(user, Capability.TERMINATE_OWN_ACCOUNT, user),
        },
    )


@sensitive_post_parameters("confirmation_code", "password")
@never_cache
@require_http_methods(["GET", "POST"])
@capability_required(Capability.MAINTAIN_OWN_PROFILE)
def confirm_email(request):
    """LIFE-1: the holder enters the code sent to the new email address and the password."""
    form = EmailConfirmForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = _run(form, services.email_change_confirm, request=request, actor=request.user)
        if user:
            messages.success(
                request,
                _("Your email address is now %(email)s.") % {"email": user.email},
            )
            messages.warning(request, services.NOTIFY_COURT_REMINDER)
            return redirect("accounts:profile")
    return render(
        request,
        "accounts/confirm_email.html",
        {"form": form, "pending_email": selectors.pending_email_change(request.user)},
    )


@sensitive_post_parameters("password")
@never_cache
@require_http_methods(["GET", "POST"])
@capability_required(Capability.TERMINATE_OWN_ACCOUNT)
def terminate_account(request):
    """LIFE-2 [+]: an IU holder ends the account online, with the password; at once."""
    form = OwnTerminationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = _run(form, services.iu_termination_request, request=request, user=request.user)
        if user:
            auth_logout(request)
            messages.success(
                request,
                _(
                    "Your account %(login_name)s has been ended. Its records and the history "
                    "of your cases are kept by the court."
                )
                % {"login_name": user.login_name},
            )
            return redirect("accounts:login")
    return render(request, "accounts/terminate.html", {"form": form})


@sensitive_post_parameters("current_password", "password", "password_confirm")
@never_cache
@require_http_methods(["GET", "POST"])
def change_password(request):
    form = PasswordChangeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = _run(form, services.password_change, request=request, user=request.user)
        if user:
            update_session_auth_hash(request, user)  # stay logged in here, out elsewhere
            messages.success(request, _("Your password has been changed."))
            return redirect("accounts:home")
    return render(request, "accounts/change_password.html", {"form": form})
