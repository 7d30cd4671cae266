"""The registry's pages for a case's documents, mounted in the back office (backoffice.urls)."""

from django.urls import path

from documents import staff_views

urlpatterns = [
    # --- issued documents (SVC-5) ---
    path(
        "cases/<int:case_id>/documents/",
        staff_views.case_documents,
        name="registry_case_documents",
    ),
    path(
        "cases/<int:case_id>/documents/new/",
        staff_views.document_issue,
        name="registry_document_issue",
    ),
    path(
        "cases/<int:case_id>/documents/<int:document_id>/download/",
        staff_views.document_download,
        name="registry_document_download",
    ),
]
