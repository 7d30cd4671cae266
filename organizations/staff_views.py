"""The vetting officer's pages for configuration-change requests: the queue with due dates,
one request with the organization's present limits and usage, and the decision (approve, or
reject with reasons), confirmed first because the PA is told at once and it cannot be undone."""

from django import forms
from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from core.forms import run_service
from core.queues import capped
from core.workdays import local_today
from organizations import selectors
from organizations.configuration_forms import DecisionRejectForm
from organizations.services import configuration as service
from permissions.checks import capability_required
from permissions.roles import Capability


@capability_required(Capability.DECIDE_CONFIGURATION_CHANGES)
@require_safe
def configuration_queue(request):
    return render(
        request,
        "organizations/staff/configuration_queue.html",
        {
            "requests": capped(selectors.configuration_change_queue(actor=request.user)),
            "today": local_today(),
        },
    )


def _detail_context(request, change):
    return {
        "change": change,
        "requested": selectors.requested_limit_rows(change),
        "actions": selectors.configuration_change_actions(actor=request.user, change=change),
        "today": local_today(),
    }


@capability_required(Capability.DECIDE_CONFIGURATION_CHANGES)
@require_safe
def configuration_detail(request, pk):
    change = selectors.configuration_change_for_staff(actor=request.user, request_id=pk)
    return render(
        request,
        "organizations/staff/configuration_detail.html",
        {**_detail_context(request, change), "reject_form": DecisionRejectForm()},
    )


def _decide(request, pk, form_class, service_call, decision, success_message):
    """The first POST shows what will happen and asks again (no script needed); only a POST
    with confirm=yes decides."""
    form = form_class(request.POST)
    if form.is_valid() and request.POST.get("confirm") != "yes":
        change = selectors.configuration_change_for_staff(actor=request.user, request_id=pk)
        return render(
            request,
            "organizations/staff/configuration_confirm.html",
            {**_detail_context(request, change), "decision": decision, "form": form},
        )
    if form.is_valid() and run_service(
        form, service_call, actor=request.user, request_id=pk, **form.cleaned_data
    ):
        messages.success(request, success_message)
        return redirect("backoffice:configuration_queue")
    for errors in form.errors.values():
        messages.error(request, " ".join(errors))
    return redirect("backoffice:configuration_detail", pk=pk)


@require_POST
@capability_required(Capability.DECIDE_CONFIGURATION_CHANGES)
def configuration_approve(request, pk):
    return _decide(
        request,
        pk,
        forms.Form,
        service.configuration_change_approve,
        "approve",
        _(
            "The request has been approved and applies now. The Primary Administrator has "
            "been emailed."
        ),
    )


@require_POST
@capability_required(Capability.DECIDE_CONFIGURATION_CHANGES)
def configuration_reject(request, pk):
    return _decide(
        request,
        pk,
        DecisionRejectForm,
        service.configuration_change_reject,
        "reject",
        _("The request has been rejected and the Primary Administrator told why."),
    )
