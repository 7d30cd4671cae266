"""The public search of documents open to inspection and their paid inspection (SVC-2, GEN-3,
SVC-4), without login; the same selectors and services as the API."""

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from core import policy, ratelimit
from core.errors import DomainError, NotPermitted, ValidationFailed
from core.forms import apply_service_errors
from documents.views import issued_file_response
from inspection import selectors, services
from inspection.forms import PublicSearchForm
from payments.fees import PUBLIC_SEARCH_FEE_HKD
from payments.views import form_may_go_to_gateway

SEARCH_SCOPE = "public_search"
_SEARCH_FIELDS = ("case_number", "party_name", "document_type", "date_from", "date_to")


def _throttled(request):
    """Count one search from this address; the 429 page when its searches are used up."""
    address = ratelimit.client_address(request)
    if ratelimit.allow(scope=SEARCH_SCOPE, key=address):
        return None
    wait = ratelimit.retry_after(scope=SEARCH_SCOPE, key=address) or 60
    return ratelimit.too_many_requests(request, wait)


def _page_url(request, page: int) -> str:
    query = request.GET.copy()
    query["page"] = str(page)
    return f"{request.path}?{query.urlencode()}"


def _search_query(request) -> str:
    """The search's own fields, to come back to it (never anything else of the request)."""
    return urlencode(
        [(name, request.GET[name]) for name in (*_SEARCH_FIELDS, "page") if request.GET.get(name)]
    )


@login_not_required
@never_cache
@require_GET
def search(request):
    """Documents open to public inspection, by case number, party name, type and dates; each
    with its paid inspection."""
    form = PublicSearchForm(request.GET or None)
    found = None
    if form.is_bound and (form.has_criteria or request.GET.get("page")):
        refused = _throttled(request)
        if refused:
            return refused
        if form.is_valid():
            try:
                found = selectors.public_search(
                    **{name: form.cleaned_data[name] for name in _SEARCH_FIELDS},
                    page=request.GET.get("page") or 1,
                )
            except ValidationFailed as exc:
                apply_service_errors(form, exc.errors, None, None)
    context = {
        "form": form,
        "found": found,
        "fee": PUBLIC_SEARCH_FEE_HKD,
        "link_hours": int(policy.INSPECTION_LINK_VALID_FOR.total_seconds() // 3600),
        "query": _search_query(request),
    }
    if found is not None:
        context["previous_url"] = _page_url(request, found.page - 1) if found.has_previous else ""
        context["next_url"] = _page_url(request, found.page + 1) if found.has_next else ""
    return form_may_go_to_gateway(render(request, "inspection/search.html", context))


@login_not_required
@never_cache
@require_http_methods(["GET", "POST"])
@ratelimit.rate_limited("public_payment")
def inspection_start(request, document_id):
    """GET: what the search fee buys, before any money moves: the document, the fee, how long
    the link lasts and that its address is the payer's only way back. POST: pay it, on to
    the gateway's page. A document not open to public inspection is not found, whatever its
    id."""
    source = request.POST if request.method == "POST" else request.GET
    raw_query = source.get("query", "")[:2000]
    query = QueryDict(raw_query)
    back = reverse("inspection:search")
    back += "?" + urlencode(
        [(name, query[name]) for name in (*_SEARCH_FIELDS, "page") if query.get(name)]
    )
    if request.method == "GET":
        document = selectors.public_document(document_id)
        return form_may_go_to_gateway(
            render(
                request,
                "inspection/confirm.html",
                {
                    "document": document,
                    "fee": PUBLIC_SEARCH_FEE_HKD,
                    "link_hours": int(policy.INSPECTION_LINK_VALID_FOR.total_seconds() // 3600),
                    "query": raw_query,
                    "back": back,
                },
            )
        )
    try:
        _payment, redirect_url, _token = services.inspection_start(
            actor=request.user, document_id=document_id, language=translation.get_language()
        )
    except NotPermitted:
        raise
    except DomainError as exc:
        if exc.status == 404:
            raise
        messages.error(request, str(exc.message))
        return redirect(back)
    return redirect(redirect_url)


def _inspection_page(request, inspection, token, status=200):
    refusal = inspection.refusal
    return render(
        request,
        "inspection/inspect.html",
        {
            "inspection": inspection,
            "payment": inspection.payment,
            "document": inspection.document,
            "refusal": refusal.code if refusal else "",
            "refusal_message": refusal.message if refusal else "",
            "download_url": reverse("inspection:inspect_download", kwargs={"token": token}),
        },
        status=status,
    )


@login_not_required
@never_cache
@require_GET
def inspect(request, token):
    """The paid inspection, through the payment's secret link: the document and its download
    while the link lasts; else why not (awaiting payment, expired, no longer open)."""
    inspection = selectors.inspection_by_token(token=token)
    status = inspection.refusal.status if inspection.refusal and inspection.grant else 200
    return _inspection_page(request, inspection, token, status=status)


@login_not_required
@never_cache
@require_http_methods(["GET"])
def inspect_download(request, token):
    try:
        document = selectors.inspection_document(token=token)
    except (
        selectors.InspectionNotPaid,
        selectors.InspectionLinkExpired,
        selectors.InspectionNotOpen,
    ) as exc:
        inspection = selectors.inspection_by_token(token=token)
        return _inspection_page(request, inspection, token, status=exc.status)
    return issued_file_response(document)
