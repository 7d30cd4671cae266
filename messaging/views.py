"""The holder's Message Box (MSG-1, MSG-3, BEY-6): the list, a message, the choice of emails.
The same selectors and services as the API. Another account's message is "not found", as a
message that does not exist (ROLE-2); court staff have no Message Box (403)."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from core.forms import run_service
from messaging import box_services, selectors
from messaging.forms import MessageFilterForm, MuteForm, PreferenceForm
from permissions.checks import capability_required
from permissions.roles import Capability


@never_cache
@require_GET
@capability_required(Capability.USE_MESSAGE_BOX)
def message_list(request):
    form = MessageFilterForm(request.GET)
    page = next_url = None
    if form.is_valid():
        page = run_service(
            form,
            selectors.message_box,
            aliases={"cursor": None},
            actor=request.user,
            cursor=form.cleaned_data["cursor"] or None,
            filters=form.filters(),
        )
        if page and page.next_cursor:
            next_url = form.page_url(page.next_cursor)
    # htmx asks for the results alone when the filter changes; a plain request gets the page.
    template = "messaging/message_box/list.html" + ("#results" if request.htmx else "")
    return render(
        request,
        template,
        {
            "form": form,
            "page": page,
            "unread_count": page.unread_count
            if page
            else selectors.unread_count(actor=request.user),
            "next_url": next_url,
            "first_url": form.first_page_url() if form.is_valid() else "?",
            "paged": bool(form.is_valid() and form.cleaned_data["cursor"]),
        },
    )


@never_cache
@require_GET
@capability_required(Capability.USE_MESSAGE_BOX)
def message_detail(request, message_id):
    """MSG-1: opening a message marks it read."""
    message = box_services.message_mark_read(actor=request.user, message_id=message_id)
    muted = bool(message.case_id) and any(
        case.pk == message.case_id for case in selectors.muted_cases(actor=request.user)
    )
    return render(
        request,
        "messaging/message_box/detail.html",
        {"message": message, "muted": muted},
    )


@require_POST
@capability_required(Capability.USE_MESSAGE_BOX)
def message_unread(request, message_id):
    box_services.message_mark_unread(actor=request.user, message_id=message_id)
    messages.success(request, _("The message is marked unread."))
    return redirect("messaging:list")


@require_POST
@capability_required(Capability.USE_MESSAGE_BOX)
def message_read_all(request):
    count = box_services.messages_mark_all_read(actor=request.user)
    messages.success(
        request,
        ngettext("%(count)d message marked read.", "%(count)d messages marked read.", count)
        % {"count": count},
    )
    return redirect("messaging:list")


@never_cache
@require_http_methods(["GET", "POST"])
@capability_required(Capability.USE_MESSAGE_BOX)
def preferences(request):
    """MSG-2, MSG-3, BEY-6: the reminder, daily or weekly; immediate emails by choice; the
    cases muted."""
    preference = selectors.notification_preference(actor=request.user)
    form = PreferenceForm(
        request.POST or None,
        initial={
            "reminder": preference.reminder,
            "email_each_case_message": preference.email_each_case_message,
            "email_each_icms_message": preference.email_each_icms_message,
        },
    )
    if request.method == "POST" and form.is_valid():
        if run_service(
            form,
            box_services.notification_preference_update,
            actor=request.user,
            **form.cleaned_data,
        ):
            messages.success(request, _("Your choice of emails has been saved."))
            return redirect("messaging:preferences")
    return _preferences_page(request, form=form)


def _preferences_page(request, *, form=None, mute_form=None):
    preference = selectors.notification_preference(actor=request.user)
    return render(
        request,
        "messaging/message_box/preferences.html",
        {
            "form": form
            or PreferenceForm(
                initial={
                    "reminder": preference.reminder,
                    "email_each_case_message": preference.email_each_case_message,
                    "email_each_icms_message": preference.email_each_icms_message,
                }
            ),
            "mute_form": mute_form or MuteForm(),
            "muted_cases": selectors.muted_cases(actor=request.user),
        },
    )


@require_POST
@capability_required(Capability.USE_MESSAGE_BOX)
def case_mute(request):
    """BEY-6: by case number (the preferences page) or by the case of a message."""
    if request.POST.get("case_id"):
        case = box_services.case_mute(actor=request.user, case_id=request.POST["case_id"])
        messages.success(
            request,
            _("No more immediate emails for case %(number)s.") % {"number": case.number},
        )
        message_id = request.POST.get("message_id", "")
        if message_id.isascii() and message_id.isdigit() and len(message_id) < 19:
            return redirect("messaging:detail", message_id=int(message_id))
        return redirect("messaging:preferences")
    form = MuteForm(request.POST)
    if form.is_valid():
        case = run_service(
            form,
            box_services.case_mute,
            actor=request.user,
            case_number=form.cleaned_data["case_number"],
        )
        if case:
            messages.success(
                request,
                _("No more immediate emails for case %(number)s.") % {"number": case.number},
            )
            return redirect("messaging:preferences")
    return _preferences_page(request, mute_form=form)


@require_POST
@capability_required(Capability.USE_MESSAGE_BOX)
def case_unmute(request, case_id):
    case = box_services.case_unmute(actor=request.user, case_id=case_id)
    messages.success(
        request,
        _("Immediate emails for case %(number)s as for every case again.")
        % {"number": case.number},
    )
    return redirect("messaging:preferences")
