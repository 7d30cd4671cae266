"""The organization's pages for handing its cases on (CASE-5..7) and reviewing who can see them
(BEY-5): "Assign cases" for the PA and SAs, "Give cases to an SA" for the PA, and the access
review with its CSV export. They call the same services and selectors as the API. Taking a
case back or off an OU asks for confirmation first."""

from django import forms
from django.contrib import messages
from django.http import StreamingHttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from cases.exports import CSV_CONTENT_TYPE, case_access_csv, case_access_filename
from cases.selectors import access_review as access_review_selectors
from cases.selectors import assignment as assignment_selectors
from cases.selectors import giving as giving_selectors
from cases.services import assignment as services
from core.errors import NotFound
from core.forms import run_service
from core.names import person_name
from core.wording import bracketed, labelled, listed
from permissions.checks import capability_required
from permissions.roles import Capability, can

# --- forms ---------------------------------------------------------------------------------------


def _account_label(account) -> str:
    branch = account.branch.code if account.branch_id else "–"
    return bracketed(person_name(account.full_name), listed(account.login_name, branch))


class CaseNumberFilterForm(forms.Form):
    case_number = forms.CharField(
        label=pgettext_lazy("case assignment", "Case number"),
        required=False,
        max_length=40,
        help_text=gettext_lazy("The whole number, e.g. DCPI 1234/2025, or a part of it."),
    )
    before = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)
    after = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)


class AssignForm(forms.Form):
    def __init__(self, *args, choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization_user"] = forms.TypedChoiceField(
            label=_("Organization User (OU) account"),
            coerce=int,
            choices=[("", _("Choose an OU account"))]
            + [(account.pk, _account_label(account)) for account in choices],
            error_messages={
                "required": _("Choose the OU account to assign."),
                "invalid_choice": _("Choose one of the OU accounts offered."),
            },
        )


