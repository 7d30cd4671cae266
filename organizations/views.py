"""The organization's pages for its administrators (PA, SA) and holders: the overview, branch
codes, accounts and what may be done with each (ORG-2, ORG-3, ORG-5..7, ROLE-1, AUTH-5). Each
page calls the same services and selectors as the API; the buttons shown are those
`selectors.account_actions` allows. Destructive actions ask for confirmation first."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from core.errors import NotFound, NotPermitted
from core.forms import run_service
from organizations import selectors, services
from organizations.forms import (
    AccountCreateForm,
    AccountFilterForm,
    BranchForm,
    EndDateForm,
    OptionalRolesForm,
    ProfileEditForm,
    ReasonsForm,
)
from organizations.services import default_ous, sub_accounts
from permissions.checks import capability_required
from permissions.roles import Capability, OptionalRole, Role, can, require


def _navigation(actor) -> dict:
    return {
        "may_maintain_branches": can(actor, Capability.MAINTAIN_BRANCHES),
        "may_maintain_default_ous": can(actor, Capability.MAINTAIN_DEFAULT_OUS),
        "may_manage_accounts": can(actor, Capability.MANAGE_OU_ACCOUNTS),
        "may_create_sa": can(actor, Capability.MANAGE_SA_ACCOUNTS),
    }


@capability_required(Capability.VIEW_OWN_ORGANIZATION)
@require_safe
def overview(request):
    return render(
        request,
        "organizations/overview.html",
        {**selectors.organization_overview(actor=request.user), **_navigation(request.user)},
    )


@require_http_methods(["GET", "POST"])
@capability_required(Capability.VIEW_OWN_ORGANIZATION)
def branches(request):
    may_maintain = can(request.user, Capability.MAINTAIN_BRANCHES)
    form = BranchForm(request.POST or None) if may_maintain else None
    if request.method == "POST":
        if not may_maintain:
            raise NotPermitted()
        if form.is_valid():
            branch = run_service(
                form, services.branch_create, actor=request.user, **form.cleaned_data
            )
            if branch:
                messages.success(
                    request, _("Branch code %(code)s created.") % {"code": branch.code}
                )
                return redirect("organizations:branches")
    return render(
        request,
        "organizations/branches.html",
        {
            "branches": selectors.branch_list(actor=request.user),
            "form": form,
            "may_maintain": may_maintain,
            **_navigation(request.user),
        },
    )


@require_http_methods(["GET", "POST"])
@capability_required(Capability.MAINTAIN_BRANCHES)
def branch_edit(request, branch_id):
    branch = selectors.branch_detail(actor=request.user, branch_id=branch_id)
    form = BranchForm(request.POST or None, initial={"code": branch.code, "name": branch.name})
    remove_form = ReasonsForm()
    if request.method == "POST" and form.is_valid():
        updated = run_service(
            form,
            services.branch_update,
            actor=request.user,
            branch_id=branch.pk,
            **form.cleaned_data,
        )
        if updated:
            messages.success(request, _("Branch code %(code)s saved.") % {"code": updated.code})
            return redirect("organizations:branches")
    return render(
        request,
        "organizations/branch_edit.html",
        {"branch": branch, "form": form, "remove_form": remove_form},
    )


@require_POST
@capability_required(Capability.MAINTAIN_BRANCHES)
def branch_remove(request, branch_id):
    branch = selectors.branch_detail(actor=request.user, branch_id=branch_id)
    if request.POST.get("confirm") != "yes":
        return render(request, "organizations/confirm.html", _confirm_branch_removal(branch))
    form = ReasonsForm(request.POST)
    form.is_valid()
    run_service(form, services.branch_remove, actor=request.user, branch_id=branch.pk)
    if form.errors:
        for error in form.non_field_errors():
            messages.error(request, error)
        return redirect("organizations:branch_edit", branch_id=branch.pk)
    messages.success(request, _("Branch code %(code)s removed.") % {"code": branch.code})
    return redirect("organizations:branches")


def _confirm_branch_removal(branch):
    return {
        "title": _("Remove branch code %(code)s?") % {"code": branch.code},
        "explanation": _("The branch code is removed for good. This cannot be undone."),
        "action_url": reverse("organizations:branch_remove", args=[branch.pk]),
        "confirm_label": _("Yes, remove the branch code"),
        "back_url": reverse("organizations:branch_edit", args=[branch.pk]),
        "warning": True,
    }


@capability_required(Capability.MANAGE_OU_ACCOUNTS)
@require_safe
def accounts(request):
    branch_list = list(selectors.branch_list(actor=request.user))
    form = AccountFilterForm(request.GET or None, branches=branch_list)
    filters = form.cleaned_data if form.is_valid() else {}
    return render(
        request,
        "organizations/accounts.html",
        {
            "accounts": selectors.account_list(actor=request.user, **filters),
            "filter": form,
            **_navigation(request.user),
        },
    )


@capability_required(Capability.MAINTAIN_DEFAULT_OUS)
@require_safe
def default_ou_maintenance(request):
    """ORG-7 [A43]: "Maintain default OU Account": the organization's OUs, and for each the
    choice to assign it as a default OU or remove it; the choice asks for confirmation on the
    account's action, which then returns here."""
    return render(
        request,
        "organizations/default_ous.html",
        {
            "accounts": selectors.default_ou_accounts(actor=request.user),
            "default_limit": selectors.own_organization(
                actor=request.user
            ).limits.default_organization_users,
            **_navigation(request.user),
        },
    )


