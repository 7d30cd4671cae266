"""e-Payments pages, under /payments/."""

from django.urls import path

from payments import views

app_name = "payments"

urlpatterns = [
    path("deposit-account/", views.own_deposit_account, name="own_deposit_account"),
    path("deposit-accounts/<int:account_id>/", views.deposit_account, name="deposit_account"),
    path(
        "deposit-accounts/<int:account_id>/statement.csv",
        views.deposit_statement_csv,
        name="deposit_statement_csv",
    ),
    path("<int:payment_id>/", views.payment, name="payment"),
    path("<int:payment_id>/receipt.pdf", views.payment_receipt_pdf, name="payment_receipt_pdf"),
    # GEN-3: without logging in.
    path("search-fee/", views.search_fee, name="search_fee"),
    path("p/<str:token>/", views.public_payment, name="public_payment"),
    path("p/<str:token>/receipt.pdf", views.public_payment_receipt_pdf, name="public_receipt_pdf"),
]
