"""/api/v1/ operations of a case's documents (SVC-2, SVC-5) and the public DRN check (BEY-3)."""

from django.urls import path

from documents import api

urlpatterns = [
    # --- the parties: a case's file (SVC-2) ---
    path(
        "cases/<int:case_id>/documents/",
        api.CaseDocumentListApi.as_view(),
        name="api-case-documents",
    ),
    path(
        "cases/<int:case_id>/documents/<int:document_id>/download/",
        api.CaseDocumentDownloadApi.as_view(),
        name="api-case-document-download",
    ),
    # --- the registry: issuing (SVC-5) ---
    path(
        "backoffice/cases/<int:case_id>/documents/",
        api.RegistryCaseDocumentsApi.as_view(),
        name="api-registry-case-documents",
    ),
    path(
        "backoffice/cases/<int:case_id>/documents/<int:document_id>/download/",
        api.RegistryCaseDocumentDownloadApi.as_view(),
        name="api-registry-case-document-download",
    ),
    # --- the public check (SVC-5, BEY-3) ---
    path("document-check/", api.DrnCheckApi.as_view(), name="api-document-check"),
    path("document-check/copy/", api.DrnCopyCheckApi.as_view(), name="api-document-copy-check"),
]