@require_http_methods(["GET", "POST"])
@capability_required(Capability.MANAGE_OU_ACCOUNTS)
def account_new(request):
    role = Role.SA if request.GET.get("role") == Role.SA else Role.OU
    # Refused before the form is filled in, not after (an SA without "To create SA Account").
    require(request.user, sub_accounts.manage_capability(role))
    overview = selectors.organization_overview(actor=request.user)
    may_give = can(request.user, Capability.GRANT_OPTIONAL_ROLES)
    form = AccountCreateForm(
        request.POST or None,
        branches=selectors.branch_list(actor=request.user),
        post_based=overview["organization"].post_based_accounts,
        may_give_optional_roles=may_give,
        role=role,
    )
    if request.method == "POST" and form.is_valid():
        created = run_service(
            form, services.sub_account_create, actor=request.user, role=role, **form.cleaned_data
        )
        if created:
            account, _code = created
            messages.success(
                request,
                _(
                    "Account %(login_name)s opened. Its holder has been emailed the login "
                    "name, an activation code and the Organization Code."
                )
                % {"login_name": account.login_name},
            )
            return redirect("organizations:account_detail", account_id=account.pk)
    return render(
        request,
        "organizations/account_new.html",
        {"form": form, "role": role, "role_label": Role(role).label},
    )


def _account_page(request, account, **extra):
    actions = selectors.account_actions(actor=request.user, account=account)
    return render(
        request,
        "organizations/account_detail.html",
        {
            "account": account,
            "actions": actions,
            "optional_roles": [
                OptionalRole(value).label for value in selectors.optional_roles_of(account)
            ],
            "end_date_form": extra.get("end_date_form")
            or EndDateForm(initial={"effective_end_date": account.effective_end_date}),
            "reasons_form": extra.get("reasons_form") or ReasonsForm(),
            "roles_form": OptionalRolesForm(
                initial={"optional_roles": selectors.optional_roles_of(account)}
            ),
            "optional_role_choices": OptionalRole.choices,
        },
    )


@capability_required(Capability.MANAGE_OU_ACCOUNTS)
@require_safe
def account_detail(request, account_id):
    account = selectors.account_detail(actor=request.user, account_id=account_id)
    return _account_page(request, account)


@require_http_methods(["GET", "POST"])
@capability_required(Capability.MANAGE_OU_ACCOUNTS)
def account_edit(request, account_id):
    account = selectors.account_detail(actor=request.user, account_id=account_id)
    form = ProfileEditForm(
        request.POST or None,
        branches=selectors.branch_list(actor=request.user),
        post_based=bool(account.post_title),
        initial={
            "surname": account.surname,
            "given_name": account.given_name,
            "post_title": account.post_title,
            "email": account.email,
            "phone": account.phone,
            "address": account.address,
            "branch": account.branch_id,
        },
    )
    if request.method == "POST" and form.is_valid():
        if run_service(
            form,
            services.sub_account_profile_update,
            actor=request.user,
            account_id=account.pk,
            **form.cleaned_data,
        ):
            messages.success(request, _("The profile has been saved."))
            return redirect("organizations:account_detail", account_id=account.pk)
    return render(request, "organizations/account_edit.html", {"account": account, "form": form})