class _GiveForm(forms.Form):
    def __init__(self, *args, administrators=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["administrator"] = forms.TypedChoiceField(
            label=_("Secondary Administrator (SA)"),
            coerce=int,
            choices=[("", _("Choose an SA account"))]
            + [(account.pk, _account_label(account)) for account in administrators],
            error_messages={"required": _("Choose the SA.")},
        )
        self.order_fields(["administrator"])


class GiveProfileForm(_GiveForm):
    def __init__(self, *args, profiles=(), **kwargs):
        super().__init__(*args, **kwargs)
        groups: dict[str, list] = {}
        for kind in profiles:
            groups.setdefault(str(kind.court_level), []).append(
                # The level in the option too: "Civil Action" is a type at both levels.
                (kind.code, labelled(kind.code, listed(kind.name, kind.court_level.name)))
            )
        self.fields["proceeding_type"] = forms.ChoiceField(
            label=_("Case profile (court level and proceeding type)"),
            choices=[("", _("Choose a case profile")), *groups.items()],
            error_messages={"required": _("Choose a case profile.")},
        )


class GiveCaseForm(_GiveForm):
    case_number = forms.CharField(
        label=pgettext_lazy("case assignment", "Case number"),
        max_length=40,
        help_text=gettext_lazy("A current case of your organization, e.g. DCPI 1234/2025."),
        error_messages={"required": gettext_lazy("Enter the case number.")},
    )

    def __init__(self, *args, **kwargs):
        # Its own ids: the page also holds the profile form's "administrator".
        kwargs.setdefault("auto_id", "give-number-%s")
        super().__init__(*args, **kwargs)


class AccessFilterForm(CaseNumberFilterForm):
    def __init__(self, *args, holders=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["holder"] = forms.TypedChoiceField(
            label=_("Account"),
            coerce=int,
            required=False,
            choices=[("", _("Every account"))]
            + [
                (account.pk, f"{_account_label(account)} – {account.get_role_display()}")
                for account in holders
            ],
        )
        self.order_fields(["holder", "case_number"])


def _page_url(form, **cursor) -> str:
    params = {
        name: value
        for name, value in form.cleaned_data.items()
        if value not in (None, "") and name not in ("before", "after")
    }
    return "?" + urlencode({**params, **cursor})


def _pager(form, page) -> dict:
    return {
        "older_url": _page_url(form, before=page["older"]) if page["older"] else None,
        "newer_url": _page_url(form, after=page["newer"]) if page["newer"] else None,
    }


def _navigation(actor) -> dict:
    return {
        "may_assign": assignment_selectors.may_assign_cases(actor),
        "may_give": can(actor, Capability.GIVE_CASES_TO_ADMINISTRATORS),
        "may_review": can(actor, Capability.REVIEW_CASE_ACCESS),
    }


# --- CASE-6, CASE-7: assigning case parties to OUs ----------------------------------------------


@require_GET
@capability_required(Capability.ASSIGN_CASES_SAME_BRANCH)
def assignment_list(request):
    form = CaseNumberFilterForm(request.GET)
    filters = form.cleaned_data if form.is_valid() else {}
    page = assignment_selectors.cases_to_assign(
        actor=request.user,
        case_number=filters.get("case_number", ""),
        before=filters.get("before"),
        after=filters.get("after"),
    )
    if not form.is_valid():
        form = CaseNumberFilterForm()
        form.is_valid()
    return render(
        request,
        "cases/assignment/list.html",
        {
            "parties": page["rows"],
            "filter": form,
            **_pager(form, page),
            **_navigation(request.user),
        },
    )


def _party_page(request, party, form=None, status=200):
    assigned = [a.organization_user_id for a in party.assignments]
    choices = assignment_selectors.organization_user_choices(request.user, exclude=assigned)
    # Only the OUs the actor may assign to can be taken off by it (its branch, or all).
    removable = set(
        assignment_selectors.assignable_organization_users(request.user)
        .filter(pk__in=assigned)
        .values_list("pk", flat=True)
    )
    return render(
        request,
        "cases/assignment/detail.html",
        {
            "party": party,
            "removable": removable,
            "form": form or AssignForm(choices=choices),
            "has_choices": bool(form.fields["organization_user"].choices[1:])
            if form
            else choices.exists(),
            **_navigation(request.user),
        },
        status=status,
    )


@require_http_methods(["GET", "POST"])
@capability_required(Capability.ASSIGN_CASES_SAME_BRANCH)
def assignment_detail(request, link_id):
    party = assignment_selectors.party_assignments(actor=request.user, link_id=link_id)
    if request.method == "GET":
        return _party_page(request, party)
    choices = assignment_selectors.organization_user_choices(
        request.user, exclude=[a.organization_user_id for a in party.assignments]
    )
    form = AssignForm(request.POST, choices=choices)
    if form.is_valid():
        assignment = run_service(
            form,
            services.case_assignment_create,
            actor=request.user,
            link_id=party.link.pk,
            organization_user_id=form.cleaned_data["organization_user"],
        )
        if assignment:
            messages.success(
                request,
                _("%(case)s is assigned to %(account)s.")
                % {
                    "case": party.link.case.number,
                    "account": assignment.organization_user.login_name,
                },
            )
            return redirect("cases:assignment_detail", link_id=party.link.pk)
    party = assignment_selectors.party_assignments(actor=request.user, link_id=link_id)
    return _party_page(request, party, form=form)


@require_POST
@capability_required(Capability.ASSIGN_CASES_SAME_BRANCH)
def assignment_remove(request, link_id, account_id):
    party = assignment_selectors.party_assignments(actor=request.user, link_id=link_id)
    assignment = next((a for a in party.assignments if a.organization_user_id == account_id), None)
    removable = assignment_selectors.assignable_organization_users(request.user).filter(
        pk=account_id
    )
    if assignment is None or not removable.exists():
        raise NotFound()
    if request.POST.get("confirm") != "yes":
        account = assignment.organization_user
        return render(
            request,
            "cases/assignment/confirm.html",
            {
                "title": _("Take %(case)s off %(account)s?")
                % {"case": party.link.case.number, "account": account.login_name},
                "explanation": _(
                    "The OU will no longer be able to transact on this case or receive its "
                    "messages. When no OU is left, the messages go to your organization's "
                    "default OUs."
                ),
                "confirm_label": _("Yes, take the case off"),
                "action_url": request.path,
                "back_url": reverse("cases:assignment_detail", args=[party.link.pk]),
            },
        )
    services.case_assignment_remove(
        actor=request.user, link_id=party.link.pk, organization_user_id=account_id
    )
    messages.success(
        request,
        _("%(case)s is no longer assigned to %(account)s.")
        % {"case": party.link.case.number, "account": assignment.organization_user.login_name},
    )
    return redirect("cases:assignment_detail", link_id=party.link.pk)


# --- CASE-5: the PA gives cases to an SA ---------------------------------------------------------


def _given_page(request, *, profile_form=None, number_form=None, status=200):
    administrators = list(giving_selectors.administrators_to_give_cases(actor=request.user))
    return render(
        request,
        "cases/assignment/given.html",
        {
            "given": giving_selectors.cases_given_by_administrator(actor=request.user),
            "profile_form": profile_form
            or GiveProfileForm(
                administrators=administrators, profiles=giving_selectors.case_profiles()
            ),
            "number_form": number_form or GiveCaseForm(administrators=administrators),
            **_navigation(request.user),
        },
        status=status,
    )


@require_GET
@capability_required(Capability.GIVE_CASES_TO_ADMINISTRATORS)
def given(request):
    return _given_page(request)


@require_POST
@capability_required(Capability.GIVE_CASES_TO_ADMINISTRATORS)
def given_profile_create(request):
    form = GiveProfileForm(
        request.POST,
        administrators=giving_selectors.administrators_to_give_cases(actor=request.user),
        profiles=giving_selectors.case_profiles(),
    )
    if form.is_valid() and run_service(
        form,
        services.case_profile_assignment_create,
        aliases={"administrator_id": "administrator"},
        actor=request.user,
        administrator_id=form.cleaned_data["administrator"],
        proceeding_type=form.cleaned_data["proceeding_type"],
    ):
        messages.success(request, _("The case profile has been given."))
        return redirect("cases:given")
    return _given_page(request, profile_form=form)


@require_POST
@capability_required(Capability.GIVE_CASES_TO_ADMINISTRATORS)
def given_number_create(request):
    form = GiveCaseForm(
        request.POST,
        administrators=giving_selectors.administrators_to_give_cases(actor=request.user),
    )
    if form.is_valid() and run_service(
        form,
        services.case_number_assignment_create,
        actor=request.user,
        administrator_id=form.cleaned_data["administrator"],
        case_number=form.cleaned_data["case_number"],
    ):
        messages.success(request, _("The case has been given."))
        return redirect("cases:given")
    return _given_page(request, number_form=form)


def _take_back(request, given, *, title, remove):
    if request.POST.get("confirm") != "yes":
        return render(
            request,
            "cases/assignment/confirm.html",
            {
                "title": title,
                "explanation": _(
                    "The SA will no longer be able to assign these cases. The OUs it "
                    "assigned keep them."
                ),
                "confirm_label": _("Yes, take it back"),
                "action_url": request.path,
                "back_url": reverse("cases:given"),
            },
        )
    remove(actor=request.user, given_id=given.pk)
    messages.success(request, _("Taken back."))
    return redirect("cases:given")


@require_POST
@capability_required(Capability.GIVE_CASES_TO_ADMINISTRATORS)
def given_profile_remove(request, given_id):
    given = giving_selectors.given_profiles(actor=request.user).filter(pk=given_id).first()
    if given is None:
        raise NotFound()
    return _take_back(
        request,
        given,
        title=_("Take case profile %(profile)s back from %(account)s?")
        % {"profile": given.proceeding_type.code, "account": given.administrator.login_name},
        remove=services.case_profile_assignment_remove,
    )


@require_POST
@capability_required(Capability.GIVE_CASES_TO_ADMINISTRATORS)
def given_number_remove(request, given_id):
    given = giving_selectors.given_case_numbers(actor=request.user).filter(pk=given_id).first()
    if given is None:
        raise NotFound()
    return _take_back(
        request,
        given,
        title=_("Take case %(case)s back from %(account)s?")
        % {"case": given.case.number, "account": given.administrator.login_name},
        remove=services.case_number_assignment_remove,
    )


# --- BEY-5: the access review --------------------------------------------------------------------


def _access_filters(request):
    form = AccessFilterForm(
        request.GET, holders=access_review_selectors.case_access_holders(actor=request.user)
    )
    if not form.is_valid():
        # A holder of another organization is not among the choices: not found (ROLE-2).
        if "holder" in form.errors:
            raise NotFound()
        form = AccessFilterForm(
            holders=access_review_selectors.case_access_holders(actor=request.user)
        )
        form.is_valid()
    return form


@require_GET
@capability_required(Capability.REVIEW_CASE_ACCESS)
def access_review(request):
    form = _access_filters(request)
    filters = form.cleaned_data
    review = access_review_selectors.case_access_review(
        actor=request.user,
        holder_id=filters.get("holder"),
        case_number=filters.get("case_number", ""),
        before=filters.get("before"),
        after=filters.get("after"),
    )
    export = {
        name: filters[name]
        for name in ("holder", "case_number")
        if filters.get(name) not in (None, "")
    }
    return render(
        request,
        "cases/assignment/access_review.html",
        {
            "review": review,
            "filter": form,
            "export_url": reverse("cases:access_review_export")
            + ("?" + urlencode(export) if export else ""),
            **_pager(form, review),
            **_navigation(request.user),
        },
    )


@require_GET
@capability_required(Capability.REVIEW_CASE_ACCESS)
def access_review_export(request):
    form = _access_filters(request)
    filters = form.cleaned_data
    response = StreamingHttpResponse(
        case_access_csv(
            actor=request.user,
            holder_id=filters.get("holder"),
            case_number=filters.get("case_number", ""),
        ),
        content_type=f"{CSV_CONTENT_TYPE}; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="{case_access_filename()}"'
    return response
