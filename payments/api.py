"""e-Payments through the API (SVC-4, GEN-3): deposit accounts and their statements (the
organization's PA and SAs), a payment's status and receipt, the search fee without logging in,
the gateway's signed events, and the registry's top-ups and refunds. The same selectors and
services as the pages. Another organization's account, or another payer's payment, is "not
found" exactly like one that does not exist. Amounts are decimal strings in HKD ("1234.50"),
never binary floating point."""

from django.http import StreamingHttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_field,
)
from rest_framework import serializers, status
from rest_framework.parsers import BaseParser
from rest_framework.permissions import AllowAny
from rest_framework.response import Response

from core.api import LIST_TOTAL_HEADER, ApiView, FileOrJsonError, error_responses
from core.errors import NotFound
from core.idempotency import idempotent
from core.money import CURRENCY, DECIMAL_PLACES, MAX_DIGITS
from payments import selectors, services
from payments.exports import CSV_CONTENT_TYPE, statement_csv, statement_filename
from payments.fees import PUBLIC_SEARCH_FEE_HKD
from payments.receipts import receipt_pdf_response
from permissions.roles import Capability


def _money(**kwargs):
    return serializers.DecimalField(
        max_digits=MAX_DIGITS, decimal_places=DECIMAL_PLACES, coerce_to_string=True, **kwargs
    )


# --- output -------------------------------------------------------------------------------------


def receipt_number_field() -> serializers.CharField:
    """A payment's receipt number, for the serializers of what it pays for; null until paid."""
    return serializers.CharField(source="receipt.number", read_only=True, allow_null=True)


class DepositAccountSerializer(serializers.Serializer):
    """An organization's deposit account: a prepaid balance in HKD, never below zero."""

    id = serializers.IntegerField()
    organization_code = serializers.CharField(source="organization.code")
    organization_name = serializers.CharField(source="organization.name")
    balance = _money(help_text='In HKD, e.g. "1234.50".')
    currency = serializers.SerializerMethodField()

    def get_currency(self, obj) -> str:
        return CURRENCY


class LedgerEntrySerializer(serializers.Serializer):
    """One movement of the account. `amount` is positive; `kind` says which way it moved."""

    id = serializers.IntegerField()
    at = serializers.DateTimeField()
    kind = serializers.CharField(help_text="TOP_UP, DEBIT (a fee paid) or REFUND.")
    kind_label = serializers.CharField(source="get_kind_display")
    amount = _money()
    balance_after = _money(help_text="The balance once this entry was made.")
    reference = serializers.CharField(
        help_text="A top-up: the slip or cheque number; a payment or refund: the receipt number."
    )
    payment = serializers.IntegerField(source="payment_id", allow_null=True)
    note = serializers.CharField(source="reasons")


class StatementSerializer(serializers.Serializer):
    """The account's entries between two dates, oldest first."""

    account = DepositAccountSerializer()
    date_from = serializers.DateField(allow_null=True)
    date_to = serializers.DateField(allow_null=True)
    opening_balance = _money(help_text="The balance before the first entry listed.")
    entries = LedgerEntrySerializer(many=True)


class ReceiptSerializer(serializers.Serializer):
    """The receipt of a payment made."""

    number = serializers.CharField(help_text="Unique, e.g. R2026-00000042.")
    issued_at = serializers.DateTimeField()


class PaymentSerializer(serializers.Serializer):
    """One fee and how its payment stands."""

    id = serializers.IntegerField()
    purpose = serializers.CharField(help_text="FILING_FEE or SEARCH_FEE.")
    purpose_label = serializers.CharField(source="get_purpose_display")
    reference = serializers.CharField(help_text="What it pays for, e.g. a filing's reference.")
    amount = _money()
    currency = serializers.SerializerMethodField()
    method = serializers.CharField(help_text="DEPOSIT (deposit account) or GATEWAY (card, FPS).")
    status = serializers.CharField(help_text="PENDING, SUCCEEDED, FAILED or REFUNDED.")
    status_label = serializers.CharField(source="get_status_display")
    created_at = serializers.DateTimeField()
    settled_at = serializers.DateTimeField(allow_null=True)
    receipt = serializers.SerializerMethodField()

    def get_currency(self, obj) -> str:
        return CURRENCY

    @extend_schema_field(ReceiptSerializer(allow_null=True))
    def get_receipt(self, obj) -> dict | None:
        receipt = getattr(obj, "receipt", None)
        return ReceiptSerializer(receipt).data if receipt else None


