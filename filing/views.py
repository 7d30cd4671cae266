"""The filer's e-filing pages (SVC-1, SVC-4): "My filings", the filing form (in a case, or
starting new proceedings), a filing's page with its documents and payments, withdrawing it and
paying its fee again. The same selectors and services as the API. A filing out of the viewer's
reach is "not found", as one that does not exist (ROLE-2)."""

from functools import partial
from urllib.parse import urlencode, urlsplit

from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from cases.models import PartyType
from cases.selectors.access import case_for
from core.downloads import protected_file_response
from core.errors import DomainError, InvalidTransition, NotFound, NotPermitted, ValidationFailed
from core.kept_files import keep_files, send_with_kept_files, take_kept_file
from filing.filer_forms import (
    MAX_DOCUMENTS,
    FilingFilterForm,
    FilingForm,
    NewCasePartyFormSet,
    document_formset,
    document_type_choices,
)
from filing.models import FilingStatus
from filing.selectors import filings as selectors
from filing.selectors.policy import court_policy, proceeding_policy
from filing.services.filings import (
    DocumentToFile,
    FeeNotStarted,
    NothingToPay,
    filing_pay,
    filing_submit,
    filing_withdraw,
)
from filing.transitions import FILING_TRANSITIONS
from payments.gateways.base import GatewayUnavailable
from payments.selectors import balance_to_pay_from
from permissions.checks import capability_required
from permissions.roles import Capability, Role, can


def _may_go_to_gateway(response):
    """A form of the page may lead to the gateway's payment page, on another origin (a
    redirect after the POST): the page's Content Security Policy lets its forms go there."""
    origin = urlsplit(settings.PAYMENT_GATEWAY["PAGE_ORIGIN"])
    config = dict(settings.SECURE_CSP)
    config["form-action"] = [*config.get("form-action", []), f"{origin.scheme}://{origin.netloc}"]
    response._csp_config = config
    return response


# --- My filings -------------------------------------------------------------------------------


@never_cache
@require_GET
@capability_required(Capability.VIEW_FILINGS)
def filing_list(request):
    form = FilingFilterForm(request.GET)
    form.is_valid()
    data = getattr(form, "cleaned_data", {})
    status = data.get("status", "")
    page = selectors.filings_page(
        actor=request.user, status=status, before=data.get("before"), after=data.get("after")
    )
    base = {"status": status} if status else {}

    def url(**more):
        return "?" + urlencode({**base, **more}) if base or more else "?"

    return render(
        request,
        "filing/filing_list.html",
        {
            "form": form,
            "page": page,
            "older_url": url(before=page["older"]) if page["older"] else "",
            "newer_url": url(after=page["newer"]) if page["newer"] else "",
            "first_url": url() if data.get("before") or data.get("after") else "",
            "administrator": request.user.role in (Role.PA, Role.SA),
            "may_file": can(request.user, Capability.FILE_DOCUMENTS),
        },
    )


# --- the filing form ------------------------------------------------------------------------------


def _place_errors(form, documents, parties, errors: dict, rows: list[int]) -> None:
    """The service's errors beside their fields: a document's by the row it was typed in
    (`rows`: the form row of each document sent), a party's by its row, others on the form
    (or at its top)."""
    for key, messages_ in errors.items():
        prefix, _sep, rest = key.partition("-")
        index, _sep, field = rest.partition("-")
        for message in messages_:
            if prefix == "documents" and index.isdigit() and int(index) < len(rows):
                row = documents.forms[rows[int(index)]]
                row.add_error(field if field in row.fields else None, message)
            elif prefix == "parties" and parties is not None and index.isdigit() and field:
                row = parties.forms[min(int(index), len(parties.forms) - 1)]
                row.add_error(field if field in row.fields else None, message)
            elif key in form.fields:
                form.add_error(key, message)
            else:
                form.add_error(None, message)


