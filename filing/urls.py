"""The filer's e-filing pages, under /filings/."""

from django.urls import path

from filing import views

app_name = "filing"

urlpatterns = [
    path("", views.filing_list, name="filing_list"),
    path("new/", views.filing_new, name="filing_new"),
    path("<int:filing_id>/", views.filing_detail, name="filing_detail"),
    path("<int:filing_id>/withdraw/", views.filing_withdraw_view, name="filing_withdraw"),
    path("<int:filing_id>/pay/", views.filing_pay_view, name="filing_pay"),
    path(
        "<int:filing_id>/documents/<int:document_id>/",
        views.filing_document_download,
        name="filing_document",
    ),
]