class PaymentStartedSerializer(serializers.Serializer):
    """A payment awaiting the gateway: send the payer to `redirect_url`. The payment is
    settled by the gateway's signed event, not by the payer's return; follow it with
    `status_url`, which needs no login and is the only way back to it."""

    payment = PaymentSerializer()
    redirect_url = serializers.URLField()
    token = serializers.CharField(
        help_text="The payment's secret link token: keep it to see the payment again."
    )
    status_url = serializers.CharField()


class TopUpRecordedSerializer(serializers.Serializer):
    """The top-up recorded, as its ledger entry, and the account's balance now."""

    account = DepositAccountSerializer()
    entry = LedgerEntrySerializer()


class RefundSerializer(serializers.Serializer):
    """The refund recorded: to the deposit account (with its ledger entry) or, for a card or
    FPS payment, for the gateway's refund."""

    payment = PaymentSerializer()
    amount = _money()
    reasons = serializers.CharField()
    ledger_entry = serializers.IntegerField(source="ledger_entry_id", allow_null=True)
    at = serializers.DateTimeField()


class EventReceivedSerializer(serializers.Serializer):
    """What the portal did with the gateway's event."""

    outcome = serializers.CharField(
        help_text="settled, duplicate (seen before: nothing changed), ignored (the payment was "
        "no longer awaiting payment), unknown_payment or amount_mismatch."
    )


# --- input --------------------------------------------------------------------------------------


class StatementFilterInput(serializers.Serializer):
    """The period of the statement; both dates are optional."""

    date_from = serializers.DateField(required=False, help_text="Inclusive, Hong Kong date.")
    date_to = serializers.DateField(required=False, help_text="Inclusive, Hong Kong date.")


class SearchFeeInput(serializers.Serializer):
    """The search fee's payment; the amount is the court's, not the caller's."""

    reference = serializers.CharField(
        required=False, allow_blank=True, max_length=100, help_text="The payer's own reference."
    )


class TopUpInput(serializers.Serializer):
    """Money received for an organization's deposit account."""

    organization_code = serializers.CharField(max_length=20)
    amount = _money(help_text='In HKD, as a decimal string with at most two places: "5000.00".')
    reference = serializers.CharField(
        max_length=100, help_text="The cheque, bank-in slip or transfer number."
    )
    reasons = serializers.CharField(required=False, allow_blank=True, max_length=1000)


class RefundInput(serializers.Serializer):
    """Why the fee is given back (required)."""

    reasons = serializers.CharField(max_length=1000, allow_blank=True)


class RawBodyParser(BaseParser):
    """The gateway's event is verified over its raw bytes; nothing parses it first."""

    media_type = "*/*"

    def parse(self, stream, media_type=None, parser_context=None):
        return {}


# --- the organization's deposit account ------------------------------------------------------


def _statement(request, account_id, limit=selectors.STATEMENT_MAX_ENTRIES):
    data = StatementFilterInput(data=request.query_params)
    data.is_valid(raise_exception=True)
    return selectors.statement(
        actor=request.user,
        account_id=account_id,
        date_from=data.validated_data.get("date_from"),
        date_to=data.validated_data.get("date_to"),
        limit=limit,
    )


class DepositAccountListApi(ApiView):
    """The deposit accounts the caller sees: its organization's, for its PA and SAs (none until
    the registry records the first top-up)."""

    required_capabilities = {"GET": Capability.VIEW_DEPOSIT_ACCOUNT}

    @extend_schema(
        responses={200: DepositAccountSerializer(many=True), **error_responses(401, 403)},
        operation_id="deposit_account_list",
    )
    def get(self, request):
        accounts = selectors.deposit_accounts(actor=request.user)
        return Response(DepositAccountSerializer(accounts, many=True).data)