@never_cache
@require_http_methods(["GET", "POST"])
@capability_required(Capability.FILE_DOCUMENTS)
def filing_new(request):
    actor = request.user
    data = request.POST if request.method == "POST" else None
    originating = (data or request.GET).get("mode") == "new"
    case = None
    if not originating:
        if data is not None:
            case = selectors.case_to_file_in(actor=actor, case_number=data.get("case_number"))
        elif request.GET.get("case"):
            case = case_for(actor, request.GET["case"])
    enabled = court_policy()
    if case is not None:
        policies = [proceeding_policy(case.proceeding_type)]
        parties = selectors.parties_to_file_for(actor=actor, case=case)
        as_counsel = selectors.files_as_counsel_only(actor=actor, case=case)
    else:
        policies = enabled
        parties = []
        as_counsel = False
    form = FilingForm(
        data,
        originating=originating,
        parties=parties,
        proceeding_types=[p.proceeding_type for p in enabled],
        deposit=can(actor, Capability.PAY_FROM_DEPOSIT_ACCOUNT),
        deposit_balance=balance_to_pay_from(actor=actor),
        initial={"case_number": case.number} if case is not None else None,
    )
    rows = policies[0].limits.max_files if case is not None else MAX_DOCUMENTS
    documents = document_formset(rows)(
        data,
        request.FILES if data is not None else None,
        prefix="documents",
        form_kwargs={
            "document_types": document_type_choices(
                policies,
                grouped=case is None,
                in_a_case=not originating,
                party_types={party.party_type for party in parties},
                as_counsel=as_counsel,
            )
        },
    )
    new_parties = NewCasePartyFormSet(data, prefix="parties") if originating else None
    if data is not None:
        rows_valid = documents.is_valid()
        if rows_valid:
            for row in documents.forms:
                take_kept_file(actor, row, "file", say_gone=not row.is_empty)
        if form.is_valid() and rows_valid and (new_parties is None or new_parties.is_valid()):
            # A kept file goes with one sending only, however close the next (a double click).
            submitted = send_with_kept_files(
                actor,
                documents.forms,
                partial(_submit, request, form, documents, new_parties, case),
            )
            if submitted is not None:
                return submitted
        for row in documents.forms:
            keep_files(actor, row, ["file"])
    return _may_go_to_gateway(
        render(
            request,
            "filing/filing_form.html",
            {
                "form": form,
                "documents": documents,
                "parties": new_parties,
                "originating": originating,
                "case": case,
                "fees": policies,
            },
        )
    )


def _submit(request, form, documents, new_parties, case):
    """Call the service with what the form collected: the response on success (or when the
    filing was kept without its payment), None when the form shows refusals."""
    values = form.cleaned_data
    rows, to_file, expected = [], [], ""
    if form.originating:
        expected = values.get("proceeding_type", "")
    elif case is not None:
        expected = case.proceeding_type.code
    for index, row in enumerate(documents.forms):
        if row.is_empty:
            continue
        if expected and row.proceeding and row.proceeding != expected:
            row.add_error(
                "document_type",
                _("Choose a document type of %(code)s proceedings.") % {"code": expected},
            )
        rows.append(index)
        to_file.append(
            DocumentToFile(row.code, row.cleaned_data.get("file"), row.cleaned_data.get("title"))
        )
    if documents.total_error_count():
        return None
    arguments = {
        "actor": request.user,
        "documents": to_file,
        "pay_by": values.get("pay_by", ""),
        "language": translation.get_language(),
    }
    if form.originating:
        arguments |= {
            "proceeding_type": values.get("proceeding_type", ""),
            "title": values.get("title", ""),
            "parties": [row.cleaned_data for row in new_parties.forms],
        }
    else:
        arguments |= {
            "case_number": values.get("case_number", ""),
            "party_id": values.get("party") or None,
            "party_type": values.get("party_type", ""),
            "party_position": values.get("party_position") or 1,
        }
        if not arguments["case_number"].strip():
            form.add_error(
                "case_number",
                _("Enter the case number, or choose to start new proceedings instead."),
            )
            return None
    try:
        submitted = filing_submit(**arguments)
    except ValidationFailed as refused:
        _place_errors(form, documents, new_parties, refused.errors, rows)
        return None
    except FeeNotStarted as kept:
        messages.error(request, str(kept.message))
        return redirect("filing:filing_detail", filing_id=kept.filing.pk)
    except NotPermitted:
        raise
    except DomainError as refused:  # InsufficientBalance, GatewayUnavailable...
        form.add_error(None, str(refused.message))
        return None
    if submitted.payment_url:
        return redirect(submitted.payment_url)
    filing = submitted.filing
    if filing.status == FilingStatus.SUBMITTED:
        messages.success(
            request,
            _("Filing %(reference)s is submitted. The registry will review it.")
            % {"reference": filing.reference},
        )
    return redirect("filing:filing_detail", filing_id=filing.pk)