# The actions of an account's page that change its state; each asks for confirmation first.
# Lazy: read in the language of each request, not of the import.
_CONFIRM = {
    "suspend": (
        gettext_lazy("Suspend account %(login_name)s?"),
        gettext_lazy("The holder will not be able to log in until the account is re-activated."),
        gettext_lazy("Yes, suspend the account"),
    ),
    "reactivate": (
        gettext_lazy("Re-activate account %(login_name)s?"),
        gettext_lazy("The holder will be able to log in again."),
        gettext_lazy("Yes, re-activate the account"),
    ),
    "terminate": (
        gettext_lazy("End account %(login_name)s?"),
        gettext_lazy(
            "The account ends for good: it can never be used again and its login name is "
            "never reused. Its records are kept. This cannot be undone."
        ),
        gettext_lazy("Yes, end the account"),
    ),
    "reset_password": (
        gettext_lazy("Reset the password of %(login_name)s?"),
        gettext_lazy(
            "A Change Token will be emailed to the holder's registered email address; the "
            'holder sets a new password with it on the "Reset Password" page.'
        ),
        gettext_lazy("Yes, email a Change Token"),
    ),
    "resend_activation_code": (
        gettext_lazy("Send %(login_name)s a new activation code?"),
        gettext_lazy(
            "A new activation code will be emailed to the holder's registered email address, "
            "with the login name and the Organization Code. The code sent before will stop "
            "working."
        ),
        gettext_lazy("Yes, send a new activation code"),
    ),
    "designate_default_ou": (
        gettext_lazy("Make %(login_name)s a default OU?"),
        gettext_lazy(
            "A default OU receives the messages of the organization's cases that are "
            "assigned to no OU."
        ),
        gettext_lazy("Yes, make it a default OU"),
    ),
    "remove_default_ou": (
        gettext_lazy("Stop %(login_name)s being a default OU?"),
        gettext_lazy("Your organization must keep at least one default OU."),
        gettext_lazy("Yes, no longer a default OU"),
    ),
}
_DONE = {
    "suspend": gettext_lazy("The account has been suspended."),
    "reactivate": gettext_lazy("The account has been re-activated."),
    "terminate": gettext_lazy("The account has ended."),
    "reset_password": gettext_lazy("A Change Token has been emailed to the holder."),
    "resend_activation_code": gettext_lazy("A new activation code has been emailed to the holder."),
    "designate_default_ou": gettext_lazy("The account is now a default OU."),
    "remove_default_ou": gettext_lazy("The account is no longer a default OU."),
}


def _run_action(actor, account, action, reasons):
    if action in services.ACCOUNT_ACTIONS:
        return services.sub_account_transition(
            actor=actor, account_id=account.pk, action=action, reasons=reasons
        )
    if action == "reset_password":
        return services.sub_account_password_reset(actor=actor, account_id=account.pk)
    if action == "resend_activation_code":
        return services.sub_account_activation_code_resend(actor=actor, account_id=account.pk)
    if action == "designate_default_ou":
        return services.default_ou_designate(actor=actor, account_id=account.pk)
    return services.default_ou_remove(actor=actor, account_id=account.pk)


@require_POST
@capability_required(Capability.MANAGE_OU_ACCOUNTS)
def account_action(request, account_id, action):
    account = selectors.account_detail(actor=request.user, account_id=account_id)
    if action not in _CONFIRM:
        raise NotFound()
    form = ReasonsForm(request.POST)
    form.is_valid()
    # The page "Maintain default OU Account" (ORG-7) asks to be returned to.
    from_default_ous = (
        request.POST.get("return_to") == "default_ous" and action in selectors.DEFAULT_OU_ACTIONS
    )
    back_url = (
        reverse("organizations:default_ous")
        if from_default_ous
        else reverse("organizations:account_detail", args=[account.pk])
    )
    if request.POST.get("confirm") != "yes":
        title, explanation, label = _CONFIRM[action]
        refusal = ""
        if action in ("remove_default_ou", "suspend", "terminate"):
            # ORG-7 [A43]: said before asking, not after "Yes" (the service checks again).
            try:
                default_ous.last_default_check(account)
            except default_ous.LastDefaultOU as exc:
                refusal = str(exc.message)
        return render(
            request,
            "organizations/confirm.html",
            {
                "title": title % {"login_name": account.login_name},
                "explanation": explanation,
                "refusal": refusal,
                "confirm_label": label,
                "action_url": request.path,
                "back_url": back_url,
                "return_to": "default_ous" if from_default_ous else "",
                "reasons": form.cleaned_data.get("reasons", ""),
                "account": account,
                "warning": action in ("suspend", "terminate"),
            },
        )
    if run_service(
        form,
        _run_action,
        aliases={None: "reasons"},
        actor=request.user,
        account=account,
        action=action,
        reasons=form.cleaned_data.get("reasons", ""),
    ):
        messages.success(request, _DONE[action])
        return redirect(back_url)
    account = selectors.account_detail(actor=request.user, account_id=account_id)
    return _account_page(request, account, reasons_form=form)


@require_POST
@capability_required(Capability.MANAGE_OU_ACCOUNTS)
def account_end_date(request, account_id):
    account = selectors.account_detail(actor=request.user, account_id=account_id)
    form = EndDateForm(request.POST)
    if form.is_valid() and run_service(
        form,
        services.sub_account_end_date_revise,
        actor=request.user,
        account_id=account.pk,
        **form.cleaned_data,
    ):
        messages.success(request, _("The effective end date has been revised."))
        return redirect("organizations:account_detail", account_id=account.pk)
    return _account_page(request, account, end_date_form=form)


@require_POST
@capability_required(Capability.GRANT_OPTIONAL_ROLES)
def account_optional_roles(request, account_id):
    account = selectors.account_detail(actor=request.user, account_id=account_id)
    form = OptionalRolesForm(request.POST)
    if form.is_valid() and run_service(
        form,
        services.sub_account_optional_roles_set,
        actor=request.user,
        account_id=account.pk,
        **form.cleaned_data,
    ):
        messages.success(request, _("The optional roles have been saved."))
    return redirect("organizations:account_detail", account_id=account.pk)