STATEMENT_TOTAL = OpenApiParameter(
    LIST_TOTAL_HEADER,
    int,
    OpenApiParameter.HEADER,
    response=[200],
    description=(
        f"How many entries the period holds. The body lists at most the first "
        f"{selectors.STATEMENT_MAX_ENTRIES:,}."
    ),
)


class DepositStatementApi(ApiView):
    """A deposit account's statement: the first 1,000 entries of the period, oldest first;
    the header X-Total-Count says how many the period holds (choose a shorter period, or take
    the CSV, for the rest). Another organization's account is not found (404)."""

    required_capabilities = {"GET": Capability.VIEW_DEPOSIT_ACCOUNT}

    @extend_schema(
        parameters=[StatementFilterInput, STATEMENT_TOTAL],
        responses={200: StatementSerializer, **error_responses(400, 401, 403, 404)},
        operation_id="deposit_account_statement",
    )
    def get(self, request, account_id):
        statement = _statement(request, account_id)
        return Response(
            StatementSerializer(statement).data,
            headers={LIST_TOTAL_HEADER: str(statement.entries.total)},
        )


class DepositStatementCsvApi(ApiView):
    """The statement as a CSV file in Unicode, for a spreadsheet: debits and credits in columns
    of their own, amounts as plain decimals; a cell a spreadsheet would read as a formula is
    written with a leading single quote."""

    required_capabilities = {"GET": Capability.VIEW_DEPOSIT_ACCOUNT}

    def perform_content_negotiation(self, request, force=False):
        return super().perform_content_negotiation(request, force=True)

    @extend_schema(
        parameters=[StatementFilterInput],
        responses={
            (200, CSV_CONTENT_TYPE): OpenApiResponse(
                OpenApiTypes.STR, description="The statement as comma-separated values."
            ),
            **error_responses(400, 401, 403, 404),
        },
        operation_id="deposit_account_statement_csv",
    )
    def get(self, request, account_id):
        statement = _statement(request, account_id, limit=None)
        response = StreamingHttpResponse(
            statement_csv(statement), content_type=f"{CSV_CONTENT_TYPE}; charset=utf-8"
        )
        response["Content-Disposition"] = f'attachment; filename="{statement_filename(statement)}"'
        return response


# --- payments ------------------------------------------------------------------------------------


class PaymentApi(ApiView):
    """A payment and its receipt: the payer's own, its organization's for the PA and SAs, any
    for the registry; anyone else's is not found (404)."""

    required_capabilities = {"GET": Capability.VIEW_PAYMENTS}

    @extend_schema(
        responses={200: PaymentSerializer, **error_responses(401, 403, 404)},
        operation_id="payment_detail",
    )
    def get(self, request, payment_id):
        return Response(
            PaymentSerializer(selectors.payment(actor=request.user, payment_id=payment_id)).data
        )


class PublicPaymentApi(ApiView):
    """A payment anyone may make without logging in (the search fee), through its secret link's
    token; no login needed."""

    permission_classes = [AllowAny]
    authentication_classes = []

    @extend_schema(
        responses={200: PaymentSerializer, **error_responses(404)},
        operation_id="payment_by_token",
    )
    def get(self, request, token):
        return Response(PaymentSerializer(selectors.payment_by_token(token=token)).data)


_RECEIPT_PDF = {(200, "application/pdf"): OpenApiTypes.BINARY}


def _receipt(payment):
    if not hasattr(payment, "receipt"):  # a payment not made has none
        raise NotFound()
    return receipt_pdf_response(payment)


class PaymentReceiptPdfApi(ApiView):
    """A payment's receipt as a PDF, in the language of the request, for whoever may see the
    payment; a payment not made has none (404)."""

    required_capabilities = {"GET": Capability.VIEW_PAYMENTS}
    content_negotiation_class = FileOrJsonError

    @extend_schema(
        responses={**_RECEIPT_PDF, **error_responses(401, 403, 404)},
        operation_id="payment_receipt_pdf",
    )
    def get(self, request, payment_id):
        return _receipt(selectors.payment(actor=request.user, payment_id=payment_id))