# --- a filing -----------------------------------------------------------------------------------


@never_cache
@require_GET
@capability_required(Capability.VIEW_FILINGS)
def filing_detail(request, filing_id):
    filing = selectors.filing_for(actor=request.user, filing_id=filing_id)
    case_visible = False
    if filing.case_id:
        try:
            case_for(request.user, filing.case_id)
            case_visible = True
        except NotFound:
            pass
    may_pay = (
        filing.status == FilingStatus.AWAITING_PAYMENT
        and filing.fee > 0
        and can(request.user, Capability.FILE_DOCUMENTS, filing)
    )
    return _may_go_to_gateway(
        render(
            request,
            "filing/filing_detail.html",
            {
                "filing": filing,
                "documents": list(filing.documents.all()),
                "payments": selectors.filing_payments(filing),
                "may_withdraw": "withdraw"
                in FILING_TRANSITIONS.available(filing, actor=request.user),
                "may_pay": may_pay,
                "case_visible": case_visible,
                "new_case_parties": [
                    {
                        "party_type": PartyType(party["party_type"]).label,
                        "position": party.get("position", 1),
                        "name": party.get("name", ""),
                    }
                    for party in filing.new_case_parties
                ],
            },
        )
    )


@require_POST
@capability_required(Capability.FILE_DOCUMENTS)
def filing_withdraw_view(request, filing_id):
    filing = selectors.filing_for(actor=request.user, filing_id=filing_id)
    if not can(request.user, Capability.FILE_DOCUMENTS, filing):
        raise NotFound()
    back = reverse("filing:filing_detail", args=[filing.pk])
    if request.POST.get("confirm") != "yes":
        return render(
            request,
            "filing/confirm.html",
            {
                "title": _("Withdraw filing %(reference)s?") % {"reference": filing.reference},
                "explanation": _(
                    "The registry will not review it. Any fee paid for it is refunded. "
                    "A withdrawn filing cannot be submitted again: file the documents anew."
                ),
                "confirm_label": _("Yes, withdraw the filing"),
                "action_url": request.path,
                "back_url": back,
            },
        )
    try:
        filing_withdraw(actor=request.user, filing_id=filing.pk)
    except InvalidTransition as refused:
        messages.error(request, str(refused.message))
        return redirect(back)
    messages.success(
        request, _("Filing %(reference)s is withdrawn.") % {"reference": filing.reference}
    )
    return redirect(back)


@require_POST
@capability_required(Capability.FILE_DOCUMENTS)
def filing_pay_view(request, filing_id):
    try:
        url = filing_pay(
            actor=request.user, filing_id=filing_id, language=translation.get_language()
        )
    except (NothingToPay, GatewayUnavailable) as refused:
        messages.error(request, str(refused.message))
        return redirect("filing:filing_detail", filing_id=filing_id)
    return redirect(url)


@never_cache
@require_GET
@capability_required(Capability.VIEW_FILINGS)
def filing_document_download(request, filing_id, document_id):
    document, file = selectors.filed_document(
        actor=request.user, filing_id=filing_id, document_id=document_id
    )
    response = protected_file_response(
        file, content_type="application/pdf", filename=document.file_name
    )
    response["Cache-Control"] = "private, no-store"
    return response
