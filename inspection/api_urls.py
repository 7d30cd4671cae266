"""/api/v1/ operations of the public search and paid inspection (SVC-2, GEN-3)."""

from django.urls import path

from inspection import api

urlpatterns = [
    path(
        "documents/search/",
        api.PublicDocumentSearchApi.as_view(),
        name="api-documents-search",
    ),
    path(
        "documents/<int:document_id>/inspection/",
        api.InspectionStartApi.as_view(),
        name="api-document-inspection",
    ),
    path(
        "documents/inspect/<str:token>/",
        api.InspectionDownloadApi.as_view(),
        name="api-document-inspect",
    ),
    # --- the registry ---
    path(
        "backoffice/cases/<int:case_id>/public-inspection/",
        api.CaseInspectionApi.as_view(),
        name="api-registry-case-inspection",
    ),
]
