"""The registry's pages for what holders lodge (CASE-3 (a), (b); BEY-1), mounted in the back
office: the queues, oldest first; a request or notice beside the case's parties and who
represents each, to pick the party and accept, or to refuse with reasons; and the key-in of
notices received on paper."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from cases.notice_forms import (
    AcceptForm,
    PaperNoticeOfChangeForm,
    PaperNoticeOfConsentForm,
    RefuseForm,
)
from cases.selectors import notices as notice_selectors
from cases.services import notices as service
from cases.views.notices import notice_document
from core.forms import run_service
from core.queues import capped
from permissions.checks import capability_required
from permissions.roles import Capability

# --- CASE-3 (a), (b): link requests ------------------------------------------------------------


@capability_required(Capability.RUN_REGISTRY)
@require_safe
def link_request_queue(request):
    return render(
        request,
        "cases/staff/notices/link_request_queue.html",
        {"link_requests": capped(notice_selectors.link_request_queue(actor=request.user))},
    )


def _link_request_page(request, pk, *, accept_form=None, refuse_form=None, status=200):
    lodgement = notice_selectors.link_request_for_registry(actor=request.user, request_id=pk)
    parties = notice_selectors.case_party_representation(actor=request.user, case=lodgement.case)
    return render(
        request,
        "cases/staff/notices/link_request_detail.html",
        {
            "lodgement": lodgement,
            "parties": parties,
            "claimed": notice_selectors.claimed_parties(lodgement, parties),
            "actions": notice_selectors.link_request_actions(
                actor=request.user, link_request=lodgement
            ),
            "accept_form": accept_form or AcceptForm(parties=[p.party for p in parties]),
            "refuse_form": refuse_form or RefuseForm(),
        },
        status=status,
    )


@capability_required(Capability.RUN_REGISTRY)
@require_safe
def link_request_detail(request, pk):
    return _link_request_page(request, pk)


def _decide(request, pk, *, lodgement, form, service_call, id_name, success, queue, page):
    """The first POST shows what will happen and asks again (no script needed): the holder
    is told at once and a decision is not taken back. Only a POST with confirm=yes decides;
    a refusal of the service shows the page again with the reason on the form (400), nothing
    saved."""
    accepting = isinstance(form, AcceptForm)
    if form.is_valid() and request.POST.get("confirm") != "yes":
        party = None
        if accepting:
            party = next(p for p in form.parties if p.pk == form.cleaned_data["party"])
        return render(
            request,
            "cases/staff/notices/confirm.html",
            {
                "lodgement": lodgement,
                "decision": "accept" if accepting else "refuse",
                "party": party,
                "form": form,
                "is_notice_of_change": id_name == "notice_id",
            },
        )
    if form.is_valid() and run_service(
        form,
        service_call,
        actor=request.user,
        **{id_name: pk},
        **({"party_id": form.cleaned_data["party"]} if accepting else form.cleaned_data),
    ):
        messages.success(request, success)
        return redirect(queue)
    kind = "accept_form" if accepting else "refuse_form"
    return page(request, pk, **{kind: form}, status=400)


def _accept_form(request, lodgement_case):
    parties = notice_selectors.case_party_representation(actor=request.user, case=lodgement_case)
    return AcceptForm(request.POST, parties=[p.party for p in parties])


@require_POST
@capability_required(Capability.RUN_REGISTRY)
def link_request_accept(request, pk):
    lodgement = notice_selectors.link_request_for_registry(actor=request.user, request_id=pk)
    return _decide(
        request,
        pk,
        lodgement=lodgement,
        form=_accept_form(request, lodgement.case),
        service_call=service.link_request_accept,
        id_name="request_id",
        success=_("Accepted: the holder is now linked to the party."),
        queue="backoffice:link_request_queue",
        page=_link_request_page,
    )


@require_POST
@capability_required(Capability.RUN_REGISTRY)
def link_request_refuse(request, pk):
    return _decide(
        request,
        pk,
        lodgement=notice_selectors.link_request_for_registry(actor=request.user, request_id=pk),
        form=RefuseForm(request.POST),
        service_call=service.link_request_refuse,
        id_name="request_id",
        success=_("Refused. The holder can read your reasons."),
        queue="backoffice:link_request_queue",
        page=_link_request_page,
    )


@capability_required(Capability.RUN_REGISTRY)
@require_safe
def link_request_document(request, pk):
    lodgement = notice_selectors.link_request_for_registry(actor=request.user, request_id=pk)
    if not lodgement.document:
        return redirect("backoffice:link_request_detail", pk=pk)
    return notice_document(lodgement)


@require_http_methods(["GET", "POST"])
@capability_required(Capability.RUN_REGISTRY)
def notice_of_consent_key_in(request):
    form = PaperNoticeOfConsentForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        lodged = run_service(
            form, service.notice_of_consent_key_in, actor=request.user, **form.cleaned_data
        )
        if lodged:
            messages.success(request, _("The Notice of Consent has been entered."))
            return redirect("backoffice:link_request_detail", pk=lodged.pk)
    return render(request, "cases/staff/notices/key_in.html", {"form": form, "kind": "consent"})


# --- BEY-1: Notices of Change --------------------------------------------------------------------


@capability_required(Capability.RUN_REGISTRY)
@require_safe
def notice_of_change_queue(request):
    return render(
        request,
        "cases/staff/notices/notice_of_change_queue.html",
        {"notices": capped(notice_selectors.notice_of_change_queue(actor=request.user))},
    )


def _notice_of_change_page(request, pk, *, accept_form=None, refuse_form=None, status=200):
    lodgement = notice_selectors.notice_of_change_for_registry(actor=request.user, notice_id=pk)
    parties = notice_selectors.case_party_representation(actor=request.user, case=lodgement.case)
    return render(
        request,
        "cases/staff/notices/notice_of_change_detail.html",
        {
            "lodgement": lodgement,
            "parties": parties,
            "claimed": notice_selectors.claimed_parties(lodgement, parties),
            "actions": notice_selectors.notice_of_change_actions(
                actor=request.user, notice=lodgement
            ),
            "accept_form": accept_form or AcceptForm(parties=[p.party for p in parties]),
            "refuse_form": refuse_form or RefuseForm(),
        },
        status=status,
    )


@capability_required(Capability.RUN_REGISTRY)
@require_safe
def notice_of_change_detail(request, pk):
    return _notice_of_change_page(request, pk)


@require_POST
@capability_required(Capability.RUN_REGISTRY)
def notice_of_change_accept(request, pk):
    lodgement = notice_selectors.notice_of_change_for_registry(actor=request.user, notice_id=pk)
    return _decide(
        request,
        pk,
        lodgement=lodgement,
        form=_accept_form(request, lodgement.case),
        service_call=service.notice_of_change_accept,
        id_name="notice_id",
        success=_(
            "Accepted: the incoming organization now represents the party; the outgoing "
            "representative no longer has the case."
        ),
        queue="backoffice:notice_of_change_queue",
        page=_notice_of_change_page,
    )


@require_POST
@capability_required(Capability.RUN_REGISTRY)
def notice_of_change_refuse(request, pk):
    return _decide(
        request,
        pk,
        lodgement=notice_selectors.notice_of_change_for_registry(actor=request.user, notice_id=pk),
        form=RefuseForm(request.POST),
        service_call=service.notice_of_change_refuse,
        id_name="notice_id",
        success=_("Refused. The organization can read your reasons."),
        queue="backoffice:notice_of_change_queue",
        page=_notice_of_change_page,
    )


@capability_required(Capability.RUN_REGISTRY)
@require_safe
def notice_of_change_document(request, pk):
    lodgement = notice_selectors.notice_of_change_for_registry(actor=request.user, notice_id=pk)
    if not lodgement.document:
        return redirect("backoffice:notice_of_change_detail", pk=pk)
    return notice_document(lodgement)


@require_http_methods(["GET", "POST"])
@capability_required(Capability.RUN_REGISTRY)
def notice_of_change_key_in(request):
    form = PaperNoticeOfChangeForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        lodged = run_service(
            form, service.notice_of_change_key_in, actor=request.user, **form.cleaned_data
        )
        if lodged:
            messages.success(request, _("The Notice of Change has been entered."))
            return redirect("backoffice:notice_of_change_detail", pk=lodged.pk)
    return render(request, "cases/staff/notices/key_in.html", {"form": form, "kind": "change"})
