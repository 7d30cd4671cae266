"""The solicitors' page for briefing counsel for a party [A12]: who is briefed, brief another
barrister by the login name counsel gave, withdraw a brief (after a confirmation); and
counsel's returning a brief. The API calls the same services and selectors."""

from django import forms
from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from cases.models import LinkCapacity
from cases.selectors.access import visible_links
from cases.selectors.counsel import counsel_page
from cases.services import counsel as services
from core.errors import NotFound
from core.forms import run_service
from permissions.checks import capability_required
from permissions.roles import Capability


class InstructCounselForm(forms.Form):
    login_name = forms.CharField(
        label=gettext_lazy("Counsel's login name"),
        help_text=gettext_lazy(
            "The login name of the barrister's account under the Hong Kong Bar Association, "
            "as counsel gave it to you."
        ),
        max_length=150,
        error_messages={"required": gettext_lazy("Enter counsel's login name.")},
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )


def _page(request, link, briefed, form=None):
    return render(
        request,
        "cases/counsel/detail.html",
        {
            "link": link,
            "case": link.case,
            "briefed": briefed,
            "form": form or InstructCounselForm(),
        },
    )


@require_http_methods(["GET", "HEAD", "POST"])
@capability_required(Capability.INSTRUCT_COUNSEL)
def counsel_detail(request, link_id):
    link, briefed = counsel_page(actor=request.user, link_id=link_id)
    if request.method != "POST":
        return _page(request, link, briefed)
    form = InstructCounselForm(request.POST)
    if form.is_valid():
        brief = run_service(
            form,
            services.counsel_instruct,
            actor=request.user,
            link_id=link.pk,
            login_name=form.cleaned_data["login_name"],
        )
        if brief:
            messages.success(
                request,
                _("%(account)s is instructed as counsel for %(party)s.")
                % {"account": brief.organization_user.login_name, "party": link.party.shown_name},
            )
            return redirect("cases:counsel_detail", link_id=link.pk)
    link, briefed = counsel_page(actor=request.user, link_id=link_id)
    return _page(request, link, briefed, form=form)


@require_POST
@capability_required(Capability.INSTRUCT_COUNSEL)
def counsel_withdraw(request, link_id, account_id):
    link, briefed = counsel_page(actor=request.user, link_id=link_id)
    brief = next((b for b in briefed if b.organization_user_id == account_id), None)
    if brief is None:
        raise NotFound()
    if request.POST.get("confirm") != "yes":
        return render(
            request,
            "cases/assignment/confirm.html",
            {
                "title": _("Withdraw the instructions of %(account)s in %(case)s?")
                % {"account": brief.organization_user.login_name, "case": link.case.number},
                "explanation": _(
                    "Counsel will no longer see the case or file in it, and is told so in the "
                    "Message Box."
                ),
                "confirm_label": _("Yes, withdraw the instructions"),
                "action_url": request.path,
                "back_url": reverse("cases:counsel_detail", args=[link.pk]),
            },
        )
    services.counsel_withdraw(actor=request.user, link_id=link.pk, counsel_id=account_id)
    messages.success(
        request,
        _("The instructions of %(account)s are withdrawn.")
        % {"account": brief.organization_user.login_name},
    )
    return redirect("cases:counsel_detail", link_id=link.pk)


@require_POST
@capability_required(Capability.USE_E_SERVICES)
def brief_return(request, link_id):
    """Counsel returns its brief, after a confirmation."""
    link = (
        visible_links(request.user)
        .filter(pk=link_id, capacity=LinkCapacity.COUNSEL)
        .select_related("case")
        .first()
    )
    if link is None:
        raise NotFound()
    if request.POST.get("confirm") != "yes":
        return render(
            request,
            "cases/assignment/confirm.html",
            {
                "title": _("Return your brief in %(case)s?") % {"case": link.case.number},
                "explanation": _(
                    "You will no longer see the case or file in it. The solicitors who "
                    "instructed you are told in their Message Box."
                ),
                "confirm_label": _("Yes, return the brief"),
                "action_url": request.path,
                "back_url": reverse("cases:case_detail", args=[link.case_id]),
            },
        )
    services.counsel_brief_return(actor=request.user, link_id=link.pk)
    messages.success(
        request, _("You returned your brief in %(case)s.") % {"case": link.case.number}
    )
    return redirect("cases:my_cases")
