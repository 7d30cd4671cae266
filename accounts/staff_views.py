"""The back-office pages on accounts: the Help Centre's for account holders, starting a
password reset (AUTH-4), re-sending an activation code (ACT-4) and unlocking a locked account
(AUTH-3), correcting an IU's or a PA's name (A46) and keying in an IU holder's request to
end the account (LIFE-2); and the system administrator's reset of a staff member's second
factor (OPS-1)."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from accounts import selectors, services
from accounts.forms import (
    AccountLookupForm,
    HolderLoginNameForm,
    HolderSearchForm,
    IuTerminationForm,
    NameCorrectionForm,
    SecondFactorResetForm,
    StartPasswordResetForm,
    UnlockForm,
)
from accounts.services.unlocking import account_unlock
from core.errors import NotFound
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


def _holder_looked_up(request, find, not_found):
    """The account a Help Centre page acts on, found by the login name the officer typed (or
    the form sends back): the lookup form, with `not_found` on it when none is found, and the
    account or None."""
    login_name = request.POST.get("login_name") or request.GET.get("login_name", "")
    lookup = AccountLookupForm({"login_name": login_name} if login_name else None)
    account = find(actor=request.user, login_name=login_name) if lookup.is_valid() else None
    if lookup.is_bound and lookup.is_valid() and account is None:
        lookup.add_error("login_name", not_found)
    return lookup, account


@require_http_methods(["GET", "POST"])
@capability_required(Capability.START_PASSWORD_RESET)
def start_password_reset(request):
    """AUTH-4 in two steps: find the holder (by name, login name or document number) and
    pick the account; then say how the request came and how identity was checked."""
    holder = None
    login_name = request.POST.get("login_name") or request.GET.get("login_name")
    if login_name:
        matches = selectors.holder_search(actor=request.user, query=login_name)
        holder = next((u for u in matches if u.login_name == login_name), None)
    form = StartPasswordResetForm(
        request.POST or None, initial={"login_name": holder.login_name if holder else ""}
    )
    if request.method == "POST" and form.is_valid():
        sent_to = run_service(
            form, services.change_token_issue, actor=request.user, **form.cleaned_data
        )
        if sent_to:
            messages.success(
                request,
                _("A Change Token has been emailed to %(email)s.") % {"email": sent_to},
            )
            return redirect(request.path)
    if holder is not None:
        return render(
            request,
            "accounts/staff/password_reset.html",
            {
                "form": form,
                "holder": holder,
                # Shown, and put on the record, only when the officer asks to check them.
                "particulars": services.holder_particulars_read(actor=request.user, holder=holder)
                if request.GET.get("particulars") == "1"
                else None,
                "masked_number": selectors.masked_document_number(
                    holder.id_document_number, holder.id_document_type
                ),
            },
        )
    search = HolderSearchForm(request.GET if "q" in request.GET else None)
    results = None
    if search.is_valid():
        results = [
            {
                "account": account,
                "masked_number": selectors.masked_document_number(
                    account.id_document_number, account.id_document_type
                ),
                "pick_url": "?" + urlencode({"login_name": account.login_name}),
            }
            for account in selectors.holder_search(
                actor=request.user, query=search.cleaned_data["q"]
            )
        ]
    return render(
        request,
        "accounts/staff/password_reset_search.html",
        {"search": search, "results": results, "form": form if request.method == "POST" else None},
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


@require_http_methods(["GET", "POST"])
@capability_required(Capability.UNLOCK_HOLDER_ACCOUNTS)
def unlock_account(request):
    """AUTH-3: the accounts locked now, and for the one picked, the reasons and the unlock."""
    lookup = AccountLookupForm(request.GET or None)
    form = UnlockForm(request.POST or None)
    account = lock = None
    login_name = request.POST.get("login_name") or (
        lookup.cleaned_data["login_name"] if lookup.is_valid() else None
    )
    if login_name:
        try:
            account = selectors.unlockable_account(actor=request.user, login_name=login_name)
        except NotFound:
            lookup.add_error("login_name", _("No account that you may unlock has this login name."))
        else:
            lock = selectors.login_name_lock(account.login_name, now=timezone.now())
    if request.method == "POST" and form.is_valid():
        if run_service(form, account_unlock, actor=request.user, **form.cleaned_data):
            messages.success(
                request,
                _("Account %(login_name)s has been unlocked.")
                % {"login_name": form.cleaned_data["login_name"]},
            )
            return redirect(request.path)
    return render(
        request,
        "accounts/staff/unlock_account.html",
        {
            "lookup": lookup,
            "form": form,
            "account": account,
            "lock": lock,
            "locked": selectors.locked_accounts(actor=request.user, now=timezone.now()),
        },
    )


@require_http_methods(["GET", "POST"])
@capability_required(Capability.RESET_STAFF_SECOND_FACTOR)
def reset_second_factor(request):
    """OPS-1: a staff member found by login name, whether an authenticator app is set up, and
    for one that is, the reasons and the reset."""
    lookup = AccountLookupForm(request.GET or None)
    form = SecondFactorResetForm(request.POST or None)
    account = device = None
    login_name = request.POST.get("login_name") or (
        lookup.cleaned_data["login_name"] if lookup.is_valid() else None
    )
    if login_name:
        try:
            account = selectors.second_factor_staff_account(
                actor=request.user, login_name=login_name
            )
        except NotFound:
            lookup.add_error("login_name", _("No staff member has this login name."))
        else:
            device = selectors.second_factor_device(user=account)
    if request.method == "POST" and form.is_valid():
        if run_service(form, services.second_factor_reset, actor=request.user, **form.cleaned_data):
            messages.success(
                request,
                _(
                    "The second factor of %(login_name)s has been reset. The staff member sets "
                    "up an authenticator app again at the next login."
                )
                % {"login_name": form.cleaned_data["login_name"]},
            )
            return redirect(request.path)
    return render(
        request,
        "accounts/staff/reset_second_factor.html",
        {"lookup": lookup, "form": form, "account": account, "device": device},
    )


@require_http_methods(["GET", "POST"])
@capability_required(Capability.RECORD_TERMINATION_REQUEST)
def terminate_individual_account(request):
    """LIFE-2 [A47]: find the IU account by login name; record how the request came, when it
    was received, how identity was checked and why; confirm on a page of its own (the account
    cannot be re-opened); then end it."""
    lookup, account = _holder_looked_up(
        request, selectors.iu_account_for_termination, _("No IU account has this login name.")
    )
    form = IuTerminationForm(
        request.POST or None, initial={"login_name": account.login_name if account else ""}
    )
    context = {"lookup": lookup, "account": account, "form": form}
    if account is not None:
        context["masked_number"] = selectors.masked_document_number(
            account.id_document_number, account.id_document_type
        )
    if request.method == "POST" and account is not None and form.is_valid():
        if request.POST.get("confirm") != "yes":
            return render(
                request,
                "accounts/staff/confirm_iu_termination.html",
                {
                    **context,
                    "channel_label": dict(form.fields["channel"].choices)[
                        form.cleaned_data["channel"]
                    ],
                    "identity_check_label": dict(form.fields["identity_check"].choices)[
                        form.cleaned_data["identity_check"]
                    ],
                },
            )
        if run_service(
            form,
            services.iu_termination_record,
            aliases={None: "reasons"},
            actor=request.user,
            **form.cleaned_data,
        ):
            messages.success(
                request,
                _("The IU account %(login_name)s has been ended; the holder has been emailed.")
                % {"login_name": account.login_name},
            )
            return redirect("backoffice:terminate_individual_account")
    return render(request, "accounts/staff/terminate_individual_account.html", context)


@require_http_methods(["GET", "POST"])
@capability_required(Capability.CORRECT_HOLDER_NAMES)
def correct_holder_name(request):
    """A46: find the IU or PA account by login name, then key in the right names, how the
    request came, the document that shows them and why."""
    lookup, account = _holder_looked_up(
        request, selectors.holder_for_name_correction, _("No IU or PA account has this login name.")
    )
    form = NameCorrectionForm(
        request.POST or None,
        initial={
            "login_name": account.login_name,
            "surname": account.surname,
            "given_name": account.given_name,
        }
        if account
        else None,
    )
    if request.method == "POST" and account is not None and form.is_valid():
        if run_service(form, services.holder_name_correct, actor=request.user, **form.cleaned_data):
            messages.success(
                request,
                _("The name of %(login_name)s has been corrected; the holder has been emailed.")
                % {"login_name": account.login_name},
            )
            return redirect(request.path)
    context = {"lookup": lookup, "account": account, "form": form}
    if account is not None:
        context["masked_number"] = selectors.masked_document_number(
            account.id_document_number, account.id_document_type
        )
    return render(request, "accounts/staff/correct_holder_name.html", context)
