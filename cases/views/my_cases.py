"""The holders' "My cases" and a case's page (CASE-2, CASE-4, GEN-2, GEN-5, BEY-1): the same
selectors as the API. An IU sees its own cases, an OU those assigned to it, a PA or SA the
organization's; a case out of the viewer's reach is "not found", as one that does not exist
(ROLE-2)."""

from django import forms
from django.shortcuts import render
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from cases.models import CaseStatus, ProceedingType
from cases.selectors import my_cases as my_cases_selectors
from cases.selectors.my_cases import AssignmentFilter, CaseFilters
from core.forms import run_service
from core.wording import labelled
from permissions.roles import Role


class MyCasesFilterForm(forms.Form):
    """What "My cases" shows; every field is optional. The cursor is the portal's own page
    link, checked by the selector."""

    number = forms.CharField(
        label=_("Case number"),
        required=False,
        max_length=40,
        help_text=_("The whole number, such as DCPI 1234/2025, or its beginning, such as DCPI 12."),
    )
    proceeding_type = forms.ChoiceField(label=_("Type of proceedings"), required=False)
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("Any")), *CaseStatus.choices],
    )
    # Checked by the selector, whose refusal shows at the top of the page.
    cursor = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, administrator: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["proceeding_type"].choices = [("", _("Any"))] + [
            (kind.code, labelled(kind.code, kind.name))
            for kind in ProceedingType.objects.select_related("court_level")
        ]
        if administrator:
            self.fields["assignment"] = forms.ChoiceField(
                label=_("Assignment"),
                required=False,
                choices=[
                    ("", _("Any")),
                    (AssignmentFilter.ASSIGNED, _("Assigned to an OU")),
                    (AssignmentFilter.UNASSIGNED, _("Assigned to no OU")),
                ],
            )

    def filters(self) -> CaseFilters:
        data = self.cleaned_data
        return CaseFilters(
            proceeding_type=data.get("proceeding_type", ""),
            status=data.get("status", ""),
            number=data.get("number", ""),
            assignment=data.get("assignment", ""),
        )

    def page_url(self, cursor: str) -> str:
        params = {
            name: value
            for name, value in self.cleaned_data.items()
            if value not in (None, "") and name != "cursor"
        }
        return "?" + urlencode({**params, "cursor": cursor})

    def first_page_url(self) -> str:
        params = {
            name: value
            for name, value in self.cleaned_data.items()
            if value not in (None, "") and name != "cursor"
        }
        return "?" + urlencode(params)


@require_GET
def my_cases(request):
    administrator = request.user.role in (Role.PA, Role.SA)
    form = MyCasesFilterForm(request.GET, administrator=administrator)
    page = next_url = None
    if form.is_valid():
        page = run_service(
            form,
            my_cases_selectors.my_cases,
            aliases={"cursor": None},
            actor=request.user,
            cursor=form.cleaned_data["cursor"] or None,
            filters=form.filters(),
        )
        if page and page.next_cursor:
            next_url = form.page_url(page.next_cursor)
    else:
        my_cases_selectors.require_case_holder(request.user)
    # htmx asks for the results alone when the filter changes; a plain request gets the page.
    template = "cases/my_cases/list.html" + ("#results" if request.htmx else "")
    return render(
        request,
        template,
        {
            "form": form,
            "page": page,
            "next_url": next_url,
            "first_url": form.first_page_url() if form.is_valid() else "?",
            "paged": bool(form.is_valid() and form.cleaned_data["cursor"]),
            "administrator": administrator,
            "organization_user": request.user.role == Role.OU,
        },
    )


@require_GET
def case_detail(request, case_id):
    page = my_cases_selectors.case_page(actor=request.user, case_id=case_id)
    return render(
        request,
        "cases/my_cases/detail.html",
        {
            "page": page,
            "case": page.case,
            "administrator": request.user.role in (Role.PA, Role.SA),
            "individual": request.user.role == Role.IU,
        },
    )
