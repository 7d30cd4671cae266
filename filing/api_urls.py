"""/api/v1/ operations of the court policy (BEY-2) and the pre-filing check; the registry's."""

from django.urls import path

from filing import api, staff_api

urlpatterns = [
    # --- public: the policy and the fee calculation; holders: the pre-filing check ---
    path("policy/", api.PolicyApi.as_view(), name="api-court-policy"),
    path("policy/fees/", api.FeeCalculationApi.as_view(), name="api-court-policy-fees"),
    path("filings/check/", api.FilingCheckApi.as_view(), name="api-filings-check"),
    # --- the registry's maintenance ---
    path(
        "backoffice/document-types/",
        staff_api.DocumentTypeListApi.as_view(),
        name="api-staff-document-types",
    ),
    path(
        "backoffice/document-types/<int:document_type_id>/",
        staff_api.DocumentTypeApi.as_view(),
        name="api-staff-document-type",
    ),
    path(
        "backoffice/file-limits/",
        staff_api.FileLimitsListApi.as_view(),
        name="api-staff-file-limits",
    ),
    path(
        "backoffice/file-limits/default/",
        staff_api.DefaultFileLimitsApi.as_view(),
        name="api-staff-file-limits-default",
    ),
    path(
        "backoffice/file-limits/<int:proceeding_type_id>/",
        staff_api.ProceedingFileLimitsApi.as_view(),
        name="api-staff-file-limits-proceeding",
    ),
]
