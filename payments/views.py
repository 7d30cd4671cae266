"""e-Payments pages (SVC-4, GEN-3): an organization's deposit account and its statement (its PA
and SAs), a payment and its receipt (its payer, its organization's administrators, the
registry), and the public search-fee payment, which needs no login. The same selectors and
services as the API."""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.http import StreamingHttpResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from core.forms import run_service
from core.ratelimit import rate_limited
from payments import selectors, services
from payments.exports import CSV_CONTENT_TYPE, statement_csv, statement_filename
from payments.fees import PUBLIC_SEARCH_FEE_HKD
from payments.forms import SearchFeeForm, StatementFilterForm
from payments.purposes import follow_ups
from payments.receipts import receipt_pdf_response, receipt_rows
from permissions.checks import capability_required
from permissions.roles import Capability


def _statement(request, account_id, limit=selectors.STATEMENT_MAX_ENTRIES):
    form = StatementFilterForm(request.GET or None)
    dates = form.cleaned_data if form.is_valid() else {}
    statement = selectors.statement(
        actor=request.user,
        account_id=account_id,
        date_from=dates.get("date_from"),
        date_to=dates.get("date_to"),
        limit=limit,
    )
    return form, statement


@never_cache
@require_GET
@capability_required(Capability.VIEW_DEPOSIT_ACCOUNT)
def own_deposit_account(request):
    account = selectors.own_deposit_account(actor=request.user)
    if account is not None:
        return redirect("payments:deposit_account", account_id=account.pk)
    return render(request, "payments/deposit_account_none.html")


@never_cache
@require_GET
@capability_required(Capability.VIEW_DEPOSIT_ACCOUNT)
def deposit_account(request, account_id):
    form, statement = _statement(request, account_id)
    query = request.GET.urlencode()
    return render(
        request,
        "payments/deposit_account.html",
        {"form": form, "statement": statement, "query": query},
    )


@never_cache
@require_GET
@capability_required(Capability.VIEW_DEPOSIT_ACCOUNT)
def deposit_statement_csv(request, account_id):
    _form, statement = _statement(request, account_id, limit=None)
    response = StreamingHttpResponse(
        statement_csv(statement), content_type=f"{CSV_CONTENT_TYPE}; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{statement_filename(statement)}"'
    return response


def _payment_page(request, payment, *, pdf_url=None, token=None):
    receipt = getattr(payment, "receipt", None)
    return render(
        request,
        "payments/payment.html",
        {
            "payment": payment,
            "receipt": receipt,
            "rows": receipt_rows(payment) if receipt else [],
            "pdf_url": pdf_url if receipt else None,
            "follow_ups": follow_ups(payment, token),
        },
    )


@never_cache
@require_GET
@capability_required(Capability.VIEW_PAYMENTS)
def payment(request, payment_id):
    found = selectors.payment(actor=request.user, payment_id=payment_id)
    return _payment_page(request, found, pdf_url=f"{request.path.rstrip('/')}/receipt.pdf")


@never_cache
@require_GET
@capability_required(Capability.VIEW_PAYMENTS)
def payment_receipt_pdf(request, payment_id):
    found = selectors.payment(actor=request.user, payment_id=payment_id)
    if not hasattr(found, "receipt"):
        return render(request, "errors/404.html", status=404)
    return receipt_pdf_response(found)


# --- GEN-3: without logging in ---------------------------------------------------------------


@login_not_required
@never_cache
@require_GET
def public_payment(request, token):
    found = selectors.payment_by_token(token=token)
    return _payment_page(
        request, found, pdf_url=f"{request.path.rstrip('/')}/receipt.pdf", token=token
    )


@login_not_required
@never_cache
@require_GET
def public_payment_receipt_pdf(request, token):
    found = selectors.payment_by_token(token=token)
    if not hasattr(found, "receipt"):
        return render(request, "errors/404.html", status=404)
    return receipt_pdf_response(found)


@login_not_required
@require_http_methods(["GET", "POST"])
@rate_limited("public_payment")
def search_fee(request):
    """GEN-3 [A4]: the search fee, paid by card or FPS without logging in."""
    form = SearchFeeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        started = run_service(
            form,
            services.search_fee_start,
            actor=request.user,
            reference=form.cleaned_data["reference"],
            language=translation.get_language(),
        )
        if started:
            _payment, redirect_url, _token = started
            return redirect(redirect_url)
    response = render(
        request, "payments/search_fee.html", {"form": form, "fee": PUBLIC_SEARCH_FEE_HKD}
    )
    return form_may_go_to_gateway(response)


def form_may_go_to_gateway(response):
    """The form's answer is a redirect to the gateway's payment page, on another origin: the
    page's Content Security Policy lets its forms go there too (form-action). For any page
    whose form starts a gateway payment (the search fee here, a document's inspection)."""
    origin = urlsplit(settings.PAYMENT_GATEWAY["PAGE_ORIGIN"])
    config = dict(settings.SECURE_CSP)
    config["form-action"] = [*config.get("form-action", []), f"{origin.scheme}://{origin.netloc}"]
    response._csp_config = config
    return response
