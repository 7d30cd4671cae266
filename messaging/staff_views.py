"""The registry's page to send a direction to a case (MSG-1, CASE-4), mounted in the back
office beside the registry's case pages. It shows who will receive the direction before it is
sent; a case that no account would receive says so, and nothing is sent."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods

from core.forms import run_service
from messaging import box_services, selectors
from messaging.forms import DirectionForm
from permissions.checks import capability_required
from permissions.roles import Capability


@require_http_methods(["GET", "POST"])
@capability_required(Capability.SEND_CASE_DIRECTIONS)
def direction_new(request, case_id):
    case, recipients = selectors.direction_recipients(actor=request.user, case_id=case_id)
    form = DirectionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        sent = run_service(
            form,
            box_services.case_direction_send,
            actor=request.user,
            case_id=case.pk,
            subject=form.cleaned_data["subject"],
            body=form.cleaned_data["body"],
        )
        if sent:
            messages.success(
                request,
                ngettext(
                    "The direction has been sent to %(count)d account.",
                    "The direction has been sent to %(count)d accounts.",
                    len(sent.messages),
                )
                % {"count": len(sent.messages)},
            )
            return redirect("backoffice:registry_case", case_id=case.pk)
        case, recipients = selectors.direction_recipients(actor=request.user, case_id=case_id)
    return render(
        request,
        "messaging/staff/direction_new.html",
        {"case": case, "recipients": recipients, "form": form},
    )
