"""The registry clerk's pages (CASE-1, GEN-2): the cases, a case with its parties and every
link it has had, final disposal and reopening; implementation notices; court levels and
proceeding types. Each page calls the same services and selectors as the API; a refusal is
shown on the form, with nothing saved."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from cases.registry_forms import (
    CaseFilterForm,
    CaseForm,
    CaseTitleForm,
    CourtLevelForm,
    DisposalForm,
    ImplementationNoticeForm,
    LinkCorrectionForm,
    PartyForm,
    PartyFormSet,
    ProceedingTypeForm,
    ReopenForm,
    WithdrawForm,
)
from cases.selectors import linkability as linkability_selectors
from cases.selectors import registry as registry_selectors
from cases.services import registry as services
from cases.services.notices import case_link_correct
from cases.transitions import CASE_TRANSITIONS
from core.errors import NotFound
from core.forms import run_service
from core.workdays import local_today
from permissions.checks import capability_required
from permissions.roles import Capability

# --- cases ---------------------------------------------------------------------------------------


@capability_required(Capability.RUN_REGISTRY)
@require_safe
def case_list(request):
    types = list(registry_selectors.proceeding_types(actor=request.user))
    form = CaseFilterForm(request.GET or None, proceeding_types=types)
    filters = form.cleaned_data if form.is_valid() else {}
    cases, next_before = registry_selectors.registry_cases(
        actor=request.user,
        number=filters.get("number") or "",
        proceeding_type_id=int(filters["proceeding_type"])
        if filters.get("proceeding_type")
        else None,
        status=filters.get("status") or "",
        before_id=filters.get("before"),
    )
    next_query = newest_query = None
    query = request.GET.copy()
    query.pop("before", None)
    if filters.get("before"):
        newest_query = query.urlencode()
    if next_before:
        query["before"] = next_before
        next_query = query.urlencode()
    return render(
        request,
        "cases/staff/registry/case_list.html",
        {
            "cases": cases,
            "filter": form,
            "next_query": next_query,
            "newest_query": newest_query,
        },
    )


@require_http_methods(["GET", "POST"])
@capability_required(Capability.RUN_REGISTRY)
def case_new(request):
    form = CaseForm(request.POST or None)
    formset = PartyFormSet(request.POST or None, prefix="parties")
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        case = run_service(
            form,
            services.case_create,
            formset=formset,
            actor=request.user,
            number=form.cleaned_data["number"],
            title=form.cleaned_data["title"],
            title_zh=form.cleaned_data["title_zh"],
            parties=[f.cleaned_data for f in formset.forms],
        )
        if case:
            messages.success(request, _("Case %(number)s entered.") % {"number": case.number})
            return redirect("backoffice:registry_case", case_id=case.pk)
    return render(request, "cases/staff/registry/case_new.html", {"form": form, "formset": formset})


def _case_page(request, case, **forms):
    return render(
        request,
        "cases/staff/registry/case_detail.html",
        {
            "case": case,
            "parties": registry_selectors.registry_case_parties(case),
            "links": registry_selectors.registry_case_links(case),
            "e_enabled": linkability_selectors.is_e_enabled(case.proceeding_type_id),
            "actions": CASE_TRANSITIONS.available(case, actor=request.user),
            "disposal_form": forms.get("disposal_form")
            or DisposalForm(initial={"final_disposal_date": local_today()}),
            "reopen_form": forms.get("reopen_form") or ReopenForm(),
        },
    )


@capability_required(Capability.RUN_REGISTRY)
@require_safe
def case_detail(request, case_id):
    return _case_page(
        request, registry_selectors.registry_case(actor=request.user, case_id=case_id)
    )


@require_http_methods(["GET", "POST"])
@capability_required(Capability.RUN_REGISTRY)
def case_edit(request, case_id):
    case = registry_selectors.registry_case(actor=request.user, case_id=case_id)
    form = CaseTitleForm(
        request.POST or None, initial={"title": case.title, "title_zh": case.title_zh}
    )
    if request.method == "POST" and form.is_valid():
        if run_service(
            form, services.case_update, actor=request.user, case_id=case.pk, **form.cleaned_data
        ):
            messages.success(request, _("The title has been saved."))
            return redirect("backoffice:registry_case", case_id=case.pk)
    return render(request, "cases/staff/registry/case_edit.html", {"case": case, "form": form})


@require_POST
@capability_required(Capability.RUN_REGISTRY)
def case_disposal(request, case_id):
    case = registry_selectors.registry_case(actor=request.user, case_id=case_id)
    form = DisposalForm(request.POST)
    if form.is_valid() and run_service(
        form,
        services.case_final_disposal_record,
        aliases={None: "final_disposal_date"},
        actor=request.user,
        case_id=case.pk,
        final_disposal_date=form.cleaned_data["final_disposal_date"],
    ):
        messages.success(request, _("The final disposal has been recorded."))
        return redirect("backoffice:registry_case", case_id=case.pk)
    return _case_page(request, case, disposal_form=form)


@require_POST
@capability_required(Capability.RUN_REGISTRY)
def case_reopen(request, case_id):
    case = registry_selectors.registry_case(actor=request.user, case_id=case_id)
    form = ReopenForm(request.POST)
    if form.is_valid() and run_service(
        form,
        services.case_reopen,
        aliases={None: "reasons"},
        actor=request.user,
        case_id=case.pk,
        reasons=form.cleaned_data["reasons"],
    ):
        messages.success(request, _("The case is on-going again."))
        return redirect("backoffice:registry_case", case_id=case.pk)
    return _case_page(request, case, reopen_form=form)


# --- parties -------------------------------------------------------------------------------------


def _party_of(request, case, party_id):
    party = case.parties.filter(pk=party_id).first() if str(party_id).isdigit() else None
    if party is None:
        raise NotFound()
    return party


@require_http_methods(["GET", "POST"])
@capability_required(Capability.RUN_REGISTRY)
def party_new(request, case_id):
    case = registry_selectors.registry_case(actor=request.user, case_id=case_id)
    form = PartyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if run_service(
            form,
            services.case_party_add,
            actor=request.user,
            case_id=case.pk,
            party_type=form.cleaned_data["party_type"],
            position=form.cleaned_data["position"] or 1,
            name=form.cleaned_data["name"],
            name_zh=form.cleaned_data["name_zh"],
        ):
            messages.success(request, _("The party has been added."))
            return redirect("backoffice:registry_case", case_id=case.pk)
    return render(
        request, "cases/staff/registry/party_form.html", {"case": case, "form": form, "party": None}
    )


@require_http_methods(["GET", "POST"])
@capability_required(Capability.RUN_REGISTRY)
def party_edit(request, case_id, party_id):
    case = registry_selectors.registry_case(actor=request.user, case_id=case_id)
    party = _party_of(request, case, party_id)
    form = PartyForm(
        request.POST or None,
        initial={
            "party_type": party.party_type,
            "position": party.position,
            "name": party.name,
            "name_zh": party.name_zh,
        },
    )
    if request.method == "POST" and form.is_valid():
        if run_service(
            form,
            services.case_party_update,
            actor=request.user,
            party_id=party.pk,
            party_type=form.cleaned_data["party_type"],
            position=form.cleaned_data["position"] or 1,
            name=form.cleaned_data["name"],
            name_zh=form.cleaned_data["name_zh"],
        ):
            messages.success(request, _("The party has been saved."))
            return redirect("backoffice:registry_case", case_id=case.pk)
    return render(
        request,
        "cases/staff/registry/party_form.html",
        {"case": case, "form": form, "party": party},
    )


@require_POST
@capability_required(Capability.RUN_REGISTRY)
def party_remove(request, case_id, party_id):
    case = registry_selectors.registry_case(actor=request.user, case_id=case_id)
    party = _party_of(request, case, party_id)
    back = reverse("backoffice:registry_case", args=[case.pk])
    if request.POST.get("confirm") != "yes":
        return render(
            request,
            "cases/staff/registry/confirm.html",
            {
                "title": _("Remove %(party)s from %(number)s?")
                % {"party": party, "number": case.number},
                "explanation": _(
                    "Only a party entered in error is removed. This cannot be undone."
                ),
                "confirm_label": _("Yes, remove the party"),
                "action_url": request.path,
                "back_url": back,
                "warning": True,
            },
        )
    form = WithdrawForm(request.POST)
    form.is_valid()
    run_service(form, services.case_party_remove, actor=request.user, party_id=party.pk)
    if form.errors:
        for error in form.non_field_errors():
            messages.error(request, error)
    else:
        messages.success(request, _("The party has been removed."))
    return redirect(back)


@require_http_methods(["GET", "POST"])
@capability_required(Capability.RUN_REGISTRY)
def link_correct(request, case_id, link_id):
    """A link made to the wrong party of the case, moved to the right one, with reasons."""
    case = registry_selectors.registry_case(actor=request.user, case_id=case_id)
    link = registry_selectors.registry_link(actor=request.user, case=case, link_id=link_id)
    form = LinkCorrectionForm(
        request.POST or None, parties=registry_selectors.parties_to_correct_to(link)
    )
    if request.method == "POST" and form.is_valid():
        corrected = run_service(
            form,
            case_link_correct,
            actor=request.user,
            link_id=link.pk,
            party_id=form.cleaned_data["party"],
            reasons=form.cleaned_data["reasons"],
        )
        if corrected:
            messages.success(
                request,
                _("The link is now for %(party)s; its holder has been told.")
                % {"party": corrected.party.name},
            )
            return redirect("backoffice:registry_case", case_id=case.pk)
    return render(
        request,
        "cases/staff/registry/link_correct.html",
        {"case": case, "link": link, "form": form},
        status=400 if form.errors else 200,
    )


# --- implementation notices (GEN-2) --------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@capability_required(Capability.RUN_REGISTRY)
def notice_list(request):
    types = list(registry_selectors.proceeding_types(actor=request.user))
    form = ImplementationNoticeForm(request.POST or None, proceeding_types=types)
    if request.method == "POST" and form.is_valid():
        notice = run_service(
            form,
            services.implementation_notice_create,
            aliases={"proceeding_type_id": "proceeding_type"},
            actor=request.user,
            proceeding_type_id=form.cleaned_data["proceeding_type"],
            effective_date=form.cleaned_data["effective_date"],
            title=form.cleaned_data["title"],
        )
        if notice:
            messages.success(
                request,
                _("The notice has been recorded: %(code)s is e-enabled from %(date)s.")
                % {
                    "code": notice.proceeding_type.code,
                    "date": notice.effective_date.isoformat(),
                },
            )
            return redirect("backoffice:registry_notices")
    return render(
        request,
        "cases/staff/registry/notice_list.html",
        {
            "notices": registry_selectors.implementation_notices(actor=request.user),
            "proceeding_types": types,
            "form": form,
            "today": local_today(),
        },
    )


@require_POST
@capability_required(Capability.RUN_REGISTRY)
def notice_withdraw(request, notice_id):
    notice = (
        registry_selectors.implementation_notices(actor=request.user).filter(pk=notice_id).first()
        if str(notice_id).isdigit()
        else None
    )
    if notice is None:
        raise NotFound()
    form = WithdrawForm(request.POST)
    form.is_valid()
    if request.POST.get("confirm") != "yes":
        return render(
            request,
            "cases/staff/registry/confirm.html",
            {
                "title": _("Withdraw the notice for %(code)s from %(date)s?")
                % {
                    "code": notice.proceeding_type.code,
                    "date": notice.effective_date.isoformat(),
                },
                "explanation": _(
                    "The notice is not yet in force. Once withdrawn, the proceedings stay on "
                    "paper unless another notice covers them."
                ),
                "confirm_label": _("Yes, withdraw the notice"),
                "action_url": request.path,
                "back_url": reverse("backoffice:registry_notices"),
                "reasons": form.cleaned_data.get("reasons", ""),
                "warning": True,
            },
        )
    run_service(
        form,
        services.implementation_notice_withdraw,
        actor=request.user,
        notice_id=notice.pk,
        reasons=form.cleaned_data.get("reasons", ""),
    )
    if form.errors:
        for errors in form.errors.values():
            messages.error(request, " ".join(errors))
    else:
        messages.success(request, _("The notice has been withdrawn."))
    return redirect("backoffice:registry_notices")


# --- court levels and proceeding types (GEN-2: data, not code) ----------------------------------


def _levels_page(request, *, level_form=None, type_form=None, status=200):
    levels = list(registry_selectors.court_levels(actor=request.user))
    return render(
        request,
        "cases/staff/registry/court_levels.html",
        {
            "levels": levels,
            "proceeding_types": registry_selectors.proceeding_types(actor=request.user),
            "level_form": level_form or CourtLevelForm(prefix="level"),
            "type_form": type_form or ProceedingTypeForm(prefix="type", court_levels=levels),
        },
        status=status,
    )


@require_http_methods(["GET", "POST"])
@capability_required(Capability.RUN_REGISTRY)
def court_levels(request):
    if request.method != "POST":
        return _levels_page(request)
    form = CourtLevelForm(request.POST, prefix="level")
    if form.is_valid() and run_service(
        form, services.court_level_create, actor=request.user, **form.cleaned_data
    ):
        messages.success(request, _("The court level has been added."))
        return redirect("backoffice:registry_court_levels")
    return _levels_page(request, level_form=form)


@require_POST
@capability_required(Capability.RUN_REGISTRY)
def proceeding_type_new(request):
    levels = list(registry_selectors.court_levels(actor=request.user))
    form = ProceedingTypeForm(request.POST, prefix="type", court_levels=levels)
    if form.is_valid() and run_service(
        form,
        services.proceeding_type_create,
        actor=request.user,
        court_level_id=form.cleaned_data["court_level"],
        code=form.cleaned_data["code"],
        name_en=form.cleaned_data["name_en"],
        name_zh=form.cleaned_data["name_zh"],
    ):
        messages.success(
            request,
            _("The proceeding type has been added. It is on paper until a notice covers it."),
        )
        return redirect("backoffice:registry_court_levels")
    return _levels_page(request, type_form=form)
