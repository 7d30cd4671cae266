"""/api/v1/ operations of e-payments (SVC-4, GEN-3)."""

from django.urls import path

from payments import api

urlpatterns = [
    path("deposit-accounts/", api.DepositAccountListApi.as_view(), name="api-deposit-accounts"),
    path(
        "deposit-accounts/<int:account_id>/statement/",
        api.DepositStatementApi.as_view(),
        name="api-deposit-account-statement",
    ),
    path(
        "deposit-accounts/<int:account_id>/statement.csv",
        api.DepositStatementCsvApi.as_view(),
        name="api-deposit-account-statement-csv",
    ),
    path("payments/<int:payment_id>/", api.PaymentApi.as_view(), name="api-payment"),
    path(
        "payments/<int:payment_id>/receipt.pdf",
        api.PaymentReceiptPdfApi.as_view(),
        name="api-payment-receipt-pdf",
    ),
    path(
        "payments/by-token/<str:token>/",
        api.PublicPaymentApi.as_view(),
        name="api-payment-by-token",
    ),
    path(
        "payments/by-token/<str:token>/receipt.pdf",
        api.PublicPaymentReceiptPdfApi.as_view(),
        name="api-payment-by-token-receipt-pdf",
    ),
    path("payments/search-fee/", api.SearchFeePaymentApi.as_view(), name="api-search-fee"),
    path(
        "payments/gateway/events/",
        api.GatewayEventApi.as_view(),
        name="api-payment-gateway-events",
    ),
    # --- the registry ---
    path(
        "backoffice/deposit-accounts/top-ups/",
        api.TopUpApi.as_view(),
        name="api-deposit-account-top-ups",
    ),
    path(
        "backoffice/payments/<int:payment_id>/refund/",
        api.RefundApi.as_view(),
        name="api-payment-refund",
    ),
]