class PublicPaymentReceiptPdfApi(ApiView):
    """The receipt of a payment made without logging in, through its secret link's token, as a
    PDF; no login needed."""

    permission_classes = [AllowAny]
    authentication_classes = []
    content_negotiation_class = FileOrJsonError

    @extend_schema(
        responses={**_RECEIPT_PDF, **error_responses(404)},
        operation_id="payment_by_token_receipt_pdf",
    )
    def get(self, request, token):
        return _receipt(selectors.payment_by_token(token=token))


class SearchFeePaymentApi(ApiView):
    """Start paying the search fee by card or FPS, without logging in. The answer
    carries the gateway's page to send the payer to and the payment's secret status link."""

    permission_classes = [AllowAny]
    authentication_classes = []
    throttle_scope = "public_payment"

    @extend_schema(
        request=SearchFeeInput,
        responses={201: PaymentStartedSerializer, **error_responses(400, 429)},
        operation_id="search_fee_payment_start",
        description=f"The search fee is HK${PUBLIC_SEARCH_FEE_HKD:,.2f}.",
    )
    def post(self, request):
        data = SearchFeeInput(data=request.data)
        data.is_valid(raise_exception=True)
        payment, redirect_url, token = services.search_fee_start(
            actor=request.user,
            reference=data.validated_data.get("reference", ""),
            language=request.LANGUAGE_CODE,
        )
        status_url = request.build_absolute_uri(f"/api/v1/payments/by-token/{token}/")
        body = {
            "payment": payment,
            "redirect_url": redirect_url,
            "token": token,
            "status_url": status_url,
        }
        return Response(PaymentStartedSerializer(body).data, status=status.HTTP_201_CREATED)


class GatewayEventApi(ApiView):
    """The payment gateway's webhook: an event signed with the shared secret over the raw body
    and a timestamp (header `Gateway-Signature: t=<unix time>,v1=<hex HMAC-SHA256>`). A forged
    signature or a stale timestamp is refused (400); an event seen before changes nothing
    (200, duplicate)."""

    permission_classes = [AllowAny]
    authentication_classes = []
    parser_classes = [RawBodyParser]

    @extend_schema(
        request={"application/json": OpenApiTypes.OBJECT},
        responses={200: EventReceivedSerializer, **error_responses(400)},
        operation_id="payment_gateway_event",
    )
    def post(self, request):
        outcome = services.gateway_event_receive(body=request.body, headers=request.headers)
        return Response({"outcome": outcome})


# --- the registry ---------------------------------------------------------------------------------


class TopUpApi(ApiView):
    """The registry records money received for an organization's deposit account."""

    required_capabilities = {"POST": Capability.RECORD_DEPOSIT_TOP_UPS}

    @extend_schema(
        request=TopUpInput,
        responses={201: TopUpRecordedSerializer, **error_responses(400, 401, 403)},
        operation_id="deposit_account_top_up",
    )
    @idempotent
    def post(self, request):
        data = TopUpInput(data=request.data)
        data.is_valid(raise_exception=True)
        entry = services.deposit_top_up(actor=request.user, **data.validated_data)
        body = {"account": entry.account, "entry": entry}
        return Response(TopUpRecordedSerializer(body).data, status=status.HTTP_201_CREATED)


class RefundApi(ApiView):
    """The registry refunds a paid fee with reasons (e.g. a filing it rejected): to the deposit
    account it came from, or recorded for the gateway's refund. A second refund: 409."""

    required_capabilities = {"POST": Capability.REFUND_PAYMENTS}

    @extend_schema(
        request=RefundInput,
        responses={201: RefundSerializer, **error_responses(400, 401, 403, 404, 409)},
        operation_id="payment_refund",
    )
    @idempotent
    def post(self, request, payment_id):
        data = RefundInput(data=request.data)
        data.is_valid(raise_exception=True)
        refund = services.payment_refund(
            actor=request.user, payment_id=payment_id, reasons=data.validated_data["reasons"]
        )
        return Response(RefundSerializer(refund).data, status=status.HTTP_201_CREATED)
