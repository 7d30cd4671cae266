"""The case documents' pages: the parties' (under /cases/<id>/documents/) and the public check
of a Document Reference Number (under /documents/check/, where the QR code leads)."""

from django.urls import path

from documents import views

app_name = "documents"

urlpatterns = [
    # --- the parties: a case's file (SVC-2, SVC-5) ---
    path("cases/<int:case_id>/documents/", views.case_documents, name="case_documents"),
    path(
        "cases/<int:case_id>/documents/<int:document_id>/",
        views.case_document,
        name="case_document",
    ),
    path(
        "cases/<int:case_id>/documents/<int:document_id>/download/",
        views.document_download,
        name="document_download",
    ),
    # --- the public check (SVC-5, BEY-3) ---
    path("documents/check/", views.drn_check, name="drn_check"),
    path("documents/check/<str:drn>/", views.drn_check_result, name="drn_check_result"),
]
